"""The Rasa server's response generator (addons/clinic_nlg.py) on Rasa's own objects: topic
answers come from the answer files and an edit is served without a restart; the domain's
responses, slot filling and the action's buttons work as with Rasa's own generator; a
missing or broken file never leaves the patient without a reply. The running servers:
tests/e2e/test_answer_edits.py."""

import asyncio
import logging
import shutil

import pytest
import yaml
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import NaturalLanguageGenerator, TemplatedNaturalLanguageGenerator
from rasa.core.utils import read_endpoints_from_path
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from addons.clinic_nlg import ClinicAnswersGenerator
from bot.answers import ANSWERS_DIR
from bot.clinic import contact
from ops.settings import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))
TOPIC = "synkinesis"
SOURCE_LINE = "Source: 001_14275e855f28c48b.txt"


@pytest.fixture
def answers(tmp_path):
    folder = tmp_path / "answers"
    shutil.copytree(ANSWERS_DIR, folder)
    return folder


@pytest.fixture
def generator(answers):
    """Created as Rasa's Agent does: from endpoints.yml, then given the model's domain."""
    endpoints = read_endpoints_from_path(PROJECT_ROOT / "endpoints.yml")
    nlg = NaturalLanguageGenerator.create(endpoints.nlg, None)
    assert isinstance(nlg, ClinicAnswersGenerator)
    nlg.answers_dir = answers
    nlg.responses = DOMAIN.responses  # what Agent.load_model does
    return nlg


def tracker(**slots):
    return DialogueStateTracker.from_events(
        "patient", [SlotSet(name, value) for name, value in slots.items()], slots=DOMAIN.slots
    )


def reply(nlg, response, **kwargs):
    return asyncio.run(nlg.generate(response, tracker(), "rest", **kwargs))


def write_answer(answers, text, topic=TOPIC):
    (answers / f"{topic}.yml").write_text(
        "text: |-\n" + "".join(f"  {line}\n" for line in text.splitlines()), encoding="utf-8"
    )


def test_a_topic_answer_is_its_file_and_an_edit_is_served_without_a_restart(generator, answers):
    original = yaml.safe_load((answers / f"{TOPIC}.yml").read_text(encoding="utf-8"))
    assert reply(generator, f"utter_faq/{TOPIC}") == original
    write_answer(answers, f"Synkinesis is a linked movement of the face, edited by the clinic.\n{SOURCE_LINE}")
    assert reply(generator, f"utter_faq/{TOPIC}")["text"].startswith("Synkinesis is a linked movement")


def test_the_domain_responses_are_served_as_by_rasa(generator):
    rasas_own = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    for response in ("utter_greet", "utter_emergency"):
        assert reply(generator, response) == reply(rasas_own, response)
    # Rasa's filling turns the doubled braces of domain.yml into the payload the widget sends.
    assert reply(generator, "utter_greet")["buttons"][0]["payload"] == '/faq{"topic": "what_is_facial_palsy"}'


def test_slots_are_filled_into_an_answer(generator, answers):
    write_answer(answers, f"Your injury was on {{injury_date}}.\n{SOURCE_LINE}")
    message = asyncio.run(generator.generate(f"utter_faq/{TOPIC}", tracker(injury_date="2026-03-01"), "rest"))
    assert message["text"].startswith("Your injury was on 2026-03-01.")


def test_the_actions_buttons_follow_the_answer(generator):
    """As the action server's reply for action_answer_faq reaches Rasa (actions/faq.py)."""
    buttons = [{"title": "Complications", "payload": '/faq{"topic": "complications"}'}]
    reply_of_the_action = [{"response": f"utter_faq/{TOPIC}", "buttons": list(buttons), "text": None}]
    (uttered,) = asyncio.run(
        RemoteAction._utter_responses(reply_of_the_action, CollectingOutputChannel(), generator, tracker())
    )
    assert uttered.text.startswith("Synkinesis")
    assert uttered.data["buttons"] == buttons


def test_a_broken_edit_keeps_the_previous_answer_and_logs_no_text(generator, answers, caplog):
    before = reply(generator, f"utter_faq/{TOPIC}")["text"]
    (answers / f"{TOPIC}.yml").write_text("text: [unfinished edit, secret words\n", encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        assert reply(generator, f"utter_faq/{TOPIC}")["text"] == before
    assert caplog.records and "secret" not in caplog.text


def test_an_answer_without_its_source_line_is_not_served(generator, answers):
    write_answer(answers, "An answer that names no source.")
    assert "names no source" not in reply(generator, f"utter_faq/{TOPIC}")["text"]


@pytest.mark.parametrize("topic", ["nerve_tests", "../../domain"])
def test_a_missing_answer_gets_the_kind_reply_with_the_contacts(generator, answers, caplog, topic):
    (answers / "nerve_tests.yml").unlink()
    with caplog.at_level(logging.ERROR, logger="addons.clinic_nlg"):
        message = reply(generator, f"utter_faq/{topic}")
    assert "something went wrong" in message["text"] and contact()["phone"] in message["text"]
    assert topic in caplog.text
