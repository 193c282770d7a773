"""The emergency-first reply for a message with stroke signs or a new facial weakness.
Which reply is bot/safety.py's decision; the texts are in clinic/safety.yml."""
from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.safety import Concern, message_concern, reply_text

logger = logging.getLogger(__name__)


class ActionEmergencyReply(Action):
    def name(self) -> str:
        return "action_emergency_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict):
        text = tracker.latest_message.get("text") or ""
        # The model can recognise an emergency the rules do not name: the stroke reply,
        # the most urgent one, is then the safe choice.
        concern = message_concern(text) or Concern.STROKE_SIGNS
        # The decision only: the patient's words stay out of the log.
        logger.info("emergency reply: %s", concern.value)
        dispatcher.utter_message(text=reply_text(concern))
        return []
