"""Conversations go to SQLite by default and to PostgreSQL when the environment says so."""
import pytest
from rasa.core.tracker_store import SQLTrackerStore

from addons.tracker_store import EnvSQLTrackerStore


@pytest.fixture
def captured(monkeypatch):
    calls = {}
    monkeypatch.setattr(SQLTrackerStore, "__init__", lambda self, **kwargs: calls.update(kwargs))
    return calls


def test_sqlite_file_by_default(captured, monkeypatch, tmp_path):
    monkeypatch.delenv("TRACKER_DB_DIALECT", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "chats" / "c.db"))
    EnvSQLTrackerStore()
    assert captured["dialect"] == "sqlite"
    assert captured["db"] == str(tmp_path / "chats" / "c.db")
    assert (tmp_path / "chats").is_dir()


def test_postgresql_from_environment_variables(captured, monkeypatch):
    monkeypatch.setenv("TRACKER_DB_DIALECT", "postgresql")
    monkeypatch.setenv("TRACKER_DB_HOST", "db.clinic.internal")
    monkeypatch.setenv("TRACKER_DB_PORT", "5432")
    monkeypatch.setenv("TRACKER_DB", "assistant")
    monkeypatch.setenv("TRACKER_DB_USER", "rasa")
    monkeypatch.setenv("TRACKER_DB_PASSWORD", "secret")
    EnvSQLTrackerStore()
    assert {k: captured[k] for k in ("dialect", "host", "port", "db", "username", "password")} == {
        "dialect": "postgresql", "host": "db.clinic.internal", "port": "5432",
        "db": "assistant", "username": "rasa", "password": "secret",
    }


def test_sqlite_store_really_saves_a_conversation(tmp_path, monkeypatch):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    monkeypatch.delenv("TRACKER_DB_DIALECT", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "conversations.db"))
    store = EnvSQLTrackerStore(domain=Domain.empty())
    tracker = DialogueStateTracker.from_events("patient-1", [UserUttered("hello")])
    import asyncio
    asyncio.run(store.save(tracker))
    restored = asyncio.run(store.retrieve("patient-1"))
    assert restored.latest_message.text == "hello"
