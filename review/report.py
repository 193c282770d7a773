"""The review report from the configured conversation store to an owner-only HTML file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from ops.private_files import private_file
from review.figures import ReviewFigures, review_figures
from review.page import render
from review.store import store_description, stored_conversations


def write_report(output: Path, days: int, until: date) -> ReviewFigures:
    """Read the store, write the page for the `days` days up to `until` (readable by its
    owner only: it holds patients' messages) and return its figures."""
    figures = review_figures(stored_conversations(), until - timedelta(days=days - 1), until)
    page = render(figures, store_description(), datetime.now())
    if not output.parent.exists():
        output.parent.mkdir(mode=0o700, parents=True)
    with private_file(output) as file:
        file.write(page.encode("utf-8"))
    return figures
