"""Starts the assistant's three processes (action server, Rasa server, web page server),
waits until each answers, and stops them together. Used by `make run` and by the tests,
so both run the assistant the same way.

With several Rasa workers (ASSISTANT_WORKERS=2), a private Redis is started too: Rasa's
RedisLockStore lets the workers take turns on a conversation, whose tracker lives in the
shared tracker store (addons/tracker_store.py)."""

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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ops.private_files import private_file
from ops.redis_server import RedisError, start_redis
from ops.settings import API_TOKEN_ENV, PROJECT_ROOT, WEB_ORIGINS_ENV, Ports, SettingError, model_path, web_origins

PYTHON = sys.executable
# Logged by every Rasa worker once its model is loaded (rasa/core/run.py).
RASA_WORKER_READY = b"Rasa server is up and running."


class LaunchError(RuntimeError):
    pass


@dataclass
class Assistant:
    ports: Ports
    token: str
    log_dir: Path
    processes: list[subprocess.Popen] = field(default_factory=list)
    # The environment the processes were started with (start_process starts one again).
    env: dict[str, str] = field(default_factory=dict, repr=False)
    rasa_process: subprocess.Popen | None = None
    workers: int = 1

    @property
    def rasa_url(self) -> str:
        return f"http://localhost:{self.ports.rasa}"

    @property
    def web_url(self) -> str:
        return f"http://localhost:{self.ports.web}"


def ensure_port_free(port: int, what: str) -> None:
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise LaunchError(f"port {port} ({what}) is in use: stop the other program or choose another port")


def wait_until_up(url: str, process: subprocess.Popen, name: str, log: Path, timeout: float) -> None:
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


def endpoints_file(action_port: int, directory: Path, redis_port: int | None) -> Path:
    """endpoints.yml with the action server's actual port, and Rasa's Redis lock store if any."""
    endpoints = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = f"http://localhost:{action_port}/webhook"
    if redis_port is not None:
        endpoints["lock_store"] = {"type": "redis", "url": "127.0.0.1", "port": redis_port, "db": 0}
    path = directory / "endpoints.yml"
    with private_file(path) as file:
        file.write(yaml.safe_dump(endpoints, sort_keys=False).encode())
    return path


