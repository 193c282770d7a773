"""Reads every stored conversation through Rasa's tracker store API, from the store the
Rasa server is configured with (addons/tracker_store.py: SQLite by default, PostgreSQL with
TRACKER_DB_DIALECT=postgresql and the other TRACKER_DB_* settings)."""
from __future__ import annotations

import asyncio
import os
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event

from addons.tracker_store import DEFAULT_SQLITE_FILE, EnvSQLTrackerStore
from bot.launcher import PROJECT_ROOT

DOMAIN_FILE = PROJECT_ROOT / "domain.yml"


def sqlite_file_missing() -> bool:
    """An SQLite store that was never written: nothing to read (and nothing to create)."""
    if os.environ.get("TRACKER_DB_DIALECT", "sqlite") != "sqlite":
        return False
    return not Path(os.environ.get("TRACKER_DB", str(DEFAULT_SQLITE_FILE))).exists()


def stored_conversations() -> list[list[Event]]:
    """The events of each stored conversation, all its sessions, in stored order."""
    if sqlite_file_missing():
        return []
    # The domain gives the trackers their slots (Rasa replays the events into them).
    store = EnvSQLTrackerStore(domain=Domain.load(DOMAIN_FILE))
    try:
        return asyncio.run(_read_all(store))
    finally:
        store.engine.dispose()


async def _read_all(store: EnvSQLTrackerStore) -> list[list[Event]]:
    conversations = []
    for sender_id in await store.keys():
        tracker = await store.retrieve_full_tracker(sender_id)
        if tracker is not None:
            conversations.append(list(tracker.events))
    return conversations


def store_description() -> str:
    """Which store the report reads, for its reader (no password)."""
    env = os.environ
    if env.get("TRACKER_DB_DIALECT", "sqlite") == "sqlite":
        return f"SQLite conversation store {env.get('TRACKER_DB', str(DEFAULT_SQLITE_FILE))}"
    return (f"PostgreSQL conversation store, database {env.get('TRACKER_DB', 'rasa')} "
            f"on {env.get('TRACKER_DB_HOST', 'localhost')}")
