"""The Rasa server's response generator (endpoints.yml, `nlg`): the domain's responses, and
the topic answers from the clinic's answer files, so that an edited answer reaches patients
within a minute without a training or a restart.

Rasa's TemplatedNaturalLanguageGenerator with one change: a retrieval intent's response
(`utter_faq/<topic>`) is the topic's answer file (bot/answers.py, read again when it
changes) instead of the model's placeholder (addons/answer_placeholders.py). The rest is
Rasa's: the slots filled into the text, the buttons the action adds (related topics), the
domain's responses (greeting, emergency replies), which the rules send without the action
server. `rasa shell` and the `make run` servers both read endpoints.yml, so they show the
same texts.

A topic whose file is missing, or was never valid, gets the kind reply with the clinic's
contact details, and the log names the topic and the error's type (never a text); a file
broken by a later edit keeps its previous text (bot/clinic_files.py)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.nlu.constants import RESPONSE_IDENTIFIER_DELIMITER
from rasa.utils.endpoints import EndpointConfig

from bot.answers import ANSWERS_DIR, answer
from bot.clinic import something_went_wrong_message

logger = logging.getLogger(__name__)


def answer_topic(utter_action: str) -> str | None:
    """The topic of a retrieval intent's response name ("utter_faq/synkinesis"), else None."""
    _, delimiter, topic_id = utter_action.partition(RESPONSE_IDENTIFIER_DELIMITER)
    return topic_id if delimiter else None


class ClinicAnswersGenerator(TemplatedNaturalLanguageGenerator):
    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        domain: Domain | None = None,
        answers_dir: Path = ANSWERS_DIR,
    ) -> None:
        # Rasa's Agent replaces `responses` with the model's domain responses once the
        # model is loaded, as it does for its own templated generator.
        super().__init__(domain.responses if domain else {})
        self.answers_dir = answers_dir

    def _random_response_for(
        self, utter_action: str, output_channel: str, filled_slots: dict[str, Any]
    ) -> dict[str, Any] | None:
        topic_id = answer_topic(utter_action)
        if topic_id is None:
            return super()._random_response_for(utter_action, output_channel, filled_slots)
        try:
            return answer(topic_id, self.answers_dir)  # Rasa copies it before filling slots
        except Exception as error:  # a missing or broken file must not leave the patient without a reply
            logger.error(
                "No answer file could be used for topic %s (%s): the patient got the reply with the clinic's contacts",
                topic_id,
                type(error).__name__,
            )
            return {"text": something_went_wrong_message()}
