"""Run the fault and load tests and write their figures to docs/reliability.md.

Usage (after `make setup` with PostgreSQL, i.e. `bash scripts/setup.sh --postgres`, and a
trained model):
    .venv/bin/python -m tools.reliability_report [--out docs/reliability.md]

Runs `pytest tests/reliability` with RELIABILITY_RESULTS set, so that every test records what
it injected, what it checked and what it measured (tests/reliability/results.py), then
replaces the results table in the report between the two markers below, with the date, the
machine and the pytest outcome. The text around the table is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from ops.settings import PROJECT_ROOT
from tools.benchmark import machine  # same machine line as make bench

BEGIN = "<!-- results: written by tools/reliability_report.py -->"
END = "<!-- end of results -->"
COLUMNS = ("test", "store", "injected", "checked", "sent", "answered", "lost", "restarts")


def run_tests(results_file: Path) -> tuple[int, float]:
    env = {**os.environ, "RELIABILITY_RESULTS": str(results_file)}
    start = time.monotonic()
    outcome = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/reliability"],
        cwd=PROJECT_ROOT,
        env=env,
    )
    return outcome.returncode, time.monotonic() - start


def table(rows: list[dict]) -> str:
    def cell(value) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(COLUMNS) + " |", "| " + " | ".join("---" for _ in COLUMNS) + " |"]
    lines += ["| " + " | ".join(cell(row[column]) for column in COLUMNS) + " |" for row in rows]
    sent, answered, lost = (sum(row[key] for row in rows) for key in ("sent", "answered", "lost"))
    lines.append(
        f"| **all** | | | | **{sent}** | **{answered}** | **{lost}** | **{sum(row['restarts'] for row in rows)}** |"
    )
    return "\n".join(lines)


def report_section(rows: list[dict], returncode: int, seconds: float) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    outcome = "all passed" if returncode == 0 else f"FAILED (pytest exit code {returncode})"
    return "\n".join(
        [
            BEGIN,
            f"Run of {when} on {machine()}: `pytest tests/reliability` {outcome} in {seconds / 60:.1f} min.",
            "",
            table(rows),
            END,
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "docs" / "reliability.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        results_file = Path(folder) / "results.jsonl"
        returncode, seconds = run_tests(results_file)
        rows = (
            [json.loads(line) for line in results_file.read_text(encoding="utf-8").splitlines()]
            if results_file.exists()
            else []
        )
    section = report_section(rows, returncode, seconds)
    text = args.out.read_text(encoding="utf-8") if args.out.exists() else f"# Reliability\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    args.out.write_text(head + section + tail, encoding="utf-8")
    print(section)
    return returncode


if __name__ == "__main__":
    sys.exit(main())
