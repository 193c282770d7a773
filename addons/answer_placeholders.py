"""Rasa's file importer (config.yml, `importers`), giving each topic a fixed placeholder
response instead of its answer text.

Rasa needs a response for every retrieval intent key (faq/<topic>): the ResponseSelector
stores them in the model, Rasa's data validation and training warn about examples without
one, and the domain must list `utter_faq/<topic>`. But an answer's text in the training data
is part of the model's fingerprint (the featurizers learn a vocabulary of the response
texts), so a one-word edit retrained every featurizer, DIET and the ResponseSelector. The
answers are now in clinic/answers/ and served by the Rasa server (addons/clinic_nlg.py); the
training data gets, for each key, the placeholder Rasa itself falls back to when a response
is missing (the key, "faq/<topic>"): the same for every edit of the answer, so only new or
changed training examples train a new model."""

from __future__ import annotations

from rasa.shared.importers.rasa import RasaFileImporter
from rasa.shared.nlu.constants import INTENT_RESPONSE_KEY
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.nlu.training_data.util import intent_response_key_to_template_key


def with_placeholder_responses(data: TrainingData) -> TrainingData:
    """`data` with a placeholder response for every retrieval intent key that has none."""
    keys = {example.get(INTENT_RESPONSE_KEY) for example in data.training_examples}
    placeholders = {
        template: [{"text": key}]
        for key in sorted(keys - {None})
        if (template := intent_response_key_to_template_key(key)) not in data.responses
    }
    return data.merge(TrainingData(responses=placeholders)) if placeholders else data


class AnswerPlaceholderImporter(RasaFileImporter):
    def get_nlu_data(self, language: str | None = "en") -> TrainingData:
        return with_placeholder_responses(super().get_nlu_data(language))
