"""Shared base of the project's rule-based NLU components (not trained): each one looks at
the message after the trained classifiers and may replace the predicted intent."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


class IntentOverride(GraphComponent):
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> IntentOverride:
        return cls(config)

    @staticmethod
    def set_certain_intent(message: Message, name: str) -> None:
        """The intent becomes `name` with full confidence and is the only one ranked: the
        FallbackClassifier after us treats two close intents as ambiguous."""
        intent = {"name": name, "confidence": 1.0}
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [intent], add_to_output=True)

    @staticmethod
    def predicted_intent(message: Message) -> str | None:
        return (message.get(INTENT) or {}).get("name")

    @staticmethod
    def drop_intents(message: Message, names: set[str]) -> None:
        """The best-ranked other intent becomes the prediction, with its own confidence
        (the FallbackClassifier after us still asks to rephrase when that is low)."""
        ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry["name"] not in names]
        intent = ranking[0] if ranking else {"name": None, "confidence": 0.0}
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
