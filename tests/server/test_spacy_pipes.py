"""Our spaCy components skip pipes and still give exactly what Rasa's give: the same tokens,
lemmas, tags, dense features and DATE entities, one message at a time and as training data."""

import numpy as np
import pytest
import yaml
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.featurizers.dense_featurizer.spacy_featurizer import SpacyFeaturizer
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.utils.spacy_utils import SpacyNLP as RasaSpacyNLP
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.spacy_pipes import SpacyDateExtractor, SpacyNLP
from ops.settings import PROJECT_ROOT

SPACY_CONFIG = {"model": str(PROJECT_ROOT / ".venv/spacy/en_core_web_sm")}
HELD_OUT = PROJECT_ROOT / "tests" / "data" / "heldout" / "faq.yml"


def held_out_messages():
    """Patient messages with dates, names, typos and capitals, from the first held-out set."""
    texts = []
    for block in yaml.safe_load(HELD_OUT.read_text(encoding="utf-8"))["nlu"]:
        texts += [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
    texts += ["My face drooped on Monday 3 March 2025 after surgery in London", "", "😊", "<b>hi</b>"]
    return texts


def pipeline(nlp_class, extractor_class):
    nlp = nlp_class.create({**nlp_class.get_default_config(), **SPACY_CONFIG}, None, None, None)
    return (
        nlp,
        nlp.provide(),
        SpacyTokenizer(SpacyTokenizer.get_default_config()),
        SpacyFeaturizer(SpacyFeaturizer.get_default_config(), "spacy_featurizer"),
        extractor_class(SpacyEntityExtractor.get_default_config() | {"dimensions": ["DATE"]}),
    )


def run(nlp_class, extractor_class, texts, as_training_data):
    nlp, model, tokenizer, featurizer, extractor = pipeline(nlp_class, extractor_class)
    messages = [Message(data={TEXT: text, INTENT: "faq"}) for text in texts]
    if as_training_data:
        data = TrainingData(training_examples=messages)
        nlp.process_training_data(data, model)
        tokenizer.process_training_data(data)
        featurizer.process_training_data(data)
    else:
        nlp.process(messages, model)
        tokenizer.process(messages)
        featurizer.process(messages)
    extractor.process(messages, model)
    return messages


def described(message):
    tokens = [(t.text, t.start, t.lemma, t.data.get("pos")) for t in message.get("text_tokens", [])]
    features = [f.features for f in message.features if f.attribute == TEXT]
    # Which component found an entity is named in it; the rest must be the same.
    entities = [{k: v for k, v in e.items() if k != "extractor"} for e in message.get(ENTITIES, [])]
    return tokens, features, entities


@pytest.mark.parametrize("as_training_data", [False, True], ids=["in conversation", "in training"])
def test_same_tokens_features_and_entities_as_rasa(as_training_data):
    texts = held_out_messages()
    ours = run(SpacyNLP, SpacyDateExtractor, texts, as_training_data)
    rasas = run(RasaSpacyNLP, SpacyEntityExtractor, texts, as_training_data)
    dates_found = 0
    for text, our_message, rasa_message in zip(texts, ours, rasas, strict=True):
        our_tokens, our_features, our_entities = described(our_message)
        rasa_tokens, rasa_features, rasa_entities = described(rasa_message)
        assert our_tokens == rasa_tokens, text
        assert len(our_features) == len(rasa_features), text
        for mine, theirs in zip(our_features, rasa_features, strict=True):
            np.testing.assert_array_equal(mine, theirs, err_msg=text)
        assert our_entities == rasa_entities, text
        dates_found += bool(our_entities)
    assert dates_found >= 5  # the comparison covers messages with dates
