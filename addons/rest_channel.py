"""Rasa's REST channel (POST /webhooks/rest/webhook) with the request checked first.

Rasa 3.6's channel reads `request.json.get(...)` without looking: a body that is JSON but
not an object, or a message that is missing or not text, ends in a 500 or in no reply; a
missing sender puts the message into the shared conversation "default"; and when handling
a message fails, Rasa logs the patient's text. This subclass keeps the same URL and
behaviour for a well-formed request and:
- answers 400 with a plain explanation for a body that is not a JSON object, a sender that
  is not a short printable string (at most 255 characters, the store's column), or a
  message that is not a string (Sanic itself answers 413 for a body over its
  REQUEST_MAX_SIZE, set by `apply()`);
- cuts a message after MAX_MESSAGE_CHARACTERS (the assistant then asks for it in a sentence
  or two, bot/input_check.py) and replaces control characters by spaces (tabs and line
  breaks stay);
- when handling a message fails, logs the kind of error without the text, and sends the
  patient a kind reply with the clinic's contact details instead of an empty answer.

Registered in credentials.yml by module path: `addons.rest_channel.CheckedRestInput:`.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.clinic import something_went_wrong_message

logger = logging.getLogger(__name__)

# Far more than a patient writes (bot/input_check.py asks to rephrase above 1,000), far
# less than would keep the language model busy: the rest of a longer message is dropped.
MAX_MESSAGE_CHARACTERS = 5_000
MAX_SENDER_CHARACTERS = 255
# Bytes: a request body above this gets Sanic's 413 before any of it is parsed.
REQUEST_MAX_SIZE = 1_000_000
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
EXAMPLE_BODY = '{"sender": "a-conversation-id", "message": "what is synkinesis?"}'


def apply() -> None:
    """Sanic reads SANIC_* settings from the environment when Rasa creates its app."""
    os.environ.setdefault("SANIC_REQUEST_MAX_SIZE", str(REQUEST_MAX_SIZE))


def checked_body(raw: bytes) -> tuple[dict[str, Any] | None, int, str]:
    """(the body with a clean, cut message, 200, "") or (None, status, why it was refused)."""
    try:
        body = json.loads(raw or b"")
    except (ValueError, UnicodeDecodeError):
        return None, 400, f"the body must be a JSON object such as {EXAMPLE_BODY}"
    if not isinstance(body, dict):
        return None, 400, f"the body must be a JSON object such as {EXAMPLE_BODY}"
    sender = body.get("sender")
    if (
        not isinstance(sender, str)
        or not sender.strip()
        or len(sender) > MAX_SENDER_CHARACTERS
        or not sender.isprintable()
    ):
        return (
            None,
            400,
            (f'"sender" must be a conversation ID: a string of 1 to {MAX_SENDER_CHARACTERS} printable characters'),
        )
    message = body.get("message")
    if not isinstance(message, str):
        return None, 400, '"message" must be a string (the patient\'s text)'
    return {**body, "message": _CONTROL_CHARACTERS.sub(" ", message[:MAX_MESSAGE_CHARACTERS])}, 200, ""


def kind_on_failure(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
) -> Callable[[UserMessage], Awaitable[None]]:
    async def handle(message: UserMessage) -> None:
        try:
            await on_new_message(message)
        except Exception as error:  # noqa: BLE001 - the patient gets a reply either way
            # The kind of error only: the message text stays out of the log.
            logger.error("could not handle a message: %s", type(error).__name__)
            logger.debug("the error in full", exc_info=True)
            await message.output_channel.send_text_message(message.sender_id, something_went_wrong_message())

    return handle


class CheckedRestInput(RestInput):
    """Rasa's REST channel (same name and URL) that checks each request first."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest_blueprint = super().blueprint(kind_on_failure(on_new_message))

        @rest_blueprint.middleware("request")
        async def check_request(request: Request):
            if request.method != "POST":
                return None
            body, status, why = checked_body(request.body)
            if body is None:
                return response.json({"error": why}, status=status)
            # Rasa's handler reads request.json, which is this once set.
            request.parsed_json = body
            return None

        return rest_blueprint
