"""Rasa's SQLite tracker store and ours (addons/tracker_store.py) side by side, in one process.

Usage: .venv/bin/python -m tools.benchmark_tracker_store [--conversations 40]

Each store gets its own SQLite file in a temporary folder on the same disk, and both go
through the same conversations, message by message and alternating between the stores, as
the server does it: retrieve the tracker, add a user message and two replies, save. Prints
the median and 95th percentile wall time of one retrieve + save, which is time the server
cannot answer anyone else (Rasa's store calls are synchronous), and the CPU time it takes.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from addons.tracker_store import EnvSQLTrackerStore
from ops.settings import PROJECT_ROOT

MESSAGES_PER_CONVERSATION = 9


async def one_message(store, sender: str, number: int) -> tuple[float, float]:
    started, cpu_started = time.perf_counter(), time.process_time()
    tracker = await store.get_or_create_tracker(sender)
    tracker.update(UserUttered(f"message {number}", {"name": "faq", "confidence": 0.9}))
    tracker.update(ActionExecuted("utter_faq"))
    tracker.update(BotUttered(f"reply {number}"))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    return time.perf_counter() - started, time.process_time() - cpu_started


async def run(conversations: int, folder: Path) -> dict[str, list[tuple[float, float]]]:
    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    os.environ["TRACKER_DB"] = str(folder / "ours.db")
    stores = {
        "Rasa's SQLTrackerStore (SQLite defaults)": SQLTrackerStore(
            domain, dialect="sqlite", db=str(folder / "rasa.db")
        ),
        "addons.tracker_store (WAL, synchronous NORMAL)": EnvSQLTrackerStore(domain),
    }
    timings = {name: [] for name in stores}
    for conversation in range(conversations):
        for number in range(MESSAGES_PER_CONVERSATION):
            for name, store in stores.items():
                timings[name].append(await one_message(store, f"patient-{conversation}", number))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=40)
    args = parser.parse_args()
    os.environ.pop("TRACKER_DB_DIALECT", None)
    scratch = PROJECT_ROOT / ".rasa" if (PROJECT_ROOT / ".rasa").exists() else None
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        timings = asyncio.run(run(args.conversations, Path(folder)))
    count = args.conversations * MESSAGES_PER_CONVERSATION
    print(f"| tracker store ({count} messages each) | retrieve + save: median | 95th percentile | CPU per message |")
    print("| --- | ---: | ---: | ---: |")
    for name, values in timings.items():
        wall = [seconds for seconds, _ in values]
        cpu = sum(cpu_seconds for _, cpu_seconds in values) / len(values)
        p95 = statistics.quantiles(wall, n=20)[-1]
        print(f"| {name} | {statistics.median(wall) * 1000:.1f} ms | {p95 * 1000:.1f} ms | {cpu * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
