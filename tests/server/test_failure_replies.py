"""The kind reply when the action server or the conversation store fails
(addons/failure_replies.py), on Rasa's own objects without running the servers; the
running servers are tested in tests/reliability/."""

import asyncio

import pytest
import sqlalchemy.exc
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.policies.policy import PolicyPrediction
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from addons import failure_replies
from bot.clinic import something_went_wrong_message
from ops.settings import free_port

KIND_REPLY = something_went_wrong_message()


class Processor:
    """The parts of Rasa's MessageProcessor that the patched methods use."""

    def __init__(self, handle=None):
        self.domain = Domain.empty()
        self._handle = handle


@pytest.fixture
def rasa_originals(monkeypatch):
    """Stand-ins for Rasa's own _run_action and handle_message."""
    calls = []

    async def run_action(processor, action, tracker, channel, nlg, prediction):
        events = await action.run(channel, nlg, tracker, processor.domain)
        calls.append((action.name(), events))
        return True

    async def handle_message(processor, message):
        return await processor._handle(message)

    monkeypatch.setitem(failure_replies._rasa, "_run_action", run_action)
    monkeypatch.setitem(failure_replies._rasa, "handle_message", handle_message)
    return calls


def unreachable_action(name):
    """A custom action whose action server is not running."""
    return RemoteAction(name, EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook"))


def in_the_form(intent):
    return DialogueStateTracker.from_events(
        "patient",
        [
            ActionExecuted("action_listen"),
            UserUttered("how urgent is it", {"name": "ask_urgency"}),
            ActionExecuted("urgency_form"),
            ActiveLoop("urgency_form"),
            SlotSet("requested_slot", "nerve_status"),
            ActionExecuted("action_listen"),
            UserUttered("...", {"name": intent}),
        ],
    )


def run_action(action, tracker, channel):
    prediction = PolicyPrediction([], "RulePolicy")
    return asyncio.run(failure_replies._run_action(Processor(), action, tracker, channel, None, prediction))


def test_a_failed_custom_action_gets_the_kind_reply_and_ends_the_turn(rasa_originals):
    channel = CollectingOutputChannel()
    tracker = in_the_form("faq")
    before = list(tracker.events)
    keep_predicting = run_action(unreachable_action("action_answer_faq"), tracker, channel)
    assert keep_predicting is False
    assert [message["text"] for message in channel.messages] == [KIND_REPLY]
    # The failed action left no trace: the form is still active and not rejected.
    new = list(tracker.events)[len(before) :]
    assert [type(event) for event in new] == [BotUttered, ActionExecuted]
    assert new[1].action_name == "action_listen"
    assert tracker.active_loop_name == "urgency_form" and not tracker.is_active_loop_rejected
    assert rasa_originals == []


def test_an_emergency_in_the_form_is_left_to_the_safety_rules(rasa_originals):
    channel = CollectingOutputChannel()
    tracker = in_the_form("emergency")
    keep_predicting = run_action(unreachable_action("urgency_form"), tracker, channel)
    assert keep_predicting is True
    assert channel.messages == []
    assert isinstance(tracker.events[-1], ActionExecutionRejected)
    assert tracker.is_active_loop_rejected


def test_another_answer_in_the_form_gets_the_kind_reply(rasa_originals):
    channel = CollectingOutputChannel()
    tracker = in_the_form("deny")
    assert run_action(unreachable_action("urgency_form"), tracker, channel) is False
    assert [message["text"] for message in channel.messages] == [KIND_REPLY]
    assert not tracker.is_active_loop_rejected


def test_a_working_or_rejecting_action_goes_through_rasa_unchanged(rasa_originals, monkeypatch):
    action = unreachable_action("action_answer_faq")

    async def rejecting(*_args):
        raise ActionExecutionRejection("action_answer_faq")

    monkeypatch.setattr(action, "run", rejecting)
    with pytest.raises(ActionExecutionRejection):  # handed to Rasa's own handling
        run_action(action, in_the_form("faq"), CollectingOutputChannel())

    async def answering(*_args):
        return [BotUttered("an answer")]

    monkeypatch.setattr(action, "run", answering)
    assert run_action(action, in_the_form("faq"), CollectingOutputChannel()) is True
    assert rasa_originals == [("action_answer_faq", [BotUttered("an answer")])]


def test_an_unreachable_store_gets_the_kind_reply_instead_of_unsaved_answers(rasa_originals, caplog):
    async def answer_then_fail_to_save(message):
        await message.output_channel.send_response(message.sender_id, {"text": "an answer"})
        raise sqlalchemy.exc.OperationalError("INSERT ... my face drooped", {}, Exception("connection refused"))

    channel = CollectingOutputChannel()
    message = UserMessage("my face drooped", channel, "patient")
    replies = asyncio.run(failure_replies._handle_message(Processor(answer_then_fail_to_save), message))
    assert [reply["text"] for reply in replies] == [KIND_REPLY]
    assert "OperationalError" in caplog.text
    assert "drooped" not in caplog.text


class UnreachableStore(InMemoryTrackerStore):
    async def retrieve(self, sender_id):
        raise sqlalchemy.exc.OperationalError("SELECT ...", {}, Exception("connection refused"))

    async def save(self, tracker):
        raise sqlalchemy.exc.OperationalError("INSERT ...", {}, Exception("connection refused"))


def test_the_store_error_reaches_the_processor_instead_of_an_empty_conversation_in_memory(monkeypatch):
    """Rasa wraps every store in a FailSafeTrackerStore, which would go on with an empty
    conversation in memory and lose it; with the add-on the error goes up to the processor."""
    store = FailSafeTrackerStore(UnreachableStore(Domain.empty()))
    assert asyncio.run(store.retrieve("patient")) is None  # Rasa's own: an empty conversation
    monkeypatch.setattr(FailSafeTrackerStore, "on_tracker_store_error", failure_replies._no_fallback)
    monkeypatch.setattr(FailSafeTrackerStore, "on_tracker_store_retrieve_error", failure_replies._no_fallback)
    with pytest.raises(sqlalchemy.exc.OperationalError):
        asyncio.run(store.retrieve("patient"))
    with pytest.raises(sqlalchemy.exc.OperationalError):
        asyncio.run(store.save(DialogueStateTracker.from_events("patient", [])))
    assert list(asyncio.run(store.fallback_tracker_store.keys())) == []
