"""Shared fixtures. `assistant` runs the real action server, Rasa server and web page on
free ports with the trained model, once per test session; `assistant_with_workers` the
same with several Rasa workers and a private Redis, as ASSISTANT_WORKERS=2 does;
`start_assistant` starts another one with more settings; `postgres` a throwaway
PostgreSQL cluster."""

import os
import secrets
from contextlib import contextmanager
from pathlib import Path

import pytest

from fixed_today import TEST_TODAY
from ops.launcher import running, start_action_server, stop_processes, wait_until_up
from ops.postgres_server import PostgresError, start_postgres
from ops.settings import PROJECT_ROOT, Ports, free_port

MODEL = PROJECT_ROOT / "models" / "assistant.tar.gz"
TEST_WORKERS = 2

# The markers of pyproject.toml, set here so that no test has to remember them:
# `make test-fast` runs the tests without them (no trained model, no servers, no Chromium).
# Fixtures that start the assistant with the trained model:
ASSISTANT_FIXTURES = {"assistant", "assistant_with_workers", "start_assistant"}
# Fixtures that need the trained model: those, and the model loaded in the test's own process
# with an action server of its own.
MODEL_FIXTURES = ASSISTANT_FIXTURES | {"agent_with_actions"}
# Fixtures that start a server or process of their own (tests/server/test_redis_lock_store.py
# starts Redis, tests/shell/ tmux):
SERVER_FIXTURES = MODEL_FIXTURES | {"postgres", "postgres_database", "redis_port", "terminals"}
# Tests parametrized with this conversation store get `postgres` through getfixturevalue,
# which pytest cannot see before running them.
POSTGRES_STORE = "postgresql"
# Folders whose tests start servers (a few that check a text alone go along with them),
# and what else all their tests need (reliability's `served` gets `assistant` through
# getfixturevalue; the web chat and the staff shell answer with the trained model):
SERVER_FOLDERS = {"e2e": set(), "reliability": {"model"}, "browser": {"browser", "model"}, "shell": {"model"}}
# Modules that need the trained model without a fixture: Rasa's fingerprint check compares
# with the training cache of the last `make train`; `make run`'s supervisor serves the newest model.
MODEL_MODULES = {"test_answer_edit_needs_no_training.py", "test_make_run.py"}
TESTS_DIR = Path(__file__).parent


def markers_for(path: Path, fixtures: set[str], params: list[object]) -> set[str]:
    """The markers a test needs, from where it lives, its fixtures and its parameters."""
    markers = set()
    if fixtures & MODEL_FIXTURES or path.name in MODEL_MODULES:
        markers.add("model")
    if fixtures & SERVER_FIXTURES or POSTGRES_STORE in params:
        markers.add("server")
    folder = path.relative_to(TESTS_DIR).parts[0]
    if folder in SERVER_FOLDERS:
        markers |= {"server", *SERVER_FOLDERS[folder]}
    return markers


def pytest_collection_modifyitems(items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = list(callspec.params.values()) if callspec else []
        for marker in sorted(markers_for(item.path, set(item.fixturenames), params)):
            item.add_marker(marker)


class MarkerGuard:
    """Fails a test that starts a server or the model without its marker, so that
    `make test-fast` can rely on the markers (e.g. after a new getfixturevalue("postgres")).
    A plugin, not a conftest hook: pytest asks a conftest only about fixtures below its
    folder, and session fixtures belong to the whole session."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_fixture_setup(self, fixturedef, request):
        # The test that asked for the fixture (pytest has no public name for it).
        test = getattr(request, "_pyfuncitem", None)
        needed = {"server"} if fixturedef.argname in SERVER_FIXTURES else set()
        if fixturedef.argname in MODEL_FIXTURES:
            needed.add("model")
        missing = sorted(marker for marker in needed if test is not None and not test.get_closest_marker(marker))
        if missing:
            pytest.fail(f"{test.nodeid} uses {fixturedef.argname} without the marker {missing}: see tests/conftest.py")


def pytest_configure(config):
    config.pluginmanager.register(MarkerGuard(), "marker-guard")


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
def agent_with_actions(tmp_path_factory):
    """The trained model loaded in the test's own process (Rasa's Agent), for tests of the
    components it is made of, with an action server of its own on a free port."""
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (the test command does it first)")
    from rasa.core.agent import Agent  # loading Rasa's ML stack takes seconds: only when needed
    from rasa.utils.endpoints import EndpointConfig

    port = free_port()
    log = tmp_path_factory.mktemp("actions") / "actions.log"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "ASSISTANT_TODAY": TEST_TODAY}
    actions = start_action_server(port, log, env)
    try:
        wait_until_up(f"http://localhost:{port}/health", actions, "action server", log, timeout=120)
        yield Agent.load(str(MODEL), action_endpoint=EndpointConfig(f"http://localhost:{port}/webhook"))
    finally:
        stop_processes([actions])


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
