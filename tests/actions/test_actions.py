"""The Rasa actions, driven with rasa_sdk trackers (no servers): they only adapt bot/ logic."""

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import ActionAnswerFaq, ActionAskRephrase, requested_topic
from actions.handoff import ActionHumanHandoff
from actions.urgency import ActionAskInjuryDate, ActionUrgencyAdvice, ValidateUrgencyForm
from bot.safety import Concern
from bot.topics import SUGGESTION_MIN_CONFIDENCE, topic_button_payload, topics

FORM_ANSWERS = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data" / "safety_set.yml").read_text(encoding="utf-8")
)["form_answers"]

URGENCY_FILE = Path(__file__).resolve().parents[2] / "clinic" / "urgency.yml"
# What the form says to a date still to come.
FUTURE_REPLY = yaml.safe_load(URGENCY_FILE.read_text(encoding="utf-8"))["date_questions"]["future"]

DOMAIN_SLOTS = ["injury_date", "nerve_status", "recovery_signs", "eye_closure"]
DOMAIN = {
    "slots": {name: {"mappings": [{"type": "custom"}]} for name in DOMAIN_SLOTS},
    "forms": {"urgency_form": {"required_slots": DOMAIN_SLOTS}},
}


def tracker(text="", intent="inform_injury_time", entities=(), response_key=None, loop="urgency_form", **slots):
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": list(entities)}
    if response_key:
        message["response_selector"] = {"faq": {"response": {"intent_response_key": response_key}}}
    all_slots = {name: None for name in DOMAIN_SLOTS}
    all_slots.update({"date_attempts": 0, "requested_slot": None, **slots})
    active_loop = {"name": loop} if loop else {}
    return Tracker("patient", all_slots, message, [], False, None, active_loop, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, DOMAIN))
    return dispatcher.messages, events


def slot_values(events):
    return {event["name"]: event["value"] for event in events if event["event"] == "slot"}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2026-11-22")


def test_faq_answer_uses_the_response_selector_topic_and_offers_related_buttons():
    messages, _ = run(ActionAnswerFaq(), tracker("what is emg", "faq", response_key="faq/nerve_tests"))
    assert messages[0]["response"] == "utter_faq/nerve_tests"
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        '/faq{"topic": "nerve_recovery_signs"}',
        '/faq{"topic": "repair_timing"}',
        '/faq{"topic": "consultation_checklist"}',
    ]


def test_a_button_topic_wins_over_the_response_selector():
    latest = {
        "entities": [{"entity": "topic", "value": "scar_care"}],
        "response_selector": {"faq": {"response": {"intent_response_key": "faq/synkinesis"}}},
    }
    assert requested_topic(latest) == "scar_care"


@pytest.mark.parametrize(
    "text, topic",
    [
        ("honestly I'm scared, what could go wrong with my operation?", "complications"),
        ("is my mum too old for it?", "candidacy"),
    ],
)
def test_a_question_in_personal_words_gets_the_answer_then_the_surgeon_reminder(text, topic):
    messages, _ = run(ActionAnswerFaq(), tracker(text, "faq", response_key=f"faq/{topic}", loop=None))
    # The rating question comes last (actions/rating.py).
    assert [m["response"] for m in messages] == [f"utter_faq/{topic}", "utter_surgeon_decides", "utter_ask_rating"]


@pytest.mark.parametrize(
    "text, loop, after_the_answer",
    [
        ("what are the risks of the surgery", None, ["utter_ask_rating"]),
        ('/faq{"topic": "complications"}', None, ["utter_ask_rating"]),
        # During the urgency assessment, which ends with the advice to see a surgeon anyway (and
        # asks its next question instead of the rating).
        ("what could go wrong with my operation?", "urgency_form", []),
    ],
)
def test_no_reminder_for_a_general_question_a_button_or_during_the_assessment(text, loop, after_the_answer):
    messages, _ = run(ActionAnswerFaq(), tracker(text, "faq", response_key="faq/complications", loop=loop))
    assert [m["response"] for m in messages] == ["utter_faq/complications", *after_the_answer]


