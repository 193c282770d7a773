"""NLU component that marks messages as not understood (`nlu_fallback`) when a guess would
mislead: a knowledge question whose topic the response selector is unsure of, or a message
with no words or far too long (bot/input_check.py).

The intent classifier says "faq" with high confidence for almost anything unfamiliar,
because the 26 topics together have far more examples than any other intent; the response
selector's confidence, by contrast, is low for messages that match no topic (measured in
docs/evaluation.md). Below `min_topic_confidence` the message becomes `nlu_fallback`, so
the patient is asked to rephrase instead of getting an answer to a question they did not ask."""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.intent_override import IntentOverride
from bot.contract import FAQ_INTENT, NLU_FALLBACK_INTENT, selected_topic
from bot.input_check import unreadable_reason

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class UnclearMessageGate(IntentOverride):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"min_topic_confidence": 0.2}

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.min_topic_confidence = config["min_topic_confidence"]

    def _why_unclear(self, message: Message) -> str | None:
        reason = unreadable_reason(message.get(TEXT) or "")
        if reason:
            return reason
        if self.predicted_intent(message) != FAQ_INTENT:
            return None
        _, topic_confidence = selected_topic({"response_selector": message.get("response_selector")})
        if topic_confidence < self.min_topic_confidence:
            return f"topic confidence {topic_confidence:.2f}"
        return None

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            reason = self._why_unclear(message)
            if reason is None:
                continue
            # The decision only: the patient's words stay out of the log.
            logger.info("message marked unclear (%s): asked to rephrase", reason)
            confidence = (message.get(INTENT) or {}).get("confidence", 0.0)
            fallback = {"name": NLU_FALLBACK_INTENT, "confidence": confidence}
            ranking = message.get(INTENT_RANKING_KEY) or []
            message.set(INTENT, fallback, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
        return messages
