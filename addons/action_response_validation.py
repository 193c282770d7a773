"""Validate the action server's replies against Rasa's schema without re-checking the schema.

Rasa 3.6 checks every reply of the action server with `jsonschema.validate(reply, schema)`.
That function first validates the schema itself (`check_schema`), and Rasa's schema of all
event types is large: measured with cProfile, about 0.2 s of CPU for every custom action
call, more than everything else a message costs together (NLU, policies, the action
itself). The urgency questions call the action server on almost every message.

Here the schema is checked once and a validator built from it is reused: the same
validation, with the same ValidationError and message for a malformed reply.
`apply()` must run before Rasa handles a message (see addons/rasa_main.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _reply_validator():
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)  # what jsonschema.validate would choose
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _reply_validator().validate(result)
        return True
    except ValidationError as error:
        # Rasa's own hint, unchanged.
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error


def apply() -> None:
    RemoteAction._validate_action_result = _validate_action_result
