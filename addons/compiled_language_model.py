"""Rasa's LanguageModelFeaturizer, made fast without changing the features it computes.

- In conversation: Rasa 3.6 calls the Hugging Face TF model eagerly, op by op: about 100 ms
  per message for all-MiniLM-L6-v2, mostly dispatch overhead. The same model traced once
  with `tf.function` gives the same features (largest difference about 1e-6) in about a
  tenth of the time.
- In training: Rasa featurizes every example's text and, for the response selector, its
  answer text, in batches in file order. The ~3000 topic examples share 26 answers of a
  hundred or more tokens each, so most of the work was the same answers again and again,
  padded to the longest message of the batch. Here each distinct text is computed once,
  in batches of similar length.
Tokenisation, token alignment, sentence features and padding are Rasa's own code.
Measurements: docs/performance.md.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import tensorflow as tf
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.dense_featurizer.lm_featurizer import LanguageModelFeaturizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# Any batch size and sequence length: traced once, never retraced.
_TOKEN_BATCH = tf.TensorSpec(shape=[None, None], dtype=tf.int32)
TRAINING_BATCH_SIZE = 64  # as in Rasa's featurizer


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class CompiledLanguageModelFeaturizer(LanguageModelFeaturizer):
    def _load_model_instance(self) -> None:
        super()._load_model_instance()
        model = self.model

        @tf.function(input_signature=[_TOKEN_BATCH, _TOKEN_BATCH])
        def sequence_hidden_states(token_ids: tf.Tensor, attention_mask: tf.Tensor) -> tf.Tensor:
            # The first output of every Hugging Face model is the sequence of hidden states.
            return model(token_ids, attention_mask=attention_mask, training=False)[0]

        self._sequence_hidden_states = sequence_hidden_states
        # Tracing takes seconds: done here, while the server starts, not for the first patient.
        one_token = tf.constant([[0]], dtype=tf.int32)
        sequence_hidden_states(one_token, tf.ones_like(one_token))

    def _compute_batch_sequence_features(
        self, batch_attention_mask: np.ndarray, padded_token_ids: list[list[int]]
    ) -> np.ndarray:
        return self._sequence_hidden_states(
            tf.constant(np.asarray(padded_token_ids, dtype=np.int32)),
            tf.constant(np.asarray(batch_attention_mask, dtype=np.int32)),
        ).numpy()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
            examples_by_text: dict[str, list[Message]] = defaultdict(list)
            for example in training_data.training_examples:
                if example.get(attribute):
                    examples_by_text[example.get(attribute)].append(example)
            # Similar lengths in one batch: little padding to compute.
            texts = sorted(examples_by_text, key=len)
            for start in range(0, len(texts), TRAINING_BATCH_SIZE):
                batch_texts = texts[start : start + TRAINING_BATCH_SIZE]
                # Same text, same tokens: the first example stands for all of them.
                docs = self._get_docs_for_batch([examples_by_text[text][0] for text in batch_texts], attribute)
                for text, doc in zip(batch_texts, docs, strict=True):
                    for example in examples_by_text[text]:
                        self._set_lm_features(doc, example, attribute)
        return training_data
