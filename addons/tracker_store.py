"""SQL tracker store configured from environment variables, so the same endpoints.yml
serves a laptop (SQLite file, the default) and a clinic server (PostgreSQL).

  TRACKER_DB_DIALECT   sqlite (default) or postgresql
  TRACKER_DB           SQLite file (default: .rasa/conversations.db) or database name
  TRACKER_DB_HOST, TRACKER_DB_PORT, TRACKER_DB_USER, TRACKER_DB_PASSWORD
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore

DEFAULT_SQLITE_FILE = Path(".rasa") / "conversations.db"


class EnvSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain=None, event_broker=None, **_ignored: Any) -> None:
        env = os.environ
        dialect = env.get("TRACKER_DB_DIALECT", "sqlite")
        if dialect == "sqlite":
            db = env.get("TRACKER_DB", str(DEFAULT_SQLITE_FILE))
            Path(db).parent.mkdir(parents=True, exist_ok=True)
            super().__init__(domain=domain, dialect="sqlite", db=db, event_broker=event_broker)
            return
        super().__init__(
            domain=domain,
            dialect=dialect,
            host=env.get("TRACKER_DB_HOST", "localhost"),
            port=env.get("TRACKER_DB_PORT"),
            db=env.get("TRACKER_DB", "rasa"),
            username=env.get("TRACKER_DB_USER"),
            password=env.get("TRACKER_DB_PASSWORD"),
            event_broker=event_broker,
        )
