"""Shared fixtures. `assistant` runs the real action server, Rasa server and web page on
free ports with the trained model, once per test session; `assistant_with_workers` the
same with several Rasa workers and a private Redis, as ASSISTANT_WORKERS=2 does;
`start_assistant` starts another one with more settings; `postgres` a throwaway
PostgreSQL cluster."""
import secrets
from contextlib import contextmanager

import pytest

from ops.launcher import running
from ops.settings import PROJECT_ROOT, Ports, free_port
from ops.postgres_server import PostgresError, start_postgres
from fixed_today import TEST_TODAY

MODEL = PROJECT_ROOT / "models" / "assistant.tar.gz"
TEST_WORKERS = 2


@contextmanager
def _running_assistant(tmp_path_factory, workers: int = 1, extra_env: dict[str, str] | None = None):
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
            **(extra_env or {}),
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


@pytest.fixture(scope="session")
def start_assistant(tmp_path_factory):
    """Starts another assistant as `assistant` is started, with more settings:
    `with start_assistant(extra_env={...}) as other:` (a context manager)."""
    return lambda **settings: _running_assistant(tmp_path_factory, **settings)


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """A throwaway PostgreSQL cluster for the session (ops/postgres_server.py): its own
    data and socket folders in a temporary folder, 127.0.0.1 only, removed afterwards.
    Tests create their own database in it (`postgres.create_database(name)`)."""
    try:
        cluster = start_postgres(free_port(), tmp_path_factory.mktemp("postgres") / "postgres.log")
    except PostgresError as error:
        pytest.fail(str(error))
    try:
        yield cluster
    finally:
        cluster.remove()
