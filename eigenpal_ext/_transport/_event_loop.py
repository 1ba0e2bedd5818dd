"""An async httpx client sends from one event loop only: a request hook that says so, as the library's error.

httpx's async connection pool keeps connections made in the loop that first used it; after that loop ends (the
first ``asyncio.run()`` returned), the next request trips over a kept-alive connection of the dead loop and raises a
bare ``RuntimeError('Event loop is closed')`` from deep inside httpcore, leaving its socket open. The pool cannot be
moved to another loop, and swapping it for a new one behind the caller's back would leak the old sockets (and is
impossible for an ``http_client`` the caller owns), so the request is refused before it reaches the pool, with
:class:`~eigenpal_ext.ClientUsageError` saying what to do instead.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from eigenpal_ext._core._errors import ClientUsageError

if TYPE_CHECKING:
    import asyncio

    import httpx

__all__ = ["OneLoop"]


class OneLoop:
    """The request hook of one async httpx client: the first request fixes its event loop, a request from any other
    loop raises :class:`~eigenpal_ext.ClientUsageError`.

    Attributes:
        owner: Whose hook this is (:meth:`~eigenpal_ext._transport._hooks.Hooks.uninstall` removes only its own).
    """

    __slots__ = ("_loop", "owner")

    def __init__(self, owner: object) -> None:
        self.owner = owner
        self._loop: weakref.ReferenceType[asyncio.AbstractEventLoop] | None = None

    async def __call__(self, request: httpx.Request) -> None:
        import asyncio  # here: a sync client never loads asyncio (an async hook only runs inside a loop)

        loop = asyncio.get_running_loop()
        if self._loop is None:
            self._loop = weakref.ref(loop)  # a weak reference: a client must not keep an ended loop alive
            return
        if self._loop() is not loop:
            raise ClientUsageError(
                "this async client's connections belong to another event loop (an earlier asyncio.run() used it) "
                "and cannot be used from this one: make one client per event loop, inside the coroutine that uses "
                "it (`async with AsyncEigenpalClient() as client:`)"
            )