def test_no_reminder_after_a_practical_topic_asked_in_personal_words():
    # clinic/topics.yml: surgeon_reminder: false for what to bring, the hospital stay...
    messages, _ = run(
        ActionAnswerFaq(),
        tracker("what should I bring to my consultation?", "faq", response_key="faq/consultation_checklist", loop=None),
    )
    assert [m["response"] for m in messages] == ["utter_faq/consultation_checklist", "utter_ask_rating"]


def test_the_surgeon_reminder_offers_a_consultation_and_has_no_medical_content():
    domain = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text(encoding="utf-8"))
    (reminder,) = domain["responses"]["utter_surgeon_decides"]
    assert "surgeon who examines you" in reminder["text"] and "Source:" not in reminder["text"]
    assert [b["payload"] for b in reminder["buttons"]] == ["/human_handoff", "/ask_urgency"]


def test_an_unknown_topic_asks_to_rephrase():
    messages, _ = run(ActionAnswerFaq(), tracker("??", "faq", entities=[{"entity": "topic", "value": "nope"}]))
    assert messages[0]["response"] == "utter_ask_rephrase"


def not_understood(
    classified_as, ranking, text="how does the thing with the cheek work", second_guess="thank", loop=None
):
    message = tracker(text, "nlu_fallback", loop=loop)
    message.latest_message["intent_ranking"] = [{"name": n} for n in ("nlu_fallback", classified_as, second_guess)]
    message.latest_message["response_selector"] = {
        "faq": {"ranking": [{"intent_response_key": f"faq/{t}", "confidence": c} for t, c in ranking]}
    }
    return message


def test_a_question_not_understood_gets_the_most_likely_topics_as_buttons():
    ranking = [
        ("masseteric_nerve_transfer", 0.18),
        ("no_such_topic", 0.15),
        ("free_muscle_transfer", 0.12),
        ("scar_care", 0.09),
        ("synkinesis", 0.08),
        ("care_team", 0.01),
    ]
    messages, _ = run(ActionAskRephrase(), not_understood("faq", ranking))
    assert [m["response"] for m in messages] == ["utter_ask_rephrase", "utter_suggest_topics"]
    payloads = [b["payload"] for b in messages[1]["buttons"]]
    # The three most confident known topics; an unknown ID is skipped, too little confidence never offered.
    assert payloads == [
        topic_button_payload(t) for t in ("masseteric_nerve_transfer", "free_muscle_transfer", "scar_care")
    ]
    assert [b["title"] for b in messages[1]["buttons"]] == [
        topics()[t].title for t in ("masseteric_nerve_transfer", "free_muscle_transfer", "scar_care")
    ]


def test_no_topic_buttons_when_no_topic_is_likely_or_it_was_no_question():
    unlikely = [("scar_care", SUGGESTION_MIN_CONFIDENCE / 2)]
    messages, _ = run(ActionAskRephrase(), not_understood("faq", unlikely))
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"]
    # "ta", "nvm": not taken for a knowledge question, so no topics are guessed for them.
    messages, _ = run(ActionAskRephrase(), not_understood("thank", [("scar_care", 0.6)]))
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"]
    # A message without words or far too long: no guesses either.
    for text in ("??? 😢", "<b></b>", "my face " * 200):
        messages, _ = run(ActionAskRephrase(), not_understood("faq", [("scar_care", 0.6)], text=text))
        assert [m["response"] for m in messages] == ["utter_ask_rephrase"]


@pytest.mark.parametrize(
    "classified_as, second_guess, loop",
    [
        ("faq", "personal_advice", None),  # a decision request perhaps: the refusal, not a topic's answer
        ("faq", "thank", "urgency_form"),  # the form asks its question again
    ],
)
def test_no_topic_buttons_for_a_possible_request_for_advice_or_during_the_assessment(classified_as, second_guess, loop):
    message = not_understood(classified_as, [("candidacy", 0.6)], second_guess=second_guess, loop=loop)
    messages, _ = run(ActionAskRephrase(), message)
    assert [m["response"] for m in messages] == ["utter_ask_rephrase"]


@pytest.mark.parametrize("classified_as, second_guess", [("faq", "emergency"), ("new_weakness_after_operation", "faq")])
def test_a_possible_emergency_not_understood_gets_the_stroke_warning_first_and_no_topics(classified_as, second_guess):
    message = not_understood(classified_as, [("what_is_facial_palsy", 0.6)], second_guess=second_guess)
    messages, _ = run(ActionAskRephrase(), message)
    assert [m["response"] for m in messages] == ["utter_stroke_warning", "utter_ask_rephrase"]


