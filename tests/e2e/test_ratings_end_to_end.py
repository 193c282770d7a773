""" "Was this helpful?" end to end with the real servers: the question after an answer and after
the urgency advice, never after an emergency reply; "not helpful" gives the clinic's contact
and asks, optionally, what was missing; the rating and the comment are events in the stored
conversation (GET /conversations/<id>/tracker), as any Rasa tool reads them."""

import uuid

import requests
import yaml

from bot.clinic import handoff_message
from ops.settings import PROJECT_ROOT
from rest_chat import TIMEOUT, say

RESPONSES = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
RATING_QUESTION = RESPONSES["utter_ask_rating"][0]["text"]
ASK_MISSING_INFO = RESPONSES["utter_ask_missing_info"][0]["text"]
STROKE_SIGNS = "my face suddenly drooped and I can't lift my arm"


def events(assistant, sender):
    response = requests.get(
        f"{assistant.rasa_url}/conversations/{sender}/tracker",
        params={"token": assistant.token},
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    return response.json()["events"]


def ratings(assistant, sender):
    """The rating clicks stored as user events: their entities."""
    return [
        {entity["entity"]: entity["value"] for entity in event["parse_data"]["entities"]}
        for event in events(assistant, sender)
        if event["event"] == "user" and event["parse_data"]["intent"]["name"] == "rate_answer"
    ]


def comments(assistant, sender):
    return [
        event["value"]
        for event in events(assistant, sender)
        if event["event"] == "slot" and event["name"] == "missing_info" and event["value"]
    ]


def button(reply, rating):
    """The payload of the rating question's button for `rating` ("helpful", "not_helpful")."""
    assert reply["text"] == RATING_QUESTION
    return next(b["payload"] for b in reply["buttons"] if f'"rating": "{rating}"' in b["payload"])


def rate_not_helpful(assistant, sender, question="what is synkinesis?"):
    answer = say(assistant, question, sender)
    replies = say(assistant, button(answer[-1], "not_helpful"), sender)
    assert [reply["text"] for reply in replies] == [handoff_message(), ASK_MISSING_INFO]


def test_an_answer_is_followed_by_the_rating_question_with_the_related_topics_kept(assistant):
    replies = say(assistant, "what is synkinesis?")
    answer, rating = replies[-2:]
    assert "Source:" in answer["text"] and len(answer["buttons"]) >= 2
    assert rating["text"] == RATING_QUESTION
    assert [b["title"] for b in rating["buttons"]] == ["Yes, helpful", "No, not helpful"]


def test_not_helpful_and_a_comment_are_stored_with_the_conversation(assistant):
    sender = uuid.uuid4().hex
    rate_not_helpful(assistant, sender)
    replies = say(assistant, "too vague", sender)
    assert [reply["text"] for reply in replies] == [RESPONSES["utter_thanks_for_comment"][0]["text"]]
    assert ratings(assistant, sender) == [{"rating": "not_helpful", "topic": "synkinesis"}]
    assert comments(assistant, sender) == ["too vague"]


def test_a_question_in_place_of_the_comment_is_answered_and_kept_as_the_comment(assistant):
    sender = uuid.uuid4().hex
    rate_not_helpful(assistant, sender)
    replies = say(assistant, "how long will I stay in hospital?", sender)
    assert "10 days" in replies[0]["text"] and "Source:" in replies[0]["text"]
    assert replies[-1]["text"] == RATING_QUESTION
    assert comments(assistant, sender) == ["how long will I stay in hospital?"]
    # Nothing is waiting any more: the next message is just answered.
    assert say(assistant, "what is synkinesis?", sender)[-1]["text"] == RATING_QUESTION


def test_stroke_signs_in_place_of_the_comment_get_the_emergency_reply_first(assistant):
    sender = uuid.uuid4().hex
    rate_not_helpful(assistant, sender)
    replies = say(assistant, STROKE_SIGNS, sender)
    assert "emergency number" in replies[0]["text"]
    assert RATING_QUESTION not in [reply["text"] for reply in replies]
    assert comments(assistant, sender) == []


def test_no_rating_question_after_an_emergency_reply(assistant):
    replies = say(assistant, STROKE_SIGNS)
    assert "emergency number" in replies[0]["text"]
    assert RATING_QUESTION not in [reply["text"] for reply in replies]


def test_the_rating_can_be_ignored_and_clicked_later(assistant):
    sender = uuid.uuid4().hex
    first = say(assistant, "what is synkinesis?", sender)
    second = say(assistant, "how long is the hospital stay", sender)
    assert "Source:" in second[0]["text"] and second[-1]["text"] == RATING_QUESTION
    replies = say(assistant, button(first[-1], "helpful"), sender)
    assert [reply["text"] for reply in replies] == [RESPONSES["utter_thanks_for_rating"][0]["text"]]
    assert ratings(assistant, sender) == [{"rating": "helpful", "topic": "synkinesis"}]


def test_the_urgency_advice_is_rated_as_urgency_advice(assistant):
    sender = uuid.uuid4().hex
    say(assistant, "my face has been paralysed since my operation 8 months ago", sender)
    say(assistant, "/deny", sender)
    say(assistant, "/affirm", sender)
    advice = say(assistant, "/deny", sender)
    assert "about 8 months" in advice[0]["text"]
    say(assistant, button(advice[-1], "helpful"), sender)
    assert ratings(assistant, sender) == [{"rating": "helpful", "topic": "urgency_advice"}]
