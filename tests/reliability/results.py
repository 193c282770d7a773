"""Figures that the fault and load tests measure, for docs/reliability.md.

Each test calls `record(...)` once with what it injected, what it checked and what it
measured. When RELIABILITY_RESULTS names a file (tools/reliability_report.py sets it),
the figures are appended to it as JSON lines; otherwise nothing is written, so the tests
run the same inside `make test`."""

from __future__ import annotations

import json
import os
from pathlib import Path


def record(
    test: str,
    injected: str,
    checked: str,
    *,
    store: str,
    sent: int,
    answered: int,
    lost: int,
    restarts: int = 0,
) -> None:
    target = os.environ.get("RELIABILITY_RESULTS")
    if not target:
        return
    row = {
        "test": test,
        "store": store,
        "injected": injected,
        "checked": checked,
        "sent": sent,
        "answered": answered,
        "lost": lost,
        "restarts": restarts,
    }
    with Path(target).open("a", encoding="utf-8") as results:
        results.write(json.dumps(row) + "\n")
