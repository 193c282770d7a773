"""Load benchmark: the bot `rasa init` makes and this assistant, side by side on this machine.

    .venv/bin/python -m tools.benchmark               (what `make bench` runs)
    .venv/bin/python -m tools.benchmark --seconds 10 --patients 1 10 --workers 1

Starts each bot in turn on free loopback ports (the rasa init bot alone; this assistant with
its action server, once per --workers setting), warms it up, then for each number of
concurrent patients lets every simulated patient send its conversation over the REST
webhook, one message after the other, for --seconds. Prints one markdown table: messages
per second, median and 95th-percentile reply time, errors (HTTP failure, timeout or no
reply), the Rasa server's peak memory (resident, summed over its processes; the largest
single process in brackets) and the cores it kept busy (CPU time / wall time: below the
worker count under load means the server waited, e.g. for cores other programs held) and
its CPU time per answered message, and this assistant's throughput and p95 relative to the
rasa init bot's. The rasa init bot is created and trained once (about 2 minutes) and kept in
.rasa/bench/, per Rasa version.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import aiohttp

from ops import launcher
from ops.settings import PROJECT_ROOT, Ports, free_port

RASA_VERSION = version("rasa")
RASA_INIT_DIR = PROJECT_ROOT / ".rasa" / "bench" / f"rasa-init-{RASA_VERSION}"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
QUIET_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONWARNINGS": "ignore"}

# What one patient types, message after message (then starts over as a new patient).
RASA_INIT_PATIENT = ["hello", "I am feeling sad", "yes", "are you a bot?", "bye"]
ASSISTANT_PATIENT = [
    "hello",
    "what is synkinesis",
    "how long will i be in hospital after the operation",
    "my face has been paralysed since my operation 8 months ago",
    "no",
    "yes",
    "no",
    "what should I bring to my consultation?",
    "thanks, bye",
]


@dataclass
class Level:
    patients: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    memory_total: int = 0
    memory_largest: int = 0
    cpu_seconds: float = 0.0

    @property
    def cores_used(self) -> float:
        return self.cpu_seconds / self.seconds if self.seconds else 0.0

    @property
    def cpu_per_message(self) -> float | None:
        """Server CPU time per answered message: unlike msg/s, hardly changed by other
        programs on the machine, and cores / this is the throughput that many free cores allow."""
        return self.cpu_seconds / len(self.latencies) if self.latencies else None

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float | None:
        if not self.latencies:
            return None
        if len(self.latencies) == 1:
            return self.latencies[0]
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[round(share * 100) - 1]


@dataclass
class BotRun:
    name: str
    levels: dict[int, Level] = field(default_factory=dict)


# --- the server's memory and CPU time, from /proc ------------------------------------


def _process_tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The parent pid is the 2nd field after the parenthesised command name.
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def resident_bytes(root: int) -> tuple[int, int]:
    """(sum, largest) resident memory over the process and all its descendants."""
    sizes = []
    for pid in _process_tree(root):
        try:
            sizes.append(int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE)
        except (OSError, IndexError):
            continue
    return sum(sizes), max(sizes, default=0)


def cpu_seconds(root: int) -> float:
    """User and system CPU time of the process and all its descendants so far."""
    total = 0
    for pid in _process_tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


async def sample_memory(root: int, level: Level) -> None:
    while True:
        total, largest = resident_bytes(root)
        level.memory_total = max(level.memory_total, total)
        level.memory_largest = max(level.memory_largest, largest)
        await asyncio.sleep(0.5)


# --- simulated patients --------------------------------------------------------------


async def patient(
    http: aiohttp.ClientSession, webhook: str, script: list[str], deadline: float, level: Level | None
) -> None:
    """Send the script's messages one after the other until the deadline (level None: once)."""
    while True:
        sender = f"bench-{uuid.uuid4().hex}"
        for text in script:
            if time.monotonic() >= deadline:
                return
            started = time.monotonic()
            try:
                async with http.post(webhook, json={"sender": sender, "message": text}) as response:
                    replies = await response.json() if response.status == 200 else []
                replied = bool(replies)
            except (TimeoutError, aiohttp.ClientError, ValueError):
                replied = False
            if level is None:
                continue
            if replied:
                level.latencies.append(time.monotonic() - started)
            else:
                level.errors += 1
        if level is None:
            return


async def measure(server_pid: int, rasa_url: str, script: list[str], args) -> dict[int, Level]:
    webhook = f"{rasa_url}/webhooks/rest/webhook"
    timeout = aiohttp.ClientTimeout(total=args.request_timeout)
    levels = {}
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as http:
        # Warm-up: a few whole conversations at once, so every worker has answered before.
        no_deadline = time.monotonic() + 3600
        await asyncio.gather(*(patient(http, webhook, script, no_deadline, None) for _ in range(4)))
        for count in args.patients:
            level = Level(count)
            sampler = asyncio.create_task(sample_memory(server_pid, level))
            cpu_before = cpu_seconds(server_pid)
            started = time.monotonic()
            deadline = started + args.seconds
            await asyncio.gather(*(patient(http, webhook, script, deadline, level) for _ in range(count)))
            # Replies still on their way at the deadline count: time until the last one.
            level.seconds = time.monotonic() - started
            level.cpu_seconds = cpu_seconds(server_pid) - cpu_before
            sampler.cancel()
            levels[count] = level
            print(f"    {count:>3} patients: {describe(level)}", file=sys.stderr, flush=True)
    return levels


# --- the bots ------------------------------------------------------------------------


