"""NLU component that treats a knowledge question as not understood when the response
selector is unsure which topic it is about.

The intent classifier says "faq" with high confidence for almost anything unfamiliar,
because the 26 topics together have far more examples than any other intent; the response
selector's confidence, by contrast, is low for messages that match no topic (measured in
docs/evaluation.md). Below `min_topic_confidence` the message becomes `nlu_fallback`, so
the patient is asked to rephrase instead of getting an answer to a question they did not ask."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

RETRIEVAL_INTENT = "faq"
FALLBACK_INTENT = "nlu_fallback"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False
)
class TopicConfidenceGate(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_topic_confidence": 0.2}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.min_topic_confidence = config["min_topic_confidence"]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TopicConfidenceGate":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") != RETRIEVAL_INTENT:
                continue
            selection = (message.get("response_selector") or {}).get(RETRIEVAL_INTENT, {})
            topic_confidence = selection.get("response", {}).get("confidence", 0.0)
            if topic_confidence < self.min_topic_confidence:
                fallback = {"name": FALLBACK_INTENT, "confidence": topic_confidence}
                message.set(INTENT, fallback, add_to_output=True)
                ranking = message.get(INTENT_RANKING_KEY) or []
                message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
        return messages