def test_a_topic_chosen_after_a_personal_question_not_understood_keeps_the_surgeon_reminder():
    question = "will my face ever move again after all this??"
    events = [
        {"event": "user", "text": question, "parse_data": {"intent": {"name": "nlu_fallback"}}},
        {"event": "action", "name": "action_ask_rephrase"},
        {"event": "user", "text": '/faq{"topic": "nerve_recovery_signs"}', "parse_data": {"intent": {"name": "faq"}}},
    ]
    button = tracker('/faq{"topic": "nerve_recovery_signs"}', "faq", loop=None)
    button.latest_message["entities"] = [{"entity": "topic", "value": "nerve_recovery_signs"}]
    button.events = events
    messages, _ = run(ActionAnswerFaq(), button)
    assert [m["response"] for m in messages] == [
        "utter_faq/nerve_recovery_signs",
        "utter_surgeon_decides",
        "utter_ask_rating",
    ]
    # The same button after a question that was understood: no reminder (the button's own words).
    events[0]["parse_data"] = {"intent": {"name": "faq"}}
    messages, _ = run(ActionAnswerFaq(), button)
    assert "utter_surgeon_decides" not in [m["response"] for m in messages]


def test_handoff_gives_the_clinic_contact_details():
    messages, _ = run(ActionHumanHandoff(), tracker("phone number?", "human_handoff"))
    assert "[CLINIC PHONE NUMBER]" in messages[0]["text"]


def test_time_in_the_opening_message_fills_the_date_and_urgency():
    _, events = run(
        ValidateUrgencyForm(),
        tracker(
            "my face has been paralysed since my surgery 7 months ago",
            "inform_injury_time",
            entities=[{"entity": "DATE", "value": "7 months ago"}],
        ),
    )
    slots = slot_values(events)
    assert slots["injury_date"] == "2026-04-22"
    assert slots["months_since_injury"] == 7.0
    assert slots["urgency_level"] == "closing"


def test_opening_message_without_a_time_just_asks():
    messages, events = run(ValidateUrgencyForm(), tracker("is it too late for me?", "ask_urgency"))
    assert messages == []
    assert "injury_date" not in slot_values(events)


@pytest.mark.parametrize(
    "text, reply", [("banana", {"response": "utter_date_not_understood"}), ("next month", {"text": FUTURE_REPLY})]
)
def test_unreadable_or_future_dates_are_asked_again(text, reply):
    messages, events = run(ValidateUrgencyForm(), tracker(text, "inform_injury_time", requested_slot="injury_date"))
    assert {key: messages[0][key] for key in reply} == reply
    slots = slot_values(events)
    assert slots["date_attempts"] == 1
    assert slots["injury_date"] is None


def test_third_failed_date_ends_the_questions_politely():
    messages, events = run(
        ValidateUrgencyForm(), tracker("no clue", "dont_know", requested_slot="injury_date", date_attempts=2)
    )
    assert messages[0]["response"] == "utter_date_gave_up"
    slots = slot_values(events)
    assert slots["injury_date"] == "unknown"
    assert slots["requested_slot"] is None, "no more questions once the date is unknown"


def test_a_question_in_the_middle_is_not_counted_as_a_date_answer():
    messages, events = run(ValidateUrgencyForm(), tracker("what is an emg?", "faq", requested_slot="injury_date"))
    assert messages == []
    assert "date_attempts" not in slot_values(events)


def test_recovery_signs_are_not_asked_when_the_nerve_was_cut():
    _, events = run(
        ValidateUrgencyForm(),
        tracker("yes", "affirm", requested_slot="nerve_status", injury_date="2026-05-01", nerve_status="cut"),
    )
    assert slot_values(events)["requested_slot"] == "eye_closure"


def test_advice_for_a_late_case_with_an_open_eye():
    messages, _ = run(
        ActionUrgencyAdvice(),
        tracker(
            "",
            "deny",
            injury_date="2024-11-01",
            months_since_injury=24.7,
            urgency_level="late",
            nerve_status="intact",
            recovery_signs="no",
            eye_closure="no",
        ),
    )
    texts = [m["text"] for m in messages]
    assert "about 2 years" in texts[0]
    assert any("gracilis" in t for t in texts)
    assert any("eye" in t.lower() for t in texts[1:])
    assert all("Source: " in t for t in texts)
    assert messages[-1]["buttons"], "advice ends with related-topic buttons"


