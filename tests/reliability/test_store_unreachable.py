"""The conversation store cannot be used for a moment, in the middle of the urgency
questions: PostgreSQL stopped and started again; for SQLite, which has no server to stop,
its equivalent: another program holds the file's write lock (as a backup or a stuck process
can), so that the Rasa server cannot save the conversation.

No crash, a kind reply to messages that arrive meanwhile (they cannot be stored, so they
are not answered: the patient is asked to try again), and afterwards every answered
message is in the stored conversation, which carries on where it was."""

import time

import pytest

from chat import ASKS_EYE, ASKS_NERVE, ASKS_RECOVERY, KIND_REPLY, OPENING, Chat, form_state
from results import record


@pytest.mark.timeout(180)
def test_no_answered_message_is_lost_when_the_store_is_unreachable(served):
    assistant = served.assistant
    chat = Chat(assistant)
    assert chat.say(OPENING)[-1] == ASKS_NERVE
    assert chat.say("/deny")[-1] == ASKS_RECOVERY
    newcomer = Chat(assistant)

    with served.store_unreachable() as injected:
        started = time.monotonic()
        assert chat.say("/affirm") == [KIND_REPLY]
        assert newcomer.say("hello") == [KIND_REPLY]
        outage_replies_within = time.monotonic() - started

    assert assistant.rasa_process.poll() is None  # no crash
    # The message that got the kind reply was not stored: the form still asks its question.
    assert form_state(chat.tracker())["requested_slot"] == "recovery_signs"
    assert chat.say("/affirm")[-1] == ASKS_EYE
    assert "about 8 months" in "\n".join(chat.say("/deny"))
    assert newcomer.say("hello") != [KIND_REPLY]

    chats = [chat, newcomer]
    sent = sum(c.sent for c in chats)
    answered = sum(len(c.answered) for c in chats)
    lost = sum(c.lost() for c in chats)
    record(
        "Conversation store unreachable",
        f"{injected}, in the middle of the urgency questions",
        f"2 messages during the outage got the kind reply within {outage_replies_within:.1f} s (not stored, "
        "patient asked to try again); the server kept running; every answered message stored in order; "
        "the assessment carries on to its advice",
        store=served.store,
        sent=sent,
        answered=answered,
        lost=lost,
        restarts=1 if served.store == "postgresql" else 0,
    )
    assert answered == sent - 2
    assert lost == 0
