"""End to end with the action server stopped: the emergency replies are domain responses sent
by rules (data/rules/safety.yml), so the Rasa server alone still answers stroke signs and a
new weakness after an operation.

Stops the action server of the shared `assistant` (tests/conftest.py) for this module and
starts it again afterwards, so the other tests find it running."""

import uuid

import pytest
import requests
import yaml

from ops.launcher import start_process, stop_process
from ops.settings import PROJECT_ROOT
from rest_chat import say

DOMAIN_RESPONSES = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def response_text(name):
    (response,) = DOMAIN_RESPONSES[name]
    return response["text"]


@pytest.fixture(scope="module")
def assistant_without_actions(assistant):
    stop_process(assistant, "actions")
    try:
        yield assistant
    finally:
        start_process(assistant, "actions")


def reply_texts(replies):
    return [reply.get("text") for reply in replies]


def test_the_action_server_is_really_down(assistant_without_actions):
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://localhost:{assistant_without_actions.ports.actions}/health", timeout=5)


def test_stroke_signs_still_get_the_emergency_reply(assistant_without_actions):
    replies = say(assistant_without_actions, "my dad's face suddenly drooped and he can't lift his arm")
    assert reply_texts(replies) == [response_text("utter_emergency")]


def test_stroke_signs_after_a_greeting_still_get_the_emergency_reply(assistant_without_actions):
    sender = uuid.uuid4().hex
    say(assistant_without_actions, "hello", sender)
    replies = say(assistant_without_actions, "my mum's face dropped an hour ago and her speech is slurred", sender)
    assert reply_texts(replies) == [response_text("utter_emergency")]


def test_a_new_weakness_after_an_operation_still_goes_to_the_surgical_team(assistant_without_actions):
    replies = say(assistant_without_actions, "since my parotid surgery yesterday my face won't move")
    assert reply_texts(replies) == [response_text("utter_new_weakness_after_operation")]
