"""Hand-built Rasa events, as the Rasa server stores them, for the review report's tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered


def at(day: date, hour: int, minute: int = 0) -> float:
    """A timestamp on `day` (UTC), as events carry them."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC).timestamp()


def session_start(when: float) -> list:
    return [
        ActionExecuted("action_session_start", timestamp=when),
        SessionStarted(timestamp=when),
        ActionExecuted("action_listen", timestamp=when),
    ]


def user(text: str, intent: str, when: float, **entities: str) -> UserUttered:
    return UserUttered(
        text,
        {"name": intent, "confidence": 0.9},
        entities=[{"entity": name, "value": value} for name, value in entities.items()],
        timestamp=when,
    )


def bot(response: str, when: float) -> list:
    """A domain response sent: its action and the message with `utter_action` metadata (Rasa 3.6)."""
    return [
        ActionExecuted(response, timestamp=when),
        BotUttered("reply text", metadata={"utter_action": response}, timestamp=when),
    ]


def faq_answer(topic: str, when: float) -> list:
    """A topic answer sent by action_answer_faq through the action server."""
    return [
        ActionExecuted("action_answer_faq", timestamp=when),
        BotUttered("answer text", metadata={"utter_action": f"utter_faq/{topic}"}, timestamp=when),
    ]


def rating(value: str, topic: str, when: float) -> UserUttered:
    """The ratings flow's contract: /rate_answer{"rating": ..., "topic": ...}."""
    return user(
        f'/rate_answer{{"rating": "{value}", "topic": "{topic}"}}', "rate_answer", when, rating=value, topic=topic
    )


def slot(name: str, value, when: float) -> SlotSet:
    return SlotSet(name, value, timestamp=when)
