"""NLU component that marks messages written in another language as `other_language` with
full confidence, so a rule tells the patient (in simple English) that the assistant reads
English only and gives the clinic's contact details, instead of answering a guessed topic.

Runs after the trained classifiers and before the EmergencyDetector, so English stroke
signs always win. The check and its thresholds: bot/language.py and config.yml."""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.intent_override import IntentOverride
from bot.contract import OTHER_LANGUAGE_INTENT
from bot.language import LanguageCheck

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageGate(IntentOverride):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"candidate_languages": ["SPANISH", "FRENCH", "GERMAN"], "min_confidence": 0.8, "min_words": 3}

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__(config)
        self.check = LanguageCheck(config["candidate_languages"], config["min_confidence"], config["min_words"])

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            if self.check.other_language(message.get(TEXT) or ""):
                # The decision only: the patient's words stay out of the log.
                logger.info("message in another language: English-only reply")
                self.set_certain_intent(message, OTHER_LANGUAGE_INTENT)
        return messages
