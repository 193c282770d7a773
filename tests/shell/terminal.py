"""A terminal that a test uses as a member of staff would: a command runs in a tmux session
on a private socket, keys are sent with `send-keys`, the screen is read with `capture-pane`."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

WIDTH, HEIGHT = 160, 50


class Terminal:
    def __init__(self, folder: Path, command: str, cwd: Path, env: dict[str, str], width: int = WIDTH):
        if shutil.which("tmux") is None:
            pytest.fail("tmux is missing: run `bash scripts/setup.sh --terminal`")
        config = folder / "tmux.conf"
        # The pane stays when the command ends, so its last words can still be read.
        config.write_text("set -g remain-on-exit on\nset -g history-limit 20000\n")
        self._tmux = ["tmux", "-S", str(folder / "tmux.socket"), "-f", str(config)]
        subprocess.run(
            [
                *self._tmux,
                "new-session",
                "-d",
                "-x",
                str(width),
                "-y",
                str(HEIGHT),
                "-c",
                str(cwd),
                "bash",
                "-c",
                command,
            ],
            env=env,
            check=True,
            timeout=30,
        )

    def screen(self) -> str:
        """Everything the command has shown, from the first line (wrapped lines joined), up to
        the last line written: its length marks a place that later output only follows."""
        return subprocess.run(
            [*self._tmux, "capture-pane", "-p", "-J", "-S", "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.rstrip()

    def wait_until(self, shows: Callable[[str], bool], what: str, timeout: float) -> str:
        """Wait until the screen `shows` what is looked for; return the screen."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if shows(screen):
                return screen
            if self.exited() or time.monotonic() > deadline:
                pytest.fail(f"{what} not shown within {timeout:.0f}s; the screen:\n{screen[-4000:]}")
            time.sleep(0.3)

    def wait_for(self, text: str, timeout: float, after: int = 0) -> str:
        """Wait until `text` is on the screen after the first `after` characters, however
        it was wrapped; return the screen."""
        return self.wait_until(lambda screen: squeezed(text) in squeezed(screen[after:]), repr(text), timeout)

    def type(self, text: str) -> None:
        self.keys(text, literal=True)
        self.keys("Enter")

    def keys(self, *keys: str, literal: bool = False) -> None:
        subprocess.run([*self._tmux, "send-keys", *(["-l"] if literal else []), *keys], check=True, timeout=30)

    def exited(self) -> bool:
        return self._display("#{pane_dead}") == "1"

    def wait_until_exited(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self.exited():
            if time.monotonic() > deadline:
                pytest.fail(f"the command did not end within {timeout:.0f}s:\n{self.screen()[-3000:]}")
            time.sleep(0.3)

    def _display(self, field: str) -> str:
        return subprocess.run(
            [*self._tmux, "display-message", "-p", field], capture_output=True, text=True, timeout=30
        ).stdout.strip()

    def close(self) -> None:
        """End the command as closing a terminal window does: SIGHUP to its process group
        (tmux's own kill-server would only reach the group's leader, here `make`)."""
        if not self.exited():
            group = int(self._display("#{pane_pid}"))
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGHUP)
            with contextlib.suppress(pytest.fail.Exception):
                self.wait_until_exited(30)
        subprocess.run([*self._tmux, "kill-server"], capture_output=True, timeout=30)


def squeezed(text: str) -> str:
    """Runs of spaces and line breaks as one space: a reply is found however it was wrapped."""
    return re.sub(r"\s+", " ", text)
