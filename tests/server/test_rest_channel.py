"""The REST channel's request check (addons/rest_channel.py), without a server; the real
server is tested in tests/reliability/test_bad_http_input.py."""

import asyncio
import json
import logging

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from addons.rest_channel import MAX_MESSAGE_CHARACTERS, checked_body, kind_on_failure
from bot.clinic import contact


def body(**fields):
    return json.dumps(fields).encode()


def test_a_well_formed_request_passes_with_its_other_fields():
    checked, status, why = checked_body(body(sender="abc", message="what is synkinesis?", metadata={"a": 1}))
    assert (status, why) == (200, "")
    assert checked == {"sender": "abc", "message": "what is synkinesis?", "metadata": {"a": 1}}


def test_control_characters_become_spaces_but_line_breaks_and_tabs_stay():
    checked, _, _ = checked_body(body(sender="abc", message="a\u0000b\u0007c\u009bd\te\nf"))
    assert checked["message"] == "a b c d\te\nf"


@pytest.mark.parametrize(
    "raw, status",
    [
        (b"{not json", 400),
        (b"", 400),
        (b"[1, 2]", 400),
        (b'{"sender": "a", "message": "\xff"}', 400),
        (body(sender="abc"), 400),
        (body(sender="abc", message=None), 400),
        (body(sender="abc", message=12), 400),
        (body(sender="abc", message=["a"]), 400),
        (body(message="hello"), 400),
        (body(sender="", message="hello"), 400),
        (body(sender="x" * 256, message="hello"), 400),
        (body(sender="a\nb", message="hello"), 400),
    ],
)
def test_malformed_requests_are_refused_with_a_reason(raw, status):
    checked, got, why = checked_body(raw)
    assert checked is None and got == status and why


def test_a_longer_message_is_cut():
    checked, status, _ = checked_body(body(sender="abc", message="x" * MAX_MESSAGE_CHARACTERS + "y"))
    assert status == 200 and checked["message"] == "x" * MAX_MESSAGE_CHARACTERS


def test_a_failure_gets_a_kind_reply_and_the_text_stays_out_of_the_log(caplog):
    async def failing(message):
        raise RuntimeError(f"could not handle {message.text}")

    collector = CollectingOutputChannel()
    with caplog.at_level(logging.INFO):
        asyncio.run(kind_on_failure(failing)(UserMessage("my private words", collector, "abc")))
    (reply,) = collector.messages
    assert "something went wrong" in reply["text"] and contact()["phone"] in reply["text"]
    assert "RuntimeError" in caplog.text and "my private words" not in caplog.text
