"""Understand when a patient's facial nerve injury happened, from free text.

Duckling (in-process, via pyduckling-native-phihos) does the parsing; a small, data-driven
normalisation step fixes what it does not cover (typos, "2 and a half years", "since 10
months", ...). tools/compare_time_parsers.py measured it against dateparser
(docs/evaluation.md).

Resolution rules (tests/data/time_phrasings.yml follows them):
  - a day ("12 March 2025", "yesterday")              -> that day
  - a numeric date, d/m/y or m/d/y ("/", "." or "-"; a 2-digit year is this century's unless
    that is more than a year ahead; without a year only with "/") -> the one date it can be:
    "23/11/2025" (day first) and "11/23/2025" (month first) are both 23 November 2025, "3/15"
    is 15 March by the rule for a date without a year. When both parts are 12 or less and
    differ ("3/4/2025", "04.03.25", "3/4") it is not guessed: status "ambiguous", with both
    readings (day-first first) in `candidates`, for the form to ask back; "future" if both are
  - a holiday (Christmas, Easter, new year's eve, ...) -> its day in the year given
    ("Christmas 2024"), else by the rule for a date without a year; "just before / right
    after / around <holiday>" -> the holiday itself; with an amount ("2 weeks before
    Christmas 2024") Duckling counts it from the holiday
  - an elapsed span ("3 months ago", "for 8 months")   -> today minus that many calendar units;
    a day that does not exist is clamped to the month end (31 March - 1 month = 28/29 Feb).
    Approximations count as their amount ("about", "roughly", "nearly", "just over", "3ish",
    "or so"); "half a year" is 6 months; a range as its larger amount ("5 or 6 months")
  - "<amount> after <event>" ("7 weeks after my ear surgery, is repair still possible?") -> the
    amount counted back from today, unless a later phrase dates the event ("2 days after the
    operation in June" -> June); a relation without an amount ("after my surgery") is no time
  - a calendar period -> its middle: week -> Thursday, month -> the 15th, year -> 1 July,
    but never later than today while the period is still running ("in November" on 10 Nov)
  - a date without a year ("in January", "5th May") -> its latest occurrence not after today,
    but its next one when the words before make it planned ("scheduled for 5 January", "my
    operation is on 10 March", "I'm having surgery in May"); "in 3 weeks' time", "2 weeks
    away" are planned too
  - "since <date>" -> that date, by the rules above ("since March" = 15 March)
  - the earliest time phrase in the text is the one resolved (a hint from spaCy first)
  - status "ok" up to and including today (an injury today is real); later dates are "future"
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Literal

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

Status = Literal["ok", "future", "ambiguous", "not_found"]


@dataclass(frozen=True)
class TimeParse:
    status: Status
    injury_date: date | None = None
    # The phrase that was resolved, as the parser saw it (after normalisation).
    matched: str | None = None
    # "ambiguous" only: the two readings of a numeric date, day-first reading first
    # ("3/4/2025" -> 3 April 2025, 4 March 2025); injury_date is then None.
    candidates: tuple[date, ...] = ()

    @classmethod
    def resolved(cls, injury_date: date, matched: str, today: date) -> TimeParse:
        return cls("future" if injury_date > today else "ok", injury_date, matched)


NOT_FOUND = TimeParse("not_found")

# --- normalisation: data, applied before Duckling -------------------------------------

# Whole-word misspellings patients make, mapped to what Duckling understands.
TYPO_FIXES = {
    "monts": "months",
    "mnths": "months",
    "mths": "months",
    "mos": "months",
    "monhts": "months",
    "mounths": "months",
    "monthes": "months",
    "montsh": "months",
    "mont": "month",
    "mnth": "month",
    "mo": "month",
    "weaks": "weeks",
    "weeeks": "weeks",
    "wekks": "weeks",
    "weks": "weeks",
    "wks": "weeks",
    "wk": "week",
    "yeras": "years",
    "yaers": "years",
    "yers": "years",
    "yeers": "years",
    "yrs": "years",
    "yeer": "year",
    "yr": "year",
    "dyas": "days",
    "dys": "days",
    "yesterdy": "yesterday",
    "yesteday": "yesterday",
    "yestarday": "yesterday",
    "yesturday": "yesterday",
    "yesterady": "yesterday",
    "ystrday": "yesterday",
    "agao": "ago",
    "agoo": "ago",
    "janurary": "january",
    "januray": "january",
    "janaury": "january",
    "febuary": "february",
    "feburary": "february",
    "februrary": "february",
    "febraury": "february",
    "apirl": "april",
    "agust": "august",
    "augest": "august",
    "septmber": "september",
    "setpember": "september",
    "sepember": "september",
    "ocotber": "october",
    "octber": "october",
    "novmber": "november",
    "novemeber": "november",
    "decmber": "december",
    "decemeber": "december",
}
_TYPO_PATTERN = re.compile(r"\b(" + "|".join(TYPO_FIXES) + r")\b", re.IGNORECASE)

_UNIT = r"(?:days?|weeks?|fortnights?|months?|years?)"

# An amount of time units: "3", "two", "a", "a couple of", "a few", "1.5".
_AMOUNT = (
    r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|eighteen|twenty|thirty|(?:a )?couple(?: of)?|(?:a )?few|several)"
)
# Words that make an amount approximate ("about 3 months", "just over a year"): the amount
# is taken as it is, so they are dropped before an amount and its unit.
APPROXIMATIONS = (
    r"about|around|roughly|approximately|approx\.?|circa|nearly|almost|close to|some|"
    r"just (?:over|under|about)|(?:a )?(?:little|bit|tad) (?:over|under|more than|less than)|"
    r"well over|at least|at most|maybe|perhaps|probably|more or less|give or take|"
    # "coming up to 8 months": Duckling reads "up to 8" as a time of day, i.e. today.
    r"(?:coming )?up to"
)

# (pattern, replacement) rewrites, applied in order after the typo fixes.
REWRITES = [
    # An age is not a date: "I'm 45 years old".
    (r"\b\d+\s*years?[\s-]*old\b", ""),
    # "about half a year ago" is 6 months; Duckling reads "about half a year" as a year.
    (r"\b(?:half (?:a|an|one) year|a half[- ]year)\b", "6 months"),
    # A range counts as its larger amount: "5 or 6 months", "6-7 weeks", "between 2 and 3
    # months" -> "6 months", ...; Duckling reads "2 to 3" as a time of day.
    (rf"\b(?:between\s+)?{_AMOUNT}\s*(?:-|\u2013|to|or|and)\s*({_AMOUNT}\s+{_UNIT})\b", r"\1"),
    (rf"\b{_AMOUNT}\s+({_UNIT})\s+or\s+(two|three|four|five|six|\d+)\b", r"\2 \1"),  # a week or two
    # Approximations: "roughly 3 months", "3ish months", "3 months or so" -> "3 months".
    (rf"\b(?:{APPROXIMATIONS})\s+(?={_AMOUNT}\s+(?:and a half\s+)?{_UNIT}\b)", ""),
    (r"\b(\d+)-?ish\b", r"\1"),
    (rf"\b({_UNIT})(?:-?ish\b|,?\s+or so\b)", r"\1"),
    # A planned date: "in 3 weeks' time", "3 weeks away", "a month from now" -> "in 3 weeks".
    (rf"\b({_UNIT})'?s?\s+time\b", r"\1"),
    (rf"\b(?:in\s+)?({_AMOUNT}\s+{_UNIT})\s+(?:away|from now|from today)\b", r"in \1"),
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
    text = text.replace("\u2019", "'")  # a typographic apostrophe: "new year’s eve"
    text = _TYPO_PATTERN.sub(lambda m: TYPO_FIXES[m.group(1).lower()], text)
    for pattern, replacement in _COMPILED_REWRITES:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


# --- dates Duckling misreads: numeric dates and holidays ------------------------------

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Words right before a date that make it a planned one ("scheduled for 5 January", "my
# operation is on the 5th"): a date without a year is then its next occurrence, not its last.
FUTURE_LEAD = re.compile(
    r"\b(?:(?:scheduled|booked|planned|arranged|set|due|pencill?ed in|lined up)(?:\s+in)?"
    r"|(?:operation|surgery|op|procedure|appointment)\s+(?:is|will be|'s)"
    r"|(?:planning|going) to (?:operate|do (?:it|the \w+)|have (?:it|the \w+))"
    r"|(?:will (?:have|be having)|due to (?:have|be having)|(?:'m|am|is|are) (?:having|getting))"
    r" (?:it|the \w+|my \w+|surgery|an? \w+))"
    r"(?:\s+(?:done|booked|scheduled))?(?:\s+(?:for|on|in|at|around))?(?:\s+the)?\s*$",
    re.IGNORECASE,
)


def is_planned(*text_before: str) -> bool:
    """Whether the words before a date (in pieces: context, text) make it a planned one."""
    return bool(FUTURE_LEAD.search(" ".join(" ".join(text_before).split())))


def date_words(day: date) -> str:
    """A date as Duckling reads it unambiguously, and as patients read it: "3 April 2025"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1].capitalize()} {day.year}"


