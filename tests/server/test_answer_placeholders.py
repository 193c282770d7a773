"""The training data as `rasa train` imports it (config.yml's importer,
addons/answer_placeholders.py) holds no answer text, only a fixed placeholder per topic, so
editing an answer leaves the model's fingerprint as it is."""

import pytest
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.answer_placeholders import with_placeholder_responses
from bot.answers import answer, body_and_sources
from bot.topics import topics
from ops.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def imported():
    importer = TrainingDataImporter.load_from_config(
        str(PROJECT_ROOT / "config.yml"), str(PROJECT_ROOT / "domain.yml"), [str(PROJECT_ROOT / "data")]
    )
    return importer.get_nlu_data(), importer.get_domain()


def test_every_topic_has_its_fixed_placeholder_in_the_training_data_and_the_domain(imported):
    nlu, domain = imported
    placeholders = {f"utter_faq/{topic_id}": [{"text": f"faq/{topic_id}"}] for topic_id in topics()}
    assert nlu.responses == placeholders
    assert {key: value for key, value in domain.responses.items() if "/" in key} == placeholders


def test_no_answer_text_is_training_data(imported):
    nlu, domain = imported
    training_text = repr([example.as_dict() for example in nlu.training_examples]) + repr(domain.as_dict())
    for topic_id in topics():
        body, _ = body_and_sources(answer(topic_id))
        first_sentence = body.split(". ")[0]
        assert first_sentence not in training_text, topic_id


def test_only_a_key_without_a_response_gets_the_placeholder():
    data = TrainingData(
        [
            Message.build("a", intent="faq/given"),
            Message.build("b", intent="faq/missing"),
            Message.build("c", intent="greet"),
        ],
        responses={"utter_faq/given": [{"text": "given"}]},
    )
    assert with_placeholder_responses(data).responses == {
        "utter_faq/given": [{"text": "given"}],
        "utter_faq/missing": [{"text": "faq/missing"}],
    }
