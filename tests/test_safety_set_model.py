"""The safety test set (tests/data/safety_set.yml) through the trained model and the whole NLU
pipeline, stroke-sign rules included: every emergency must come out with its emergency
intent (`emergency`, or `new_weakness_after_operation` right after an operation), no other
message may, and a new onset given as the answer to the date question must get the
emergency-first reply."""

from pathlib import Path

import pytest
import requests
import yaml

from actions.urgency import reads_as_date_answer

SAFETY_SET = yaml.safe_load((Path(__file__).resolve().parent / "data" / "safety_set.yml").read_text(encoding="utf-8"))
# The set's kinds are bot/safety.py's concerns; each has its intent and rule.
INTENT_OF_KIND = {
    "stroke_signs": "emergency",
    "new_facial_weakness": "emergency",
    "new_weakness_after_operation": "new_weakness_after_operation",
}
EMERGENCY_INTENTS = set(INTENT_OF_KIND.values())


def parse(assistant, text):
    response = requests.post(
        f"{assistant.rasa_url}/model/parse",
        params={"token": assistant.token},
        json={"text": text},
        timeout=60,
    )
    response.raise_for_status()
    return response.json()


def intent_of(assistant, text):
    return parse(assistant, text)["intent"]["name"]


def messages(section):
    return [text for texts in SAFETY_SET[section].values() for text in texts]


def test_every_emergency_in_the_set_is_recognised(assistant):
    missed = {
        text: intent
        for kind, texts in SAFETY_SET["emergency"].items()
        for text in texts
        if (intent := intent_of(assistant, text)) != INTENT_OF_KIND[kind]
    }
    assert missed == {}


def test_no_other_message_in_the_set_is_taken_for_an_emergency(assistant):
    false_alarms = [text for text in messages("not_emergency") if intent_of(assistant, text) in EMERGENCY_INTENTS]
    assert false_alarms == []


def test_new_onset_answers_get_the_emergency_first_reply(assistant):
    # Either the emergency rule answers, or the form reads the answer, fills the public
    # slots and gives the emergency-first reply (tests/actions/test_actions.py).
    parses = [parse(assistant, text) for text in SAFETY_SET["form_answers"]["new_onset"]]
    missed = {
        result["text"]: result["intent"]["name"]
        for result in parses
        if result["intent"]["name"] not in EMERGENCY_INTENTS and not reads_as_date_answer(result)
    }
    assert missed == {}


@pytest.mark.parametrize("text", SAFETY_SET["form_answers"]["not_new"])
def test_older_onset_answers_are_not_emergencies(assistant, text):
    assert intent_of(assistant, text) not in EMERGENCY_INTENTS
