"""The project's own NLU components, on Rasa Message objects (no trained model needed)."""

import pytest
import yaml
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.training_data.message import Message

from actions.urgency import emergency_response
from addons.emergency import EmergencyDetector, intent_for
from addons.language_gate import LanguageGate
from addons.unclear_message import UnclearMessageGate
from bot.contract import INTENT_OVERRIDE_COMPONENTS
from bot.safety import Concern
from ops.settings import PROJECT_ROOT


def message(text, intent, topic_confidence=None):
    msg = Message(data={"text": text})
    msg.set("intent", {"name": intent, "confidence": 0.99})
    msg.set("intent_ranking", [{"name": intent, "confidence": 0.99}])
    if topic_confidence is not None:
        msg.set(
            "response_selector",
            {"faq": {"response": {"intent_response_key": "faq/synkinesis", "confidence": topic_confidence}}},
        )
    return msg


def gate(**config):
    return UnclearMessageGate({**UnclearMessageGate.get_default_config(), **config})


def test_unsure_topic_becomes_fallback():
    (result,) = gate().process([message("did liverpool win", "faq", topic_confidence=0.12)])
    assert result.get("intent")["name"] == "nlu_fallback"
    assert result.get("intent_ranking")[1]["name"] == "faq"


def test_clear_topic_and_other_intents_are_left_alone():
    clear, other = gate().process(
        [
            message("what is synkinesis", "faq", topic_confidence=0.97),
            message("hello", "greet"),
        ]
    )
    assert clear.get("intent")["name"] == "faq"
    assert other.get("intent")["name"] == "greet"


def test_gate_threshold_is_configurable():
    (result,) = gate(min_topic_confidence=0.5).process([message("x", "faq", topic_confidence=0.4)])
    assert result.get("intent")["name"] == "nlu_fallback"


def test_stroke_signs_override_the_predicted_intent():
    detector = EmergencyDetector({})
    stroke, palsy = detector.process(
        [
            message("my mum's face suddenly dropped and she can't lift her arm", "faq", 0.9),
            message("my face has drooped since my operation last year", "faq", 0.9),
        ]
    )
    assert stroke.get("intent") == {"name": "emergency", "confidence": 1.0}
    assert palsy.get("intent")["name"] == "faq"


def test_a_new_weakness_after_an_operation_gets_its_own_intent():
    (result,) = EmergencyDetector({}).process(
        [
            message("since my parotid surgery yesterday my face won't move", "inform_injury_time", 0.9),
        ]
    )
    assert result.get("intent") == {"name": "new_weakness_after_operation", "confidence": 1.0}
    assert result.get("intent_ranking") == [result.get("intent")]


def ranked(text, *ranking):
    msg = Message(data={"text": text})
    msg.set("intent", dict(ranking[0]))
    msg.set("intent_ranking", [dict(entry) for entry in ranking])
    return msg


def test_the_models_emergency_is_set_aside_when_the_weakness_is_long_standing(caplog):
    caplog.set_level("INFO")
    model_said = [{"name": "emergency", "confidence": 0.9}, {"name": "faq", "confidence": 0.08}]
    born_with, years_after_stroke = EmergencyDetector({}).process(
        [
            ranked("my son was born with a weak face", *model_said),
            ranked("my dad had a stroke in 2021 and his face still droops", *model_said),
        ]
    )
    for result in (born_with, years_after_stroke):
        assert result.get("intent") == {"name": "faq", "confidence": 0.08}
        assert [entry["name"] for entry in result.get("intent_ranking")] == ["faq"]
    assert "emergency prediction set aside: long-standing weakness" in caplog.text
    assert "born" not in caplog.text


def test_the_models_emergency_is_set_aside_for_a_general_question_without_an_onset(caplog):
    caplog.set_level("INFO")
    model_said = [{"name": "emergency", "confidence": 0.99}, {"name": "faq", "confidence": 0.01}]
    (result,) = EmergencyDetector({}).process([ranked("why does one side of my face droop", *model_said)])
    assert result.get("intent")["name"] == "faq"
    assert "emergency prediction set aside: general question without an onset" in caplog.text


@pytest.mark.parametrize(
    "text",
    [
        "something is very wrong with my dad's face",
        "why is my dad suddenly talking funny",  # a question, but with an onset and a sign
        "can't move my face properly and my speech is off",  # "can't" is not a question word
    ],
)
def test_the_models_emergency_stands_without_a_reason_against_it(text):
    (result,) = EmergencyDetector({}).process(
        [
            ranked(text, {"name": "emergency", "confidence": 0.7}, {"name": "faq", "confidence": 0.2}),
        ]
    )
    assert result.get("intent")["name"] == "emergency"


