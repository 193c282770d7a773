"""`make run`'s supervisor (ops/supervisor.py) as the README starts it, with its settings from the
environment (ops/settings.py): it says where to chat, serves the page and the assistant on
those ports, keeps its logs where it is told, and Ctrl-C (SIGINT) stops every server."""

import os
import signal
import socket
import subprocess
import sys
import time

import requests

from ops.settings import PROJECT_ROOT, Ports

READY_TIMEOUT = 300


def start_supervisor(ports: Ports, tmp_path, **popen_options) -> subprocess.Popen:
    """`make run`'s supervisor with its settings from the environment, as the README starts it."""
    return subprocess.Popen(
        [sys.executable, "-m", "ops.supervisor"],
        cwd=PROJECT_ROOT,
        env=settings_for(ports, tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **popen_options,
    )


def settings_for(ports: Ports, tmp_path) -> dict[str, str]:
    return {
        **os.environ,
        "WEB_PORT": str(ports.web),
        "RASA_PORT": str(ports.rasa),
        "ACTIONS_PORT": str(ports.actions),
        "RASA_AUTH_TOKEN": "test-token-for-make-run",
        "ASSISTANT_LOG_DIR": str(tmp_path / "logs"),
        "TRACKER_DB": str(tmp_path / "conversations.db"),
    }


def assert_nothing_served(ports: Ports) -> None:
    for port in (ports.web, ports.rasa, ports.actions):
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still served after Ctrl-C"


def test_the_supervisor_serves_on_the_configured_ports_and_stops_everything(tmp_path):
    ports = Ports.free()
    supervisor = start_supervisor(ports, tmp_path)
    try:
        lines = []
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            line = supervisor.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("Chat with the assistant at"):
                break
        ready = lines[-1] if lines else ""
        assert ready.startswith(f"Chat with the assistant at http://localhost:{ports.web}"), "".join(lines)
        assert f"Rasa API http://localhost:{ports.rasa}" in ready
        assert "token in RASA_AUTH_TOKEN" in ready and str(tmp_path / "logs") in ready

        assert requests.get(f"http://localhost:{ports.web}/", timeout=10).status_code == 200
        reply = requests.post(
            f"http://localhost:{ports.rasa}/webhooks/rest/webhook",
            json={"sender": "make-run-test", "message": "what is synkinesis?"},
            timeout=60,
        ).json()
        assert any("Source:" in message.get("text", "") for message in reply)
        status = requests.get(
            f"http://localhost:{ports.rasa}/status", params={"token": "test-token-for-make-run"}, timeout=10
        )
        assert status.status_code == 200
        assert {"rasa.log", "actions.log", "web.log"} <= {path.name for path in (tmp_path / "logs").iterdir()}
    finally:
        supervisor.send_signal(signal.SIGINT)
        output, _ = supervisor.communicate(timeout=60)
    assert supervisor.returncode == 0, output
    assert "Stopping" in output
    assert_nothing_served(ports)


def test_ctrl_c_while_starting_stops_everything_even_when_started_with_sigint_ignored(tmp_path):
    # A non-interactive shell that starts a job in the background ignores SIGINT for it.
    ports = Ports.free()
    supervisor = start_supervisor(ports, tmp_path, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        assert supervisor.stdout.readline().startswith("==> Starting")
        time.sleep(3)  # the servers are starting
        supervisor.send_signal(signal.SIGINT)
        output, _ = supervisor.communicate(timeout=60)
    finally:
        supervisor.kill()
    assert supervisor.returncode == 0, output
    assert "Stopped before the servers were ready" in output
    assert_nothing_served(ports)
