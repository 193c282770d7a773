"""A kind reply when part of the assistant fails, instead of silence or a half answer.

Two gaps of Rasa 3.6, closed in its message processor (applied by addons/rasa_main.py):

- The action server is down or fails. Rasa logs the error, drops the action's events and
  predicts on; the patient gets no reply, or a reply that does not fit. Worse, in the
  middle of the urgency questions the form asks the action server to validate every
  message, so even stroke signs got no reply: the emergency rule only runs once the form
  has rejected the message, and the form could not reject it.
  Here a failed custom action (or a form whose validation failed) is handled in one of two
  ways, and the decision is logged with the action's name only:
  - the failed action is the active form and the message is an emergency (the intents
    addons/emergency.py sets): the form is marked as rejected, as Rasa does when the
    validation rejects a message, and the safety rules answer with their domain
    responses, which need no action server. That is how stroke signs get the emergency
    reply mid-form. (Not for other messages: a rule such as "a no outside a question
    moves on" would then answer an answer to the form's question.)
  - otherwise the patient gets `something_went_wrong_message()` (bot/clinic.py: try again,
    or the clinic's contact details from clinic/contact.yml) and the turn ends. The
    failed action leaves no trace in the conversation, so once the action server is back
    the next message carries on where the conversation was (the form still asks its
    question).
- The conversation store cannot be reached (PostgreSQL restarting, the SQLite file
  locked). Rasa's FailSafeTrackerStore would go on with an empty conversation kept in
  memory: the patient would get an answer out of context (a "yes" to the form's question
  answered as a "yes" to nothing), the form's answers so far would be ignored, and what
  was said would be lost when the store is back. Instead the store's error goes up to the
  message processor, and the patient gets the same kind reply; replies already collected
  for that message are withdrawn (REST), since they were not saved. Only the error's type
  is logged: SQLAlchemy's message (which Rasa logged) quotes the statement's values, that
  is the conversation.
"""

from __future__ import annotations

import logging

import sqlalchemy.exc
from rasa.core.actions.action import Action, ActionExecutionRejection, RemoteAction
from rasa.core.actions.loops import LoopAction
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.nlg import NaturalLanguageGenerator
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import FailSafeTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, ActionExecutionRejected, BotUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.clinic import something_went_wrong_message
from bot.contract import EMERGENCY_INTENTS

logger = logging.getLogger(__name__)
_rasa = {}


class _Outcome:
    """An action that was already run: hands its events (or its exception) to Rasa's own
    `_run_action`, which then logs and sends them exactly as usual."""

    def __init__(self, action: Action, outcome) -> None:
        self._action = action
        self._outcome = outcome

    def __getattr__(self, name):
        return getattr(self._action, name)

    def name(self) -> str:
        return self._action.name()

    async def run(self, *_args, **_kwargs):
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        return self._outcome


def _calls_action_server(action: Action) -> bool:
    return isinstance(action, (RemoteAction, LoopAction))


def _is_emergency_in_form(action: Action, tracker: DialogueStateTracker) -> bool:
    """The failed action is the active form and the message is one of the emergencies
    that the safety rules answer (data/rules/safety.yml). The form's validation would
    have rejected it (it takes only answers to its questions), and then those rules answer."""
    intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
    return tracker.active_loop_name == action.name() and intent in EMERGENCY_INTENTS


def _error_kind(error: BaseException) -> str:
    """The error's type and its cause's, not its message: a message (of a malformed reply,
    say) could quote the conversation."""
    cause = error.__cause__ or error.__context__
    return type(error).__name__ + (f" from {type(cause).__name__}" if cause else "")


def _rejection(action: Action, prediction: PolicyPrediction) -> ActionExecutionRejected:
    return ActionExecutionRejected(action.name(), prediction.policy_name, prediction.max_confidence)


async def _run_action(
    self: MessageProcessor,
    action: Action,
    tracker: DialogueStateTracker,
    output_channel: OutputChannel,
    nlg: NaturalLanguageGenerator,
    prediction: PolicyPrediction,
) -> bool:
    rasa_run_action = _rasa["_run_action"]
    if not _calls_action_server(action):
        return await rasa_run_action(self, action, tracker, output_channel, nlg, prediction)
    # As Rasa's _run_action runs it: on a copy, with the policy's events.
    temporary_tracker = tracker.copy()
    temporary_tracker.update_with_events(prediction.events, self.domain)
    try:
        outcome = await action.run(output_channel, nlg, temporary_tracker, self.domain)
    except ActionExecutionRejection as rejection:
        outcome = rejection
    except Exception as error:  # noqa: BLE001 - Rasa's own _run_action catches everything too
        return await _after_failure(self, action, error, tracker, output_channel, prediction)
    return await rasa_run_action(self, _Outcome(action, outcome), tracker, output_channel, nlg, prediction)


async def _after_failure(
    processor: MessageProcessor,
    action: Action,
    error: Exception,
    tracker: DialogueStateTracker,
    output_channel: OutputChannel,
    prediction: PolicyPrediction,
) -> bool:
    if _is_emergency_in_form(action, tracker):
        logger.warning(
            "Action '%s' failed (%s); treated as rejected, the safety rules answer the emergency",
            action.name(),
            _error_kind(error),
        )
        tracker.update(_rejection(action, prediction))
        return True
    logger.error(
        "Action '%s' failed (%s); the patient was asked to try again or contact the clinic",
        action.name(),
        _error_kind(error),
    )
    await _say_something_went_wrong(output_channel, tracker.sender_id, tracker)
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
    return False


async def _say_something_went_wrong(
    output_channel: OutputChannel, sender_id: str, tracker: DialogueStateTracker | None = None
) -> None:
    reply = BotUttered(something_went_wrong_message())
    if tracker is not None:
        tracker.update(reply)
    await output_channel.send_response(sender_id, reply.message())


async def _handle_message(self: MessageProcessor, message: UserMessage):
    try:
        return await _rasa["handle_message"](self, message)
    except sqlalchemy.exc.SQLAlchemyError as error:
        logger.error(
            "The conversation store could not be used (%s); the patient was asked to try again",
            type(error).__name__,
        )
        channel = message.output_channel
        if isinstance(channel, CollectingOutputChannel):
            channel.messages.clear()  # answers that were not saved do not count as given
        await _say_something_went_wrong(channel, message.sender_id)
        return channel.messages if isinstance(channel, CollectingOutputChannel) else None


def _no_fallback(_store: FailSafeTrackerStore, error: Exception) -> None:
    """FailSafeTrackerStore calls this with the conversation store's error, then falls
    back to an in-memory store; raising the error instead hands it to _handle_message."""
    raise error


def apply() -> None:
    if _rasa:
        return
    _rasa["_run_action"] = MessageProcessor._run_action
    _rasa["handle_message"] = MessageProcessor.handle_message
    MessageProcessor._run_action = _run_action
    MessageProcessor.handle_message = _handle_message
    FailSafeTrackerStore.on_tracker_store_error = _no_fallback
    FailSafeTrackerStore.on_tracker_store_retrieve_error = _no_fallback
