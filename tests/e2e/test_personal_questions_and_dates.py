"""End to end over HTTP (issue 15): topic questions in personal words get the answer and the
reminder that a surgeon decides; a date that reads two ways is asked back as the only
question; the time in a long opening message is used by the urgency questions."""

import uuid

import requests

from rest_chat import TIMEOUT, say, texts

REMINDER = "Only a surgeon who examines you"
DATE_QUESTION = "When did the weakness of your face begin"


def slots(assistant, sender):
    return requests.get(
        f"{assistant.rasa_url}/conversations/{sender}/tracker",
        params={"token": assistant.token},
        timeout=TIMEOUT,
    ).json()["slots"]


def test_a_risk_question_in_personal_words_gets_the_answer_then_the_reminder(assistant):
    replies = say(assistant, "is surgery safe for me")
    assert "Source:" in replies[0]["text"] and "infection" in replies[0]["text"]
    (reminder,) = [reply for reply in replies if REMINDER in reply.get("text", "")]
    assert [b["payload"] for b in reminder["buttons"]] == ["/human_handoff", "/ask_urgency"]


def test_a_general_question_gets_the_answer_alone(assistant):
    replies = say(assistant, "what are the risks of the surgery")
    assert "infection" in texts(replies) and REMINDER not in texts(replies)


def test_a_request_for_a_decision_gets_the_refusal_alone(assistant):
    replies = say(assistant, "should I have the operation?")
    assert "can't give a diagnosis or recommend a treatment" in texts(replies)
    assert "Source:" not in texts(replies)


def test_a_date_that_reads_two_ways_is_the_only_question_of_its_turn(assistant):
    sender = uuid.uuid4().hex
    replies = say(assistant, "my operation was on 3/4/2025 and my face hasn't moved since, is it too late?", sender)
    assert len(replies) == 1 and replies[0]["text"].startswith("Do you mean 3 April 2025 or 4 March 2025?")
    replies = say(assistant, "april", sender)
    assert "cut or removed" in texts(replies) and DATE_QUESTION not in texts(replies)
    assert (slots(assistant, sender)["injury_date"], slots(assistant, sender)["urgency_level"]) == (
        "2025-04-03",
        "late",
    )


def test_the_time_in_a_long_opening_question_is_used(assistant):
    sender = uuid.uuid4().hex
    replies = say(
        assistant,
        "I'm about 7 weeks after my ear surgery and my face still won't move, is repair still possible?",
        sender,
    )
    assert "cut or removed" in texts(replies) and DATE_QUESTION not in texts(replies)
    assert slots(assistant, sender)["injury_date"] == "2026-10-04"
