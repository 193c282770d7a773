"""One patient's conversation over the REST webhook, keeping count of what was sent and
answered, and checking it against the tracker the Rasa server stored."""

from __future__ import annotations

import threading
import uuid
from collections import Counter

import requests
import yaml

from bot.clinic import something_went_wrong_message
from ops.settings import PROJECT_ROOT

TIMEOUT = 60
DOMAIN_RESPONSES = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
KIND_REPLY = something_went_wrong_message()
# The urgency questions, as the form asks them.
OPENING = "my face has been paralysed since my operation 8 months ago"  # 2026-03-22 with TEST_TODAY


def response_text(name: str) -> str:
    (response,) = DOMAIN_RESPONSES[name]
    return response["text"].strip()


ASKS_NERVE = response_text("utter_ask_urgency_form_nerve_status")
ASKS_RECOVERY = response_text("utter_ask_urgency_form_recovery_signs")
ASKS_EYE = response_text("utter_ask_urgency_form_eye_closure")
EMERGENCY = response_text("utter_emergency")


class Chat:
    def __init__(self, assistant, sender: str | None = None) -> None:
        self.assistant = assistant
        self.sender = sender or uuid.uuid4().hex
        self.sent = 0
        # (message, reply texts) of every message that got its real answer, in order.
        self.answered: list[tuple[str, list[str]]] = []
        self.kind_replies = 0
        self._counting = threading.Lock()  # a test may send two messages at once

    def say(self, text: str) -> list[str]:
        with self._counting:
            self.sent += 1
        response = requests.post(
            f"{self.assistant.rasa_url}/webhooks/rest/webhook",
            json={"sender": self.sender, "message": text},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        replies = [reply.get("text", "") for reply in response.json()]
        with self._counting:
            if replies == [KIND_REPLY]:
                self.kind_replies += 1
            elif replies:
                self.answered.append((text, replies))
        return replies

    def tracker(self) -> dict:
        response = requests.get(
            f"{self.assistant.rasa_url}/conversations/{self.sender}/tracker",
            params={"token": self.assistant.token},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        return response.json()

    def lost(self) -> int:
        """How many answered messages the stored tracker does not hold, in order, each
        followed by exactly the replies the patient got."""
        turns = stored_turns(self.tracker())
        lost, position = 0, 0
        for exchange in self.answered:
            try:
                position = turns.index(exchange, position) + 1
            except ValueError:
                lost += 1
        return lost

    def lost_in_any_order(self) -> int:
        """As `lost`, for messages sent at once, whose order only the server knows."""
        stored = Counter((text, tuple(replies)) for text, replies in stored_turns(self.tracker()))
        answered = Counter((text, tuple(replies)) for text, replies in self.answered)
        return sum((answered - stored).values())


def stored_turns(tracker: dict) -> list[tuple[str, list[str]]]:
    """Each user message in the tracker with the bot's texts that follow it."""
    turns: list[tuple[str, list[str]]] = []
    for event in tracker["events"]:
        if event["event"] == "user":
            turns.append((event.get("text"), []))
        elif event["event"] == "bot" and turns:
            turns[-1][1].append(event.get("text") or "")
    return turns


def form_state(tracker: dict) -> dict:
    """The urgency slots and where the form stands."""
    slots = tracker["slots"]
    return {
        "active_loop": (tracker.get("active_loop") or {}).get("name"),
        **{
            name: slots.get(name)
            for name in (
                "requested_slot",
                "injury_date",
                "months_since_injury",
                "urgency_level",
                "nerve_status",
                "recovery_signs",
                "eye_closure",
                "onset_concern",
            )
        },
    }
