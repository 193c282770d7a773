"""Conversations go to SQLite by default and to PostgreSQL when the environment says so;
both really store them (PostgreSQL in a throwaway cluster, the `postgres` fixture), and the
PostgreSQL store carries on after the database restarts."""

import asyncio
import time
import uuid

import pytest
import sqlalchemy
import sqlalchemy.exc
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.tracker_store import CONNECT_TIMEOUT_SECONDS, EnvSQLTrackerStore


@pytest.fixture
def captured(monkeypatch):
    calls = {}

    def record_settings(self, **kwargs):
        calls.update(kwargs)
        self.engine = sqlalchemy.create_engine("sqlite://")  # what the store configures next

    monkeypatch.setattr(SQLTrackerStore, "__init__", record_settings)
    monkeypatch.setattr(EnvSQLTrackerStore, "_use_resilient_engine", lambda self: None)
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
        "dialect": "postgresql",
        "host": "db.clinic.internal",
        "port": "5432",
        "db": "assistant",
        "username": "rasa",
        "password": "secret",
    }


@pytest.fixture
def postgres_database(postgres, monkeypatch):
    """The environment of a new, empty database in the throwaway cluster."""
    database = f"store_{uuid.uuid4().hex[:12]}"
    postgres.create_database(database)
    for key, value in postgres.environment(database).items():
        monkeypatch.setenv(key, value)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_settings(request, monkeypatch, tmp_path):
    """The environment of a fresh, empty store of each kind."""
    if request.param == "sqlite":
        monkeypatch.delenv("TRACKER_DB_DIALECT", raising=False)
        monkeypatch.setenv("TRACKER_DB", str(tmp_path / "conversations.db"))
    else:
        request.getfixturevalue("postgres_database")
    return request.param


def conversation(sender, *turns):
    events = []
    for said, answered in turns:
        events += [ActionExecuted("action_listen"), UserUttered(said), ActionExecuted("utter_x"), BotUttered(answered)]
    return DialogueStateTracker.from_events(sender, events)


def said_and_answered(tracker):
    return [(e.type_name, e.text) for e in tracker.events if isinstance(e, (UserUttered, BotUttered))]


def test_store_really_saves_conversations_apart(store_settings):
    store = EnvSQLTrackerStore(domain=Domain.empty())
    first = conversation("patient-1", ("hello", "Hello!"), ("what is synkinesis", "Synkinesis is ..."))
    second = conversation("patient-2", ("how urgent is it", "When did it begin?"))
    asyncio.run(store.save(first))
    asyncio.run(store.save(second))
    # A new store object, as after a restart of the Rasa server.
    reopened = EnvSQLTrackerStore(domain=Domain.empty())
    assert said_and_answered(asyncio.run(reopened.retrieve("patient-1"))) == said_and_answered(first)
    assert said_and_answered(asyncio.run(reopened.retrieve("patient-2"))) == said_and_answered(second)
    assert sorted(asyncio.run(reopened.keys())) == ["patient-1", "patient-2"]


def test_postgresql_store_carries_on_after_the_database_restarts(postgres_database, postgres):
    store = EnvSQLTrackerStore(domain=Domain.empty())
    before = conversation("patient-1", ("hello", "Hello!"))
    asyncio.run(store.save(before))
    # Restarted between two messages: the pooled connections died with the server.
    postgres.stop()
    postgres.start()
    assert said_and_answered(asyncio.run(store.retrieve("patient-1"))) == said_and_answered(before)
    # A message while it is down fails at once (and gets the kind reply, addons/failure_replies.py).
    postgres.stop()
    try:
        started = time.monotonic()
        with pytest.raises(sqlalchemy.exc.OperationalError):
            asyncio.run(store.retrieve("patient-1"))
        assert time.monotonic() - started < CONNECT_TIMEOUT_SECONDS + 2
    finally:
        postgres.start()
    assert said_and_answered(asyncio.run(store.retrieve("patient-1"))) == said_and_answered(before)
    after = conversation("patient-1", ("hello", "Hello!"), ("thanks", "You're welcome."))
    asyncio.run(store.save(after))
    assert said_and_answered(asyncio.run(store.retrieve("patient-1"))) == said_and_answered(after)
