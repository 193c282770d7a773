"""The action server is down: every message still gets a reply. Messages that need the
action server get a kind reply that says something went wrong and how to reach the clinic
(addons/failure_replies.py); stroke signs get the emergency reply, also in the middle of
the urgency questions; once the action server is back, the conversation carries on where
it was. (tests/e2e/test_action_server_down.py checks the emergency replies on their own.)"""

import pytest

from bot.clinic import contact
from chat import ASKS_EYE, ASKS_NERVE, ASKS_RECOVERY, EMERGENCY, KIND_REPLY, OPENING, Chat, form_state
from ops.launcher import start_process, stop_process
from results import record

STROKE_SIGNS = "my face suddenly drooped on one side and I can't lift my arm"


def test_the_kind_reply_names_the_clinic_contacts():
    details = contact()
    assert "something went wrong" in KIND_REPLY
    for key in ("phone", "email", "opening_hours"):
        assert details[key] in KIND_REPLY
    assert "emergency number" in KIND_REPLY


def rasa_log(assistant) -> str:
    return "\n".join(log.read_text(errors="replace") for log in sorted(assistant.log_dir.glob("rasa*.log")))


@pytest.mark.timeout(180)
def test_while_the_action_server_is_down_and_after_it_is_back(served):
    assistant = served.assistant
    assessed = Chat(assistant)  # in the urgency questions when the action server goes down
    assert assessed.say(OPENING)[-1] == ASKS_NERVE
    with_stroke_signs = Chat(assistant)  # also in the urgency questions
    assert with_stroke_signs.say(OPENING)[-1] == ASKS_NERVE
    asking = Chat(assistant)
    before = form_state(assessed.tracker())

    stop_process(assistant, "actions")
    try:
        assert assessed.say("/deny") == [KIND_REPLY]
        assert asking.say("what is synkinesis") == [KIND_REPLY]
        assert with_stroke_signs.say(STROKE_SIGNS) == [EMERGENCY]
        assert Chat(assistant).say(STROKE_SIGNS) == [EMERGENCY]
    finally:
        start_process(assistant, "actions")

    # The emergency ended that assessment; the other one still waits for its answer.
    assert form_state(with_stroke_signs.tracker())["active_loop"] is None
    after = form_state(assessed.tracker())
    assert after["active_loop"] == "urgency_form"
    assert after["requested_slot"] == "nerve_status"
    assert {k: v for k, v in after.items() if k != "nerve_status"} == {
        k: v for k, v in before.items() if k != "nerve_status"
    }
    # The conversation carries on: the same answer again, then the rest of the questions.
    assert assessed.say("/deny")[-1] == ASKS_RECOVERY
    assert assessed.say("/affirm")[-1] == ASKS_EYE
    assert "about 8 months" in "\n".join(assessed.say("/deny"))
    assert asking.say("what is synkinesis") != [KIND_REPLY]

    # The decision is logged with the action's name, never with what the patient wrote.
    log = rasa_log(assistant)
    assert "Action 'urgency_form' failed" in log  # its validation needs the action server
    assert "treated as rejected, the safety rules answer the emergency" in log
    assert "Action 'action_answer_faq' failed" in log
    assert "synkinesis" not in log and "drooped" not in log

    chats = [assessed, with_stroke_signs, asking]
    sent = sum(chat.sent for chat in chats) + 1
    answered = sum(len(chat.answered) for chat in chats) + 1
    kind = sum(chat.kind_replies for chat in chats)
    lost = sum(chat.lost() for chat in chats)
    record(
        "Action server down",
        "action server stopped while two patients were in the urgency questions, started again after 4 messages",
        f"while down: {kind} messages got the kind reply with the clinic's contacts, stroke signs "
        "(one of them mid-assessment) the emergency reply; after: the assessment carries on to its advice",
        store=served.store,
        sent=sent,
        answered=answered + kind,
        lost=lost,
        restarts=1,
    )
    assert kind == 2
    assert answered + kind == sent
    assert lost == 0
