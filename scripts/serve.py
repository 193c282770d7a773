"""Runs the assistant for people: action server, Rasa server (REST + socket.io, HTTP API
behind a token) and the clinic web page. Ctrl-C stops all three. Started by scripts/run.sh."""
from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import time
from pathlib import Path

from bot.clinic import contact, unfilled_placeholders
from bot.launcher import PROJECT_ROOT, LaunchError, Ports, start, stop, workers_from_environment

TOKEN_FILE = PROJECT_ROOT / ".rasa" / "api_token"


def api_token() -> str:
    """RASA_AUTH_TOKEN if set, else a random token kept in .rasa/api_token."""
    if os.environ.get("RASA_AUTH_TOKEN"):
        return os.environ["RASA_AUTH_TOKEN"]
    TOKEN_FILE.parent.mkdir(mode=0o700, exist_ok=True)
    if not TOKEN_FILE.exists():
        # Created for the owner only from the start (no moment in which others can read it).
        with os.fdopen(os.open(TOKEN_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(secrets.token_urlsafe(24))
    TOKEN_FILE.chmod(0o600)  # a file left by an older version
    return TOKEN_FILE.read_text().strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    defaults = Ports.from_environment()
    parser.add_argument("--rasa-port", type=int, default=defaults.rasa)
    parser.add_argument("--actions-port", type=int, default=defaults.actions)
    parser.add_argument("--web-port", type=int, default=defaults.web)
    parser.add_argument("--redis-port", type=int, default=defaults.redis)
    args = parser.parse_args()
    ports = Ports(actions=args.actions_port, rasa=args.rasa_port, web=args.web_port, redis=args.redis_port)
    log_dir = PROJECT_ROOT / ".rasa" / "logs"
    try:
        workers = workers_from_environment()
        rasa_server = f"the Rasa server ({workers} workers, with Redis)" if workers > 1 else "the Rasa server"
        print(f"==> Starting the action server, {rasa_server} and the web page (about 30 seconds)", flush=True)
        started = time.monotonic()
        assistant = start(ports, api_token(), log_dir=log_dir, workers=workers)
    except LaunchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(
        f"Chat with the assistant at {assistant.web_url}  "
        f"(ready in {time.monotonic() - started:.0f}s; Rasa API {assistant.rasa_url}, "
        f"token in {TOKEN_FILE.relative_to(PROJECT_ROOT)}; logs in .rasa/logs; Ctrl-C stops)",
        flush=True,
    )
    placeholders = unfilled_placeholders(contact())
    if placeholders:
        print(f"note: fill in clinic/contact.yml before going live ({', '.join(placeholders)})", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        while all(process.poll() is None for process in assistant.processes):
            time.sleep(1)
        print("error: a server stopped unexpectedly; see .rasa/logs", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, SystemExit):
        print("\n==> Stopping", flush=True)
        return 0
    finally:
        stop(assistant)


if __name__ == "__main__":
    sys.exit(main())
