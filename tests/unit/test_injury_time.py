import dataclasses
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot import clock, injury_time
from bot.injury_time import TimeParse, parse_injury_time

PHRASINGS_FILE = Path(__file__).resolve().parents[1] / "time_phrasings.yml"
PHRASINGS = yaml.safe_load(PHRASINGS_FILE.read_text(encoding="utf-8"))
DEFAULT_TODAY = PHRASINGS["today"]
CASES = PHRASINGS["phrasings"]


@pytest.mark.parametrize("case", CASES, ids=[repr(c["text"]) for c in CASES])
def test_phrasing_resolves_to_expected_date(case):
    today = case.get("today", DEFAULT_TODAY)
    result = parse_injury_time(case["text"], today, case.get("hint"))
    if isinstance(case["expect"], date):
        assert (result.status, result.injury_date) == ("ok", case["expect"])
    else:
        assert result.status == case["expect"]


def test_phrasing_set_covers_the_required_kinds():
    expectations = [case["expect"] for case in CASES]
    assert len(CASES) >= 80
    assert "future" in expectations and "not_found" in expectations
    assert sum("today" in case for case in CASES) >= 5  # month-end and leap-year edges
    assert sum("hint" in case for case in CASES) >= 2


def test_hint_wins_over_other_dates_in_the_text():
    text = "I had an operation 2 years ago and another one 3 months ago"
    result = parse_injury_time(text, date(2026, 11, 22), hint="3 months ago")
    assert result.injury_date == date(2026, 8, 22)


def test_without_hint_the_earliest_phrase_in_the_text_is_used():
    text = "I had an operation 2 years ago and another one 3 months ago"
    assert parse_injury_time(text, date(2026, 11, 22)).injury_date == date(2024, 11, 22)


def test_injury_today_is_ok_and_tomorrow_is_future_with_its_date():
    today = date(2026, 11, 22)
    assert parse_injury_time("today", today) == TimeParse("ok", today, "today")
    tomorrow = parse_injury_time("tomorrow", today)
    assert (tomorrow.status, tomorrow.injury_date) == ("future", date(2026, 11, 23))


def test_not_found_has_no_date_and_no_match():
    assert parse_injury_time("banana", date(2026, 11, 22)) == TimeParse("not_found", None, None)


def test_time_parse_is_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        parse_injury_time("3 months ago", date(2026, 11, 22)).status = "future"


def test_duckling_is_loaded_once_per_process():
    for text in ["3 months ago", "last year", "12 March 2025"]:
        parse_injury_time(text, date(2026, 11, 22))
    assert injury_time._duckling.cache_info().misses == 1


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("3 monts ago", "3 months"),
        ("45 years old, surgery in march", ", surgery in march"),
        ("two and a half years", "two years and 6 months"),
        ("since 10 months", "10 months"),
        ("6 weeks now", "6 weeks"),
        ("2024", "in 2024"),
        ("May 2025", "in may 2025"),
    ],
)
def test_normalise_rewrites_what_duckling_misreads(raw, normalised):
    assert injury_time.normalise(raw) == normalised


def test_clock_uses_the_real_date_without_override(monkeypatch):
    monkeypatch.delenv(clock.TODAY_OVERRIDE_VAR, raising=False)
    assert clock.today() == date.today()


def test_clock_override(monkeypatch):
    monkeypatch.setenv(clock.TODAY_OVERRIDE_VAR, "2028-02-29")
    assert clock.today() == date(2028, 2, 29)


@pytest.mark.parametrize("bad_value", ["22.11.2026", "2026-02-30", "tomorrow"])
def test_clock_rejects_a_bad_override_clearly(monkeypatch, bad_value):
    monkeypatch.setenv(clock.TODAY_OVERRIDE_VAR, bad_value)
    with pytest.raises(ValueError, match="ASSISTANT_TODAY"):
        clock.today()


HELDOUT_FILE = Path(__file__).resolve().parents[1] / "time_phrasings_heldout.yml"
# Measured 46/50 when the held-out set was written (docs/evaluation.md); it guards against
# regressions but is never tuned against, so misses stay listed, not fixed one by one.
HELDOUT_MIN_ACCURACY = 0.9


def test_held_out_phrasings_written_without_seeing_the_parser():
    heldout = yaml.safe_load(HELDOUT_FILE.read_text(encoding="utf-8"))
    misses = []
    for case in heldout["phrasings"]:
        result = parse_injury_time(case["text"], case.get("today", heldout["today"]), case.get("hint"))
        expected = case["expect"]
        got = result.injury_date if isinstance(expected, date) and result.status == "ok" else result.status
        if got != expected:
            misses.append((case["text"], expected, got))
    accuracy = 1 - len(misses) / len(heldout["phrasings"])
    assert accuracy >= HELDOUT_MIN_ACCURACY, misses