# day/month/year with "/", "." or "-" and a 2- or 4-digit year ("11/23/2025", "04.03.25"),
# or day/month without a year with "/" only ("3/15"; "1.5" and "3-4" are not dates).
NUMERIC_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\w/-]|\.\d)")


def _full_year(digits: str, today: date) -> int:
    """A 2-digit year is this century's unless that is more than a year ahead ("99" -> 1999)."""
    if len(digits) == 4:
        return int(digits)
    year = 2000 + int(digits)
    return year if year <= today.year + 1 else year - 100


def _existing(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _on(month: int, day: int, year: str | None, today: date, planned: bool) -> date | None:
    """That day in the year given, else its latest occurrence not after today (its next one
    when planned), as for any date without a year; None if there is no such day."""
    if year:
        return _existing(_full_year(year, today), month, day)
    days = [d for y in range(today.year - 4, today.year + 5) if (d := _existing(y, month, day))]
    if planned:
        return min((d for d in days if d >= today), default=None)
    return max((d for d in days if d <= today), default=None)


def numeric_readings(match: re.Match, today: date, planned: bool = False) -> tuple[date, ...]:
    """The dates a numeric date can be: day-first, then month-first, each only if it exists.

    "23/11/2025" and "11/23/2025" have one reading, "3/4/2025" two, "5/5/2025" one; "3/15"
    (no year) is 15 March by the rule for a date without a year."""
    if match[4] is None and match[2] != "/":
        return ()
    first, second = int(match[1]), int(match[3])
    readings = []
    for month, day in ((second, first), (first, second)):
        reading = _on(month, day, match[4], today, planned)
        if reading and reading not in readings:
            readings.append(reading)
    return tuple(readings)


def _thanksgiving(year: int) -> date:
    """The fourth Thursday of November (US)."""
    first = date(year, 11, 1)
    return first + relativedelta(days=(3 - first.weekday()) % 7, weeks=3)


# Holidays patients date things by, longest names first ("christmas eve" before "christmas").
# Duckling knows most of them but puts a yearless Easter weeks off (9 March in 2026) and
# does not know Hogmanay or Bonfire Night; one table keeps them all alike.
HOLIDAYS: list[tuple[str, Callable[[int], date]]] = [
    (r"christmas eve|xmas eve", lambda y: date(y, 12, 24)),
    (r"christmas(?: day)?|xmas(?: day)?", lambda y: date(y, 12, 25)),
    (r"boxing day", lambda y: date(y, 12, 26)),
    (r"new year'?s eve|hogmanay", lambda y: date(y, 12, 31)),
    (r"new year'?s(?: day)?|new year", lambda y: date(y, 1, 1)),
    (r"good friday", lambda y: easter(y) - relativedelta(days=2)),
    (r"easter monday", lambda y: easter(y) + relativedelta(days=1)),
    (r"easter(?: sunday| day)?", easter),
    (r"halloween", lambda y: date(y, 10, 31)),
    (r"valentine'?s(?: day)?", lambda y: date(y, 2, 14)),
    (r"thanksgiving(?: day)?", _thanksgiving),
    (r"(?:st\.? )?patrick'?s day", lambda y: date(y, 3, 17)),
    (r"bonfire night|guy fawkes(?: night| day)?", lambda y: date(y, 11, 5)),
]
# "just before Christmas 2024", "right after Easter", "over Christmas": the holiday itself
# (a few days do not change the advice); with an amount ("2 weeks before Christmas") the
# relation stays for Duckling to count.
_HOLIDAY = re.compile(
    r"\b(?P<close>(?:(?:just|right|shortly|soon|not long|a little|a bit|a few days)\s+)?"
    r"(?:before|after)\s+|(?:around|over|at|during|on|by)\s+)?"
    r"(?:(?P<which>last|this|next|past)\s+)?"
    r"(?P<name>" + "|".join(f"(?:{name})" for name, _ in HOLIDAYS) + r")\b"
    r"(?:\s+(?:time|holidays?|period|break|weekend)\b)?"  # "the Easter holidays 2025"
    r"(?:(?:\s*,\s*|\s+(?:of\s+|in\s+)?)(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
_HOLIDAY_NAMES = [re.compile(f"(?:{name})$", re.IGNORECASE) for name, _ in HOLIDAYS]
_ENDS_WITH_AMOUNT = re.compile(rf"\b{_UNIT}\s*$", re.IGNORECASE)


def holiday_date(name: str, which: str | None, year: str | None, planned: bool, today: date) -> date:
    """The day a holiday names: in the year given, else by the rules for a date without a year
    (its latest occurrence not after today; the next one after "next" or when planned)."""
    on = next(rule for pattern, (_, rule) in zip(_HOLIDAY_NAMES, HOLIDAYS, strict=True) if pattern.match(name))
    if year:
        return on(int(year))
    which = (which or "").lower()
    if which == "this":
        return on(today.year)
    if which == "next" or (planned and which not in ("last", "past")):
        return on(today.year) if on(today.year) > today or (planned and on(today.year) == today) else on(today.year + 1)
    latest = on(today.year) if on(today.year) <= today else on(today.year - 1)
    if which in ("last", "past") and latest == today:
        latest = on(today.year - 1)
    return latest


def name_dates(text: str, today: date, context: str = "") -> str:
    """Rewrite holidays and numeric dates with one reading as dates in words ("Christmas
    2024" -> "25 December 2024", "11/23/2025" -> "23 November 2025"); numeric dates with two
    readings are left for parse_injury_time to ask back. `context`: the words before `text`
    in the message, for is_planned."""

    def holiday(match: re.Match) -> str:
        before = text[: match.start()]
        planned = is_planned(context, before)
        day = holiday_date(match["name"], match["which"], match["year"], planned, today)
        counted = match["close"] and _ENDS_WITH_AMOUNT.search(before)
        return (match["close"] if counted else "") + date_words(day)

    def numeric(match: re.Match) -> str:
        readings = numeric_readings(match, today, is_planned(context, text[: match.start()]))
        return date_words(readings[0]) if len(readings) == 1 else match[0]

    text = _HOLIDAY.sub(holiday, text)
    return NUMERIC_DATE.sub(numeric, text)


# --- Duckling ------------------------------------------------------------------------


@functools.cache
def _duckling():
    """Load Duckling's time zones and settings once per process (the import starts Haskell)."""
    import duckling

    return (
        duckling,
        duckling.load_time_zones("/usr/share/zoneinfo"),
        # en_GB (day-first); numeric dates are named before Duckling sees them (name_dates)
        # or asked back, so Duckling's own reading of them is not used.
        duckling.parse_locale("EN_GB", duckling.default_locale_lang(duckling.parse_lang("EN"))),
        duckling.parse_dimensions(["time", "duration"]),
    )


def duckling_entities(text: str, today: date) -> list[dict]:
    """Duckling's time and duration entities in `text`, relative to noon UTC on `today`."""
    duckling, time_zones, locale, dimensions = _duckling()
    noon = datetime.combine(today, time(12), tzinfo=UTC)
    reference = duckling.parse_ref_time(time_zones, "UTC", int(noon.timestamp()))
    return duckling.parse(text, duckling.Context(reference, locale), dimensions, False)


# --- from a Duckling entity to a date --------------------------------------------------

UNIT_SPANS = {
    "second": relativedelta(seconds=1),
    "minute": relativedelta(minutes=1),
    "hour": relativedelta(hours=1),
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
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


def _time_date(value: dict, today: date, planned: bool = False) -> date:
    point = _period_point(value) if planned else _latest_occurrence(value, today)
    return period_date(_day(point["value"]), point["grain"], today)


def entity_date(entity: dict, today: date, planned: bool = False) -> date:
    """The injury date a Duckling time or duration entity stands for (rules in the module doc).

    planned: the words before it make it a planned date, so a date without a year is its
    next occurrence (Duckling's own reading) instead of its latest past one."""
    if entity["dim"] == "duration":
        return _elapsed_start(entity["value"], today)
    return _time_date(entity["value"], today, planned)


def parse_with_duckling(text: str, today: date) -> TimeParse:
    """Duckling alone: the first time or duration phrase in `text`, without normalisation."""
    entities = duckling_entities(text, today) if text.strip() else []
    if not entities:
        return NOT_FOUND
    entity = min(entities, key=lambda e: e["start"])  # the earliest phrase in the text
    return TimeParse.resolved(entity_date(entity, today), entity["body"], today)


def _ask_back(match: re.Match, readings: tuple[date, ...], today: date) -> TimeParse:
    """A numeric date with two readings: both, to ask which one the patient means. Only when
    both readings are still to come is it simply a future date."""
    if min(readings) > today:
        return TimeParse("future", min(readings), match[0])
    return TimeParse("ambiguous", None, match[0], readings)


# An amount followed by the event it is counted from: "7 weeks after my ear surgery".
_RELATES_TO_AN_EVENT = re.compile(r"\s*(?:after|post|following)\b", re.IGNORECASE)


def parse_text(text: str, today: date, context: str = "") -> TimeParse:
    """The first time phrase in `text` (normalised, dates named), resolved by the rules.
    `context`: the words before `text` in the message, for is_planned."""
    context = context.replace("\u2019", "'")
    text = name_dates(normalise(text), today, context)
    entities = duckling_entities(text, today) if text.strip() else []
    earliest = min(entities, key=lambda e: e["start"]) if entities else None
    two_way = next(
        (  # numeric dates left after name_dates have two readings, or none
            (m, readings)
            for m in NUMERIC_DATE.finditer(text)
            if len(readings := numeric_readings(m, today, is_planned(context, text[: m.start()]))) == 2
        ),
        None,
    )
    if two_way and (earliest is None or two_way[0].start() < earliest["end"]):
        return _ask_back(*two_way, today)
    if earliest is None:
        return NOT_FOUND
    if earliest["dim"] == "duration" and _RELATES_TO_AN_EVENT.match(text[earliest["end"] :]):
        # "2 days after the operation in June": the event's own date, when the text gives it.
        dated = [e for e in entities if e["dim"] == "time" and e["start"] >= earliest["end"]]
        earliest = min(dated, key=lambda e: e["start"]) if dated else earliest
    planned = is_planned(context, text[: earliest["start"]])
    return TimeParse.resolved(entity_date(earliest, today, planned), earliest["body"], today)


# Around spaCy's DATE span, the words that belong to the same phrase, within the clause: up
# to 3 words before it without numbers other than a day ("about half" + "a year ago", "my
# operation is in" + "3 weeks'", "the 5th of" + "May 2025"), and up to 2 after it ("new" +
# "year's" + "eve 2024") or the event it is counted from ("2 days" + "after the operation in
# June").
_WORDS_BEFORE = re.compile(r"(?<!\S)((?:(?:[^\s\d,.;:!?]+|\d\d?(?:st|nd|rd|th))\s+){0,3})$")
_WORDS_AFTER = re.compile(r"\s*(?:after|post|following)\b[^,.;:!?]*|(?:\s*[^\s,.;:!?]+){0,2}", re.IGNORECASE)


def widened_hint(text: str, hint: str) -> tuple[str, str]:
    """spaCy's DATE span with the words around it in `text` that may belong to the phrase
    (spaCy often marks only part of it: "a year ago" in "about half a year ago", "2025" in
    "Easter 2025"), and the text before that, which may make it planned."""
    start = text.lower().find(hint.lower())
    if start < 0:
        return "", hint
    end = start + len(hint)
    # Both patterns match everywhere (they may match nothing): zero to three words.
    before = _WORDS_BEFORE.search(text[:start])
    after = _WORDS_AFTER.match(text, end)
    assert before is not None and after is not None
    return text[: before.start()], before[1] + text[start:end] + after[0]


def parse_injury_time(text: str, today: date, hint: str | None = None) -> TimeParse:
    """When the injury happened, from `hint` (a DATE span spaCy found, widened to the words
    around it) or else the whole text."""
    if hint:
        context, phrase = widened_hint(text, hint)
        from_hint = parse_text(phrase, today, context)
        if from_hint.status != "not_found":
            return from_hint
    return parse_text(text, today)


# --- the answer to "do you mean 3 April 2025 or 4 March 2025?" --------------------------

_MONTH_MENTION = re.compile(
    r"\b(?:(?P<name>january|february|march|april|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)|\d+(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?P<may>may)|(?P<may_first>may)(?=\s+\d))\b",
    re.IGNORECASE,
)


def _months_named(text: str) -> set[int]:
    """Months named in words; "may" only next to a day ("3 May", "may 3rd"): it is a verb too."""
    names = [(m["name"] or m["may"] or m["may_first"]).lower() for m in _MONTH_MENTION.finditer(text)]
    return {next(i for i, n in enumerate(MONTH_NAMES, 1) if n.startswith(name[:3])) for name in names}


_PICKS = (
    re.compile(r"\b(?:first|1st|former|earlier)\b|^\s*(?:the\s+)?1\s*[.!]?\s*$", re.IGNORECASE),
    re.compile(r"\b(?:second|2nd|latter|later|other)\b|^\s*(?:the\s+)?2\s*[.!]?\s*$", re.IGNORECASE),
)


def chosen_reading(answer: str, readings: tuple[date, ...], today: date) -> date | None:
    """Which of the readings an answer to the ask-back picks, or None if it picks neither.

    By month ("April", "3rd of april", "the 4th of Mar"), by position ("the first", "the
    second one"; a month names it before a position does: "the first of April"), or by a
    date with a reading's day and month ("2025-04-03"). Another date is not a choice."""
    months = _months_named(answer)
    by_month = [reading for reading in readings if reading.month in months]
    if len(by_month) == 1:
        return by_month[0]
    picked = [reading for pick, reading in zip(_PICKS, readings, strict=False) if pick.search(answer)]
    if len(picked) == 1:
        return picked[0]
    parsed = parse_text(answer, today).injury_date
    same_day = [r for r in readings if parsed and (r.month, r.day) == (parsed.month, parsed.day)]
    return same_day[0] if len(same_day) == 1 else None
