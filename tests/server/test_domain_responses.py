"""Every response of domain.yml, as Rasa's response generator sends it: no slot-template
error (Rasa fills {slot} templates in button payloads too, so a payload's own braces are
doubled) and every button payload is a message the assistant understands."""

import asyncio
from pathlib import Path

import pytest
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.nlu.classifiers.regex_message_handler import RegexMessageHandler
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from structlog.testing import capture_logs

from bot.contract import URGENCY_ADVICE_TOPIC
from bot.topics import topics

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
# Values an action passes with a response, as actions/rating.py does for the rating question.
ACTION_ARGUMENTS = {"utter_ask_rating": {"rated_topic": "synkinesis"}}
RATING_VALUES = next(slot.values for slot in DOMAIN.slots if slot.name == "rating")
ENTITY_VALUES = {"topic": set(topics()) | {URGENCY_ADVICE_TOPIC}, "rating": set(RATING_VALUES)}


def generated(response_name: str) -> tuple[dict, list]:
    """The response as the Rasa server sends it to the shell, and what Rasa logged meanwhile."""
    tracker = DialogueStateTracker.from_events("staff", [], slots=DOMAIN.slots)
    generator = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    with capture_logs() as logs:
        message = asyncio.run(
            generator.generate(response_name, tracker, "cmdline", **ACTION_ARGUMENTS.get(response_name, {}))
        )
    return message, logs


@pytest.mark.parametrize("response_name", sorted(DOMAIN.responses))
def test_response_is_generated_without_an_error(response_name):
    _, logs = generated(response_name)
    assert [entry for entry in logs if entry["log_level"] in ("error", "critical")] == []


def test_button_payloads_reach_the_assistant_unchanged():
    handler = RegexMessageHandler()
    payloads = [
        button["payload"] for name in DOMAIN.responses for button in (generated(name)[0] or {}).get("buttons", [])
    ]
    assert '/faq{"topic": "consultation_checklist"}' in payloads
    for payload in payloads:
        (parsed,) = handler.process([Message(data={TEXT: payload})], domain=DOMAIN)
        assert parsed.get(INTENT)["name"] in DOMAIN.intents, payload
        for entity in parsed.get(ENTITIES) or []:
            assert entity["value"] in ENTITY_VALUES[entity["entity"]], payload