def answer_to_date_question(text):
    return run(ValidateUrgencyForm(), tracker(text, "inform_injury_time", requested_slot="injury_date"))


@pytest.mark.parametrize("answer", FORM_ANSWERS["new_onset"])
def test_a_new_onset_ends_the_questions_and_still_fills_the_public_slots(answer):
    messages, events = answer_to_date_question(answer)
    slots = slot_values(events)
    assert messages == []
    assert slots["onset_concern"] in {concern.value for concern in Concern}
    assert slots["requested_slot"] is None, "no questions about the nerve"
    assert slots["injury_date"] in {"2026-11-20", "2026-11-21", "2026-11-22"}
    assert slots["months_since_injury"] == 0.0
    assert slots["urgency_level"] == "early"


@pytest.mark.parametrize("answer", FORM_ANSWERS["not_new"])
def test_an_older_onset_carries_on_with_the_usual_questions(answer):
    messages, events = answer_to_date_question(answer)
    slots = slot_values(events)
    assert slots.get("onset_concern") is None
    assert "requested_slot" not in slots, "the form goes on to its next question"
    assert all("emergency" not in (m.get("text") or "") for m in messages)


def test_yesterday_evening_is_an_early_injury_date_with_the_new_weakness_concern():
    _, events = answer_to_date_question("yesterday evening")
    slots = slot_values(events)
    assert (slots["injury_date"], slots["urgency_level"], slots["onset_concern"]) == (
        "2026-11-21",
        "early",
        "new_facial_weakness",
    )


def test_an_operation_yesterday_is_a_new_weakness_after_an_operation():
    _, events = answer_to_date_question("the operation was yesterday")
    assert slot_values(events)["onset_concern"] == "new_weakness_after_operation"


def test_a_new_onset_in_the_opening_message_ends_the_form_before_any_question():
    _, events = run(
        ValidateUrgencyForm(),
        tracker(
            "my surgery was yesterday, is there still time to fix the nerve?",
            "inform_injury_time",
            entities=[{"entity": "DATE", "value": "yesterday"}],
        ),
    )
    slots = slot_values(events)
    assert slots["onset_concern"] == "new_weakness_after_operation"
    assert slots["requested_slot"] is None


def test_stroke_signs_with_a_time_in_the_middle_of_the_form_end_it_with_the_stroke_reply():
    # The form reads the time before any rule can answer; the concern still comes first.
    _, events = run(
        ValidateUrgencyForm(),
        tracker(
            "my dad's face dropped 10 minutes ago and he can't lift his arm", "emergency", requested_slot="injury_date"
        ),
    )
    slots = slot_values(events)
    assert (slots["onset_concern"], slots["requested_slot"]) == ("stroke_signs", None)


@pytest.mark.parametrize(
    "concern, response",
    [
        (Concern.STROKE_SIGNS, "utter_emergency"),
        (Concern.NEW_FACIAL_WEAKNESS, "utter_emergency"),
        (Concern.NEW_WEAKNESS_AFTER_OPERATION, "utter_new_weakness_after_operation"),
    ],
)
def test_advice_for_a_new_onset_is_only_the_emergency_first_response(concern, response):
    # The same domain responses the emergency rules send (data/rules/safety.yml).
    messages, _ = run(
        ActionUrgencyAdvice(),
        tracker(
            "",
            "inform_injury_time",
            injury_date="2026-11-21",
            months_since_injury=0.0,
            urgency_level="early",
            onset_concern=concern.value,
        ),
    )
    assert [(m["response"], m["text"]) for m in messages] == [(response, None)]


def test_a_form_answer_with_an_emergency_intent_and_no_time_is_left_to_the_emergency_rules():
    # Not taken as the date: the form rejects it and a rule sends the domain response.
    for intent in ("emergency", "new_weakness_after_operation"):
        _, events = run(
            ValidateUrgencyForm(),
            tracker("wait, after my surgery my smile went lopsided overnight", intent, requested_slot="injury_date"),
        )
        assert "injury_date" not in slot_values(events)


