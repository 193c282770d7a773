"""Shared fixtures. `assistant` runs the real action server, Rasa server and web page on
free ports with the trained model, once per test session; `assistant_with_workers` the
same with several Rasa workers and a private Redis, as ASSISTANT_WORKERS=2 does."""
import secrets
from contextlib import contextmanager

import pytest

from bot.launcher import PROJECT_ROOT, Ports, running

MODEL = PROJECT_ROOT / "models" / "assistant.tar.gz"
# A fixed "today" so answers about elapsed time are stable.
TEST_TODAY = "2026-11-22"
TEST_WORKERS = 2


@contextmanager
def _running_assistant(tmp_path_factory, workers: int = 1):
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (the test command does it first)")
    with running(
        Ports.free(),
        token=secrets.token_urlsafe(16),
        model=MODEL,
        log_dir=tmp_path_factory.mktemp("assistant-logs"),
        extra_env={
            "ASSISTANT_TODAY": TEST_TODAY,
            "TRACKER_DB": str(tmp_path_factory.mktemp("tracker") / "conversations.db"),
        },
        workers=workers,
    ) as running_assistant:
        yield running_assistant


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    with _running_assistant(tmp_path_factory) as running_assistant:
        yield running_assistant


@pytest.fixture(scope="session")
def assistant_with_workers(tmp_path_factory):
    with _running_assistant(tmp_path_factory, workers=TEST_WORKERS) as running_assistant:
        yield running_assistant
