"""The same patient sends two messages at once (two taps, two tabs): both are answered, one
after the other. Rasa's lock store lets one message of a conversation through at a time,
so in the stored conversation each message is followed by exactly its own replies."""

import threading

import pytest

from chat import Chat, stored_turns
from results import record

ROUNDS = 3
# Both answered by the action server: while one waits for it, the server could take up the
# other, were it not for the lock.
PAIR = ("what is synkinesis", "how long will i be in hospital after the operation")


def say_at_once(chat, messages):
    replies = {}
    barrier = threading.Barrier(len(messages))

    def send(text):
        barrier.wait()
        replies[text] = chat.say(text)

    threads = [threading.Thread(target=send, args=(text,)) for text in messages]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return replies


@pytest.mark.timeout(180)
def test_two_messages_at_once_are_both_answered_in_turn(served):
    chat = Chat(served.assistant)
    for _ in range(ROUNDS):
        replies = say_at_once(chat, PAIR)
        assert set(replies) == set(PAIR)
        assert all(replies[text] for text in PAIR)
    assert replies[PAIR[0]] != replies[PAIR[1]]

    tracker = chat.tracker()
    turns = stored_turns(tracker)
    # Every message once, each followed by the replies its sender got, none mixed in.
    assert sorted(text for text, _ in turns) == sorted(PAIR * ROUNDS), [
        (event["event"], event.get("name")) for event in tracker["events"]
    ]
    assert sorted(turns) == sorted(chat.answered)
    lost = chat.lost_in_any_order()
    record(
        "Two messages at once from one patient",
        f"{ROUNDS} times two messages of one conversation sent at the same moment",
        "both answered; the stored conversation holds each message once, followed by exactly its own replies",
        store=served.store,
        sent=chat.sent,
        answered=len(chat.answered),
        lost=lost,
    )
    assert chat.sent == len(chat.answered) == 2 * ROUNDS
    assert lost == 0