def test_emergency_decisions_are_logged_without_the_patients_words(caplog):
    caplog.set_level("INFO")
    answer_to_date_question("yesterday evening")
    assert "emergency override: new_facial_weakness" in caplog.text
    assert "yesterday" not in caplog.text and "evening" not in caplog.text


# --- issue 15: dates asked back, planned operations, the time in the opening question ------


def form_turn(text, intent="inform_injury_time", earlier=(), hint=None, **slots):
    """The form's validation for `text`, after the patient's `earlier` messages; `hint` is
    the DATE span spaCy (en_core_web_sm) marks in `text`."""
    entities = [{"entity": "DATE", "value": hint}] if hint else []
    tracker_ = tracker(text, intent, entities, **slots)
    tracker_.events = [{"event": "user", "text": t} for t in (*earlier, text)]
    return run(ValidateUrgencyForm(), tracker_)


def ask_for_the_date(text, intent="inform_injury_time", **slots):
    """What the form says when it asks for the date after the patient's message `text`."""
    messages, _ = run(ActionAskInjuryDate(), tracker(text, intent, requested_slot="injury_date", **slots))
    return messages


def test_an_ambiguous_date_is_asked_back_not_guessed_and_not_counted():
    messages, events = form_turn("3/4/2025", requested_slot="injury_date")
    slots = slot_values(events)
    assert messages == []  # validation says nothing: the question back is the form's question
    assert slots["injury_date"] is None and "date_attempts" not in slots
    (question,) = ask_for_the_date("3/4/2025")
    assert question["text"].startswith("Do you mean 3 April 2025 or 4 March 2025?")


def test_the_ask_back_text_comes_from_the_clinic_file():
    config = yaml.safe_load(URGENCY_FILE.read_text(encoding="utf-8"))
    expected = config["date_questions"]["ambiguous"].format(first="4 March 2025", second="3 April 2025")
    assert ask_for_the_date("04.03.25") == [{**ask_for_the_date("04.03.25")[0], "text": expected}]


@pytest.mark.parametrize(
    "text, intent, slots",
    [
        ("", "ask_urgency", {}),  # the first time
        ("no idea, sorry", "dont_know", {}),  # an answer that was not a date
        ("what is an emg?", "faq", {}),  # after a question answered in the middle of the form
        ("yesterday", "inform_injury_time", {"injury_date": "2026-11-21"}),  # nothing open
    ],
)
def test_otherwise_the_form_asks_its_usual_date_question(text, intent, slots):
    assert [m["response"] for m in ask_for_the_date(text, intent, **slots)] == ["utter_ask_urgency_form_injury_date"]


def test_the_question_back_replaces_the_usual_question():
    (question,) = ask_for_the_date("my op was on 3/4/2025, is it too late?", "ask_urgency")
    assert question["response"] is None and question["text"].startswith("Do you mean")


@pytest.mark.parametrize(
    "answer, injury_date",
    [
        ("April", "2025-04-03"),
        ("the 4th of march", "2025-03-04"),
        ("3 April 2025", "2025-04-03"),
        ("the second one", "2025-03-04"),
    ],
)
def test_the_answer_to_the_ask_back_fills_the_date(answer, injury_date):
    messages, events = form_turn(answer, "affirm", earlier=["my op was on 3/4/2025"], requested_slot="injury_date")
    slots = slot_values(events)
    assert messages == []
    assert (slots["injury_date"], slots["urgency_level"]) == (injury_date, "late")


def test_a_chosen_reading_counts_even_with_an_interrupting_intent():
    _, events = form_turn("the first", "thank", earlier=["3/4/2025"], requested_slot="injury_date")
    assert slot_values(events)["injury_date"] == "2025-04-03"


def test_an_answer_after_an_unrelated_message_is_not_a_choice():
    # Only the message right after the ask-back picks a reading: here "April" is this April.
    _, events = form_turn("April", earlier=["3/4/2025", "what is an emg?"], requested_slot="injury_date")
    assert slot_values(events)["injury_date"] == "2026-04-15"


