"""Runs the assistant for people (`make run`, through scripts/run.sh): action server, Rasa
server (REST + socket.io, HTTP API behind a token) and the clinic web page. Ctrl-C stops
all three. Settings: ops/settings.py."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from bot.clinic import contact, unfilled_placeholders
from ops.launcher import LaunchError, start, stop
from ops.settings import (
    OPERATOR_TOKEN_ENV,
    PROJECT_ROOT,
    TOKEN_FILE,
    Ports,
    SettingError,
    api_token,
    log_dir,
    workers_from_environment,
)


def shown(path: Path) -> str:
    """A path as the operator reads it: relative to the project folder when inside it."""
    return str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT) else str(path)


def token_source() -> str:
    return OPERATOR_TOKEN_ENV if os.environ.get(OPERATOR_TOKEN_ENV) else shown(TOKEN_FILE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    try:
        defaults = Ports.from_environment()
    except SettingError as error:
        parser.error(str(error))
    parser.add_argument("--rasa-port", type=int, default=defaults.rasa)
    parser.add_argument("--actions-port", type=int, default=defaults.actions)
    parser.add_argument("--web-port", type=int, default=defaults.web)
    parser.add_argument("--redis-port", type=int, default=defaults.redis)
    args = parser.parse_args()
    ports = Ports(actions=args.actions_port, rasa=args.rasa_port, web=args.web_port, redis=args.redis_port)
    # Ctrl-C (SIGINT) and SIGTERM stop, also while the servers start, and also when a
    # non-interactive shell started us in the background with SIGINT ignored (Python then
    # installs no handler of its own). start() stops whatever it started when interrupted.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        workers = workers_from_environment()
        rasa_server = f"the Rasa server ({workers} workers, with Redis)" if workers > 1 else "the Rasa server"
        print(f"==> Starting the action server, {rasa_server} and the web page (about 30 seconds)", flush=True)
        started = time.monotonic()
        assistant = start(ports, api_token(), log_dir=log_dir(), workers=workers)
    except (LaunchError, SettingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, SystemExit):
        print("\n==> Stopped before the servers were ready", flush=True)
        return 0
    print(
        f"Chat with the assistant at {assistant.web_url}  "
        f"(ready in {time.monotonic() - started:.0f}s; Rasa API {assistant.rasa_url}, "
        f"token in {token_source()}; logs in {shown(assistant.log_dir)}; Ctrl-C stops)",
        flush=True,
    )
    placeholders = unfilled_placeholders(contact())
    if placeholders:
        print(f"note: fill in clinic/contact.yml before going live ({', '.join(placeholders)})", flush=True)
    try:
        while all(process.poll() is None for process in assistant.processes):
            time.sleep(1)
        print(f"error: a server stopped unexpectedly; see {shown(assistant.log_dir)}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, SystemExit):
        print("\n==> Stopping", flush=True)
        return 0
    finally:
        stop(assistant)


if __name__ == "__main__":
    sys.exit(main())
