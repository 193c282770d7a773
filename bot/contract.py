"""The assistant's public contract in one place: the intent, entity and slot names and slot
values that domain.yml, the rules in data/rules/, the NLU components, the actions, the
review report and the tools must agree on, and how a parse result names its topic.

Topic IDs are the clinic's (clinic/topics.yml, bot/topics.py). tests/unit/test_contract.py
checks this module against domain.yml, data/rules/ and the pipeline in config.yml; a name
changed here without them (or there without here) fails that test. Pure Python, no Rasa."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Intents
FAQ_INTENT = "faq"  # Rasa's retrieval intent: a message's topic is "faq/<topic id>"
NLU_FALLBACK_INTENT = "nlu_fallback"  # Rasa's name; also set by addons/unclear_message.py
OTHER_LANGUAGE_INTENT = "other_language"
EMERGENCY_INTENT = "emergency"
AFTER_OPERATION_INTENT = "new_weakness_after_operation"
EMERGENCY_INTENTS = frozenset({EMERGENCY_INTENT, AFTER_OPERATION_INTENT})
RATE_ANSWER_INTENT = "rate_answer"
PERSONAL_ADVICE_INTENT = "personal_advice"

# The urgency assessment. Intents that a rule answers in the middle of it (the rules in
# data/rules/ with the condition `active_loop: urgency_form`):
URGENCY_FORM = "urgency_form"
RULE_ANSWERED_MID_ASSESSMENT = frozenset(
    {
        FAQ_INTENT,
        "goodbye",
        "thank",
        "bot_challenge",
        "human_handoff",
        PERSONAL_ADVICE_INTENT,
        "stop",
        EMERGENCY_INTENT,
        AFTER_OPERATION_INTENT,
        OTHER_LANGUAGE_INTENT,
        "delete_conversation",
        RATE_ANSWER_INTENT,
    }
)
# Messages with these intents are not attempts to answer the form's date question, unless
# they clearly contain a time. A greeting has no rule of its own there: the form asks its
# question again, without counting a failed answer.
NOT_A_DATE_ANSWER_INTENTS = RULE_ANSWERED_MID_ASSESSMENT | {"greet"}

# Entities
TOPIC_ENTITY = "topic"  # set by the topic buttons: /faq{"topic": "<topic id>"}
RATING_ENTITY = "rating"
DATE_ENTITY = "DATE"  # spaCy's label (addons/spacy_pipes.py), a hint for the time parser

# Slots and their values
INJURY_DATE_SLOT = "injury_date"
UNKNOWN_DATE = "unknown"  # the patient does not know when it began
MONTHS_SINCE_INJURY_SLOT = "months_since_injury"
URGENCY_LEVEL_SLOT = "urgency_level"
URGENCY_LEVELS = ("early", "closing", "late")
NERVE_STATUS_SLOT = "nerve_status"
NERVE_CUT, NERVE_INTACT, NERVE_UNKNOWN = "cut", "intact", "unknown"
RECOVERY_SIGNS_SLOT = "recovery_signs"
EYE_CLOSURE_SLOT = "eye_closure"
YES, NO, UNKNOWN = "yes", "no", "unknown"  # recovery_signs and eye_closure
ONSET_CONCERN_SLOT = "onset_concern"
DATE_ATTEMPTS_SLOT = "date_attempts"
REQUESTED_SLOT = "requested_slot"  # Rasa's name for the slot a form asks for
RATING_SLOT = "rating"
HELPFUL, NOT_HELPFUL = "helpful", "not_helpful"
MISSING_INFO_SLOT = "missing_info"
# Rated like a topic: "Was this helpful?" after the urgency advice.
URGENCY_ADVICE_TOPIC = "urgency_advice"

# The rule-based components that may replace the predicted intent, in the order config.yml
# must run them, after the trained classifiers. Each later one has the last word over the
# earlier ones: stroke signs become `emergency` even in a message that is unclear or in
# another language, and Rasa's FallbackClassifier comes last because the overrides give
# their intent full confidence.
INTENT_OVERRIDE_COMPONENTS = (
    "addons.unclear_message.UnclearMessageGate",
    "addons.language_gate.LanguageGate",
    "addons.emergency.EmergencyDetector",
    "FallbackClassifier",
)


def selected_topic(parse: Mapping[str, Any]) -> tuple[str | None, float]:
    """The topic the response selector chose for a parse result (Rasa's message data, as in
    `tracker.latest_message` or the HTTP API's /model/parse), and its confidence; (None, 0)
    when it chose none."""
    response = _faq_selection(parse).get("response") or {}
    intent, _, topic_id = (response.get("intent_response_key") or "").partition("/")
    if intent != FAQ_INTENT or not topic_id:
        return None, 0.0
    return topic_id, float(response.get("confidence") or 0.0)


def topic_ranking(parse: Mapping[str, Any]) -> list[tuple[str, float]]:
    """Every topic the response selector ranked for a parse result, most confident first."""
    ranked = []
    for candidate in _faq_selection(parse).get("ranking") or []:
        intent, _, topic_id = (candidate.get("intent_response_key") or "").partition("/")
        if intent == FAQ_INTENT and topic_id:
            ranked.append((topic_id, float(candidate.get("confidence") or 0.0)))
    return sorted(ranked, key=lambda ranked_topic: -ranked_topic[1])


def classified_intents(parse: Mapping[str, Any], limit: int) -> list[str]:
    """The intent classifier's best guesses, most likely first, even when the message was then
    marked not understood (`nlu_fallback` is put in front of the classifier's ranking)."""
    names = [candidate.get("name") for candidate in parse.get("intent_ranking") or []]
    return [name for name in names if name and name != NLU_FALLBACK_INTENT][:limit]


def _faq_selection(parse: Mapping[str, Any]) -> Mapping[str, Any]:
    selectors = parse.get("response_selector") or {}
    # Rasa files a selector under its retrieval intent; older models under "default".
    return selectors.get(FAQ_INTENT) or selectors.get("default") or {}


def intent_name(parse: Mapping[str, Any]) -> str | None:
    """The predicted intent of a parse result."""
    return (parse.get("intent") or {}).get("name")
