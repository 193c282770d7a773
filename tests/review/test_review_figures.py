"""The review report's figures from hand-built Rasa events (review/figures.py)."""

from datetime import UTC, date

from review.figures import review_figures
from review_events import at, bot, faq_answer, rating, session_start, slot, user

FIRST, LAST = date(2026, 11, 20), date(2026, 11, 22)
BEFORE = date(2026, 11, 10)  # outside the report's days


def figures(*conversations):
    return review_figures(conversations, FIRST, LAST, tz=UTC)


def test_conversations_and_messages_are_counted_per_day_within_the_range():
    first = [
        *session_start(at(FIRST, 9)),
        user("hello", "greet", at(FIRST, 9)),
        *bot("utter_greet", at(FIRST, 9)),
        user("what is synkinesis", "faq", at(FIRST, 9, 1)),
        user("thanks", "thank", at(LAST, 8)),
    ]
    second = [
        *session_start(at(BEFORE, 9)),
        user("hi", "greet", at(BEFORE, 9)),
        *session_start(at(LAST, 10)),
        user("hi again", "greet", at(LAST, 10)),
    ]
    only_opened = session_start(at(FIRST, 11))  # the web chat opened, nothing written
    result = figures(first, second, only_opened)
    assert result.messages_per_day == {FIRST: 2, date(2026, 11, 21): 0, LAST: 2}
    assert result.conversations_per_day == {FIRST: 1, date(2026, 11, 21): 0, LAST: 2}
    assert result.conversations == 2 and result.messages == 4
    assert not result.empty


def test_questions_per_topic_are_the_topic_answers_sent():
    conversation = [
        user("what is synkinesis", "faq", at(FIRST, 9)),
        *faq_answer("synkinesis", at(FIRST, 9)),
        user("/faq", "faq", at(FIRST, 10)),
        *faq_answer("synkinesis", at(FIRST, 10)),
        user("how long in hospital", "faq", at(LAST, 9)),
        *faq_answer("hospital_stay", at(LAST, 9)),
        user("hello", "greet", at(LAST, 10)),
        *bot("utter_greet", at(LAST, 10)),
        user("what is synkinesis", "faq", at(BEFORE, 9)),
        *faq_answer("synkinesis", at(BEFORE, 9)),
    ]
    assert figures(conversation).questions_per_topic == {"synkinesis": 2, "hospital_stay": 1}


def test_messages_not_understood_are_listed_in_time_order_with_report_numbers_not_ids():
    first = [user("blue cheese moon", "nlu_fallback", at(LAST, 9)), user("what is synkinesis", "faq", at(LAST, 9, 5))]
    second = [
        user("what's the weather", "out_of_scope", at(FIRST, 9)),
        user("Hola, ¿qué puedo hacer?", "other_language", at(LAST, 12)),
        user("old unclear one", "nlu_fallback", at(BEFORE, 9)),
    ]
    listed = figures(first, second).unanswered
    assert [(m.text, m.label, m.conversation) for m in listed] == [
        ("what's the weather", "out of scope", 1),
        ("blue cheese moon", "unclear", 2),
        ("Hola, ¿qué puedo hacer?", "other language", 1),
    ]
    assert listed[0].when.date() == FIRST


def test_ratings_per_topic_and_the_comment_after_a_not_helpful_rating():
    first = [
        rating("helpful", "synkinesis", at(FIRST, 9)),
        rating("not_helpful", "hospital_stay", at(FIRST, 10)),
        slot("missing_info", "how long until I can drive", at(FIRST, 10, 1)),
        # The next session carries the slot over: the same comment, not a new one.
        *session_start(at(LAST, 9)),
        slot("missing_info", "how long until I can drive", at(LAST, 9)),
        rating("not_helpful", "urgency_advice", at(LAST, 9, 5)),
    ]
    second = [
        rating("helpful", "synkinesis", at(LAST, 9)),
        rating("not_helpful", "synkinesis", at(BEFORE, 9)),
        rating("helpful", "synkinesis", at(FIRST, 9)),
        slot("missing_info", "no rating before this", at(FIRST, 9)),
    ]
    result = figures(first, second)
    assert {topic: dict(counts) for topic, counts in result.ratings.items()} == {
        "synkinesis": {"helpful": 3},
        "hospital_stay": {"not_helpful": 1},
        "urgency_advice": {"not_helpful": 1},
    }
    assert [(c.label, c.text, c.conversation) for c in result.missing_comments] == [
        ("hospital_stay", "how long until I can drive", 1),
    ]


def test_a_comment_the_model_did_not_understand_is_listed_once_as_a_comment():
    comment = "it never said if I can still work"
    events = [
        rating("not_helpful", "hospital_stay", at(FIRST, 10)),
        user(comment, "nlu_fallback", at(FIRST, 10, 1)),
        slot("missing_info", comment, at(FIRST, 10, 1)),
        user("asdf", "nlu_fallback", at(FIRST, 10, 2)),
    ]
    result = figures(events)
    assert [c.text for c in result.missing_comments] == [comment]
    assert [u.text for u in result.unanswered] == ["asdf"]


def test_urgency_tiers_count_conversations_that_reached_them_in_the_range():
    early_then_late = [
        slot("urgency_level", "early", at(FIRST, 9)),
        slot("urgency_level", None, at(FIRST, 10)),
        slot("urgency_level", "late", at(LAST, 9)),
    ]
    closing_twice = [slot("urgency_level", "closing", at(FIRST, 9)), slot("urgency_level", "closing", at(LAST, 9))]
    # Reached before the range; the new session in the range only carries the slot over.
    carried_over = [
        slot("urgency_level", "early", at(BEFORE, 9)),
        *session_start(at(LAST, 9)),
        slot("urgency_level", "early", at(LAST, 9)),
        user("hello", "greet", at(LAST, 9)),
    ]
    result = figures(early_then_late, closing_twice, carried_over)
    assert result.urgency_tiers == {"early": 1, "closing": 1, "late": 1}


def test_emergency_replies_are_counted_by_reply():
    conversation = [
        user("my face suddenly drooped", "emergency", at(FIRST, 9)),
        *bot("utter_emergency", at(FIRST, 9)),
        user("weak since my operation this morning", "new_weakness_after_operation", at(LAST, 9)),
        *bot("utter_new_weakness_after_operation", at(LAST, 9)),
        *bot("utter_emergency", at(BEFORE, 9)),
    ]
    # Sent by action_urgency_advice when the date given means a new weakness.
    from_the_form = [*bot("action_urgency_advice", at(LAST, 10))[:1], *bot("utter_emergency", at(LAST, 10))[1:]]
    result = figures(conversation, from_the_form)
    assert result.emergency_replies == {"utter_emergency": 2, "utter_new_weakness_after_operation": 1}


def test_no_conversations_gives_empty_figures_with_every_day():
    result = figures()
    assert result.empty and result.messages == 0
    assert list(result.messages_per_day) == [FIRST, date(2026, 11, 21), LAST]
    assert result.urgency_tiers == {"early": 0, "closing": 0, "late": 0}
    assert result.unanswered == [] and result.ratings == {}
