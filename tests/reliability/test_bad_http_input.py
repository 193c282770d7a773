"""Bad input at the HTTP level, against the real Rasa server: every malformed request gets a
clear 4xx with an explanation, every odd but well-formed message a kind reply, never a 500
or a crash, and the server keeps answering another patient afterwards (with each
conversation store, `served`). Then one conversation of many messages (MANY_MESSAGES) must
be answered to its last message (SQLite only, to keep the suite's time bounded)."""

import json
import time
import uuid

import pytest
import requests

from addons.rest_channel import MAX_MESSAGE_CHARACTERS, REQUEST_MAX_SIZE
from results import record

TIMEOUT = 60
# Thousands of messages in one conversation, bounded in time: 1,500 button answers, one
# after another, took 162 s on a 2-core machine (about 0.1 s each, the same at the end as at
# the start since the store splits a long conversation into sessions, addons/tracker_store.py).
MANY_MESSAGES = 1500


def webhook(assistant):
    return f"{assistant.rasa_url}/webhooks/rest/webhook"


def post(assistant, body: bytes):
    return requests.post(webhook(assistant), data=body, headers={"Content-Type": "application/json"}, timeout=TIMEOUT)


def as_json(sender=None, **fields):
    return json.dumps({"sender": sender or uuid.uuid4().hex, **fields}).encode()


MALFORMED = {
    "malformed JSON": b'{"sender": "a", "message": "hello"',
    "not JSON at all": b"message=hello&sender=a",
    "an empty body": b"",
    "a JSON list": b'["hello"]',
    "a JSON string": b'"hello"',
    "no message": as_json(),
    "a null message": as_json(message=None),
    "a number as message": as_json(message=42),
    "a list as message": as_json(message=["what is", "synkinesis"]),
    "an object as message": as_json(message={"text": "hello"}),
    "no sender": json.dumps({"message": "hello"}).encode(),
    "a number as sender": json.dumps({"sender": 7, "message": "hello"}).encode(),
    "an empty sender": as_json(sender=" ", message="hello"),
    "a sender of 300 characters": as_json(sender="x" * 300, message="hello"),
    "a sender with a NUL character": as_json(sender="a\u0000b", message="hello"),
    "invalid UTF-8": b'{"sender": "a", "message": "\xff\xfe caf\xe9"}',
}
TOO_LARGE = {"a body over the limit": as_json(message="x" * (REQUEST_MAX_SIZE + 10))}
# Well-formed but odd messages: each gets at least one reply.
ODD_MESSAGES = {
    "an empty message": "",
    "only spaces": "     ",
    "control characters": "what is\u0000 syn\u0007kinesis\u001b[31m?",
    "line breaks and tabs": "what\tis\nsynkinesis?\r\n",
    "only emoji": "\U0001f62d\U0001f62d\U0001f62d",
    "markup": "<script>alert('x')</script><b>hello</b>",
    "a long message": "my face " * 400,
    "a message over the limit (cut)": "facial palsy " * (MAX_MESSAGE_CHARACTERS // 5),
    "a broken button payload": '/faq{"topic": ',
    "a payload for an unknown topic": '/faq{"topic": "no_such_topic"}',
    "an unknown intent payload": "/no_such_intent",
    "a right-to-left and zero-width text": "\u202ewhat is\u200b synkinesis\u2066?",
    "a lone surrogate": "what is \ud800 synkinesis",
}


def assert_server_still_answers(assistant):
    assert assistant.rasa_process.poll() is None, "the Rasa server has stopped"
    replies = requests.post(
        webhook(assistant), json={"sender": uuid.uuid4().hex, "message": "what is synkinesis?"}, timeout=TIMEOUT
    ).json()
    assert "Source:" in " ".join(reply.get("text", "") for reply in replies)


def test_bad_requests_get_a_clear_4xx_or_a_kind_reply(served):
    assistant = served.assistant
    outcomes = {}
    for name, body in {**MALFORMED, **TOO_LARGE}.items():
        response = post(assistant, body)
        outcomes[name] = response.status_code
        expected = 413 if name in TOO_LARGE else 400
        assert response.status_code == expected, (name, response.status_code, response.text[:300])
        if name not in TOO_LARGE:  # Sanic's own 413 page
            assert response.json()["error"], name
    for name, text in ODD_MESSAGES.items():
        response = post(assistant, as_json(message=text))
        outcomes[name] = response.status_code
        assert response.status_code == 200, (name, response.status_code, response.text[:300])
        assert [reply for reply in response.json() if reply.get("text")], name
    assert_server_still_answers(assistant)
    refused = sum(400 <= status < 500 for status in outcomes.values())
    replied = sum(status == 200 for status in outcomes.values())
    record(
        "Bad input at the HTTP level",
        f"{len(MALFORMED)} malformed requests, {len(TOO_LARGE)} too large, {len(ODD_MESSAGES)} odd messages",
        f"a clear 4xx with an explanation ({refused}) or a reply ({replied}); never a 500; "
        "another patient is answered afterwards",
        store=served.store,
        sent=len(outcomes),
        answered=refused + replied,
        lost=len(outcomes) - refused - replied,
    )


@pytest.mark.timeout(420)
def test_a_conversation_of_many_messages_is_answered_to_the_end(assistant):
    sender = f"many-{uuid.uuid4().hex[:8]}"
    answered, lost = 0, 0
    started = time.monotonic()
    with requests.Session() as session:
        for _ in range(MANY_MESSAGES):
            response = session.post(webhook(assistant), json={"sender": sender, "message": "/thank"}, timeout=TIMEOUT)
            if response.status_code == 200 and response.json():
                answered += 1
            else:
                lost += 1
    seconds = time.monotonic() - started
    assert_server_still_answers(assistant)
    tracker = requests.get(
        f"{assistant.rasa_url}/conversations/{sender}/tracker", params={"token": assistant.token}, timeout=TIMEOUT
    ).json()
    stored = sum(event["event"] == "user" for event in tracker["events"])
    record(
        "One conversation of many messages",
        f"{MANY_MESSAGES} messages (the thank-you button) in one conversation, one after another",
        f"each answered, all stored in the tracker ({stored}); took {seconds:.0f} s",
        store="sqlite",
        sent=MANY_MESSAGES,
        answered=answered,
        lost=lost,
    )
    assert lost == 0
    assert stored == MANY_MESSAGES