def multi_worker_env(workers: int) -> dict[str, str]:
    """Rasa uses SANIC_WORKERS only with a Redis lock store. Each worker gets its share of
    the cores for TensorFlow, so that N workers do not run N times as many threads."""
    threads = str(max(1, (os.cpu_count() or 1) // workers))
    return {
        "SANIC_WORKERS": str(workers),
        "TF_INTRA_OP_PARALLELISM_THREADS": os.environ.get("TF_INTRA_OP_PARALLELISM_THREADS", threads),
        "TF_INTER_OP_PARALLELISM_THREADS": os.environ.get("TF_INTER_OP_PARALLELISM_THREADS", "1"),
    }


def _wait_until_workers_loaded(process: subprocess.Popen, log: Path, workers: int, timeout: float) -> None:
    """The first worker answers HTTP while the others may still load the model (each logs
    RASA_WORKER_READY at Rasa's default log level, INFO)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LaunchError(f"Rasa server exited during start-up; its log: {log}\n{_tail(log)}")
        if log.read_bytes().count(RASA_WORKER_READY) >= workers:
            return
        time.sleep(0.5)
    raise LaunchError(f"not all {workers} Rasa workers loaded the model within {timeout:.0f}s; its log: {log}")


def _start(cmd: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    with private_file(log) as output:
        return subprocess.Popen(
            cmd,
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so stop() can end each process with its children
            # Whatever the servers write (conversation store, logs) is for the owner only.
            umask=0o077,
        )


def start_action_server(port: int, log: Path, env: dict[str, str]) -> subprocess.Popen:
    return _start([PYTHON, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)], log, env)


def action_server_answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://localhost:{port}/health", timeout=2):
            return True
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def start(
    ports: Ports,
    token: str,
    model: Path | None = None,
    log_dir: Path | None = None,
    extra_env: dict[str, str] | None = None,
    timeout: float = 180,
    workers: int = 1,
) -> Assistant:
    """Start all three processes (and Redis for several workers); raise LaunchError (after
    stopping them) if one fails."""
    services = [(ports.actions, "action server"), (ports.rasa, "Rasa server"), (ports.web, "web page")]
    if workers > 1:
        services.append((ports.redis, "Redis"))
    for port, what in services:
        ensure_port_free(port, what)
    try:
        model = model or model_path()
    except SettingError as error:
        raise LaunchError(str(error)) from error
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="assistant-logs-"))
    log_dir.mkdir(parents=True, exist_ok=True)
    log_dir.chmod(0o700)
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        API_TOKEN_ENV: token,
        # The page these ports serve, unless the operator named the origins.
        WEB_ORIGINS_ENV: ",".join(web_origins({**os.environ, "WEB_PORT": str(ports.web)})),
        **(extra_env or {}),
    }
    assistant = Assistant(ports=ports, token=token, log_dir=log_dir, workers=workers, env=env)
    try:
        redis_port = None
        if workers > 1:
            try:
                assistant.processes.append(start_redis(ports.redis, log_dir / "redis", log_dir / "redis.log"))
            except RedisError as error:
                raise LaunchError(str(error)) from error
            redis_port = ports.redis
        actions_log = log_dir / "actions.log"
        actions = start_action_server(ports.actions, actions_log, env)
        assistant.processes.append(actions)
        rasa_log = log_dir / "rasa.log"
        rasa = _start(
            [
                PYTHON,
                "-m",
                "addons.rasa_main",
                "run",
                "--model",
                str(model),
                "--port",
                str(ports.rasa),
                "--enable-api",
                # The token goes in the environment (API_TOKEN_ENV), which only the owner can
                # read, not on the command line, which every user sees in `ps`.
                "--credentials",
                str(PROJECT_ROOT / "credentials.yml"),
                "--endpoints",
                str(endpoints_file(ports.actions, log_dir, redis_port)),
            ],
            rasa_log,
            {**env, **(multi_worker_env(workers) if workers > 1 else {})},
        )
        assistant.processes.append(rasa)
        assistant.rasa_process = rasa
        web_log = log_dir / "web.log"
        web = _start(
            [
                PYTHON,
                "-m",
                "ops.web_page",
                "--bind",
                "127.0.0.1",
                "--port",
                str(ports.web),
                "--rasa-port",
                str(ports.rasa),
            ]
            # Long-polling requests of one page could reach different workers, which know
            # nothing of each other's sockets; a websocket stays with the worker it reached.
            + (["--websocket-only"] if workers > 1 else []),
            web_log,
            env,
        )
        assistant.processes.append(web)
        wait_until_up(f"http://localhost:{ports.actions}/health", actions, "action server", actions_log, timeout)
        wait_until_up(f"http://localhost:{ports.web}/", web, "web page server", web_log, timeout)
        wait_until_up(f"{assistant.rasa_url}/", rasa, "Rasa server", rasa_log, timeout)
        if workers > 1:
            _wait_until_workers_loaded(rasa, rasa_log, workers, timeout)
    except BaseException:
        stop(assistant)
        raise
    return assistant


def stop(assistant: Assistant) -> None:
    stop_processes(assistant.processes)


def stop_processes(processes: list[subprocess.Popen]) -> None:
    """End each process with its children, as Ctrl-C would (SIGKILL after 15 s)."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
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


def _command(process: subprocess.Popen) -> list[str]:
    assert isinstance(process.args, list)  # _start always gets a list
    return process.args


def _role_of(assistant: Assistant, process: subprocess.Popen) -> str:
    if process is assistant.rasa_process:
        return "rasa"
    command = _command(process)
    return "actions" if "rasa_sdk" in command else "web" if "ops.web_page" in command else "redis"


def _process(assistant: Assistant, role: str) -> subprocess.Popen:
    (process,) = [p for p in assistant.processes if _role_of(assistant, p) == role]
    return process


def stop_process(assistant: Assistant, role: str) -> None:
    """Stop one of the assistant's processes ("actions", "rasa" or "web"), as Ctrl-C would."""
    stop_processes([_process(assistant, role)])


def start_process(assistant: Assistant, role: str, timeout: float = 180) -> subprocess.Popen:
    """Start a stopped process again with the same command and environment (its output goes
    to <role>-<n>.log) and return once it answers."""
    old = _process(assistant, role)
    if old.poll() is None:
        raise LaunchError(f"the {role} process is still running")
    env = dict(assistant.env)
    if role == "rasa" and assistant.workers > 1:
        env.update(multi_worker_env(assistant.workers))
    restarts = len(list(assistant.log_dir.glob(f"{role}-*.log")))
    log = assistant.log_dir / f"{role}-{restarts + 2}.log"
    process = _start(_command(old), log, env)
    assistant.processes[assistant.processes.index(old)] = process
    urls = {
        "actions": f"http://localhost:{assistant.ports.actions}/health",
        "rasa": f"{assistant.rasa_url}/",
        "web": f"{assistant.web_url}/",
    }
    if role == "rasa":
        assistant.rasa_process = process
    wait_until_up(urls[role], process, role, log, timeout)
    if role == "rasa" and assistant.workers > 1:
        _wait_until_workers_loaded(process, log, assistant.workers, timeout)
    return process
