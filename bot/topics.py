"""The knowledge topic catalogue (clinic/topics.yml): IDs, button titles, related topics."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clinic_files import CLINIC_DIR, load

CATALOGUE = CLINIC_DIR / "topics.yml"


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


def related_buttons(topic_id: str) -> list[dict[str, str]]:
    """Quick-reply buttons for the topics related to `topic_id`."""
    catalogue = topics()
    return [
        {"title": catalogue[related].title, "payload": topic_button_payload(related)}
        for related in catalogue[topic_id].related
    ]
