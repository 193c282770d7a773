"""addons/ted_policy_cache.py: with the trained model, a remembered prediction is exactly the
one TED computes, for every turn of real conversations, and repeats are served from memory."""

import asyncio
import uuid

import numpy as np
import pytest
from rasa.core.policies.ted_policy import TEDPolicy
from rasa.graph_components.providers.rule_only_provider import RuleOnlyDataProvider
from rasa.shared.core.trackers import DialogueStateTracker

from addons.ted_policy_cache import CachedTEDPolicy, copy_of

CONVERSATIONS = [
    ["hello", "what is synkinesis?", '/rate_answer{"rating": "helpful", "topic": "synkinesis"}', "thanks, bye"],
    ["is it too late for me?", "8 months ago", "no", "yes", "no", "what is a nerve graft", "bye"],
    ["my face has been weak since my operation in March 2025", "what is emg?", "yes", "don't know", "yes"],
    ["can I talk to someone at the clinic", "how long is the hospital stay", "delete my chat", "no"],
]


@pytest.fixture(scope="module")
def agent(agent_with_actions):
    return agent_with_actions


def rule_only_data(agent):
    """The slots and loops that only rules use, which Rasa's prediction graph gives the policies."""
    (provider,) = [
        node._component
        for node in agent.processor.graph_runner._instantiated_nodes.values()
        if isinstance(node._component, RuleOnlyDataProvider)
    ]
    data = provider.provide()
    assert data, "the model's rules name no rule-only slots or loops: nothing to pass on"
    return data


def cached_ted(agent) -> CachedTEDPolicy:
    (policy,) = [
        node._component
        for node in agent.processor.graph_runner._instantiated_nodes.values()
        if isinstance(node._component, CachedTEDPolicy)
    ]
    return policy


def turns(agent, messages):
    """The tracker before each prediction of a real conversation with the assistant."""
    sender = uuid.uuid4().hex

    async def talk():
        for text in messages:
            await agent.handle_text(text, sender_id=sender)
        return await agent.tracker_store.retrieve(sender)

    tracker = asyncio.run(talk())
    events = list(tracker.events)
    slots = list(agent.domain.slots)
    return [
        DialogueStateTracker.from_events(sender, events[:end], slots=slots)
        for end in range(1, len(events) + 1)
        if events[end - 1].type_name in ("action", "user")
    ]


def test_the_remembered_prediction_is_teds_own_on_every_turn(agent):
    policy = cached_ted(agent)
    trackers = [tracker for messages in CONVERSATIONS for tracker in turns(agent, messages)]
    assert len(trackers) > 50
    # The urgency form ran (the action server answered): its states are among those checked.
    assert any(tracker.get_slot("urgency_level") for tracker in trackers)
    rules_only = rule_only_data(agent)
    for tracker in trackers:
        computed = TEDPolicy.predict_action_probabilities(policy, tracker, agent.domain, rules_only)
        first = policy.predict_action_probabilities(tracker, agent.domain, rules_only)
        remembered = policy.predict_action_probabilities(tracker, agent.domain, rules_only)
        assert np.array_equal(first.probabilities, computed.probabilities)
        assert np.array_equal(remembered.probabilities, computed.probabilities)
        assert remembered.policy_name == computed.policy_name == "TEDPolicy"


def test_repeated_states_are_served_from_memory(agent, monkeypatch):
    policy = cached_ted(agent)
    calls = []
    original = TEDPolicy.predict_action_probabilities
    monkeypatch.setattr(
        TEDPolicy,
        "predict_action_probabilities",
        lambda self, *args, **kwargs: calls.append(1) or original(self, *args, **kwargs),
    )
    policy._predictions.clear()
    first = turns(agent, CONVERSATIONS[0])
    computed = len(calls)
    again = turns(agent, CONVERSATIONS[0])  # another patient, the same conversation
    assert computed > 0 and len(calls) == computed, "the second patient's states were computed again"
    assert len(again) == len(first)


def test_each_prediction_handed_out_is_a_fresh_copy(agent):
    # Rasa's ensemble sets a rejected action's probability to 0 in the prediction it gets.
    policy = cached_ted(agent)
    tracker = turns(agent, ["hello"])[-1]
    handed_out = policy.predict_action_probabilities(tracker, agent.domain)
    handed_out.probabilities[0] = 42.0
    assert policy.predict_action_probabilities(tracker, agent.domain).probabilities[0] != 42.0
    assert copy_of(handed_out).probabilities is not handed_out.probabilities
