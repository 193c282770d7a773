"""The Sanic websocket shim (addons/sanic_compat.py): without it, Sanic 21.12 cannot receive
a websocket message on Python 3.11; with it, it can."""

import asyncio
import gc
import warnings

import pytest
from sanic.server.websockets import impl as sanic_websocket_impl
from sanic.server.websockets.impl import WebsocketImplProtocol
from websockets.frames import Frame, Opcode
from websockets.server import ServerConnection

from addons import sanic_compat


@pytest.fixture
def unpatched_sanic(monkeypatch):
    """Sanic's websocket module as shipped; restored after the test."""
    monkeypatch.setattr(sanic_websocket_impl, "asyncio", asyncio)


@pytest.fixture
def patched_sanic(unpatched_sanic):
    sanic_compat.apply()


def new_websocket() -> WebsocketImplProtocol:
    return WebsocketImplProtocol(ServerConnection(), ping_interval=None)


async def receive_with_recv(websocket: WebsocketImplProtocol, text: str):
    receiving = asyncio.create_task(websocket.recv())
    await websocket.assembler.put(Frame(Opcode.TEXT, text.encode()))
    return await receiving


async def receive_with_recv_burst(websocket: WebsocketImplProtocol, text: str):
    # put() waits until the message is fetched, so let it run alongside.
    putting = asyncio.create_task(websocket.assembler.put(Frame(Opcode.TEXT, text.encode())))
    await asyncio.sleep(0)
    messages = await websocket.recv_burst()
    await putting
    return messages


def test_unpatched_sanic_fails_on_python_311(unpatched_sanic):
    # If this starts failing, Sanic was fixed upstream and the shim can go.
    with warnings.catch_warnings():
        # Sanic leaves the rejected coroutine un-awaited.
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(TypeError, match="coroutines is forbidden"):
            asyncio.run(new_websocket().recv())
        gc.collect()


def test_patched_recv_receives_a_message(patched_sanic):
    assert asyncio.run(receive_with_recv(new_websocket(), "hello")) == "hello"


def test_patched_recv_burst_receives_waiting_messages(patched_sanic):
    assert asyncio.run(receive_with_recv_burst(new_websocket(), "hello")) == ["hello"]


def test_patched_recv_can_be_cancelled_while_waiting(patched_sanic):
    async def cancel_while_waiting():
        websocket = new_websocket()
        receiving = asyncio.create_task(websocket.recv())
        await asyncio.sleep(0)
        websocket.recv_cancel.set_result(None)
        await receiving

    with pytest.raises(asyncio.CancelledError):
        asyncio.run(cancel_while_waiting())


def test_apply_is_idempotent_and_leaves_global_asyncio_alone(patched_sanic):
    patched_module = sanic_websocket_impl.asyncio
    sanic_compat.apply()
    assert sanic_websocket_impl.asyncio is patched_module
    assert asyncio.wait is not patched_module.wait
    assert patched_module.Future is asyncio.Future
