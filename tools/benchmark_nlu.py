"""Print how much memory a trained model needs and how long it takes to understand a message.

Usage:
    .venv/bin/python -m tools.benchmark_nlu models/assistant.tar.gz [more models ...]

Each model is measured in its own process (peak resident memory is per process). Figures
depend on what else the machine is doing; docs/evaluation.md says under which conditions
its figures were taken.
"""

import asyncio
import logging
import resource
import subprocess
import sys
import time

MESSAGES = [
    "what is synkinesis",
    "how long will i be in hospital after the op",
    "my eye wont close, what can they do",
    "is it too late for me",
    "thanks bye",
]
ROUNDS = 10


def measure(model: str) -> str:
    from rasa.core.agent import Agent  # imported late: loading Rasa's ML stack takes seconds
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # no debug line per parsed message
    agent = Agent.load(model)

    async def mean_seconds_per_message() -> float:
        await agent.parse_message("warm up")
        start = time.perf_counter()
        for _ in range(ROUNDS):
            for message in MESSAGES:
                await agent.parse_message(message)
        return (time.perf_counter() - start) / (ROUNDS * len(MESSAGES))

    seconds = asyncio.run(mean_seconds_per_message())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"{model}: peak memory {peak_mb:.0f} MB, {seconds * 1000:.0f} ms per message"


def main(models: list) -> int:
    if not models:
        print(__doc__, file=sys.stderr)
        return 2
    if len(models) == 1:
        print(measure(models[0]))
        return 0
    for model in models:
        result = subprocess.run([sys.executable, __file__, model], capture_output=True, text=True)
        lines = [line for line in result.stdout.splitlines() if line.startswith(f"{model}:")]
        print(lines[-1] if lines else f"{model}: failed\n{result.stderr[-2000:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
