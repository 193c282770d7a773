"""NLU component that marks possible stroke messages as `emergency` with full confidence.

Runs after the trained classifiers and before the FallbackClassifier, so a message with
stroke signs reaches the emergency rule even when the model was unsure or chose another
intent. Detection rules live in clinic/safety.yml (see bot/safety.py)."""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from addons.intent_override import IntentOverride
from bot.safety import looks_like_stroke

EMERGENCY_INTENT = "emergency"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class EmergencyDetector(IntentOverride):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if looks_like_stroke(message.get(TEXT) or ""):
                self.set_certain_intent(message, EMERGENCY_INTENT)
        return messages
