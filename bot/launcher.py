"""Starts the assistant's three processes (action server, Rasa server, web page server),
waits until each answers, and stops them together. Used by `make run` and by the tests,
so both run the assistant the same way."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


class LaunchError(RuntimeError):
    pass


@dataclass
class Ports:
    actions: int = 5055
    rasa: int = 5005
    web: int = 8000

    @classmethod
    def free(cls) -> "Ports":
        return cls(free_port(), free_port(), free_port())


@dataclass
class Assistant:
    ports: Ports
    token: str
    log_dir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def rasa_url(self) -> str:
        return f"http://localhost:{self.ports.rasa}"

    @property
    def web_url(self) -> str:
        return f"http://localhost:{self.ports.web}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_port_free(port: int, what: str) -> None:
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise LaunchError(
                f"port {port} ({what}) is in use: stop the other program or choose another port"
            )


def latest_model() -> Path:
    models = sorted((PROJECT_ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise LaunchError("no trained model in models/: run `make train` first")
    return models[-1]


def _wait_until_up(url: str, process: subprocess.Popen, name: str, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LaunchError(f"{name} exited during start-up; its log: {log}\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise LaunchError(f"{name} did not answer at {url} within {timeout:.0f}s; its log: {log}")


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _endpoints_file(action_port: int, directory: Path) -> Path:
    """endpoints.yml with the action server's actual port."""
    text = (PROJECT_ROOT / "endpoints.yml").read_text()
    path = directory / "endpoints.yml"
    path.write_text(text.replace("localhost:5055", f"localhost:{action_port}"))
    return path


def _start(cmd: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        cmd,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so stop() can end each process with its children
    )


def start(
    ports: Ports,
    token: str,
    model: Path | None = None,
    log_dir: Path | None = None,
    extra_env: dict[str, str] | None = None,
    timeout: float = 180,
) -> Assistant:
    """Start all three processes; raise LaunchError (after stopping them) if one fails."""
    for port, what in ((ports.actions, "action server"), (ports.rasa, "Rasa server"), (ports.web, "web page")):
        ensure_port_free(port, what)
    model = model or latest_model()
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="assistant-logs-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "ASSISTANT_WEB_ORIGINS": os.environ.get(
            "ASSISTANT_WEB_ORIGINS", f"http://localhost:{ports.web},http://127.0.0.1:{ports.web}"
        ),
        **(extra_env or {}),
    }
    assistant = Assistant(ports=ports, token=token, log_dir=log_dir)
    try:
        actions_log = log_dir / "actions.log"
        actions = _start(
            [PYTHON, "-m", "rasa_sdk", "--actions", "actions", "--port", str(ports.actions)],
            actions_log,
            env,
        )
        assistant.processes.append(actions)
        rasa_log = log_dir / "rasa.log"
        rasa = _start(
            [
                PYTHON, "-m", "addons.rasa_main", "run",
                "--model", str(model),
                "--port", str(ports.rasa),
                "--enable-api", "--auth-token", token,
                "--credentials", str(PROJECT_ROOT / "credentials.yml"),
                "--endpoints", str(_endpoints_file(ports.actions, log_dir)),
            ],
            rasa_log,
            env,
        )
        assistant.processes.append(rasa)
        web_log = log_dir / "web.log"
        web = _start(
            [PYTHON, str(PROJECT_ROOT / "web" / "serve.py"), "--bind", "127.0.0.1",
             "--port", str(ports.web), "--rasa-port", str(ports.rasa)],
            web_log,
            env,
        )
        assistant.processes.append(web)
        _wait_until_up(f"http://localhost:{ports.actions}/health", actions, "action server", actions_log, timeout)
        _wait_until_up(f"http://localhost:{ports.web}/", web, "web page server", web_log, timeout)
        _wait_until_up(f"{assistant.rasa_url}/", rasa, "Rasa server", rasa_log, timeout)
    except BaseException:
        stop(assistant)
        raise
    return assistant


def stop(assistant: Assistant) -> None:
    for process in assistant.processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in assistant.processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def running(ports: Ports, token: str, **kwargs) -> Iterator[Assistant]:
    assistant = start(ports, token, **kwargs)
    try:
        yield assistant
    finally:
        stop(assistant)