def rasa_init_model() -> Path:
    """The rasa init bot's model, created and trained on first use."""
    models = sorted((RASA_INIT_DIR / "models").glob("*.tar.gz"))
    if models:
        return models[-1]
    print(
        f"==> Creating and training the rasa init bot in {RASA_INIT_DIR} (about 2 minutes, once)",
        file=sys.stderr,
        flush=True,
    )
    shutil.rmtree(RASA_INIT_DIR, ignore_errors=True)
    RASA_INIT_DIR.mkdir(parents=True)
    with (RASA_INIT_DIR.parent / "rasa-init.log").open("wb") as log:
        subprocess.run(
            [launcher.PYTHON, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(RASA_INIT_DIR)],
            cwd=RASA_INIT_DIR,
            env={**os.environ, **QUIET_ENV},
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=1800,
        )
    return rasa_init_model()


def run_rasa_init_bot(args, log_dir: Path) -> BotRun:
    model = rasa_init_model()
    port = free_port()
    credentials = log_dir / "rasa-init-credentials.yml"
    credentials.write_text("rest:\n")
    log = log_dir / "rasa-init.log"
    print("==> rasa init bot", file=sys.stderr, flush=True)
    server = subprocess.Popen(
        [
            launcher.PYTHON,
            "-m",
            "rasa",
            "run",
            "--model",
            str(model),
            "--port",
            str(port),
            "--credentials",
            str(credentials),
        ],
        cwd=RASA_INIT_DIR,
        env={**os.environ, **QUIET_ENV},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    bot = launcher.Assistant(ports=Ports(rasa=port), token="", log_dir=log_dir, processes=[server])
    try:
        launcher.wait_until_up(f"{bot.rasa_url}/", server, "rasa init bot", log, timeout=180)
        return BotRun("rasa init bot", asyncio.run(measure(server.pid, bot.rasa_url, RASA_INIT_PATIENT, args)))
    finally:
        launcher.stop(bot)


def run_assistant(args, workers: int, log_dir: Path) -> BotRun:
    name = "this assistant" + (f", {workers} workers" if workers > 1 else "")
    print(f"==> {name}", file=sys.stderr, flush=True)
    run_dir = log_dir / f"assistant-{workers}"
    with launcher.running(
        Ports.free(),
        token=secrets.token_urlsafe(16),
        model=args.model,
        log_dir=run_dir,
        extra_env={"TRACKER_DB": str(run_dir / "conversations.db"), **QUIET_ENV},
        workers=workers,
    ) as assistant:
        measured = asyncio.run(measure(assistant.rasa_process.pid, assistant.rasa_url, ASSISTANT_PATIENT, args))
        return BotRun(name, measured)


# --- the table -----------------------------------------------------------------------


def seconds_text(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def describe(level: Level) -> str:
    return (
        f"{level.throughput:.1f} msg/s, p50 {seconds_text(level.percentile(0.5))}, "
        f"p95 {seconds_text(level.percentile(0.95))}, {level.errors} errors, "
        f"server busy on {level.cores_used:.1f} cores, {seconds_text(level.cpu_per_message)} CPU per message"
    )


def ratio(value: float | None, reference: float | None) -> str:
    return f"{value / reference:.2f}×" if value and reference else "–"


def table(runs: list[BotRun]) -> str:
    reference = runs[0]
    lines = [
        "| patients | bot | msg/s | p50 | p95 | errors | Rasa server memory | Rasa server CPU | CPU per message "
        "| msg/s vs rasa init | p95 vs rasa init |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for count in reference.levels:
        base = reference.levels[count]
        for run in runs:
            level = run.levels[count]
            compared = run is not reference
            lines.append(
                f"| {count} | {run.name} | {level.throughput:.1f} | {seconds_text(level.percentile(0.5))} "
                f"| {seconds_text(level.percentile(0.95))} | {level.errors} "
                f"| {level.memory_total / 2**20:,.0f} MB ({level.memory_largest / 2**20:,.0f}) "
                f"| {level.cores_used:.1f} cores | {seconds_text(level.cpu_per_message)} "
                f"| {ratio(level.throughput, base.throughput) if compared else ''} "
                f"| {ratio(level.percentile(0.95), base.percentile(0.95)) if compared else ''} |"
            )
    return "\n".join(lines)


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory_kb / 2**20:.0f} GB RAM, "
        f"Python {platform.python_version()}, Rasa {RASA_VERSION}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patients", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--seconds", type=float, default=30, help="length of each level (default 30)")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="Rasa worker settings to run this assistant with (default: 1 2)",
    )
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "assistant.tar.gz")
    parser.add_argument("--request-timeout", type=float, default=60)
    args = parser.parse_args()
    if not args.model.exists():
        print(f"error: no model at {args.model}: run `make train` first", file=sys.stderr)
        return 1

    bots = 1 + len(args.workers)
    longest = bots * (len(args.patients) * (args.seconds + args.request_timeout) + 240)
    print(
        f"==> Benchmark: {len(args.patients)} levels of {args.seconds:.0f} s per bot, {bots} bots "
        f"(at most {longest / 60:.0f} minutes)",
        file=sys.stderr,
        flush=True,
    )
    log_dir = Path(tempfile.mkdtemp(prefix="benchmark-"))
    # Other programs busy on the same cores slow every figure; the table says how busy it was.
    load_before = os.getloadavg()[0]
    try:
        runs = [run_rasa_init_bot(args, log_dir)]
        runs += [run_assistant(args, workers, log_dir) for workers in args.workers]
    except launcher.LaunchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"\nMeasured {datetime.now():%Y-%m-%d %H:%M} on {machine()}; model {args.model.name}, "
        f"{args.seconds:.0f} s per level, REST webhook over loopback; load average "
        f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after.\n"
    )
    print(table(runs))
    shutil.rmtree(log_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
