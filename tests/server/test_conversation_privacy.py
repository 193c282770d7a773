"""The conversation store keeps health data private: owner-only files, the patient's own
request deletes the whole conversation (and a later save does not bring it back), and the
retention command deletes exactly the conversations older than the retention period."""

import asyncio
import stat
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from addons.tracker_store import (
    ERASURE_ACTION,
    MAX_SESSION_EVENTS,
    EnvSQLTrackerStore,
    events_kept_after_erasure,
)
from ops import forget_old_conversations as forget
from ops.settings import PROJECT_ROOT

SECRET = "zebrafinch-marmalade"


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "store" / "conversations.db"
    monkeypatch.delenv("TRACKER_DB_DIALECT", raising=False)
    monkeypatch.setenv("TRACKER_DB", str(path))
    return path


@pytest.fixture
def sqlite_store(db):
    return EnvSQLTrackerStore(domain=Domain.empty())


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, db, monkeypatch):
    """The store as the Rasa server configures it: the SQLite file, or a database of its
    own in the session's throwaway PostgreSQL cluster (tests/conftest.py)."""
    if request.param == "postgresql":
        cluster = request.getfixturevalue("postgres")
        database = f"privacy_{uuid.uuid4().hex[:12]}"
        cluster.create_database(database)
        for name, value in cluster.environment(database).items():
            monkeypatch.setenv(name, value)
    return EnvSQLTrackerStore(domain=Domain.empty())


def save(store, sender, events):
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def chat(text, timestamp=None):
    return [
        ActionExecuted("action_listen", timestamp=timestamp),
        UserUttered(text, {"name": "faq"}, timestamp=timestamp),
        ActionExecuted("utter_greet", timestamp=timestamp),
        BotUttered("an answer", timestamp=timestamp),
    ]


def confirmed_erasure():
    return [
        ActionExecuted("action_listen"),
        UserUttered("yes", {"name": "affirm"}),
        ActionExecuted(ERASURE_ACTION),
        BotUttered("Done: this conversation is deleted."),
        ActionExecuted("action_restart"),
        Restarted(),
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
    ]


def stored_rows(store, sender):
    events = store.SQLEvent
    with store.session_scope() as session:
        return session.query(events.type_name, events.data).filter(events.sender_id == sender).order_by(events.id).all()


def test_the_sqlite_file_and_its_folder_are_for_the_owner_only(sqlite_store, db):
    save(sqlite_store, "patient", chat(SECRET))
    assert mode(db) == 0o600
    assert mode(db.parent) == 0o700
    assert not [f for f in db.parent.iterdir() if mode(f) & 0o077]


def test_an_existing_readable_file_is_tightened(db):
    db.parent.mkdir()
    db.touch(mode=0o644)
    db.chmod(0o644)
    EnvSQLTrackerStore(domain=Domain.empty())
    assert mode(db) == 0o600


def test_confirmed_erasure_deletes_every_stored_event_of_the_conversation(store, db):
    save(store, "patient", chat(SECRET) + [SlotSet("injury_date", "2026-01-02")])
    save(store, "someone-else", chat("my own question"))
    for other in range(20):
        save(store, f"another-{other}", chat("another question " * 20))
    tracker = asyncio.run(store.retrieve("patient"))
    tracker.update_with_events(confirmed_erasure(), Domain.empty())
    asyncio.run(store.save(tracker))

    kept = stored_rows(store, "patient")
    assert [type_name for type_name, _ in kept] == ["action", "session_started", "action"]
    assert not any(SECRET in data or "2026-01-02" in data or "yes" in data for _, data in kept)
    restored = asyncio.run(store.retrieve("patient"))
    assert restored.latest_message.text is None
    assert restored.get_slot("injury_date") is None
    # Other patients' conversations stay.
    assert asyncio.run(store.retrieve("someone-else")).latest_message.text == "my own question"
    if store.engine.dialect.name == "sqlite":
        # Deleted rows are overwritten, not left readable in the file or its write-ahead log.
        for file in [db, *db.parent.glob(db.name + "-*")]:
            assert SECRET.encode() not in file.read_bytes(), file.name

    # Saving the same tracker again (Rasa saves after every message) does not bring it back.
    asyncio.run(store.save(tracker))
    assert len(stored_rows(store, "patient")) == 3


