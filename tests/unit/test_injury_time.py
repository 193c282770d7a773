import dataclasses
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot import clock, injury_time
from bot.injury_time import TimeParse, parse_injury_time

PHRASINGS_FILE = Path(__file__).resolve().parents[1] / "data" / "time_phrasings.yml"
PHRASINGS = yaml.safe_load(PHRASINGS_FILE.read_text(encoding="utf-8"))
DEFAULT_TODAY = PHRASINGS["today"]
CASES = PHRASINGS["phrasings"]


@pytest.mark.parametrize("case", CASES, ids=[repr(c["text"]) for c in CASES])
def test_phrasing_resolves_to_expected_date(case):
    today = case.get("today", DEFAULT_TODAY)
    result = parse_injury_time(case["text"], today, case.get("hint"))
    if isinstance(case["expect"], date):
        assert (result.status, result.injury_date) == ("ok", case["expect"])
    elif case["expect"] == "ambiguous":
        assert (result.status, result.candidates) == ("ambiguous", tuple(case["candidates"]))
    else:
        assert result.status == case["expect"]


def test_phrasing_set_covers_the_required_kinds():
    expectations = [case["expect"] for case in CASES]
    assert len(CASES) >= 80
    assert "future" in expectations and "not_found" in expectations
    assert expectations.count("ambiguous") >= 5
    assert all(len(case["candidates"]) == 2 for case in CASES if case["expect"] == "ambiguous")
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


HELDOUT_FILE = Path(__file__).resolve().parents[1] / "data" / "time_phrasings_heldout.yml"
# Measured 46/50 when the held-out set was written, 45/50 after issue 15 (docs/evaluation.md:
# two day-first numeric dates are now asked back, offering the expected date; "Easter Sunday"
# is right since Duckling's yearless Easter was replaced). It guards against regressions but
# is never tuned against, so misses stay listed, not fixed one by one.
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


# --- issue 15: numeric dates, holidays, planned dates, asking back ---------------------------

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("23/11/2025", (date(2025, 11, 23),)),  # day-first: the first part is over 12
        ("11/23/2025", (date(2025, 11, 23),)),  # month-first: the second part is over 12
        ("3/15/25", (date(2025, 3, 15),)),
        ("3/4/2025", (date(2025, 4, 3), date(2025, 3, 4))),
        ("04.03.25", (date(2025, 3, 4), date(2025, 4, 3))),
        ("5/5/2025", (date(2025, 5, 5),)),
        ("31/02/2025", ()),  # no such day either way
        ("13/13/2025", ()),
        ("3/15/99", (date(1999, 3, 15),)),  # a 2-digit year more than a year ahead is last century's
        ("1/2/27", (date(2027, 2, 1), date(2027, 1, 2))),
    ],
)
def test_numeric_readings(text, readings):
    match = injury_time.NUMERIC_DATE.search(text)
    assert injury_time.numeric_readings(match, TODAY) == readings


@pytest.mark.parametrize(
    ("text", "planned", "readings"),
    [
        ("3/15", False, (date(2026, 3, 15),)),
        ("12/20", False, (date(2025, 12, 20),)),  # 20 Dec 2026 is still to come
        ("12/20", True, (date(2026, 12, 20),)),  # a planned date: the next one
        ("3/4", False, (date(2026, 4, 3), date(2026, 3, 4))),
        ("29/2", False, (date(2024, 2, 29),)),  # the latest 29 February
        ("7/14/2026", True, (date(2026, 7, 14),)),  # a year given: planned does not matter
    ],
)
def test_numeric_readings_without_a_year(text, planned, readings):
    match = injury_time.NUMERIC_DATE.search(text)
    assert injury_time.numeric_readings(match, TODAY, planned) == readings


@pytest.mark.parametrize("text", ["2025-03-12", "1.5 years", "version 3.4", "12/2025", "3-4 weeks", "at 10.30"])
def test_only_day_month_numbers_are_numeric_dates(text):
    assert all(not injury_time.numeric_readings(m, TODAY) for m in injury_time.NUMERIC_DATE.finditer(text))


def test_an_ambiguous_date_has_both_readings_and_no_date():
    result = parse_injury_time("I had the operation on 3/4/2025", TODAY)
    assert result == TimeParse("ambiguous", None, "3/4/2025", (date(2025, 4, 3), date(2025, 3, 4)))


def test_an_ambiguous_date_after_another_time_is_not_asked_back():
    # The earliest time phrase is the injury time; the numeric date comes later.
    result = parse_injury_time("3 months ago, the check-up is on 3/4/2027", TODAY)
    assert (result.status, result.injury_date) == ("ok", date(2026, 8, 22))


