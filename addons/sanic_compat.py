"""Make Sanic 21.12 (the version Rasa 3.6 pins) accept websocket messages on Python 3.11.

The defect: `WebsocketImplProtocol.recv()` and `recv_burst()` in
`sanic/server/websockets/impl.py` call

    asyncio.wait((self.recv_cancel, self.assembler.get(timeout)), ...)

with a bare coroutine. Python 3.11 forbids that ("Passing coroutines is forbidden,
use tasks explicitly"), so the first message on every websocket raises TypeError, the
socket.io upgrade fails and the chat widget falls into a hot polling loop without
ever showing a message. Sanic 22.3 fixed it upstream by wrapping the coroutine with
`asyncio.ensure_future`; this shim does the same from the outside.

Only the `asyncio` name that Sanic's websocket module sees is swapped for a copy of
`asyncio` whose `wait` turns coroutines into tasks first; nothing else in the process
changes. `apply()` must run before Rasa serves its first request (see addons/rasa_main.py).
"""

import asyncio
import types
from collections.abc import Iterable
from typing import Any

from sanic.server.websockets import impl as sanic_websocket_impl


async def _wait_accepting_coroutines(
    awaitables: Iterable[Any], **kwargs: Any
) -> tuple[set[asyncio.Future], set[asyncio.Future]]:
    """`asyncio.wait` as it behaved before Python 3.11: coroutines become tasks.

    `ensure_future` returns futures and tasks unchanged, so Sanic's identity check
    (`done_task is self.recv_cancel`) keeps working.
    """
    return await asyncio.wait([asyncio.ensure_future(awaitable) for awaitable in awaitables], **kwargs)


def _asyncio_with_compatible_wait() -> types.ModuleType:
    compatible = types.ModuleType("asyncio_with_compatible_wait")
    compatible.__dict__.update(vars(asyncio))
    compatible.wait = _wait_accepting_coroutines
    return compatible


def is_applied() -> bool:
    return sanic_websocket_impl.asyncio.wait is _wait_accepting_coroutines


def apply() -> None:
    """Patch Sanic's websocket module; safe to call more than once."""
    if not is_applied():
        sanic_websocket_impl.asyncio = _asyncio_with_compatible_wait()
