"""Privacy of health data, end to end with the real servers: a patient can have the
conversation deleted (asked to confirm first; "no" keeps it; stroke signs still get the
emergency reply), the files a real run writes are readable by the owner only, and no
patient text and no API token reach any log at the default log level."""

import stat
import uuid
from pathlib import Path

import pytest
import requests
import yaml

from ops.settings import PROJECT_ROOT
from rest_chat import TIMEOUT, say

RESPONSES = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def response_text(name):
    return RESPONSES[name][0]["text"]


CONFIRM = response_text("utter_confirm_delete_conversation")
DELETED = response_text("utter_conversation_deleted")
KEPT = response_text("utter_conversation_kept")


def reply_texts(replies):
    return [reply.get("text") for reply in replies]


def tracker(assistant, sender):
    response = requests.get(
        f"{assistant.rasa_url}/conversations/{sender}/tracker",
        params={"token": assistant.token},
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    return response.json()


def user_texts(sender_tracker):
    return [event["text"] for event in sender_tracker["events"] if event["event"] == "user"]


def store_file(assistant) -> Path:
    return Path(assistant.env["TRACKER_DB"])


def test_the_deletion_question_says_what_is_deleted_and_offers_yes_and_no():
    assert "delete this whole conversation" in CONFIRM
    assert "Everything you have written" in CONFIRM and "cannot be undone" in CONFIRM
    (confirm,) = RESPONSES["utter_confirm_delete_conversation"]
    assert [button["payload"] for button in confirm["buttons"]] == ["/affirm", "/deny"]


def test_a_confirmed_request_deletes_the_conversation_from_the_store(assistant):
    sender = uuid.uuid4().hex
    say(assistant, "hello, my daughter Wilhelmina-Quartz has a question", sender)
    say(assistant, "is it too late for me?", sender)
    assert response_text("utter_ask_urgency_form_nerve_status") in reply_texts(
        say(assistant, "it started 5 months ago", sender)
    )
    assert reply_texts(say(assistant, "please delete my chat", sender)) == [CONFIRM]
    assert reply_texts(say(assistant, "/affirm", sender)) == [DELETED]

    after = tracker(assistant, sender)
    assert user_texts(after) == []
    assert after["slots"]["injury_date"] is None and after["active_loop"] == {}
    store = store_file(assistant)
    for file in [store, *store.parent.glob(store.name + "-*")]:  # the database and its log
        assert b"Wilhelmina-Quartz" not in file.read_bytes(), file.name
    # The conversation goes on from nothing.
    replies = say(assistant, "what is synkinesis?", sender)
    assert "Source:" in " ".join(reply_texts(replies))
    assert user_texts(tracker(assistant, sender)) == ["what is synkinesis?"]


@pytest.mark.parametrize(
    "request_text",
    [
        "delete my chat",
        "can you erase this conversation please",
        "I want my data deleted",
        "please remove everything I wrote here",
    ],
)
def test_ways_of_asking_get_the_question_and_a_typed_yes_deletes(assistant, request_text):
    sender = uuid.uuid4().hex
    say(assistant, "what is a nerve transfer?", sender)
    assert reply_texts(say(assistant, request_text, sender)) == [CONFIRM]
    assert reply_texts(say(assistant, "yes please", sender)) == [DELETED]
    assert user_texts(tracker(assistant, sender)) == []


def test_no_keeps_everything_and_the_urgency_questions_can_go_on(assistant):
    sender = uuid.uuid4().hex
    say(assistant, "is it too late for me?", sender)
    say(assistant, "the operation was 8 months ago", sender)
    # A yes or no to the deletion question is not taken as an answer to "was the nerve cut?".
    assert reply_texts(say(assistant, "delete this conversation", sender)) == [CONFIRM]
    assert reply_texts(say(assistant, "no", sender)) == [KEPT]
    kept = tracker(assistant, sender)
    assert user_texts(kept) == [
        "is it too late for me?",
        "the operation was 8 months ago",
        "delete this conversation",
        "no",
    ]
    assert kept["slots"]["injury_date"] == "2026-03-22" and kept["slots"]["nerve_status"] is None
    replies = say(assistant, "is it too late for me?", sender)
    assert reply_texts(replies)[-1] == response_text("utter_ask_urgency_form_nerve_status")


def test_stroke_signs_while_asked_to_confirm_get_the_emergency_reply(assistant):
    sender = uuid.uuid4().hex
    assert reply_texts(say(assistant, "delete my chat", sender)) == [CONFIRM]
    replies = say(assistant, "wait, my face suddenly drooped and I can't lift my arm", sender)
    assert reply_texts(replies)[0] == response_text("utter_emergency")
    assert len(user_texts(tracker(assistant, sender))) == 2  # nothing was deleted


def test_files_of_a_real_run_are_for_the_owner_only(assistant):
    say(assistant, "hello", uuid.uuid4().hex)
    store = store_file(assistant)
    written = [store, *store.parent.glob(store.name + "-*"), *assistant.log_dir.rglob("*")]
    assert store.exists() and (assistant.log_dir / "rasa.log").exists()
    readable_by_others = [
        f"{path} {stat.filemode(path.stat().st_mode)}"
        for path in written
        if path.exists() and path.stat().st_mode & 0o077
    ]
    assert readable_by_others == []
    assert stat.S_IMODE(assistant.log_dir.stat().st_mode) == 0o700


def test_the_token_is_on_no_command_line_and_still_required(assistant):
    """Every user of the machine can read a process's command line (`ps`); the Rasa server
    gets the token through its environment, and still refuses the API without it."""
    for process in assistant.processes:
        assert assistant.token not in Path(f"/proc/{process.pid}/cmdline").read_text(errors="replace")
    url = f"{assistant.rasa_url}/conversations/{uuid.uuid4().hex}/tracker"
    assert requests.get(url, timeout=TIMEOUT).status_code == 401
    assert requests.get(url, params={"token": "not-" + assistant.token}, timeout=TIMEOUT).status_code == 401
    assert requests.get(url, params={"token": assistant.token}, timeout=TIMEOUT).status_code == 200


def test_no_patient_text_and_no_token_in_any_log(assistant):
    words = ["Ottoline-Marchbanks", "xylophone-kumquat", "Grimsditch-Pennywhistle"]
    sender = uuid.uuid4().hex
    conversation = [
        f"hello, I am {words[0]}",
        "is it too late for me?",
        f"my neighbour {words[1]} says it started 7 months ago",
        "/deny",
        f"no idea, ask {words[2]}",
        "/affirm",
        "/affirm",
        f"what is synkinesis? {words[0]}",
        f"I don't understand {words[1]} {words[2]}",
        "delete my chat",
        "no",
    ]
    for text in conversation:
        say(assistant, text, sender)
    assert words[0] in " ".join(user_texts(tracker(assistant, sender)))  # the GET carries the token
    logs = [path for path in assistant.log_dir.rglob("*") if path.is_file()]
    assert {"rasa.log", "actions.log", "web.log"} <= {path.name for path in logs}
    leaks = [
        f"{path.name}: {secret!r}"
        for path in logs
        for secret in [*words, assistant.token]
        if secret in path.read_text(errors="replace")
    ]
    assert leaks == []
    # What was decided is there for whoever runs the service, without the words.
    # An earlier test may have restarted the session's action server (its log: actions-2.log).
    actions_log = "\n".join(log.read_text(errors="replace") for log in assistant.log_dir.glob("actions*.log"))
    assert "answered topic synkinesis" in actions_log and "urgency advice given: closing" in actions_log
