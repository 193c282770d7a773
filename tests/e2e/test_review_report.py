"""The review report on a store that the real servers filled: patients chat over the REST
webhook (a topic question, a topic button, messages the assistant cannot answer, the urgency
questions, stroke signs), then ``python -m review` (review/__main__.py)` reads the store the Rasa server
wrote and the page shows exactly those conversations."""

import os
import stat
import subprocess
import sys
import uuid

import pytest
import requests

from bot.topics import topic_button_payload, topics
from ops.settings import PROJECT_ROOT
from report_page import cards, tables
from rest_chat import TIMEOUT, say, texts
from review.figures import EMERGENCY_REPLIES

# No letters at all: the assistant asks to rephrase whatever the model says (addons/unclear_message.py).
UNCLEAR = "??? :-( ???"
OTHER_LANGUAGE = "Mein Vater kann nach der Operation nicht mehr lächeln"
OUT_OF_SCOPE = "can you recommend a good pizza place nearby?"


@pytest.fixture(scope="module")
def own_store_assistant(start_assistant, tmp_path_factory):
    """An assistant whose store holds only this module's conversations."""
    store = tmp_path_factory.mktemp("review-store") / "conversations.db"
    with start_assistant(extra_env={"TRACKER_DB": str(store)}) as assistant:
        yield assistant


def understood_as(assistant, sender):
    """The intent the Rasa server gave each of the patient's messages."""
    tracker = requests.get(
        f"{assistant.rasa_url}/conversations/{sender}/tracker", params={"token": assistant.token}, timeout=TIMEOUT
    ).json()
    return [event["parse_data"]["intent"]["name"] for event in tracker["events"] if event["event"] == "user"]


def chat(assistant, *messages):
    sender = uuid.uuid4().hex
    return sender, [say(assistant, message, sender) for message in messages]


@pytest.fixture(scope="module")
def report(own_store_assistant, tmp_path_factory):
    """Four conversations through the real server, then the report on its store."""
    assistant = own_store_assistant
    senders = []
    sender, replies = chat(
        assistant, "hello", "what should I bring to my consultation?", topic_button_payload("hospital_stay")
    )
    assert texts(replies[1]).count("Source:") == 1 and texts(replies[2]).count("Source:") == 1
    senders.append(sender)
    sender, replies = chat(assistant, UNCLEAR, OTHER_LANGUAGE, OUT_OF_SCOPE)
    assert understood_as(assistant, sender) == ["nlu_fallback", "other_language", "out_of_scope"]
    senders.append(sender)
    sender, replies = chat(
        assistant, "my face has been paralysed since my operation 8 months ago", "/deny", "/affirm", "/deny"
    )
    assert "past the 6 months" in texts(replies[-1])
    senders.append(sender)
    sender, replies = chat(assistant, "my dad's face suddenly dropped and he can't lift his arm")
    assert "emergency number" in texts(replies[0])
    senders.append(sender)

    output = tmp_path_factory.mktemp("report") / "review.html"
    env = {**os.environ, "TRACKER_DB": assistant.env["TRACKER_DB"], "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
    env.pop("TRACKER_DB_DIALECT", None)
    result = subprocess.run(
        [sys.executable, "-m", "review", "--days", "2", "--output", str(output)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return output, result.stdout, senders


def test_the_command_says_what_it_wrote_and_the_file_is_for_the_owner_only(report):
    output, stdout, _ = report
    assert stdout.startswith("4 conversation(s), 11 patient message(s), 3 not answered")
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


def test_the_figures_are_those_of_the_conversations(report):
    page = report[0].read_text(encoding="utf-8")
    assert cards(page) == {
        "conversations": "4",
        "messages": "11",
        "questions": "2",
        "unanswered": "3",
        "ratings": "0 / 0",
        "emergencies": "1",
    }
    shown = tables(page)
    assert sum(int(messages) for _, _, messages in shown["per-day"]) == 11  # one day, or two around midnight
    assert sorted(shown["questions"]) == sorted(
        [[topics()["consultation_checklist"].title, "1"], [topics()["hospital_stay"].title, "1"]]
    )
    assert shown["urgency"] == [["early", "0"], ["closing", "1"], ["late", "0"]]
    assert shown["emergencies"] == [
        [EMERGENCY_REPLIES["utter_emergency"], "1"],
        [EMERGENCY_REPLIES["utter_new_weakness_after_operation"], "0"],
    ]
    assert "No answer was rated in this period." in page


def test_the_messages_not_answered_are_listed_in_the_patients_words(report):
    page = report[0].read_text(encoding="utf-8")
    assert [row[1:] for row in tables(page)["unanswered"]] == [
        ["1", "unclear", UNCLEAR],
        ["1", "other language", OTHER_LANGUAGE],
        ["1", "out of scope", OUT_OF_SCOPE],
    ]


def test_no_conversation_id_is_shown(report):
    output, _, senders = report
    page = output.read_text(encoding="utf-8")
    assert not any(sender in page for sender in senders)
