"""The running assistant for the fault tests, once with each conversation store.

`served` is parametrized: "sqlite" reuses the session's `assistant` (tests/conftest.py,
conversations in an SQLite file), "postgresql" starts the same three processes with
conversations in a database of the throwaway PostgreSQL cluster (`postgres`). Each fault
test puts the processes back as it found them (restarted, database reachable again), so
the servers are shared by the tests of both kinds."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

import pytest

from ops.launcher import Assistant

STORES = ["sqlite", "postgresql"]


@dataclass
class Served:
    assistant: Assistant
    store: str
    # Makes the conversation store unreachable while the block runs.
    store_unreachable: Callable[[], AbstractContextManager[str]]


@contextmanager
def sqlite_locked(path: str):
    """Another program holds the SQLite file's write lock (as a backup tool or a stuck
    process may): the Rasa server can read the conversation (write-ahead log) but cannot
    save it, and gives up after SQLite's busy timeout (5 s)."""
    connection = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN EXCLUSIVE")
        yield "the SQLite file's write lock held by another program"
        connection.execute("ROLLBACK")
    finally:
        connection.close()


@contextmanager
def postgres_stopped(cluster):
    cluster.stop()
    try:
        yield "PostgreSQL stopped (fast shutdown) and started again"
    finally:
        cluster.start()


@pytest.fixture(scope="session", params=STORES)
def served(request):
    if request.param == "sqlite":
        assistant = request.getfixturevalue("assistant")
        yield Served(assistant, "sqlite", lambda: sqlite_locked(assistant.env["TRACKER_DB"]))
        return
    cluster = request.getfixturevalue("postgres")
    cluster.create_database("reliability")
    start_assistant = request.getfixturevalue("start_assistant")
    with start_assistant(extra_env=cluster.environment("reliability")) as assistant:
        yield Served(assistant, "postgresql", lambda: postgres_stopped(cluster))