def test_emergency_decisions_are_logged_without_the_patients_words(caplog):
    caplog.set_level("INFO")
    EmergencyDetector({}).process([message("my face started drooping last night", "faq", 0.9)])
    assert "emergency override: new_facial_weakness" in caplog.text
    assert "drooping" not in caplog.text and "night" not in caplog.text


def _rule_responses():
    """intent -> the response its rule sends outside the assessment (data/rules/safety.yml)."""
    rules = yaml.safe_load((PROJECT_ROOT / "data" / "rules" / "safety.yml").read_text(encoding="utf-8"))["rules"]
    return {rule["steps"][0]["intent"]: rule["steps"][1]["action"] for rule in rules if "condition" not in rule}


@pytest.mark.parametrize("concern", list(Concern))
def test_a_message_and_a_form_answer_with_the_same_concern_get_the_same_response(concern):
    assert _rule_responses()[intent_for(concern)] == emergency_response(concern)


def test_messages_without_words_or_far_too_long_become_fallback():
    emoji, huge, date = gate().process(
        [
            message("🙂🙂", "affirm"),
            message("x" * 5000, "faq", topic_confidence=0.9),
            message("2025-03-12", "inform_injury_time"),
        ]
    )
    assert emoji.get("intent")["name"] == "nlu_fallback"
    assert huge.get("intent")["name"] == "nlu_fallback"
    assert date.get("intent")["name"] == "inform_injury_time"


def test_message_in_another_language_becomes_other_language():
    language_gate = LanguageGate(LanguageGate.get_default_config())
    spanish, english = language_gate.process(
        [
            message("Hola, tengo parálisis facial desde hace cuatro meses, ¿qué puedo hacer?", "faq", 0.9),
            message("I have had facial palsy for four months, what can I do?", "faq", 0.9),
        ]
    )
    assert spanish.get("intent") == {"name": "other_language", "confidence": 1.0}
    # Alone in the ranking: the FallbackClassifier would call two close intents ambiguous.
    assert spanish.get("intent_ranking") == [spanish.get("intent")]
    assert english.get("intent")["name"] == "faq"


def overrides_as_configured():
    """The intent-override components of config.yml with its settings, in its order."""
    pipeline = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]
    classes = {
        "addons.unclear_message.UnclearMessageGate": UnclearMessageGate,
        "addons.language_gate.LanguageGate": LanguageGate,
        "addons.emergency.EmergencyDetector": EmergencyDetector,
        "FallbackClassifier": FallbackClassifier,
    }
    components = []
    for step in pipeline:
        if step["name"] in classes:
            component_class = classes[step["name"]]
            settings = {key: value for key, value in step.items() if key != "name"}
            components.append(component_class({**component_class.get_default_config(), **settings}))
    assert [type(c) for c in components] == [classes[name] for name in INTENT_OVERRIDE_COMPONENTS]
    return components


def run_overrides(msg):
    for component in overrides_as_configured():
        (msg,) = component.process([msg])
    return msg.get("intent")["name"]


@pytest.mark.parametrize(
    "unsure_prediction",
    [
        # The model unsure of the topic (the unclear gate would ask to rephrase) ...
        ("faq", 0.05),
        # ... or sure of something harmless.
        ("greet", None),
    ],
)
def test_stroke_signs_win_over_every_earlier_override_in_the_configured_order(unsure_prediction):
    intent, topic_confidence = unsure_prediction
    text = "her face suddenly dropped on one side and she cannot lift her arm"
    assert run_overrides(message(text, intent, topic_confidence)) == "emergency"


def test_a_message_without_words_is_unclear_in_the_configured_order():
    assert run_overrides(message("🙂🙂🙂", "faq", 0.9)) == "nlu_fallback"


def test_another_language_is_recognised_in_the_configured_order():
    text = "Hola, tengo parálisis facial desde hace cuatro meses, ¿qué puedo hacer?"
    assert run_overrides(message(text, "faq", 0.9)) == "other_language"


def test_unclear_and_language_decisions_are_logged_without_the_patients_words(caplog):
    caplog.set_level("INFO")
    run_overrides(message("did liverpool win the derby", "faq", 0.05))
    run_overrides(message("Hola, tengo parálisis facial desde hace cuatro meses", "faq", 0.9))
    assert "message marked unclear (topic confidence 0.05)" in caplog.text
    assert "message in another language" in caplog.text
    assert "liverpool" not in caplog.text and "parálisis" not in caplog.text
