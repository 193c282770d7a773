import itertools
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot import urgency
from bot.urgency import build_advice, describe_elapsed, months_since, urgency_level

SOURCES_DIR = Path(__file__).resolve().parents[3] / "shared" / "sources"
SOURCE_LINE = re.compile(r"\nSource: (?P<files>[^\n]+)$")


# --- months_since ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("injury", "today", "months"),
    [
        (date(2026, 11, 22), date(2026, 11, 22), 0.0),
        (date(2026, 8, 22), date(2026, 11, 22), 3.0),
        (date(2026, 5, 22), date(2026, 11, 21), 5.9),  # one day short of 6 months
        (date(2026, 5, 22), date(2026, 11, 22), 6.0),
        (date(2025, 11, 22), date(2026, 11, 21), 11.9),
        (date(2025, 11, 22), date(2026, 11, 22), 12.0),
        (date(2026, 11, 1), date(2026, 11, 16), 0.5),  # 15 of November's 30 days
        (date(2025, 1, 31), date(2025, 2, 28), 1.0),  # month end: 31 Jan + 1 month = 28 Feb
        (date(2024, 1, 31), date(2024, 2, 29), 1.0),  # leap year
        (date(2024, 2, 29), date(2025, 2, 28), 12.0),  # leap day + 1 year = 28 Feb
        (date(2024, 2, 29), date(2028, 2, 29), 48.0),
        (date(2020, 3, 15), date(2026, 11, 22), 80.2),
    ],
)
def test_months_since(injury, today, months):
    assert months_since(injury, today) == months


def test_months_since_rejects_a_future_injury():
    with pytest.raises(ValueError):
        months_since(date(2026, 12, 1), date(2026, 11, 22))


# --- urgency_level ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "level"),
    [(0.0, "early"), (5.9, "early"), (6.0, "closing"), (11.9, "closing"), (12.0, "late"), (80.0, "late")],
)
def test_urgency_tier_boundaries(months, level):
    assert urgency_level(months) == level


@pytest.mark.parametrize(
    ("injury", "level"),
    [
        (date(2026, 5, 23), "early"),  # 6 months complete tomorrow
        (date(2026, 5, 22), "closing"),  # 6 months complete today
        (date(2025, 11, 23), "closing"),
        (date(2025, 11, 22), "late"),  # a year complete today
    ],
)
def test_tier_changes_on_the_exact_day(injury, level):
    assert urgency_level(months_since(injury, date(2026, 11, 22))) == level


@pytest.fixture
def early_tier_below_3_months(tmp_path, monkeypatch):
    """clinic/urgency.yml with the early tier ending at 3 months instead of its own value."""
    config = yaml.safe_load(urgency.URGENCY_FILE.read_text(encoding="utf-8"))
    config["tiers"][0]["below_months"] = 3
    edited = tmp_path / "urgency.yml"
    edited.write_text(yaml.safe_dump(config), encoding="utf-8")
    monkeypatch.setattr(urgency, "URGENCY_FILE", edited)


def test_thresholds_come_from_the_clinic_file(early_tier_below_3_months):
    assert urgency_level(4.0) == "closing"


def test_the_policy_threshold_in_the_wording_comes_from_the_clinic_file(early_tier_below_3_months):
    assert "within 3 months" in advice(months=1.0)[0]
    assert "past the 3 months" in advice(months=4.0)[0]


# --- describe_elapsed ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (0.0, "less than a week"),
        (0.2, "less than a week"),
        (0.3, "about a week"),
        (0.5, "about 2 weeks"),
        (0.9, "about 4 weeks"),
        (1.0, "about a month"),
        (6.9, "about 7 months"),
        (11.4, "about 11 months"),
        (11.9, "about a year"),
        (12.0, "about a year"),
        (18.0, "about a year and a half"),
        (24.0, "about 2 years"),
        (30.0, "about 2 and a half years"),
        (36.5, "about 3 years"),
        (80.2, "about 7 years"),
    ],
)
def test_describe_elapsed(months, words):
    assert describe_elapsed(months) == words


# --- build_advice ----------------------------------------------------------------------

SLOT_VALUES = {
    "months": [None, 0.5, 7.0, 30.0],
    "nerve_status": ["cut", "intact", "unknown", None],
    "recovery_signs": ["yes", "no", "unknown", None],
    "eye_closure": ["yes", "no", "unknown", None],
}
ALL_COMBINATIONS = list(itertools.product(*SLOT_VALUES.values()))


def advice(months=7.0, nerve_status="unknown", recovery_signs="unknown", eye_closure="unknown"):
    level = None if months is None else urgency_level(months)
    return build_advice(months, level, nerve_status, recovery_signs, eye_closure)


def joined(messages: list[str]) -> str:
    return "\n".join(messages).lower()


@pytest.mark.parametrize(("months", "nerve", "recovery", "eye"), ALL_COMBINATIONS)
def test_every_message_cites_existing_sources_and_stays_short(months, nerve, recovery, eye):
    for message in advice(months, nerve, recovery, eye):
        citation = SOURCE_LINE.search(message)
        assert citation, message
        for name in citation["files"].split(", "):
            assert (SOURCES_DIR / name).is_file(), name
        text = message[: citation.start()]
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", text)) <= 4, text


