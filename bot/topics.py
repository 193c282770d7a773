"""The knowledge topic catalogue (clinic/topics.yml): IDs, button titles, related topics."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.clinic_files import CLINIC_DIR, load

CATALOGUE = CLINIC_DIR / "topics.yml"
# A question that was not understood gets at most this many topic buttons, each with at least
# this confidence of the response selector (measured in docs/evaluation.md).
SUGGESTIONS = 3
SUGGESTION_MIN_CONFIDENCE = 0.05


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    related: tuple[str, ...]
    # A question in personal words gets the reminder that a surgeon decides (clinic/topics.yml).
    surgeon_reminder: bool = True


def _catalogue(document: dict) -> dict[str, Topic]:
    return {
        topic_id: Topic(topic_id, entry["title"], tuple(entry["related"]), entry.get("surgeon_reminder", True))
        for topic_id, entry in document["topics"].items()
    }


def topics() -> dict[str, Topic]:
    return load(CATALOGUE, _catalogue)


def topic_button_payload(topic_id: str) -> str:
    """Payload of a quick-reply button that asks for one topic directly, bypassing NLU."""
    return f'/faq{{"topic": "{topic_id}"}}'


def topic_buttons(topic_ids: Iterable[str]) -> list[dict[str, str]]:
    """Quick-reply buttons, one per topic, each asking for it directly."""
    catalogue = topics()
    return [{"title": catalogue[topic_id].title, "payload": topic_button_payload(topic_id)} for topic_id in topic_ids]


def related_buttons(topic_id: str) -> list[dict[str, str]]:
    """Quick-reply buttons for the topics related to `topic_id`."""
    return topic_buttons(topics()[topic_id].related)


def suggested_topics(ranking: Iterable[tuple[str, float]]) -> list[str]:
    """The topics worth offering as buttons when a question was not understood: the response
    selector's best few, if it gave them at least some confidence."""
    known = topics()
    return [
        topic_id for topic_id, confidence in ranking if topic_id in known and confidence >= SUGGESTION_MIN_CONFIDENCE
    ][:SUGGESTIONS]
