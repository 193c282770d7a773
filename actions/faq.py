"""Answers a knowledge question with the topic's response and related-topic buttons,
with the reminder that a surgeon decides when the question is about the patient's own
case, then asks whether it was helpful. A question that was not understood gets the
request to rephrase, with the topics it most likely meant as buttons, and the stroke warning
first when the classifier thought it might be an emergency."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.rating import ask_for_rating
from bot.contract import (
    EMERGENCY_INTENTS,
    FAQ_INTENT,
    NLU_FALLBACK_INTENT,
    PERSONAL_ADVICE_INTENT,
    TOPIC_ENTITY,
    classified_intents,
    intent_name,
    selected_topic,
    topic_ranking,
)
from bot.input_check import unreadable_reason
from bot.personal_wording import is_personal
from bot.topics import related_buttons, suggested_topics, topic_buttons, topics

logger = logging.getLogger(__name__)


def requested_topic(latest_message: dict[str, Any]) -> str | None:
    """The topic a button asked for, else the one the response selector chose."""
    known = topics()
    for entity in latest_message.get("entities", []):
        if entity.get("entity") == TOPIC_ENTITY and entity.get("value") in known:
            return entity["value"]
    topic_id, _ = selected_topic(latest_message)
    return topic_id if topic_id in known else None


class ActionAnswerFaq(Action):
    def name(self) -> str:
        return "action_answer_faq"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        topic_id = requested_topic(tracker.latest_message)
        if topic_id is None:
            ask_to_rephrase(dispatcher, tracker)
            return []
        dispatcher.utter_message(
            response=f"utter_{FAQ_INTENT}/{topic_id}",
            buttons=related_buttons(topic_id),
        )
        reminder = topics()[topic_id].surgeon_reminder and needs_surgeon_reminder(tracker)
        # The topic and the decision only: the patient's words stay out of the log.
        logger.info("answered topic %s%s", topic_id, " with the surgeon reminder" if reminder else "")
        if reminder:
            dispatcher.utter_message(response="utter_surgeon_decides")
        ask_for_rating(dispatcher, tracker, topic_id)
        return []


def needs_surgeon_reminder(tracker: Tracker) -> bool:
    """A question in personal words gets the reminder that a surgeon decides; not during the
    urgency assessment, which itself ends with the advice to see a surgeon."""
    return tracker.active_loop_name is None and is_personal(question_answered(tracker))


def question_answered(tracker: Tracker) -> str:
    """The patient's words the answer is for: their message, or, when they chose a topic button
    after a question that was not understood, that question."""
    text = tracker.latest_message.get("text") or ""
    user_messages = [event for event in tracker.events if event.get("event") == "user"]
    if text.startswith("/") and len(user_messages) >= 2:
        previous = user_messages[-2]
        if intent_name(previous.get("parse_data") or {}) == NLU_FALLBACK_INTENT:
            return previous.get("text") or ""
    return text


class ActionAskRephrase(Action):
    def name(self) -> str:
        return "action_ask_rephrase"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        ask_to_rephrase(dispatcher, tracker)
        return []


def ask_to_rephrase(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Asks the patient to rephrase. If the classifier's two best guesses include an emergency,
    the stroke warning comes first; if the message looked like a plain knowledge question, the
    topics the response selector found most likely follow as buttons, so one click can answer it."""
    best_guesses = classified_intents(tracker.latest_message, 2)
    might_be_an_emergency = bool(EMERGENCY_INTENTS.intersection(best_guesses))
    suggestions = (
        suggested_topics(topic_ranking(tracker.latest_message)) if offers_topics(tracker, best_guesses) else []
    )
    # The decisions only: the patient's words stay out of the log.
    logger.info(
        "message not understood: asked to rephrase%s, %d topics suggested",
        " after the stroke warning" if might_be_an_emergency else "",
        len(suggestions),
    )
    if might_be_an_emergency:
        dispatcher.utter_message(response="utter_stroke_warning")
    dispatcher.utter_message(response="utter_ask_rephrase")
    if suggestions:
        dispatcher.utter_message(response="utter_suggest_topics", buttons=topic_buttons(suggestions))


def offers_topics(tracker: Tracker, best_guesses: list[str]) -> bool:
    """Topic buttons only for what the classifier took for a knowledge question without a second
    thought of an emergency or a request for personal advice, with words and not too long, and
    not during the urgency assessment (the form asks its question again)."""
    return (
        tracker.active_loop_name is None
        and best_guesses[:1] == [FAQ_INTENT]
        and not EMERGENCY_INTENTS.union({PERSONAL_ADVICE_INTENT}).intersection(best_guesses)
        and unreadable_reason(tracker.latest_message.get("text") or "") is None
    )