@pytest.mark.parametrize(("months", "nerve", "recovery", "eye"), ALL_COMBINATIONS)
def test_advice_ends_with_the_consultation_step(months, nerve, recovery, eye):
    last = advice(months, nerve, recovery, eye)[-1].lower()
    for item in ["surgery records", "pathology", "ct or mri", "only a surgeon"]:
        assert item in last


def test_first_message_names_the_elapsed_time_and_the_clinic_policy():
    first = advice(months=7.0)[0]
    assert first.startswith("It has been about 7 months")
    assert "past the 6 months" in first and "its own policy, not a figure from the sources" in first
    assert "later than a year" in first and "significantly weaker" in first


def test_early_first_message_asks_for_a_consultation_under_the_clinic_policy():
    first = advice(months=0.5)[0]
    assert first.startswith("It has been about 2 weeks") and "as early as possible" in first
    assert "within 6 months" in first and "its own policy, not a figure from the sources" in first


@pytest.mark.parametrize("months", [None, 0.0, 0.5, 5.9, 7.0, 30.0])
def test_no_tier_reassures_that_there_is_time(months):
    # 000 gives no span in which waiting is safe (issue 11).
    first = advice(months=months)[0].lower()
    for reassurance in ["still early", "plenty of time", "no rush", "good time"]:
        assert reassurance not in first


def test_late_advice_weakens_nerve_repair_and_offers_free_muscle_transfer():
    text = joined(advice(months=30.0))
    assert "about 2 and a half years" in text and "significantly weaker" in text
    assert "free muscle transfer" in text and "gracilis" in text
    assert "cross-face nerve graft" in text and "static slings" in text


@pytest.mark.parametrize("months", [0.5, 7.0])
def test_free_muscle_transfer_only_for_long_standing_palsy(months):
    assert "free muscle transfer" not in joined(advice(months=months))


def test_unknown_date_gives_general_advice_to_see_a_surgeon_soon():
    first = advice(months=None)[0].lower()
    assert "see a surgeon soon" in first and "as early as possible" in first
    assert not first.startswith("it has been")


@pytest.mark.parametrize("months", [0.5, 7.0, 30.0])
def test_intact_nerve_recovering_keeps_the_sources_qualifiers(months):
    text = joined(advice(months=months, nerve_status="intact", recovery_signs="yes"))
    assert "can continue to be observed" in text and "monthly emg" in text
    assert "many months in a row" in text
    # 000's qualifiers in the same passage: severe damage, and no improvement despite weak movement.
    assert "severe damage" in text and "early repair is needed" in text
    assert "even with some weak movement, it is still recommended to consider nerve repair" in text


def test_intact_nerve_without_improvement_is_still_recommended_to_consider_repair():
    text = joined(advice(nerve_status="intact", recovery_signs="no"))
    assert "no improvement" in text and "still recommended to consider nerve repair" in text
    assert "f-wave" in text and "early nerve repair is needed" in text


def test_intact_nerve_with_unknown_recovery_lists_the_signs_to_watch():
    text = joined(advice(nerve_status="intact", recovery_signs="unknown"))
    assert "upper lip" in text and "eye" in text


def test_cut_nerve_gets_repair_that_can_be_considered_and_no_observing():
    text = joined(advice(nerve_status="cut", recovery_signs="yes"))
    assert "nerve repair can be considered" in text and "can be repaired" not in text
    assert "as early as possible" in text and "nerve grafting" in text
    # 000's condition for the masseteric + cross-face combination.
    assert "if the part of the facial nerve inside the skull was severed" in text
    assert "for a surgeon to decide" in text
    assert "continue to be observed" not in text


def test_unknown_nerve_status_explains_why_it_matters():
    text = joined(advice(nerve_status="unknown"))
    assert "broken or still connected" in text and "ask the doctor who treated you" in text


def test_eye_that_does_not_close_gets_the_eye_safety_instruction_and_the_eyelid_techniques():
    text = joined(advice(eye_closure="no"))
    assert "painful or red, or your vision changes, it needs prompt care" in text
    assert "see a doctor today" in text
    assert "gold weight implantation" in text and "protect the eye and restore blinking" in text


@pytest.mark.parametrize("eye", ["yes", "unknown", None])
def test_no_eye_message_unless_the_eye_does_not_close(eye):
    assert "eyelid" not in joined(advice(eye_closure=eye))


def test_advice_gives_no_eye_care_instructions_beyond_the_sources():
    all_texts = joined(list(itertools.chain.from_iterable(advice(*c) for c in ALL_COMBINATIONS)))
    for invented in ["drops", "tape", "taping", "ointment", "patch", "diagnos"]:
        assert invented not in all_texts


# --- date_question (issue 15) ---------------------------------------------------------------


def test_the_ask_back_names_both_readings_in_words():
    text = urgency.date_question("ambiguous", first=date(2025, 4, 3), second=date(2025, 3, 4))
    assert text.startswith("Do you mean 3 April 2025 or 4 March 2025?")


def test_date_questions_come_from_the_clinic_file_and_make_no_medical_claim():
    questions = yaml.safe_load(urgency.URGENCY_FILE.read_text(encoding="utf-8"))["date_questions"]
    assert urgency.date_question("future") == questions["future"]
    assert "still to come" in questions["future"] and '"stop"' in questions["future"]
    for text in questions.values():  # questions back, not content: no source, no treatment
        assert not re.search(r"repair|nerve|surgeon|treatment|source", text, re.IGNORECASE)
