"""bot/contract.py against the files Rasa reads: domain.yml, data/rules/ and config.yml.
A name changed on one side only fails here, before a conversation goes wrong."""

import glob

import pytest
import yaml

from bot import contract
from bot.urgency import urgency_levels
from ops.settings import PROJECT_ROOT

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
CONFIG = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
RULES = [
    rule
    for path in sorted(glob.glob(str(PROJECT_ROOT / "data" / "rules" / "*.yml")))
    for rule in yaml.safe_load(open(path, encoding="utf-8"))["rules"]
]
# Intents Rasa itself defines (not listed in domain.yml).
RASA_INTENTS = {contract.NLU_FALLBACK_INTENT}


def first_step_intents(rule: dict) -> set[str]:
    step = rule["steps"][0]
    if "intent" in step:
        return {step["intent"]}
    return {option["intent"] for option in step.get("or", []) if "intent" in option}


def runs_during_the_assessment(rule: dict) -> bool:
    return any(condition.get("active_loop") == contract.URGENCY_FORM for condition in rule.get("condition") or [])


def slot_values(name: str) -> list:
    return DOMAIN["slots"][name]["values"]


def test_every_intent_named_in_the_contract_is_in_the_domain():
    named = {value for key, value in vars(contract).items() if key.endswith("_INTENT")}
    named |= contract.EMERGENCY_INTENTS | contract.NOT_A_DATE_ANSWER_INTENTS
    assert named - RASA_INTENTS <= set(DOMAIN["intents"])


def test_the_intents_answered_during_the_assessment_are_those_of_the_rules():
    ruled = set().union(*(first_step_intents(rule) for rule in RULES if runs_during_the_assessment(rule)))
    assert ruled == contract.RULE_ANSWERED_MID_ASSESSMENT


def test_a_greeting_during_the_assessment_has_no_rule_so_the_form_asks_again():
    # The form's own question follows; if a rule is added, it belongs in RULE_ANSWERED_MID_ASSESSMENT.
    assert contract.NOT_A_DATE_ANSWER_INTENTS - contract.RULE_ANSWERED_MID_ASSESSMENT == {"greet"}


def test_every_emergency_intent_has_a_rule_outside_and_inside_the_assessment():
    for intent in contract.EMERGENCY_INTENTS:
        rules = [rule for rule in RULES if intent in first_step_intents(rule)]
        assert {runs_during_the_assessment(rule) for rule in rules} == {True, False}, intent


def test_entities_form_and_slots_are_in_the_domain():
    assert {contract.TOPIC_ENTITY, contract.RATING_ENTITY, contract.DATE_ENTITY} <= set(DOMAIN["entities"])
    assert contract.URGENCY_FORM in DOMAIN["forms"]
    slots = {value for key, value in vars(contract).items() if key.endswith("_SLOT")} - {contract.REQUESTED_SLOT}
    assert slots <= set(DOMAIN["slots"])


def test_categorical_slot_values_are_the_contract_values():
    nerve_values = [contract.NERVE_CUT, contract.NERVE_INTACT, contract.NERVE_UNKNOWN]
    assert slot_values(contract.NERVE_STATUS_SLOT) == nerve_values
    for slot in (contract.RECOVERY_SIGNS_SLOT, contract.EYE_CLOSURE_SLOT):
        assert slot_values(slot) == [contract.YES, contract.NO, contract.UNKNOWN]
    assert slot_values(contract.RATING_SLOT) == [contract.HELPFUL, contract.NOT_HELPFUL]
    assert tuple(slot_values(contract.URGENCY_LEVEL_SLOT)) == contract.URGENCY_LEVELS == tuple(urgency_levels())


def test_the_intent_overrides_run_in_the_contract_order_after_the_trained_classifiers():
    names = [component["name"] for component in CONFIG["pipeline"]]
    positions = [names.index(name) for name in contract.INTENT_OVERRIDE_COMPONENTS]
    assert positions == sorted(positions), "the override components are out of order"
    # The trained classifiers come first, so the overrides see (and may replace) their prediction.
    assert max(names.index("DIETClassifier"), names.index("ResponseSelector")) < positions[0]
    # Nothing after the FallbackClassifier may change the intent again.
    assert positions[-1] == len(names) - 1


@pytest.mark.parametrize(
    ("parse", "expected"),
    [
        (
            {"response_selector": {"faq": {"response": {"intent_response_key": "faq/synkinesis", "confidence": 0.9}}}},
            ("synkinesis", 0.9),
        ),
        (
            {
                "response_selector": {
                    "default": {"response": {"intent_response_key": "faq/gracilis", "confidence": 0.5}}
                }
            },
            ("gracilis", 0.5),
        ),
        ({"response_selector": {"faq": {"response": {"intent_response_key": None, "confidence": 0.0}}}}, (None, 0.0)),
        (
            {"response_selector": {"faq": {"response": {"intent_response_key": "chitchat/x", "confidence": 0.8}}}},
            (None, 0.0),
        ),
        ({}, (None, 0.0)),
    ],
)
def test_selected_topic_reads_the_response_selector(parse, expected):
    assert contract.selected_topic(parse) == expected


def test_intent_name_of_a_parse_result():
    assert contract.intent_name({"intent": {"name": "greet", "confidence": 0.9}}) == "greet"
    assert contract.intent_name({"intent": None}) is None


def test_topic_ranking_lists_the_selectors_topics_most_confident_first():
    parse = {
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/nerve_tests", "confidence": 0.2},
                    {"intent_response_key": "faq/synkinesis", "confidence": 0.7},
                    {"intent_response_key": "chitchat/weather", "confidence": 0.9},
                ]
            }
        }
    }
    assert contract.topic_ranking(parse) == [("synkinesis", 0.7), ("nerve_tests", 0.2)]
    assert contract.topic_ranking({}) == []


def test_classified_intents_look_past_the_not_understood_mark():
    ranking = [{"name": "nlu_fallback"}, {"name": "faq"}, {"name": "emergency"}, {"name": "thank"}]
    marked = {"intent": {"name": "nlu_fallback"}, "intent_ranking": ranking}
    assert contract.classified_intents(marked, 2) == ["faq", "emergency"]
    assert contract.classified_intents({"intent_ranking": [{"name": "thank"}]}, 2) == ["thank"]
    assert contract.classified_intents({}, 2) == []