def test_without_the_confirmation_nothing_is_deleted(store, db):
    save(store, "patient", chat(SECRET))
    tracker = asyncio.run(store.retrieve("patient"))
    tracker.update_with_events(chat("no, keep it"), Domain.empty())
    asyncio.run(store.save(tracker))
    texts = [data for _, data in stored_rows(store, "patient")]
    assert any(SECRET in data for data in texts) and any("no, keep it" in data for data in texts)


def test_the_events_kept_after_an_erasure():
    assert events_kept_after_erasure(chat(SECRET)) is None
    kept = events_kept_after_erasure(chat(SECRET) + confirmed_erasure())
    assert [type(e) for e in kept] == [ActionExecuted, SessionStarted, ActionExecuted]
    # Without a restart after it (the rule did not run to its end), nothing is kept.
    assert events_kept_after_erasure(chat(SECRET) + [ActionExecuted(ERASURE_ACTION)]) == []


def test_retention_deletes_only_conversations_older_than_the_period(store, db):
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)

    def days_ago(days):
        return (now - timedelta(days=days)).timestamp()

    save(store, "old", chat("an old question", days_ago(120)) + chat("and another", days_ago(91)))
    save(store, "recent", chat("a recent question", days_ago(10)))
    save(store, "came-back", chat("long ago", days_ago(200)) + chat("back again", days_ago(89)))

    assert forget.forget_old_conversations(90, now=now) == 1
    assert stored_rows(store, "old") == []
    assert len(stored_rows(store, "recent")) == 4
    assert len(stored_rows(store, "came-back")) == 8  # its last message is within the period

    # A day later, with a shorter period given on the command line.
    assert forget.main(["--days", "30", "--now", (now + timedelta(days=1)).isoformat()]) == 0
    assert stored_rows(store, "came-back") == [] and len(stored_rows(store, "recent")) == 4


def test_the_retention_period_is_the_clinics_setting(tmp_path):
    assert forget.retention_days() == 90
    bad = tmp_path / "privacy.yml"
    for value in ("0", "ninety", "-5", "true"):
        bad.write_text(f"retention_days: {value}\n")
        with pytest.raises(ValueError):
            forget.retention_days(bad)


def test_the_api_token_file_is_created_for_the_owner_only(tmp_path, monkeypatch):
    from ops import settings

    monkeypatch.delenv("RASA_AUTH_TOKEN", raising=False)
    monkeypatch.setattr(settings, "TOKEN_FILE", tmp_path / ".rasa" / "api_token")
    token = settings.api_token()
    assert token and mode(settings.TOKEN_FILE) == 0o600
    assert settings.api_token() == token
    settings.TOKEN_FILE.chmod(0o644)  # left by an older version
    assert settings.api_token() == token and mode(settings.TOKEN_FILE) == 0o600


def test_a_very_long_session_is_split_keeping_the_slots_and_the_form(store):
    domain = Domain.load(PROJECT_ROOT / "domain.yml")
    store.domain = domain
    turns = MAX_SESSION_EVENTS // 4 + 1
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    events += [
        SlotSet("injury_date", "2026-01-02"),
        ActiveLoop("urgency_form"),
        SlotSet("requested_slot", "nerve_status"),
    ]
    events += [event for turn in range(turns) for event in chat(f"message {turn}")] + [ActionExecuted("action_listen")]
    asyncio.run(store.save(DialogueStateTracker.from_events("long", events, domain.slots)))

    tracker = asyncio.run(store.retrieve("long"))
    assert isinstance(tracker.events[-1], ActionExecuted)
    assert tracker.applied_events()[0] == SlotSet("injury_date", "2026-01-02")
    assert tracker.get_slot("requested_slot") == "nerve_status" and tracker.active_loop_name == "urgency_form"
    tracker.update_with_events(chat("one more"), domain)
    asyncio.run(store.save(tracker))

    # The next message reads only the new session, with the state carried over ...
    shorter = asyncio.run(store.retrieve("long"))
    assert len(shorter.events) < 20 and shorter.latest_message.text == "one more"
    assert shorter.get_slot("injury_date") == "2026-01-02" and shorter.active_loop_name == "urgency_form"
    # ... and nothing is lost from the store.
    full = asyncio.run(store.retrieve_full_tracker("long"))
    assert sum(isinstance(e, UserUttered) for e in full.events) == turns + 1


def test_a_short_session_is_left_as_it_is(store):
    save(store, "short", chat("hello") + [ActionExecuted("action_listen")])
    assert len(asyncio.run(store.retrieve("short")).events) == 5
