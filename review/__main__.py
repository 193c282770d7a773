"""Writes the review report for the clinic's staff: one self-contained HTML page with what
patients asked in the last days, read from the conversation store the Rasa server uses (the
SQLite file, or PostgreSQL with the same TRACKER_DB_* settings; addons/tracker_store.py).

    make report [DAYS=30] [OUT=results/review-report.html]
    .venv/bin/python -m review [--days 30] [--until 2026-12-01] [--output FILE]

The page shows patients' own words (messages not understood, comments on answers): it is
written readable by its owner only.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from datetime import date
from pathlib import Path

from ops.settings import PROJECT_ROOT

DEFAULT_OUTPUT = Path("results") / "review-report.html"
DEFAULT_DAYS = 30


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help=f"how many days back (default {DEFAULT_DAYS})")
    parser.add_argument(
        "--until", type=date.fromisoformat, default=date.today(), help="the last day, YYYY-MM-DD (default: today)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"the page, relative to the project folder (default {DEFAULT_OUTPUT})",
    )
    args = parser.parse_args(argv)
    if args.days < 1:
        parser.error("--days must be at least 1")
    with warnings.catch_warnings():
        from review.report import write_report  # imports Rasa, which sets warning filters

        # Rasa 3.6's own deprecation warnings (SQLAlchemy 1.4 and others): keep the output to the result.
        warnings.simplefilter("ignore")

        figures = write_report(args.output, args.days, args.until)
    if figures.empty:
        print(f"no conversations from {figures.first_day} to {figures.last_day}; wrote {args.output} anyway")
    else:
        print(
            f"{figures.conversations} conversation(s), {figures.messages} patient message(s), "
            f"{len(figures.unanswered)} not answered, from {figures.first_day} to {figures.last_day}"
        )
        print(f"wrote {args.output} (owner-only: it contains patients' messages)")
    return 0


if __name__ == "__main__":
    # The default SQLite file, .rasa/conversations.db, is relative to the project folder.
    os.chdir(PROJECT_ROOT)
    sys.exit(main())
