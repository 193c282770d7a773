""" "Was this helpful?" (data/rules/feedback.yml): the question after an answer, and the
patient's optional comment after "not helpful". The texts are domain responses."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.contract import MISSING_INFO_SLOT

logger = logging.getLogger(__name__)

# A quick-reply button sends its payload ("/faq{...}") as the message: a click, not a comment.
BUTTON_PAYLOAD_PREFIX = "/"


def ask_for_rating(dispatcher: CollectingDispatcher, tracker: Tracker, topic_id: str) -> None:
    """Sends "Was this helpful?", its buttons rating `topic_id`; not while a form asks its
    questions (an answer given in the middle of the urgency questions is followed by the next
    question, and two sets of buttons at once would confuse)."""
    if tracker.active_loop_name:
        return
    # Rasa fills {rated_topic} in the buttons' payloads (domain.yml, utter_ask_rating).
    dispatcher.utter_message(response="utter_ask_rating", rated_topic=topic_id)


def comment_from(text: str | None) -> str | None:
    """The patient's message as a comment: None for an empty message or a button click."""
    comment = (text or "").strip()
    return comment if comment and not comment.startswith(BUTTON_PAYLOAD_PREFIX) else None


class ActionKeepComment(Action):
    """Keeps the message that follows "what was missing?" as the comment (slot missing_info);
    the rules then answer that message as usual."""

    def name(self) -> str:
        return "action_keep_comment"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        comment = comment_from(tracker.latest_message.get("text"))
        if comment is None:
            return []
        logger.info("comment kept after a not-helpful rating")
        return [SlotSet(MISSING_INFO_SLOT, comment)]
