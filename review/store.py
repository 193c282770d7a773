"""Reads every stored conversation through Rasa's tracker store API, from the store the
Rasa server is configured with (addons/tracker_store.py: SQLite by default, PostgreSQL with
TRACKER_DB_DIALECT=postgresql and the other TRACKER_DB_* settings)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event

from addons.tracker_store import EnvSQLTrackerStore
from ops.settings import PROJECT_ROOT, ConversationStore

DOMAIN_FILE = PROJECT_ROOT / "domain.yml"


def sqlite_file_missing() -> bool:
    """An SQLite store that was never written: nothing to read (and nothing to create)."""
    store = ConversationStore.from_environment()
    return store.dialect == "sqlite" and not Path(store.db).exists()


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
    return ConversationStore.from_environment().description()