def test_a_chosen_recent_reading_still_gets_the_operation_concern(monkeypatch):
    monkeypatch.setenv("ASSISTANT_TODAY", "2026-04-04")
    _, events = form_turn("april", earlier=["my operation was on 3/4/2026"], requested_slot="injury_date")
    slots = slot_values(events)
    assert (slots["injury_date"], slots["onset_concern"]) == ("2026-04-03", "new_weakness_after_operation")


def test_an_ambiguous_date_in_the_opening_message_is_asked_back():
    messages, events = form_turn("I had surgery on 3/4/2025, is it too late?", "ask_urgency")
    assert messages == [] and slot_values(events)["injury_date"] is None
    (question,) = ask_for_the_date("I had surgery on 3/4/2025, is it too late?", "ask_urgency")
    assert "Do you mean 3 April 2025 or 4 March 2025?" in question["text"]


@pytest.mark.parametrize(
    "text, hint, injury_date, level",
    [
        (
            "my face is still weak about 7 weeks after my ear surgery, is repair still possible?",
            "about 7 weeks",
            "2026-10-04",
            "early",
        ),
        (
            "my face has been weak since my parotid operation in March, is it too late?",
            "March",
            "2026-03-15",
            "closing",
        ),
        ("Is it too late? I had my operation just after Christmas 2024.", "Christmas 2024", "2024-12-25", "late"),
        ("it's been about half a year since the surgery, is there still time?", None, "2026-05-22", "closing"),
        ("about half a year ago, is it too late?", "a year ago", "2026-05-22", "closing"),
    ],
)
def test_the_time_in_the_opening_question_is_used(text, hint, injury_date, level):
    messages, events = form_turn(text, "ask_urgency", hint=hint)
    slots = slot_values(events)
    assert messages == []
    assert (slots["injury_date"], slots["urgency_level"]) == (injury_date, level)


def test_the_time_in_the_message_before_the_opening_question_is_used():
    # The first message got a knowledge answer; "is it too late for me?" then opens the form.
    earlier = {
        "event": "user",
        "text": "I am about 7 weeks after my ear surgery, is repair still possible?",
        "parse_data": {"intent": {"name": "faq"}, "entities": [{"entity": "DATE", "value": "about 7 weeks"}]},
    }
    tracker_ = tracker("is it too late for me?", "ask_urgency")
    tracker_.events = [earlier, {"event": "user", "text": "is it too late for me?"}]
    messages, events = run(ValidateUrgencyForm(), tracker_)
    slots = slot_values(events)
    assert messages == []
    assert (slots["injury_date"], slots["urgency_level"]) == ("2026-10-04", "early")


@pytest.mark.parametrize("earlier", ["what is an emg?", "my op was on 3/4/2025", "my operation is next week"])
def test_an_earlier_message_without_a_past_date_is_not_used(earlier):
    _, events = form_turn("is it too late for me?", "ask_urgency", earlier=[earlier])
    assert "injury_date" not in slot_values(events)


def test_a_planned_operation_in_the_opening_message_is_said_kindly_and_not_counted():
    messages, events = form_turn(
        "my operation is in 3 weeks' time, how soon should I see a surgeon if my face is weak after?",
        "ask_urgency",
        hint="3 weeks'",
    )
    assert messages[0]["text"] == FUTURE_REPLY
    assert "still to come" in FUTURE_REPLY and '"stop"' in FUTURE_REPLY
    slots = slot_values(events)
    assert slots["injury_date"] is None and "date_attempts" not in slots


def test_a_planned_date_as_the_answer_counts_as_an_attempt_and_is_said_kindly():
    messages, events = form_turn("scheduled for 5 January", hint="5 January", requested_slot="injury_date")
    assert messages[0]["text"] == FUTURE_REPLY
    assert slot_values(events)["date_attempts"] == 1


def test_answers_and_advice_are_logged_by_topic_and_level_without_the_patients_words(caplog):
    caplog.set_level("INFO")
    question = tracker("could my own synkinesis get better", "faq", response_key="faq/synkinesis", loop=None)
    run(ActionAnswerFaq(), question)
    run(ActionUrgencyAdvice(), tracker("thanks", loop=None, months_since_injury=4.0, urgency_level="early"))
    assert "answered topic synkinesis with the surgeon reminder" in caplog.text
    assert "urgency advice given: early" in caplog.text
    assert "could my own" not in caplog.text
