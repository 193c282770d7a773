"""The compiled language-model featurizer gives Rasa's own features, only faster to compute.

Loads all-MiniLM-L6-v2 from .venv/hf (linked by scripts/setup.sh) in Rasa's
LanguageModelFeaturizer and in ours, and compares what each adds to the same messages.
"""

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.nlu.featurizers.dense_featurizer.lm_featurizer import LanguageModelFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import INTENT, RESPONSE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.compiled_language_model import CompiledLanguageModelFeaturizer
from ops.settings import PROJECT_ROOT

CONFIG = {"model_name": "bert", "model_weights": str(PROJECT_ROOT / ".venv/hf/all-MiniLM-L6-v2")}
QUESTIONS = [
    "is it too late for nerve surgery after two years",
    "my eye wont close",
    "what is synkinesis?",
    "My husband's face suddenly drooped an hour ago and he can't lift his arm properly",
    "scar",
]
# Few answers shared by many questions, as in the topic data.
ANSWERS = [
    "Synkinesis means that parts of the face move together involuntarily.",
    "Nerve repair is best done as early as possible; later than about a year its effect is significantly weaker.",
]


def featurizer(featurizer_class):
    return featurizer_class.create(
        {**featurizer_class.get_default_config(), **CONFIG},
        model_storage=None,
        resource=None,
        execution_context=ExecutionContext(GraphSchema({}), node_name="featurizer"),
    )


def tokenized(messages, as_training_data):
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    if as_training_data:
        tokenizer.process_training_data(TrainingData(training_examples=messages))
    else:
        tokenizer.process(messages)
    return messages


def training_examples():
    return tokenized(
        [
            Message(data={TEXT: question, INTENT: "faq", RESPONSE: ANSWERS[index % len(ANSWERS)]})
            for index, question in enumerate(QUESTIONS)
        ],
        as_training_data=True,
    )


def assert_same_features(ours, theirs, attribute):
    our_sequence, our_sentence = ours.get_dense_features(attribute)
    their_sequence, their_sentence = theirs.get_dense_features(attribute)
    assert our_sequence.features.shape == their_sequence.features.shape
    np.testing.assert_allclose(our_sequence.features, their_sequence.features, atol=1e-4)
    np.testing.assert_allclose(our_sentence.features, their_sentence.features, atol=1e-4)


@pytest.fixture(scope="module")
def rasa_featurizer():
    return featurizer(LanguageModelFeaturizer)


@pytest.fixture(scope="module")
def compiled_featurizer():
    return featurizer(CompiledLanguageModelFeaturizer)


def test_a_message_in_conversation_gets_rasas_features(rasa_featurizer, compiled_featurizer):
    theirs = rasa_featurizer.process(tokenized([Message(data={TEXT: q}) for q in QUESTIONS], False))
    ours = compiled_featurizer.process(tokenized([Message(data={TEXT: q}) for q in QUESTIONS], False))
    for our_message, their_message in zip(ours, theirs, strict=True):
        assert_same_features(our_message, their_message, TEXT)


def test_training_examples_and_their_shared_answers_get_rasas_features(rasa_featurizer, compiled_featurizer):
    theirs = rasa_featurizer.process_training_data(TrainingData(training_examples()))
    ours = compiled_featurizer.process_training_data(TrainingData(training_examples()))
    assert len(ours.training_examples) == len(QUESTIONS)
    for our_example, their_example in zip(ours.training_examples, theirs.training_examples, strict=True):
        assert our_example.get(TEXT) == their_example.get(TEXT)
        assert_same_features(our_example, their_example, TEXT)
        assert_same_features(our_example, their_example, RESPONSE)


def test_the_graph_is_traced_once_while_loading_never_for_a_patient(compiled_featurizer):
    fresh = compiled_featurizer  # already used by the tests above: still one trace
    assert fresh._sequence_hidden_states.experimental_get_tracing_count() == 1
    # One message at a time and batches of other lengths reuse the same graph.
    for question in QUESTIONS:
        fresh.process(tokenized([Message(data={TEXT: question})], False))
    fresh.process_training_data(TrainingData(training_examples()))
    assert fresh._sequence_hidden_states.experimental_get_tracing_count() == 1
