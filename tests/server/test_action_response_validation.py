"""The action server's replies are validated as strictly as Rasa does, only once per schema."""

import jsonschema
import pytest
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

from addons import action_response_validation

VALID_REPLY = {
    "events": [{"event": "slot", "name": "injury_date", "value": "2026-05-01"}],
    "responses": [{"text": "It has been about 7 months since the injury."}],
}
MALFORMED_REPLIES = [
    {"events": "not a list"},
    {"events": [{"event": "slot", "name": 7}]},
    {"responses": ["not an object"]},
]


@pytest.fixture
def remote_action(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", action_response_validation._validate_action_result)
    return RemoteAction("action_urgency_advice", action_endpoint=None)


def test_a_valid_reply_passes(remote_action):
    assert remote_action._validate_action_result(VALID_REPLY)


@pytest.mark.parametrize("reply", MALFORMED_REPLIES)
def test_a_malformed_reply_is_rejected_as_by_jsonschema(remote_action, reply):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        remote_action._validate_action_result(reply)


def test_the_schema_is_checked_once_not_for_every_reply(remote_action, monkeypatch):
    remote_action._validate_action_result(VALID_REPLY)
    schema = RemoteAction.action_response_format_spec()
    checks = []
    monkeypatch.setattr(validator_for(schema), "check_schema", classmethod(lambda cls, s: checks.append(s)))
    jsonschema.validate(VALID_REPLY, schema)  # Rasa's way: one check per reply
    assert len(checks) == 1
    for _ in range(3):
        remote_action._validate_action_result(VALID_REPLY)
    assert len(checks) == 1
