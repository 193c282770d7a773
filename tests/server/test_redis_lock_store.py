"""Several Rasa workers: the endpoints the launcher writes give Rasa a Redis lock store (the
only way Rasa accepts SANIC_WORKERS > 1), and through it two workers take turns on one
conversation while other conversations go on. Uses a throwaway redis-server."""

import asyncio

import pytest
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.core.utils import AvailableEndpoints, number_of_sanic_workers

from ops.launcher import endpoints_file, multi_worker_env
from ops.redis_server import answers_ping, start_redis
from ops.settings import free_port


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory):
    directory = tmp_path_factory.mktemp("redis")
    port = free_port()
    process = start_redis(port, directory / "data", directory / "redis.log")
    yield port
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def endpoints(redis_port, tmp_path):
    return AvailableEndpoints.read_endpoints(str(endpoints_file(5055, tmp_path, redis_port)))


def test_private_redis_answers_on_loopback(redis_port):
    assert answers_ping(redis_port)


def test_rasa_runs_the_requested_workers_with_our_lock_store(endpoints, monkeypatch):
    monkeypatch.setenv("SANIC_WORKERS", multi_worker_env(2)["SANIC_WORKERS"])
    assert isinstance(LockStore.create(endpoints.lock_store), RedisLockStore)
    assert number_of_sanic_workers(endpoints.lock_store) == 2
    assert endpoints.action.url.endswith(":5055/webhook")


def test_without_redis_rasa_stays_with_one_worker(tmp_path, monkeypatch):
    monkeypatch.setenv("SANIC_WORKERS", "2")
    endpoints = AvailableEndpoints.read_endpoints(str(endpoints_file(5055, tmp_path, None)))
    assert number_of_sanic_workers(endpoints.lock_store) == 1


def test_two_workers_take_turns_on_one_conversation_only(endpoints):
    # Each worker process has its own lock store connected to the same Redis.
    first_worker = LockStore.create(endpoints.lock_store)
    second_worker = LockStore.create(endpoints.lock_store)

    async def scenario():
        order = []

        async def second_worker_handles(conversation):
            async with second_worker.lock(conversation, wait_time_in_seconds=0.05):
                order.append(f"second: {conversation}")

        async with first_worker.lock("patient-a"):
            order.append("first: patient-a")
            same = asyncio.create_task(second_worker_handles("patient-a"))
            await asyncio.wait_for(second_worker_handles("patient-b"), timeout=5)
            await asyncio.sleep(0.3)
            assert not same.done(), "the second worker entered a conversation the first one holds"
            order.append("first done")
        await asyncio.wait_for(same, timeout=5)
        return order

    assert asyncio.run(scenario()) == [
        "first: patient-a",
        "second: patient-b",
        "first done",
        "second: patient-a",
    ]
