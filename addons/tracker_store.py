"""SQL tracker store configured from environment variables (read by ops/settings.py), so
the same endpoints.yml serves a laptop (SQLite file, the default) and a clinic server
(PostgreSQL).

  TRACKER_DB_DIALECT   sqlite (default) or postgresql
  TRACKER_DB           SQLite file (default: .rasa/conversations.db) or database name
  TRACKER_DB_HOST, TRACKER_DB_PORT, TRACKER_DB_USER, TRACKER_DB_PASSWORD

Conversations are health data. The SQLite file is readable by its owner only (SQLite gives
its -journal and -wal files the same mode) and deleted rows are overwritten. Two ways out
of the store:
- the patient's own request: when the patient confirms, the assistant says so with
  utter_conversation_deleted (data/rules/privacy.yml) and the saved tracker holds that
  action; `save` then deletes every stored event of the conversation instead of adding
  to it. Deleting from the action server would not do: the Rasa server saves the tracker
  after every message and re-inserts the events it believes are missing.
- retention: `delete_inactive_since` deletes the conversations whose last event is older
  than a moment (ops/forget_old_conversations.py, clinic/privacy.yml).

A very long conversation is split into sessions: the Rasa server reads and replays the
whole current session for every message, so each message of a session of thousands of
messages would cost more than the one before (one such conversation slows every patient
down). When a session has grown past MAX_SESSION_EVENTS, `retrieve` starts a new one, as
Rasa does after an hour without messages, keeping the slots and the active form.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, Restarted, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from ops.settings import ConversationStore

# PostgreSQL: a connection attempt gives up after this long instead of holding up the
# server; each pooled connection is checked before use (pool_pre_ping), so after the
# database restarts the next message gets a fresh connection instead of an error.
CONNECT_TIMEOUT_SECONDS = 5
# The response that tells the patient the conversation is deleted (data/rules/privacy.yml).
ERASURE_ACTION = "utter_conversation_deleted"
# About 100 messages answered by a button, 50 to 80 typed ones (a whole assessment is ~10).
MAX_SESSION_EVENTS = 500
logger = logging.getLogger(__name__)


def private_sqlite_file(db: str) -> None:
    """Create the SQLite file (and its folder) for the owner only, or tighten an older one;
    SQLite creates its -journal and -wal files with the database file's mode."""
    path = Path(db)
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    for file in [path] + [Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm")]:
        if file.exists():
            file.chmod(0o600)


def sqlite_settings(connection) -> None:
    # Deleted conversations are overwritten in the file, not left in free pages.
    connection.execute("PRAGMA secure_delete = ON")
    # Write-ahead log, synced at checkpoints rather than at every commit: a commit per
    # message no longer waits for the disk (it blocked the server for all patients), and
    # readers do not block the writer (several workers). A crash of the server loses
    # nothing that was committed; only a power cut can lose the last commits.
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")


def new_session_events(tracker: DialogueStateTracker) -> list[Event]:
    """The events ActionSessionStart adds, with the slots and the active form carried over."""
    slots = [SlotSet(name, slot.value) for name, slot in tracker.slots.items() if slot.value != slot.initial_value]
    loop = [ActiveLoop(tracker.active_loop_name)] if tracker.active_loop_name else []
    return [
        ActionExecuted(ACTION_SESSION_START_NAME),
        SessionStarted(),
        *slots,
        *loop,
        ActionExecuted(ACTION_LISTEN_NAME),
    ]


def events_kept_after_erasure(events: Iterable[Event]) -> list[Event] | None:
    """None when the patient did not confirm erasure; otherwise the events to keep: those
    after the restart that follows the latest utter_conversation_deleted (a new session,
    nothing the patient said)."""
    events = list(events)
    marks = [i for i, e in enumerate(events) if isinstance(e, ActionExecuted) and e.action_name == ERASURE_ACTION]
    if not marks:
        return None
    after = events[marks[-1] + 1 :]
    restarts = [i for i, e in enumerate(after) if isinstance(e, Restarted)]
    return after[restarts[0] + 1 :] if restarts else []


class EnvSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain=None, event_broker=None, **_ignored: Any) -> None:
        store = ConversationStore.from_environment()
        if store.dialect == "sqlite":
            private_sqlite_file(store.db)
            super().__init__(domain=domain, dialect="sqlite", db=store.db, event_broker=event_broker)
            # SQLAlchemy gives a file database no pool: every retrieve and save opened a new
            # connection, and closing the last one checkpointed the log to disk. Kept open,
            # a message costs a few ms instead of about 20 (tools/benchmark_tracker_store.py).
            self._replace_engine(poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", lambda connection, _: sqlite_settings(connection))
            return
        super().__init__(
            domain=domain,
            dialect=store.dialect,
            host=store.host,
            port=store.port,
            db=store.db,
            username=store.user,
            password=store.password,
            event_broker=event_broker,
        )
        self._use_resilient_engine()

    def _use_resilient_engine(self) -> None:
        """Rasa's engine, with connections checked before use and a connect timeout."""
        kwargs = create_engine_kwargs(self.engine.url)
        kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "connect_timeout": CONNECT_TIMEOUT_SECONDS}
        self._replace_engine(pool_pre_ping=True, **kwargs)

    def _replace_engine(self, **engine_settings: Any) -> None:
        """Rasa's engine for the same database URL, created again with these settings."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, **engine_settings)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        tracker = await super().retrieve(sender_id)
        if (
            tracker is not None
            and len(tracker.events) > MAX_SESSION_EVENTS
            and tracker.latest_action_name == ACTION_LISTEN_NAME
        ):
            # Saved with the next message, like any session start.
            tracker.update_with_events(new_session_events(tracker), self.domain)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        kept = events_kept_after_erasure(tracker.events)
        if kept is None:
            await super().save(tracker)
            return
        # One transaction: the conversation is either still all there or gone.
        with self.session_scope() as session:
            erased = self._events_of(session, [tracker.sender_id]).delete(synchronize_session=False)
            for event in kept:
                session.add(self._row(tracker.sender_id, event))
            session.commit()
        self._flush_deleted_pages()
        # The decision only, no conversation ID and no text.
        logger.info("conversation deleted at the patient's request (%d events)", erased)

    def delete_inactive_since(self, cutoff: float) -> int:
        """Delete every conversation whose last event is older than `cutoff` (Unix time);
        returns how many conversations were deleted."""
        last_event = sa.func.max(self.SQLEvent.timestamp)
        with self.session_scope() as session:
            senders = [
                sender
                for (sender,) in session.query(self.SQLEvent.sender_id)
                .group_by(self.SQLEvent.sender_id)
                .having(last_event < cutoff)
            ]
            for start in range(0, len(senders), 500):
                self._events_of(session, senders[start : start + 500]).delete(synchronize_session=False)
            session.commit()
        self._flush_deleted_pages()
        return len(senders)

    def _flush_deleted_pages(self) -> None:
        """SQLite's write-ahead log still holds the pages as they were before a deletion:
        write them back (overwritten, secure_delete) and empty the log file."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def _events_of(self, session, senders: list[str]):
        return session.query(self.SQLEvent).filter(self.SQLEvent.sender_id.in_(senders))

    def _row(self, sender_id: str, event: Event) -> SQLTrackerStore.SQLEvent:
        """The row SQLTrackerStore.save writes for an event."""
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get("name"),
            action_name=data.get("name"),
            data=json.dumps(data),
        )
