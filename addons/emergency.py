"""NLU component that marks messages needing an emergency-first reply with full confidence:
stroke signs, or a facial weakness that began in the last days, as `emergency`; a new
weakness right after an operation as `new_weakness_after_operation` (surgical team first).

Runs after the trained classifiers and before the FallbackClassifier, so such a message
reaches its rule (data/rules/safety.yml) even when the model was unsure or chose another
intent. The rules answer with domain responses, which need no action server.
Detection rules live in clinic/safety.yml (see bot/safety.py)."""

from __future__ import annotations

import logging

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.intent_override import IntentOverride
from bot.contract import AFTER_OPERATION_INTENT, EMERGENCY_INTENT, EMERGENCY_INTENTS
from bot.safety import Concern, message_concern, why_not_an_emergency

logger = logging.getLogger(__name__)


def intent_for(concern: Concern) -> str:
    if concern is Concern.NEW_WEAKNESS_AFTER_OPERATION:
        return AFTER_OPERATION_INTENT
    return EMERGENCY_INTENT


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmergencyDetector(IntentOverride):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            concern = message_concern(text)
            if concern:
                # The decision only: the patient's words stay out of the log.
                logger.info("emergency override: %s", concern.value)
                self.set_certain_intent(message, intent_for(concern))
            elif self.predicted_intent(message) in EMERGENCY_INTENTS:
                # The model learnt "drooping face" as an emergency; the rules found no new
                # change. Its call stands unless the message clearly says otherwise.
                reason = why_not_an_emergency(text)
                if reason:
                    logger.info("emergency prediction set aside: %s", reason)
                    self.drop_intents(message, EMERGENCY_INTENTS)
        return messages
