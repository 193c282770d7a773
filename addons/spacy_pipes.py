"""Rasa's spaCy components, running only the spaCy pipes whose output they use.

Rasa 3.6 runs the whole en_core_web_sm pipeline twice for every message: once on the
lower-cased text for tokens and features, once on the original text for DATE entities.
- Tokens and features need tok2vec (token vectors), tagger, attribute_ruler and lemmatizer
  (lemmas and tags), not the dependency parser or the entity recogniser.
- DATE entities need only the entity recogniser, which in the `sm` model has its own
  token-to-vector layer (it does not listen to the shared tok2vec).
Skipping the rest gives the same tokens, lemmas, tags, vectors and entities
(tests/server/test_spacy_pipes.py) for well under half of the spaCy time
(docs/performance.md).
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils import spacy_utils
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

NOT_USED_FOR_FEATURES = ("parser", "ner")
TRAINING_BATCH_SIZE = 50  # as in Rasa's SpacyNLP


# The class keeps Rasa's name: Rasa's recipe hands the loaded model to SpacyTokenizer,
# SpacyFeaturizer and SpacyEntityExtractor by looking for a component class named "SpacyNLP".
@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.MODEL_LOADER,
        DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER,
    ],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(spacy_utils.SpacyNLP):
    def _doc_for_text(self, model: Any, text: str) -> Any:
        return model(self._preprocess_text(text), disable=NOT_USED_FOR_FEATURES)

    @staticmethod
    def _process_content_bearing_samples(model: Any, samples_to_pipe: list[tuple[int, str]]) -> list[tuple[int, Any]]:
        texts = [text for _, text in samples_to_pipe]
        docs = model.pipe(texts, batch_size=TRAINING_BATCH_SIZE, disable=NOT_USED_FOR_FEATURES)
        return [(index, doc) for (index, _), doc in zip(samples_to_pipe, docs, strict=True)]


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyDateExtractor(SpacyEntityExtractor):
    """Rasa's SpacyEntityExtractor (same config: `dimensions`), running the entity recogniser only."""

    def process(self, messages: list[Message], model: SpacyModel) -> list[Message]:
        nlp = model.model
        not_needed = [name for name in nlp.pipe_names if name != "ner"]
        for message in messages:
            # The original text, not the lower-cased doc: case matters for entities.
            doc = nlp(message.get(TEXT), disable=not_needed)
            found = self.add_extractor_name(self._extract_entities(doc))
            wanted = self.filter_irrelevant_entities(found, self._config["dimensions"])
            message.set(ENTITIES, message.get(ENTITIES, []) + wanted, add_to_output=True)
        return messages
