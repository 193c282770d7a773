"""The rule layer (bot/safety.py over clinic/safety.yml) on the safety test set of issue 11
and on the cases the rules must tell apart."""

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from bot.safety import (
    Concern,
    message_concern,
    new_onset_days,
    onset_concern,
    says_it_began_just_now,
)

ROOT = Path(__file__).resolve().parents[2]
SAFETY_SET = yaml.safe_load((ROOT / "tests" / "data" / "safety_set.yml").read_text(encoding="utf-8"))
EMERGENCIES = [(text, kind) for kind, texts in SAFETY_SET["emergency"].items() for text in texts]
NOT_EMERGENCIES = [(text, category) for category, texts in SAFETY_SET["not_emergency"].items() for text in texts]
TODAY = date(2026, 11, 22)
DOMAIN_RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
EMERGENCY_RESPONSES = ["utter_emergency", "utter_new_weakness_after_operation"]


def test_the_set_is_as_large_as_issue_11_asks():
    assert len(EMERGENCIES) >= 60
    assert len(NOT_EMERGENCIES) >= 60


@pytest.mark.parametrize("text, kind", EMERGENCIES)
def test_every_emergency_in_the_set_gets_its_emergency_reply(text, kind):
    assert message_concern(text) == Concern(kind)


@pytest.mark.parametrize("text, category", NOT_EMERGENCIES)
def test_no_message_that_must_not_be_an_emergency_is_flagged(text, category):
    assert message_concern(text) is None


def test_the_set_is_not_training_data():
    training = set()
    for path in (ROOT / "data" / "nlu").rglob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            training.update(
                line.strip()[2:].lower()
                for line in block.get("examples", "").splitlines()
                if line.strip().startswith("- ")
            )
    messages = [text for text, _ in EMERGENCIES + NOT_EMERGENCIES]
    messages += [answer for answers in SAFETY_SET["form_answers"].values() for answer in answers]
    assert [m for m in messages if m.lower() in training] == []


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_messages_are_not_emergencies(text):
    assert message_concern(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        # An arm or leg sign with a face sign is a stroke sign, however long the face has drooped.
        ("my face has drooped for 2 years and now my arm is numb", Concern.STROKE_SIGNS),
        # A face sign alone within minutes or hours is a stroke warning sign on its own.
        ("my face drooped on one side about an hour ago", Concern.STROKE_SIGNS),
        # Within days: the new-weakness reply (call if unsure, otherwise a doctor today).
        ("my face drooped on one side yesterday", Concern.NEW_FACIAL_WEAKNESS),
        ("my face has drooped for 5 days", Concern.NEW_FACIAL_WEAKNESS),
        # Days beyond the threshold, or an old operation, are not new.
        ("my face has drooped for 9 days", None),
        ("my face dropped after surgery 2 years ago and yesterday I saw the surgeon", None),
        # A question about surgery is not an operation that happened.
        ("my face went weak yesterday, is it too late for nerve surgery?", Concern.NEW_FACIAL_WEAKNESS),
        # Waking from the anaesthetic says nothing about when; waking at home does.
        ("I woke up from surgery with a crooked face, what now?", None),
        ("I woke up with a crooked face", Concern.NEW_FACIAL_WEAKNESS),
        # A curly apostrophe is the same apostrophe.
        ("since my surgery yesterday my face won\u2019t move", Concern.NEW_WEAKNESS_AFTER_OPERATION),
        ("she\u2019s having a stroke", Concern.STROKE_SIGNS),
        # "Confused" as a state, not as "confused about".
        ("I'm confused about which surgeon to see for my droopy face", None),
    ],
)
def test_rules_tell_the_cases_apart(text, expected):
    assert message_concern(text) == expected


def test_days_ago_count_as_new_up_to_the_threshold():
    limit = new_onset_days()
    assert message_concern(f"my mouth started drooping {limit} days ago") == Concern.NEW_FACIAL_WEAKNESS
    assert message_concern(f"my mouth started drooping {limit + 1} days ago") is None


@pytest.mark.parametrize("answer", ["I woke up with it", "just now", "20 minutes ago"])
def test_answers_without_a_date_can_still_say_it_began_today(answer):
    assert says_it_began_just_now(answer)


@pytest.mark.parametrize("answer", ["no idea", "I woke up from the operation like this"])
def test_answers_that_do_not_say_when_are_not_taken_as_today(answer):
    assert not says_it_began_just_now(answer)


def test_an_onset_within_the_threshold_is_new_and_one_day_more_is_not():
    last_new_day = TODAY - timedelta(days=new_onset_days())
    assert onset_concern(last_new_day, TODAY, "a week ago") == Concern.NEW_FACIAL_WEAKNESS
    assert onset_concern(last_new_day - timedelta(days=1), TODAY, "8 days ago") is None


def test_stroke_signs_in_an_answer_win_over_its_date():
    # "2 years ago" is read as the date, but the answer names a stroke now.
    answer = "2 years ago, but now my arm went weak and my face dropped"
    assert onset_concern(date(2024, 11, 22), TODAY, answer) == Concern.STROKE_SIGNS


def test_a_new_onset_after_an_operation_goes_to_the_surgical_team():
    assert onset_concern(TODAY, TODAY, "the operation was this morning") == Concern.NEW_WEAKNESS_AFTER_OPERATION


def response_text(name):
    (response,) = DOMAIN_RESPONSES[name]
    return " ".join(response["text"].split())


@pytest.mark.parametrize("name", EMERGENCY_RESPONSES)
def test_every_emergency_response_sends_people_to_emergency_care_and_never_to_surgery_timing(name):
    text = response_text(name)
    assert "emergency number NOW" in text
    assert all(number in text for number in ("112", "911", "999"))
    assert "if you are not sure" in text
    assert "still early" not in text and "good time to talk to a surgeon" not in text


def test_the_emergency_response_starts_with_the_call_and_names_a_face_droop_alone_as_enough():
    # One text for stroke signs and a new facial weakness: it must be right for both.
    text = response_text("utter_emergency")
    assert text.startswith("Call your local emergency number NOW")
    assert "can be a stroke, even on its own" in text
    assert "within the last hours" in text and "Note the time" in text
    assert "Do not wait for this chat" in text
    assert "a few days ago and there is no other sign, please see a doctor today" in text


def test_a_new_weakness_after_an_operation_goes_to_the_surgical_team_today():
    text = response_text("utter_new_weakness_after_operation")
    assert "tell your surgical team today" in text
    assert "any sign of a stroke" in text
