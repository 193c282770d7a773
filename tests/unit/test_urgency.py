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


def test_thresholds_come_from_the_clinic_file(tmp_path, monkeypatch):
    config = yaml.safe_load(urgency.URGENCY_FILE.read_text(encoding="utf-8"))
    config["tiers"][0]["below_months"] = 3
    edited = tmp_path / "urgency.yml"
    edited.write_text(yaml.safe_dump(config), encoding="utf-8")
    monkeypatch.setattr(urgency, "URGENCY_FILE", edited)
    urgency._config.cache_clear()
    try:
        assert urgency_level(4.0) == "closing"
    finally:
        monkeypatch.undo()
        urgency._config.cache_clear()
    assert urgency_level(4.0) == "early"


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


def test_first_message_names_the_elapsed_time_and_the_closing_window():
    first = advice(months=7.0)[0]
    assert first.startswith("It has been about 7 months")
    assert "window in which nerve repair works best is closing" in first


def test_early_first_message_says_it_is_early():
    first = advice(months=0.5)[0]
    assert first.startswith("It has been about 2 weeks") and "still early" in first


def test_late_advice_weakens_nerve_repair_and_offers_free_muscle_transfer():
    text = joined(advice(months=30.0))
    assert "about 2 and a half years" in text and "much weaker" in text
    assert "free muscle transfer" in text and "gracilis" in text
    assert "cross-face nerve graft" in text and "static slings" in text


@pytest.mark.parametrize("months", [0.5, 7.0])
def test_free_muscle_transfer_only_for_long_standing_palsy(months):
    assert "free muscle transfer" not in joined(advice(months=months))


def test_unknown_date_gives_general_advice_to_see_a_surgeon_soon():
    first = advice(months=None)[0].lower()
    assert "see a surgeon soon" in first and "as early as possible" in first
    assert not first.startswith("it has been")


def test_intact_nerve_recovering_keeps_observing_with_monthly_emg():
    text = joined(advice(nerve_status="intact", recovery_signs="yes"))
    assert "keep observing" in text and "emg) once a month" in text
    assert "several months in a row" in text


def test_intact_nerve_without_improvement_considers_repair():
    text = joined(advice(nerve_status="intact", recovery_signs="no"))
    assert "no improvement" in text and "nerve repair is still worth considering" in text


def test_intact_nerve_with_unknown_recovery_lists_the_signs_to_watch():
    text = joined(advice(nerve_status="intact", recovery_signs="unknown"))
    assert "upper lip" in text and "eye" in text


def test_cut_nerve_gets_early_repair_options_and_no_observing():
    text = joined(advice(nerve_status="cut", recovery_signs="yes"))
    assert "the earlier the better" in text and "nerve graft" in text
    assert "for a surgeon to decide" in text
    assert "keep observing" not in text


def test_unknown_nerve_status_explains_why_it_matters():
    text = joined(advice(nerve_status="unknown"))
    assert "cut or is still connected" in text


def test_eye_that_does_not_close_gets_a_protection_message():
    text = joined(advice(eye_closure="no"))
    assert "see a doctor soon about protecting it" in text and "eyelid procedures" in text


@pytest.mark.parametrize("eye", ["yes", "unknown", None])
def test_no_eye_message_unless_the_eye_does_not_close(eye):
    assert "eyelid" not in joined(advice(eye_closure=eye))


def test_advice_gives_no_eye_care_instructions_beyond_the_sources():
    all_texts = joined(list(itertools.chain.from_iterable(advice(*c) for c in ALL_COMBINATIONS)))
    for invented in ["drops", "tape", "taping", "ointment", "patch", "diagnos"]:
        assert invented not in all_texts
