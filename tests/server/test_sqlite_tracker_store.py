"""The SQLite conversation store keeps its connection and writes through a write-ahead log,
so a message does not wait for the disk (docs/performance.md), and still keeps every
conversation."""

import asyncio

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from addons.tracker_store import EnvSQLTrackerStore
from ops.settings import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.fixture
def store(monkeypatch, tmp_path):
    monkeypatch.delenv("TRACKER_DB_DIALECT", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "conversations.db"))
    return EnvSQLTrackerStore(DOMAIN)


def talk(store, sender, messages):
    async def conversation():
        for number in range(messages):
            tracker = await store.get_or_create_tracker(sender)
            tracker.update(UserUttered(f"question {number}", {"name": "faq", "confidence": 1.0}))
            tracker.update(ActionExecuted("utter_faq"))
            tracker.update(BotUttered(f"answer {number}"))
            await store.save(tracker)

    asyncio.run(conversation())


def test_one_connection_serves_a_whole_conversation(store):
    connections = []
    sa.event.listen(store.engine, "connect", lambda connection, _: connections.append(connection))
    talk(store, "patient-a", messages=6)
    assert len(connections) == 1


def test_the_file_uses_a_write_ahead_log_synced_at_checkpoints(store, tmp_path):
    talk(store, "patient-a", messages=1)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
    assert (tmp_path / "conversations.db-wal").exists()


def test_a_new_store_on_the_same_file_reads_every_message(store, monkeypatch, tmp_path):
    talk(store, "patient-a", messages=4)
    talk(store, "patient-b", messages=2)
    reopened = EnvSQLTrackerStore(DOMAIN)  # as after a restart, while the first is still open

    async def user_texts(sender):
        tracker = await reopened.retrieve(sender)
        return [event.text for event in tracker.events if isinstance(event, UserUttered)]

    assert asyncio.run(user_texts("patient-a")) == [f"question {n}" for n in range(4)]
    assert asyncio.run(user_texts("patient-b")) == [f"question {n}" for n in range(2)]
