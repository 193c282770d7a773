"""Rasa's TEDPolicy, answering a dialogue state it has already predicted from memory.

Without end-to-end stories TED predicts from the dialogue state only (the last five turns'
intents, entities, slots, previous actions and active form), never from the patient's
words, and its prediction for a state is always the same. Patients' conversations go
through few distinct states, so after the first few conversations most predictions are
repeats; each one costs TED a TensorFlow call (about a fifth of the CPU of a message,
docs/performance.md), and Rasa asks for two per message. The memory holds the most recent
MAX_STATES states and is per process; the prediction handed out is a fresh copy each time
(Rasa's ensemble edits the probabilities it is given).

When the model was trained with text (end-to-end stories), every prediction is computed as
TED computes it."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from rasa.core.featurizers.precomputation import MessageContainerForCoreFeaturization
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import TEXT

# No slot influences the conversation (domain.yml), so the states are few; about 5 KB each
# with TED's attention weights, so at most about 10 MB per process.
MAX_STATES = 2_000


def frozen(value: Any) -> Hashable:
    """A hashable copy of a dialogue state (nested dicts, lists and tuples)."""
    if isinstance(value, dict):
        return tuple(sorted((key, frozen(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(frozen(item) for item in value)
    return value


def copy_of(prediction: PolicyPrediction) -> PolicyPrediction:
    return PolicyPrediction(
        list(prediction.probabilities),
        prediction.policy_name,
        prediction.policy_priority,
        list(prediction.events),
        list(prediction.optional_events),
        prediction.is_end_to_end_prediction,
        prediction.is_no_user_prediction,
        prediction.diagnostic_data,
        prediction.hide_rule_turn,
        prediction.action_metadata,
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITH_END_TO_END_SUPPORT, is_trainable=True)
class CachedTEDPolicy(TEDPolicy):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._predictions: OrderedDict[Hashable, PolicyPrediction] = OrderedDict()

    def _prediction(self, probabilities: list[float], **kwargs: Any) -> PolicyPrediction:
        prediction = super()._prediction(probabilities, **kwargs)
        # The name every tracker event and the HTTP API have always shown for TED's predictions.
        prediction.policy_name = TEDPolicy.__name__
        return prediction

    def _predicts_from_state_only(self) -> bool:
        # Without text features TED makes no end-to-end prediction, and so finds no entities.
        return not self.only_e2e and TEXT not in self.fake_features

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        precomputations: MessageContainerForCoreFeaturization | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        def computed() -> PolicyPrediction:
            return super(CachedTEDPolicy, self).predict_action_probabilities(
                tracker, domain, rule_only_data, precomputations, **kwargs
            )

        if self.model is None or not self._predicts_from_state_only():
            return computed()
        state = frozen(self._prediction_states(tracker, domain, rule_only_data=rule_only_data))
        prediction = self._predictions.get(state)
        if prediction is None:
            prediction = computed()
            self._predictions[state] = copy_of(prediction)
            if len(self._predictions) > MAX_STATES:
                self._predictions.popitem(last=False)
        else:
            self._predictions.move_to_end(state)
        return copy_of(prediction)
