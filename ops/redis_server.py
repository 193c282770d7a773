"""A private Redis for the assistant's lock store: Debian's redis-server, listening on
loopback only, with its own folder and no persistence (Rasa's locks only matter while
the servers run). Several Rasa workers need it to take turns on a conversation."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path


class RedisError(RuntimeError):
    pass


def redis_server_program() -> str:
    program = shutil.which("redis-server")
    if program is None:
        raise RedisError("redis-server is not installed; several workers need it: run `bash scripts/setup.sh --redis`")
    return program


def start_redis(port: int, data_dir: Path, log: Path, timeout: float = 20) -> subprocess.Popen:
    """Start redis-server on 127.0.0.1:port and return once it answers PING."""
    data_dir.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            redis_server_program(),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(data_dir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ],
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # stopped with the other servers, by process group
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RedisError(f"redis-server exited during start-up; its log: {log}")
        if answers_ping(port):
            return process
        time.sleep(0.1)
    process.kill()
    raise RedisError(f"redis-server did not answer on port {port} within {timeout:.0f}s")


def answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False