@pytest.mark.parametrize("year", range(2019, 2029))
def test_easter_and_its_neighbours_move_with_the_year(year):
    from dateutil.easter import easter

    assert parse_injury_time(f"Easter {year}", date(2030, 1, 1)).injury_date == easter(year)
    assert parse_injury_time(f"Good Friday {year}", date(2030, 1, 1)).injury_date.weekday() == 4


@pytest.mark.parametrize(
    ("name", "which", "year", "planned", "expected"),
    [
        ("christmas", None, "2024", False, date(2024, 12, 25)),
        ("Christmas", None, None, False, date(2025, 12, 25)),  # latest not after today
        ("christmas", "next", None, False, date(2026, 12, 25)),
        ("christmas", "this", None, False, date(2026, 12, 25)),
        ("christmas", None, None, True, date(2026, 12, 25)),  # planned: the next one
        ("halloween", "last", None, False, date(2026, 10, 31)),
        ("new year's day", None, None, False, date(2026, 1, 1)),
        ("thanksgiving", None, "2024", False, date(2024, 11, 28)),
        ("easter", None, None, True, date(2027, 3, 28)),
    ],
)
def test_holiday_date(name, which, year, planned, expected):
    assert injury_time.holiday_date(name, which, year, planned, TODAY) == expected


def test_a_holiday_on_today_is_today_unless_it_is_the_last_one():
    christmas = date(2026, 12, 25)
    assert injury_time.holiday_date("christmas", None, None, False, christmas) == christmas
    assert injury_time.holiday_date("christmas", "last", None, False, christmas) == date(2025, 12, 25)


@pytest.mark.parametrize(
    "before",
    [
        "my surgery is scheduled for ",
        "the op is booked for the ",
        "my operation is on ",
        "my operation is ",
        "they're planning to operate in ",
        "surgery planned for ",
        "I will have the operation on ",
    ],
)
def test_words_that_make_a_date_planned(before):
    assert injury_time.is_planned(before)


@pytest.mark.parametrize(
    "before",
    [
        "my operation was on ",
        "I had surgery on ",
        "it started on ",
        "since ",
        "the operation was scheduled for 5 May and done on ",
        "",
    ],
)
def test_words_that_leave_a_date_in_the_past(before):
    assert not injury_time.is_planned(before)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("about half a year ago", "6 months"),
        ("roughly 3 months ago", "3 months"),
        ("just over a year ago", "a year"),
        ("3ish months ago", "3 months"),
        ("8 weeks or so ago", "8 weeks"),
        ("in 3 weeks' time", "in 3 weeks"),
        ("my op is 2 weeks away", "my op is in 2 weeks"),
        ("I'm asking about my surgery", "I'm asking about my surgery"),  # no amount after it
        ("some days ago", "some days"),
    ],
)
def test_normalise_approximations_and_planned_spans(raw, normalised):
    assert injury_time.normalise(raw) == normalised


def test_the_hint_gives_way_to_the_fuller_phrase_of_the_text():
    # spaCy marks "3 weeks'" but the text says "in 3 weeks' time": a planned date.
    result = parse_injury_time("my operation is in 3 weeks' time", TODAY, hint="3 weeks'")
    assert result.status == "future"


READINGS = (date(2025, 4, 3), date(2025, 3, 4))


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [
        ("April", READINGS[0]),
        ("the 4th of Mar", READINGS[1]),
        ("3 April 2025", READINGS[0]),
        ("march!", READINGS[1]),
        ("2025-03-04", READINGS[1]),
        ("the first one", READINGS[0]),
        ("the second", READINGS[1]),
        ("2", READINGS[1]),
        ("the first of April", READINGS[0]),  # the month names it, not "first"
        ("3rd of april I think", READINGS[0]),
        ("I may be wrong but the first", READINGS[0]),  # "may" the verb is not May
        ("no idea", None),
        ("5 June 2024", None),  # another date: a new answer, not a choice
        ("first or second, I can't say", None),
    ],
)
def test_the_answer_to_the_ask_back_picks_a_reading(answer, chosen):
    assert injury_time.chosen_reading(answer, READINGS, TODAY) == chosen


def test_may_the_month_is_recognised_next_to_a_day():
    readings = (date(2025, 4, 5), date(2025, 5, 4))
    assert injury_time.chosen_reading("4 may", readings, TODAY) == readings[1]
    assert injury_time.chosen_reading("May 4th", readings, TODAY) == readings[1]


def test_date_words_are_unambiguous():
    assert injury_time.date_words(date(2025, 4, 3)) == "3 April 2025"
