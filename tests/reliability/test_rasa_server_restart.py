"""The Rasa server is stopped and started again in the middle of the urgency questions:
the next message continues the same conversation, with every slot and the form's state
as they were (the conversation store keeps them, not the server's memory)."""

import pytest

from chat import ASKS_EYE, ASKS_NERVE, ASKS_RECOVERY, OPENING, Chat, form_state
from ops.launcher import start_process, stop_process
from results import record

MID_FORM = {
    "active_loop": "urgency_form",
    "requested_slot": "recovery_signs",
    "injury_date": "2026-03-22",
    "months_since_injury": 8.0,
    "urgency_level": "closing",
    "nerve_status": "intact",
    "recovery_signs": None,
    "eye_closure": None,
    "onset_concern": None,
}


@pytest.mark.timeout(300)
def test_the_conversation_continues_after_the_rasa_server_restarts(served):
    chat = Chat(served.assistant)
    assert chat.say(OPENING)[-1] == ASKS_NERVE
    assert chat.say("/deny")[-1] == ASKS_RECOVERY
    assert form_state(chat.tracker()) == MID_FORM

    stop_process(served.assistant, "rasa")
    start_process(served.assistant, "rasa")

    assert form_state(chat.tracker()) == MID_FORM
    assert chat.say("/affirm")[-1] == ASKS_EYE
    assert form_state(chat.tracker()) == {
        **MID_FORM,
        "requested_slot": "eye_closure",
        "recovery_signs": "yes",
    }
    advice = "\n".join(chat.say("/deny"))
    assert "about 8 months" in advice
    assert form_state(chat.tracker())["active_loop"] is None
    lost = chat.lost()
    record(
        "Rasa server restarted mid-assessment",
        "Rasa server stopped (SIGTERM) and started again between two answers of the urgency questions",
        "the next answer continues the form; every slot, the requested question and the active form "
        "are the same before and after; the assessment ends with its advice",
        store=served.store,
        sent=chat.sent,
        answered=len(chat.answered),
        lost=lost,
        restarts=1,
    )
    assert chat.sent == len(chat.answered) == 4
    assert lost == 0
