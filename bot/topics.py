"""The knowledge topic catalogue (clinic/topics.yml): IDs, button titles, related topics."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).resolve().parent.parent / "clinic" / "topics.yml"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    related: tuple[str, ...]


@lru_cache(maxsize=1)
def topics() -> dict[str, Topic]:
    raw = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))["topics"]
    return {
        topic_id: Topic(topic_id, entry["title"], tuple(entry["related"]))
        for topic_id, entry in raw.items()
    }


def topic_button_payload(topic_id: str) -> str:
    """Payload of a quick-reply button that asks for one topic directly, bypassing NLU."""
    return '/faq{"topic": "%s"}' % topic_id


def related_buttons(topic_id: str) -> list[dict[str, str]]:
    """Quick-reply buttons for the topics related to `topic_id`."""
    catalogue = topics()
    return [
        {"title": catalogue[related].title, "payload": topic_button_payload(related)}
        for related in catalogue[topic_id].related
    ]
