"""Answers a knowledge question with the topic's response and related-topic buttons,
with the reminder that a surgeon decides when the question is about the patient's own
case, then asks whether it was helpful. A question that was not understood gets the
request to rephrase, with the topics it most likely meant as buttons."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.rating import ask_for_rating
from bot.contract import FAQ_INTENT, TOPIC_ENTITY, classified_intent, selected_topic, topic_ranking
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
    return tracker.active_loop_name is None and is_personal(tracker.latest_message.get("text") or "")


class ActionAskRephrase(Action):
    def name(self) -> str:
        return "action_ask_rephrase"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        ask_to_rephrase(dispatcher, tracker)
        return []


def ask_to_rephrase(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Asks the patient to rephrase and, when the message looked like a knowledge question,
    offers the topics the response selector found most likely, so one click can answer it."""
    dispatcher.utter_message(response="utter_ask_rephrase")
    message = tracker.latest_message
    # No guesses for a message without words or far too long, or one the classifier did not
    # take for a knowledge question ("ta", "nvm").
    looks_like_a_question = (
        classified_intent(message) == FAQ_INTENT and unreadable_reason(message.get("text") or "") is None
    )
    suggestions = suggested_topics(topic_ranking(message)) if looks_like_a_question else []
    # The decision only: the patient's words stay out of the log.
    logger.info("message not understood: asked to rephrase, %d topics suggested", len(suggestions))
    if suggestions:
        dispatcher.utter_message(response="utter_suggest_topics", buttons=topic_buttons(suggestions))
