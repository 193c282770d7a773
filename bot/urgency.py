"""How urgent a surgeon consultation is, given when the facial nerve injury happened.

The tiers and every text come from clinic/urgency.yml, whose messages cite the source files
they are based on (the questions back about a date answer need no source); this module only
measures time and picks messages.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

from bot.clinic_files import CLINIC_DIR, load
from bot.contract import NERVE_CUT, NERVE_INTACT, NO, YES
from bot.injury_time import date_words

URGENCY_FILE = CLINIC_DIR / "urgency.yml"
WEEKS_PER_MONTH = 365.25 / 12 / 7

# recovery_signs slot value -> message key, for a nerve that is not known to be cut
# (any other value, None included, gets "recovery_unknown").
RECOVERY_MESSAGES: dict[str | None, str] = {YES: "recovery_seen", NO: "no_recovery"}


def _config() -> dict:
    return load(URGENCY_FILE)


def months_since(injury: date, today: date) -> float:
    """Calendar months from injury to today, truncated to one decimal.

    Whole months are counted the way relativedelta adds them (31 Jan + 1 month = 28 Feb);
    the rest is the share of the following month that has passed. Truncating (not rounding)
    makes a tier change exactly on the day its months are complete.
    """
    if injury > today:
        raise ValueError(f"injury date {injury} is after today {today}")
    elapsed = relativedelta(today, injury)
    whole_months = elapsed.years * 12 + elapsed.months
    month_start = injury + relativedelta(months=whole_months)
    month_end = injury + relativedelta(months=whole_months + 1)
    tenths = (10 * (today - month_start).days) // (month_end - month_start).days
    return (whole_months * 10 + tenths) / 10


def urgency_level(months: float) -> str:
    """The urgency tier (early / closing / late) by the thresholds in clinic/urgency.yml."""
    for tier in _config()["tiers"]:
        if "below_months" not in tier or months < tier["below_months"]:
            return tier["level"]
    raise ValueError("clinic/urgency.yml: the last tier must have no upper bound")


def urgency_levels() -> list[str]:
    """The tier names from the earliest on: the values of the urgency_level slot."""
    return [tier["level"] for tier in _config()["tiers"]]


def _round_half_up(value: float) -> int:
    return int(value + 0.5)


def _years_in_words(months: float) -> str:
    half_years = _round_half_up(months / 6)
    if half_years >= 10:  # from 5 years on, halves no longer matter
        return f"about {_round_half_up(months / 12)} years"
    years, half = divmod(half_years, 2)
    if years == 1:
        return "about a year and a half" if half else "about a year"
    return f"about {years} and a half years" if half else f"about {years} years"


def describe_elapsed(months: float) -> str:
    """Elapsed time in plain words: "less than a week", "about 2 weeks", "about 7 months"."""
    weeks = months * WEEKS_PER_MONTH
    if weeks < 1:
        return "less than a week"
    if months < 1:
        whole_weeks = _round_half_up(weeks)
        return "about a week" if whole_weeks == 1 else f"about {whole_weeks} weeks"
    whole_months = _round_half_up(months)
    if whole_months < 12:
        return "about a month" if whole_months == 1 else f"about {whole_months} months"
    return _years_in_words(months)


def date_question(kind: str, **dates: date) -> str:
    """What the form says back about a date answer: "ambiguous" (first=, second=: the two
    readings, in words like "3 April 2025") or "future" (no dates)."""
    words = {name: date_words(day) for name, day in dates.items()}
    return _config()["date_questions"][kind].format(**words)


def _tier_bounds() -> dict[str, int]:
    """{early_below_months} etc.: a text that names a threshold reads it from the tiers."""
    tiers = _config()["tiers"]
    return {f"{t['level']}_below_months": t["below_months"] for t in tiers if "below_months" in t}


def _cited(entry: dict, **values: str) -> str:
    """A message text with its "Source:" line."""
    text = entry["text"].format(**values, **_tier_bounds())
    return f"{text}\nSource: {', '.join(entry['sources'])}"


def build_advice(
    months: float | None,
    urgency: str | None,
    nerve_status: str | None,
    recovery_signs: str | None,
    eye_closure: str | None,
) -> list[str]:
    """Short, cited messages for the patient: elapsed time, their situation, then next steps.

    months None means the injury date is unknown. Slot values: nerve_status cut / intact /
    unknown, recovery_signs and eye_closure yes / no / unknown (None counts as unknown).
    """
    messages = _config()["messages"]
    if months is None:
        advice = [_cited(messages["date_unknown"])]
    else:
        level = urgency or urgency_level(months)
        advice = [_cited(messages["elapsed"][level], elapsed=describe_elapsed(months))]
        if level == "late":
            advice.append(_cited(messages["long_standing"]))
    if nerve_status == NERVE_CUT:
        advice.append(_cited(messages["nerve_cut"]))
    else:
        if nerve_status != NERVE_INTACT:
            advice.append(_cited(messages["nerve_unknown"]))
        advice.append(_cited(messages[RECOVERY_MESSAGES.get(recovery_signs, "recovery_unknown")]))
    if eye_closure == NO:
        advice.append(_cited(messages["eye_not_closing"]))
    advice.append(_cited(messages["consultation"]))
    return advice
