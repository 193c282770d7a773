"""Shared fixtures. `assistant` runs the real action server, Rasa server and web page on
free ports with the trained model, once per test session."""
import secrets

import pytest

from bot.launcher import PROJECT_ROOT, Ports, running

MODEL = PROJECT_ROOT / "models" / "assistant.tar.gz"
# A fixed "today" so answers about elapsed time are stable.
TEST_TODAY = "2026-11-22"


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
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
    ) as running_assistant:
        yield running_assistant
