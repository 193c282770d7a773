"""NLU component that marks possible stroke messages as `emergency` with full confidence.

Runs after the trained classifiers and before the FallbackClassifier, so a message with
stroke signs reaches the emergency rule even when the model was unsure or chose another
intent. Detection rules live in clinic/safety.yml (see bot/safety.py)."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import looks_like_stroke

EMERGENCY_INTENT = "emergency"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class EmergencyDetector(GraphComponent):
    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "EmergencyDetector":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if looks_like_stroke(message.get(TEXT) or ""):
                intent = {"name": EMERGENCY_INTENT, "confidence": 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)
        return messages
