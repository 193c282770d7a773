""" "Was this helpful?": the question after an answer (actions/rating.py), its buttons as Rasa
renders and parses them, and the comment kept after "not helpful"."""

import asyncio

import pytest
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import ActionAnswerFaq
from actions.rating import ActionKeepComment, comment_from
from actions.urgency import ActionUrgencyAdvice
from bot.contract import URGENCY_ADVICE_TOPIC
from bot.safety import Concern
from ops.settings import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))
ADVICE_SLOTS = {
    "injury_date": "2026-03-22",
    "months_since_injury": 8.0,
    "urgency_level": "closing",
    "nerve_status": "intact",
    "recovery_signs": "no",
    "eye_closure": "no",
}


def tracker(text="", intent="faq", response_key=None, active_loop=None, **slots):
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    if response_key:
        message["response_selector"] = {"faq": {"response": {"intent_response_key": response_key}}}
    loop = {"name": active_loop} if active_loop else {}
    return Tracker("patient", slots, message, [], False, None, loop, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, {}))
    return dispatcher.messages, events


def rendered_rating_buttons(topic_id):
    """The buttons of utter_ask_rating as the Rasa server sends them for this topic."""
    nlg = TemplatedNaturalLanguageGenerator(DOMAIN.responses)
    empty = DialogueStateTracker("patient", DOMAIN.slots)
    message = asyncio.run(nlg.generate("utter_ask_rating", empty, "rest", rated_topic=topic_id))
    return message["buttons"]


def parsed(payload):
    """What Rasa makes of a button payload: the intent and the entities of the user event."""
    message = YAMLStoryReader.unpack_regex_message(Message({"text": payload}), domain=DOMAIN)
    return message.get("intent")["name"], {e["entity"]: e["value"] for e in message.get("entities")}


def test_a_topic_answer_is_followed_by_the_rating_question_for_that_topic():
    messages, _ = run(ActionAnswerFaq(), tracker("what is emg", response_key="faq/nerve_tests"))
    assert [m["response"] for m in messages] == ["utter_faq/nerve_tests", "utter_ask_rating"]
    assert messages[1]["rated_topic"] == "nerve_tests"
    assert not messages[1]["buttons"], "the buttons come from the domain response"


def test_no_rating_question_in_the_middle_of_the_urgency_questions():
    messages, _ = run(
        ActionAnswerFaq(), tracker("what is emg", response_key="faq/nerve_tests", active_loop="urgency_form")
    )
    assert [m["response"] for m in messages] == ["utter_faq/nerve_tests"]


def test_no_rating_question_when_the_topic_was_not_understood():
    messages, _ = run(ActionAnswerFaq(), tracker("??"))
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"]


def test_the_urgency_advice_is_followed_by_the_rating_question():
    messages, _ = run(ActionUrgencyAdvice(), tracker("no", "deny", **ADVICE_SLOTS))
    assert messages[-2]["buttons"], "the advice still ends with its related-topic buttons"
    assert messages[-1]["response"] == "utter_ask_rating"
    assert messages[-1]["rated_topic"] == URGENCY_ADVICE_TOPIC


@pytest.mark.parametrize("concern", list(Concern))
def test_no_rating_question_after_an_emergency_reply(concern):
    messages, _ = run(
        ActionUrgencyAdvice(),
        tracker(
            "",
            "inform_injury_time",
            injury_date="2026-11-21",
            months_since_injury=0.0,
            urgency_level="early",
            onset_concern=concern.value,
        ),
    )
    assert len(messages) == 1 and messages[0]["response"] != "utter_ask_rating"


@pytest.mark.parametrize("topic_id", ["synkinesis", URGENCY_ADVICE_TOPIC])
def test_the_rating_buttons_send_the_rating_and_the_topic(topic_id):
    buttons = rendered_rating_buttons(topic_id)
    assert [parsed(b["payload"]) for b in buttons] == [
        ("rate_answer", {"rating": "helpful", "topic": topic_id}),
        ("rate_answer", {"rating": "not_helpful", "topic": topic_id}),
    ]
    assert [b["title"] for b in buttons] == ["Yes, helpful", "No, not helpful"]


def test_the_message_after_what_was_missing_is_kept_as_the_comment():
    _, events = run(ActionKeepComment(), tracker("  it said nothing about the cost ", "out_of_scope"))
    assert [(e["event"], e["name"], e["value"]) for e in events] == [
        ("slot", "missing_info", "it said nothing about the cost")
    ]


@pytest.mark.parametrize("text", ["", "   ", '/faq{"topic": "synkinesis"}', None])
def test_a_button_click_or_an_empty_message_is_no_comment(text):
    assert comment_from(text) is None
    _, events = run(ActionKeepComment(), tracker(text, "faq"))
    assert events == []


def test_keeping_a_comment_logs_the_decision_without_the_patients_words(caplog):
    caplog.set_level("INFO", logger="actions.rating")
    run(ActionKeepComment(), tracker("my neighbour Ursula said it was wrong", "out_of_scope"))
    assert caplog.messages and "Ursula" not in caplog.text
