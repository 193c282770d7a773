"""Compare the candidate injury-time parsers on tests/data/time_phrasings.yml.

Prints a Markdown table (for docs/evaluation.md): exact accuracy, accuracy within 31 days,
status accuracy (ok / future / not_found) and mean milliseconds per phrase after warm-up.
Run from the project root:
    .venv/bin/python -m tools.compare_time_parsers [--heldout] [--spacy-hints] [-v]
--heldout: tests/data/time_phrasings_heldout.yml instead; --spacy-hints: each case's hint is the
first DATE span of spaCy's model (.venv/spacy/en_core_web_sm), as the assistant passes it,
instead of the hint written in the file; -v lists each parser's misses.
An "ambiguous" result counts as exact when "ambiguous" is expected (the two readings are
checked by tests/unit/test_injury_time.py).
"""

from __future__ import annotations

import functools
import re
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml

from bot.injury_time import (
    NOT_FOUND,
    TimeParse,
    normalise,
    parse_injury_time,
    parse_with_duckling,
    period_date,
)
from ops.settings import PROJECT_ROOT

PHRASINGS = PROJECT_ROOT / "tests" / "data" / "time_phrasings.yml"
HELDOUT = PROJECT_ROOT / "tests" / "data" / "time_phrasings_heldout.yml"
Parser = Callable[[str, date], TimeParse]


@functools.cache
def _period_parser():
    # The period ("day", "week", "month", "year") a phrase names does not depend on today.
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"])


# dateparser reports "month" as the period of "3 months ago"; tell elapsed spans apart
# from named periods ("last month", "March 2025") so both parsers follow the same rules.
ELAPSED_SPAN = re.compile(r"\b(ago|days?|weeks?|months?|years?|fortnight)\b", re.IGNORECASE)
NAMED_PERIOD = re.compile(r"\b(last|this|next) (week|month|year)\b", re.IGNORECASE)


def _period_start(moment: date, period: str) -> date:
    starts = {
        "week": moment - timedelta(days=moment.weekday()),
        "month": moment.replace(day=1),
        "year": moment.replace(month=1, day=1),
    }
    return starts.get(period, moment)


def parse_with_dateparser(text: str, today: date) -> TimeParse:
    """dateparser, given the same period rule as the bot ("March 2025" -> 15 March)."""
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": datetime.combine(today, datetime.min.time()),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = search_dates(text, languages=["en"], settings=settings) if text.strip() else None
    if not found:
        return NOT_FOUND
    span, moment = found[0]
    period = _period_parser().get_date_data(span).period
    if ELAPSED_SPAN.search(span) and not NAMED_PERIOD.search(span):
        period = "day"  # "3 months ago" / "for 8 months" is a day, not a month
    start = _period_start(moment.date(), period)
    return TimeParse.resolved(period_date(start, period, today), span, today)


def with_hint(parse: Parser) -> Callable[[str, date, str | None], TimeParse]:
    def parse_hint_then_text(text: str, today: date, hint: str | None) -> TimeParse:
        if hint and (from_hint := parse(hint, today)).status != "not_found":
            return from_hint
        return parse(text, today)

    return parse_hint_then_text


def _normalised(parse: Parser) -> Parser:
    return lambda text, today: parse(normalise(text), today)


def _with_fallback(text: str, today: date, hint: str | None) -> TimeParse:
    chosen = parse_injury_time(text, today, hint)
    if chosen.status != "not_found":
        return chosen
    return with_hint(_normalised(parse_with_dateparser))(text, today, hint)


CANDIDATES = {
    "Duckling alone": with_hint(parse_with_duckling),
    "dateparser alone": with_hint(parse_with_dateparser),
    "dateparser + normalisation": with_hint(_normalised(parse_with_dateparser)),
    "**Duckling + normalisation (chosen)**": parse_injury_time,
    "chosen + dateparser fallback": _with_fallback,
}


def load_cases(path: Path = PHRASINGS) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [{"today": data["today"], "hint": None, **case} for case in data["phrasings"]]


def with_spacy_hints(cases: list[dict]) -> list[dict]:
    import spacy

    nlp = spacy.load(PROJECT_ROOT / ".venv" / "spacy" / "en_core_web_sm")

    def first_date(text: str) -> str | None:
        return next((e.text for e in nlp(text).ents if e.label_ == "DATE"), None)

    return [{**case, "hint": first_date(case["text"])} for case in cases]


def outcome(result: TimeParse) -> date | str:
    return result.injury_date if result.status == "ok" else result.status


def _within_month(got: date | str, expected: date | str) -> bool:
    if isinstance(got, date) and isinstance(expected, date):
        return abs((got - expected).days) <= 31
    return got == expected


def _status(value: date | str) -> str:
    return "ok" if isinstance(value, date) else value


def evaluate(name: str, parse, cases: list[dict]) -> dict:
    parse(cases[0]["text"], cases[0]["today"], cases[0]["hint"])  # warm-up: loading is paid once
    started = time.perf_counter()
    outcomes = [outcome(parse(c["text"], c["today"], c["hint"])) for c in cases]
    elapsed_ms = (time.perf_counter() - started) * 1000
    expected = [c["expect"] for c in cases]
    pairs = list(zip(outcomes, expected, strict=True))
    return {
        "name": name,
        "exact": sum(got == want for got, want in pairs),
        "within_month": sum(_within_month(got, want) for got, want in pairs),
        "status": sum(_status(got) == _status(want) for got, want in pairs),
        "ms": elapsed_ms / len(cases),
        "misses": [(c["text"], got, c["expect"]) for c, got in zip(cases, outcomes, strict=True) if got != c["expect"]],
    }


def main() -> None:
    path = HELDOUT if "--heldout" in sys.argv else PHRASINGS
    cases = load_cases(path)
    if "--spacy-hints" in sys.argv:
        cases = with_spacy_hints(cases)
    rows = [evaluate(name, parse, cases) for name, parse in CANDIDATES.items()]
    total = len(cases)
    hints = "spaCy's DATE spans" if "--spacy-hints" in sys.argv else "the hints in the file"
    print(f"{total} phrasings from {path.relative_to(PROJECT_ROOT)}, with {hints}\n")
    print("| parser | exact | within 31 days | status right | mean ms / phrase |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print(
            f"| {row['name']} | {row['exact']}/{total} ({row['exact'] / total:.0%}) "
            f"| {row['within_month']}/{total} | {row['status']}/{total} | {row['ms']:.2f} |"
        )
    if "-v" in sys.argv:
        for row in rows:
            print(f"\n{row['name']} misses:")
            for text, got, want in row["misses"]:
                print(f"  {text!r}: got {got}, expected {want}")


if __name__ == "__main__":
    main()
