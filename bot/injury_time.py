"""Understand when a patient's facial nerve injury happened, from free text.

Duckling (in-process, via pyduckling-native-phihos) does the parsing; a small, data-driven
normalisation step fixes what it does not cover (typos, "2 and a half years", "since 10
months", ...). scripts/compare_time_parsers.py measured it against dateparser
(docs/evaluation.md).

Resolution rules (tests/time_phrasings.yml follows them):
  - a day ("12 March 2025", "yesterday")              -> that day; numeric dates are day-first
  - an elapsed span ("3 months ago", "for 8 months")   -> today minus that many calendar units;
    a day that does not exist is clamped to the month end (31 March - 1 month = 28/29 Feb)
  - a calendar period -> its middle: week -> Thursday, month -> the 15th, year -> 1 July,
    but never later than today while the period is still running ("in November" on 10 Nov)
  - a date without a year ("in January", "5th May") -> its latest occurrence not after today
  - "since <date>" -> that date, by the rules above ("since March" = 15 March)
  - status "ok" up to and including today (an injury today is real); later dates are "future"
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from typing import Literal

from dateutil.relativedelta import relativedelta

Status = Literal["ok", "future", "not_found"]


@dataclass(frozen=True)
class TimeParse:
    status: Status
    injury_date: date | None = None
    # The phrase that was resolved, as the parser saw it (after normalisation).
    matched: str | None = None

    @classmethod
    def resolved(cls, injury_date: date, matched: str, today: date) -> TimeParse:
        return cls("future" if injury_date > today else "ok", injury_date, matched)


NOT_FOUND = TimeParse("not_found")

# --- normalisation: data, applied before Duckling -------------------------------------

# Whole-word misspellings patients make, mapped to what Duckling understands.
TYPO_FIXES = {
    "monts": "months", "mnths": "months", "mths": "months", "mos": "months",
    "monhts": "months", "mounths": "months", "monthes": "months", "montsh": "months",
    "mont": "month", "mnth": "month", "mo": "month",
    "weaks": "weeks", "weeeks": "weeks", "wekks": "weeks", "weks": "weeks", "wks": "weeks",
    "wk": "week",
    "yeras": "years", "yaers": "years", "yers": "years", "yeers": "years", "yrs": "years",
    "yeer": "year", "yr": "year",
    "dyas": "days", "dys": "days",
    "yesterdy": "yesterday", "yesteday": "yesterday", "yestarday": "yesterday",
    "yesturday": "yesterday", "yesterady": "yesterday", "ystrday": "yesterday",
    "agao": "ago", "agoo": "ago",
    "janurary": "january", "januray": "january", "janaury": "january",
    "febuary": "february", "feburary": "february", "februrary": "february",
    "febraury": "february", "apirl": "april", "agust": "august", "augest": "august",
    "septmber": "september", "setpember": "september", "sepember": "september",
    "ocotber": "october", "octber": "october", "novmber": "november",
    "novemeber": "november", "decmber": "december", "decemeber": "december",
}
_TYPO_PATTERN = re.compile(r"\b(" + "|".join(TYPO_FIXES) + r")\b", re.IGNORECASE)

_UNIT = r"(?:days?|weeks?|months?|years?)"

# (pattern, replacement) rewrites, applied in order after the typo fixes.
REWRITES = [
    # An age is not a date: "I'm 45 years old".
    (r"\b\d+\s*years?[\s-]*old\b", ""),
    # Duckling reads "2 and a half years" as "half years"; spell the half out.
    (r"\b(\w+)(?: and a half|\.5) years?\b", r"\1 years and 6 months"),
    (r"\b(\w+)(?: and a half|\.5) months?\b", r"\1 months and 2 weeks"),
    # "3 months ago" -> the elapsed span "3 months": Duckling rounds "N years ago" to the
    # month, while a span keeps the day, and "for 8 months" already means the same.
    (r"\b(?:ago|back)\b", ""),
    # "since 10 months" means "for 10 months"; Duckling would read "since 10" as 10 o'clock.
    (rf"\bsince\s+(?=(?:[\w.]+\s+){{1,3}}{_UNIT}\b)", ""),
    # "6 weeks now": the span is the answer, "now" is not.
    (r"\b(?:by |right |until |till )?now\b", ""),
    # A bare year as the whole answer: "2024".
    (r"^\s*((?:19|20)\d\d)\s*[.!]?\s*$", r"in \1"),
    # Duckling misses "May 2025" (as a verb "may" is common) but reads "in may 2025".
    (r"\bmay(?=,?\s+(?:of\s+)?(?:19|20)\d\d\b)", "in may"),
]
_COMPILED_REWRITES = [(re.compile(p, re.IGNORECASE), r) for p, r in REWRITES]


def normalise(text: str) -> str:
    """Rewrite the text into phrasings Duckling resolves the way the rules above want."""
    text = _TYPO_PATTERN.sub(lambda m: TYPO_FIXES[m.group(1).lower()], text)
    for pattern, replacement in _COMPILED_REWRITES:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


# --- Duckling ------------------------------------------------------------------------


@functools.cache
def _duckling():
    """Load Duckling's time zones and settings once per process (the import starts Haskell)."""
    import duckling

    return (
        duckling,
        duckling.load_time_zones("/usr/share/zoneinfo"),
        # en_GB: numeric dates are day-first ("12/03/2025" is 12 March).
        duckling.parse_locale("EN_GB", duckling.default_locale_lang(duckling.parse_lang("EN"))),
        duckling.parse_dimensions(["time", "duration"]),
    )


