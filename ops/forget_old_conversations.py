"""Deletes the conversations whose last message is older than the clinic's retention period
(`retention_days` in clinic/privacy.yml) from the conversation store that the Rasa server
uses: the SQLite file, or PostgreSQL with the same TRACKER_DB_* settings
(addons/tracker_store.py). Meant to run once a day (`make forget`, e.g. from cron).

    .venv/bin/python -m ops.forget_old_conversations [--days N] [--now 2026-11-22T00:00:00]
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from datetime import UTC, datetime, timedelta

from bot.clinic import retention_days
from ops.settings import PROJECT_ROOT


def forget_old_conversations(days: int, now: datetime | None = None) -> int:
    """Delete every conversation whose last event is more than `days` days before `now`
    (default: the current time); returns how many were deleted."""
    from addons.tracker_store import EnvSQLTrackerStore

    now = now or datetime.now(UTC)
    cutoff = (now - timedelta(days=days)).timestamp()
    return EnvSQLTrackerStore().delete_inactive_since(cutoff)


def parse_moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, help="retention period in days (default: clinic/privacy.yml)")
    parser.add_argument("--now", type=parse_moment, help="the moment to count back from, ISO format (default: now)")
    args = parser.parse_args(argv)
    days = args.days if args.days is not None else retention_days()
    if days < 1:
        parser.error("--days must be at least 1")
    with warnings.catch_warnings():
        import addons.tracker_store  # noqa: F401 - Rasa sets warning filters when imported

        # Rasa 3.6's own use of SQLAlchemy 1.4 deprecations, not ours: keep the output to the result.
        warnings.simplefilter("ignore")
        deleted = forget_old_conversations(days, args.now)
    print(f"deleted {deleted} conversation(s) with no message in the last {days} days")
    return 0


if __name__ == "__main__":
    # The default SQLite file, .rasa/conversations.db, is relative to the project folder.
    os.chdir(PROJECT_ROOT)
    sys.exit(main())
