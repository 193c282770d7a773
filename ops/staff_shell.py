"""`make shell`: Rasa's shell for clinic staff, with the model and the action server of
`make run`. Started by scripts/shell.sh (`python -m ops.staff_shell`).

It runs beside a running `make run`: the shell's own Rasa server takes a free port (not
5005, which `make run` holds), and it uses the action server at ACTIONS_PORT (5055) if one
answers there; otherwise it starts one on a free port and stops it on exit. Only errors
reach the terminal (Rasa's LOG_LEVEL, ERROR unless set); they are also kept in
.rasa/logs/shell.log, for the owner only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ops.launcher import (
    PYTHON,
    LaunchError,
    action_server_answers,
    endpoints_file,
    private_file,
    start_action_server,
    stop_processes,
    wait_until_up,
)
from ops.settings import PROJECT_ROOT, STAFF_SQLITE_STORE, Ports, SettingError, free_port, log_dir, model_path


def shell_environment(environ: dict[str, str]) -> dict[str, str]:
    """The shell's environment: Rasa logs errors only, and a SQLite store of its own."""
    env = {"LOG_LEVEL": "ERROR", **environ}
    if env.get("TRACKER_DB_DIALECT", "sqlite") == "sqlite":
        env.setdefault("TRACKER_DB", str(STAFF_SQLITE_STORE))
    return env


def shell_command(model: Path, endpoints: Path, log: Path, extra_args: list[str]) -> list[str]:
    return [
        PYTHON,
        "-m",
        "addons.rasa_main",
        "shell",
        "--model",
        str(model),
        "--endpoints",
        str(endpoints),
        "--port",
        str(free_port()),
        "--log-file",
        str(log),
        *extra_args,
    ]


def main(extra_args: list[str]) -> int:
    # A closed terminal (SIGHUP) or a kill still stops the action server started here.
    for ending in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(ending, lambda *_: sys.exit(1))
    logs = log_dir()
    logs.mkdir(parents=True, exist_ok=True)
    logs.chmod(0o700)
    own_action_server = []
    try:
        actions_port = site_actions_port = Ports.from_environment().actions
        model = model_path()
        if not action_server_answers(actions_port):
            actions_port = free_port()
            print(
                f"==> No action server at port {site_actions_port}: starting one for this shell (port {actions_port})",
                flush=True,
            )
            log = logs / "actions-shell.log"
            own_action_server.append(start_action_server(actions_port, log, dict(os.environ)))
            wait_until_up(
                f"http://localhost:{actions_port}/health", own_action_server[0], "action server", log, timeout=120
            )
        print("==> Loading the model (under a minute); type /stop or press Ctrl-C to leave", flush=True)
        # Rasa's FileHandler appends to the file: created here for the owner only.
        shell_log = logs / "shell.log"
        private_file(shell_log).close()
        with tempfile.TemporaryDirectory(prefix="assistant-shell-") as folder:  # mode 700
            command = shell_command(model, endpoints_file(actions_port, Path(folder), None), shell_log, extra_args)
            # Ctrl-C reaches the shell (same process group), which says goodbye and exits;
            # this process waits for it, then stops the action server it started.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            return subprocess.call(command, env=shell_environment(dict(os.environ)), cwd=PROJECT_ROOT)
    except (LaunchError, SettingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C before the shell started
        return 130
    finally:
        stop_processes(own_action_server)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
