"""The patient's "delete my chat", with each conversation store (`served`): after the
confirmation not a row of the conversation holds anything the patient wrote or answered,
while another patient's conversation stays whole; without it nothing is deleted."""

import uuid

import pytest
import requests
import yaml

from addons.tracker_store import EnvSQLTrackerStore
from ops.settings import PROJECT_ROOT

RESPONSES = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
WORD = "Philomena-Thistlewaite"


def say(assistant, text, sender):
    response = requests.post(
        f"{assistant.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    response.raise_for_status()
    return response.json()


def reply_texts(replies):
    return [reply.get("text") for reply in replies]


@pytest.fixture
def rows(served, monkeypatch):
    """The stored rows (type, data) of a conversation, read as the Rasa server's store reads them."""
    for name, value in served.assistant.env.items():
        if name.startswith("TRACKER_DB"):
            monkeypatch.setenv(name, value)
    store = EnvSQLTrackerStore()

    def of(sender):
        with store.session_scope() as session:
            query = session.query(store.SQLEvent.type_name, store.SQLEvent.data)
            return query.filter(store.SQLEvent.sender_id == sender).order_by(store.SQLEvent.id).all()

    yield of
    store.engine.dispose()


def test_a_confirmed_deletion_leaves_nothing_of_the_conversation_in_the_store(served, rows):
    assistant = served.assistant
    patient, other = uuid.uuid4().hex, uuid.uuid4().hex
    for text in [f"hello, I am {WORD}", "is it too late for me?", "it started 4 months ago"]:
        say(assistant, text, patient)
    say(assistant, f"hello from {WORD}'s neighbour", other)
    assert any(WORD in data for _, data in rows(patient))

    assert reply_texts(say(assistant, "delete my chat", patient)) == [
        RESPONSES["utter_confirm_delete_conversation"][0]["text"]
    ]
    assert any(WORD in data for _, data in rows(patient))  # asking alone deletes nothing
    say(assistant, "/affirm", patient)

    kept = rows(patient)
    assert [type_name for type_name, _ in kept] == ["action", "session_started", "action"]
    assert not any(WORD in data or "4 months" in data for _, data in kept)
    assert any(WORD in data for _, data in rows(other))