def duckling_entities(text: str, today: date) -> list[dict]:
    """Duckling's time and duration entities in `text`, relative to noon UTC on `today`."""
    duckling, time_zones, locale, dimensions = _duckling()
    noon = datetime.combine(today, time(12), tzinfo=timezone.utc)
    reference = duckling.parse_ref_time(time_zones, "UTC", int(noon.timestamp()))
    return duckling.parse(text, duckling.Context(reference, locale), dimensions, False)


# --- from a Duckling entity to a date --------------------------------------------------

UNIT_SPANS = {
    "second": relativedelta(seconds=1), "minute": relativedelta(minutes=1),
    "hour": relativedelta(hours=1), "day": relativedelta(days=1),
    "week": relativedelta(weeks=1), "month": relativedelta(months=1),
    "quarter": relativedelta(months=3), "year": relativedelta(years=1),
}

# Offset from the start of a calendar period to its middle (finer grains are exact days).
PERIOD_MIDDLES = {
    "week": relativedelta(days=3),
    "month": relativedelta(days=14),
    "quarter": relativedelta(months=1, days=14),
    "year": relativedelta(months=6),
}


def _day(iso_timestamp: str) -> date:
    return date.fromisoformat(iso_timestamp[:10])


def _elapsed_start(duration: dict, today: date) -> date:
    noon = datetime.combine(today, time(12))
    return (noon - UNIT_SPANS[duration["unit"]] * duration["value"]).date()


def _period_point(value: dict) -> dict:
    """The {value, grain} a time value stands for; an interval stands for its start."""
    return value if value["type"] == "value" else value.get("from") or value["to"]


def _latest_occurrence(value: dict, today: date) -> dict:
    """Duckling lists upcoming occurrences of a yearless date; step back to the latest past one."""
    occurrences = [_day(_period_point(o)["value"]) for o in value.get("values", [])]
    point = _period_point(value)
    if len(occurrences) < 2 or _day(point["value"]) <= today:
        return point
    first = occurrences[0]
    step = relativedelta(occurrences[1], first)
    if not step:
        return point
    steps_back = 1
    while first - step * steps_back > today:
        steps_back += 1
    return {"value": (first - step * steps_back).isoformat(), "grain": point["grain"]}


def period_date(start: date, grain: str, today: date) -> date:
    """A calendar period starting on `start` stands for its middle, but not later than today."""
    if start > today or grain not in PERIOD_MIDDLES:
        return start
    return min(start + PERIOD_MIDDLES[grain], today)


def _time_date(value: dict, today: date) -> date:
    point = _latest_occurrence(value, today)
    return period_date(_day(point["value"]), point["grain"], today)


def entity_date(entity: dict, today: date) -> date:
    """The injury date a Duckling time or duration entity stands for (rules in the module doc)."""
    if entity["dim"] == "duration":
        return _elapsed_start(entity["value"], today)
    return _time_date(entity["value"], today)


def parse_with_duckling(text: str, today: date) -> TimeParse:
    """Duckling alone: the first time or duration phrase in `text`, without normalisation."""
    entities = duckling_entities(text, today) if text.strip() else []
    if not entities:
        return NOT_FOUND
    entity = min(entities, key=lambda e: e["start"])  # the earliest phrase in the text
    return TimeParse.resolved(entity_date(entity, today), entity["body"], today)


def parse_injury_time(text: str, today: date, hint: str | None = None) -> TimeParse:
    """When the injury happened, from `hint` (a DATE span spaCy found) or else the whole text."""
    if hint:
        from_hint = parse_with_duckling(normalise(hint), today)
        if from_hint.status != "not_found":
            return from_hint
    return parse_with_duckling(normalise(text), today)
