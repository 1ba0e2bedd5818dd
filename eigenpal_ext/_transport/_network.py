"""The httpx transports the clients make: every connect, read and write ends by the call's deadline.

httpx's timeouts bound each network operation on its own: a read timeout is the longest *gap* between two bytes,
so headers or a body that arrive a byte at a time keep a request alive for ever (TOOLING.md, measured). The
transports here wrap httpcore's network backend so that each operation is given ``min(its own timeout, time left)``
and fails with httpcore's timeout once nothing is left. "Time left" is read from a context variable that the request
loop sets around each attempt (:func:`bounded`), so one pooled connection serves requests with different deadlines,
and requests sent outside the library's calls (none are) would be bounded only by httpx's own timeouts.

The context variable holds a point on ``time.monotonic``, the real clock, since sockets wait in real time; the
request loop converts from the injected clock's time left.

The transports subclass httpx's own, so anything that patches those (vcrpy, for cassettes) patches these too. They
open their httpcore pool at the first request, not when made: importing httpcore and loading the TLS certificates
take about 40 ms, more than making the rest of a client, and a client that is made but never sends (a command's
``--help``, a service's start-up) should not pay them. The backend wrappers are in
:mod:`eigenpal_ext._transport._sockets`.

They are also safe across ``os.fork()`` (gunicorn ``--preload``, celery's prefork pool): a process forked after the
client sent requests inherits its kept-alive sockets, and two processes reading answers from one socket get each
other's. A transport notices at its next request that it is in a forked child (a counter bumped by
``os.register_at_fork``), closes its copies of the inherited sockets without a byte on the wire (no TLS
``close_notify``, no ``shutdown``: the parent's connections go on), and opens a pool of its own. An ``http_client``
of the caller's is the caller's to make anew in a child.
"""

from __future__ import annotations

import math
import os
import threading
import time
import typing
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar, Token

import httpx

__all__ = ["AsyncDeadlineTransport", "DeadlineTransport", "abounded", "bounded", "time_left"]

_DEADLINE: ContextVar[float | None] = ContextVar("eigenpal_network_deadline", default=None)
"""The ``time.monotonic()`` by which the request being sent must be over, or None for no bound."""


class bounded:  # lower case, as it reads: `with bounded(seconds):`
    """Bound every network operation inside the block to end within ``seconds`` from now (sooner if an outer
    block says so).

    A class rather than a ``@contextmanager`` generator: every request enters one, and the generator's frame and
    wrapper cost about three times as much.
    """

    __slots__ = ("_seconds", "_token")

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._token: Token[float | None] | None = None

    def __enter__(self) -> None:
        seconds = self._seconds
        if math.isinf(seconds):
            return
        at = time.monotonic() + max(seconds, 0.0)
        outer = _DEADLINE.get()
        self._token = _DEADLINE.set(at if outer is None else min(outer, at))

    def __exit__(self, *exc_info: object) -> None:
        if self._token is not None:
            _DEADLINE.reset(self._token)


_ASYNC_GRACE = 0.05
"""How long after the deadline an async attempt is cancelled, if the network bound has not ended it already."""


@asynccontextmanager
async def abounded(seconds: float) -> AsyncIterator[None]:
    """:func:`bounded`, and the block cancelled just after ``seconds``: the network bound covers the library's own
    transports, this also covers an ``httpx.AsyncClient`` of the caller's (the sync client has no equivalent)."""
    import asyncio  # here: a sync program never pays for importing asyncio

    with bounded(seconds):
        if math.isinf(seconds):
            yield
            return
        async with asyncio.timeout(max(seconds, 0.0) + _ASYNC_GRACE):
            yield


def time_left() -> float | None:
    """Real seconds left for the request being sent, or None when it has no bound."""
    at = _DEADLINE.get()
    return None if at is None else at - time.monotonic()


_forks = 0
"""How many times this process is a fork of the one before: bumped in the child by ``os.register_at_fork``."""
_fork_lock = threading.Lock()
"""Guards the renewal of a transport's lock in a forked child (itself made anew in each child)."""
_inherited: list[object] = []
"""Pools inherited from a parent process, their sockets closed: kept, never closed the httpcore way (an async TLS
stream's close sends ``close_notify`` on the parent's connection), and never collected (which would warn)."""


def _after_fork_in_child() -> None:
    global _forks, _fork_lock
    _forks += 1
    _fork_lock = threading.Lock()  # a thread of the parent may have held it at the fork


if hasattr(os, "register_at_fork"):  # POSIX; elsewhere there is no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)


class _PoolOnFirstUse:
    """Makes a transport's httpcore pool at its first request from any thread, and again at the first request in a
    forked child (see module docs)."""

    def __init__(self, options: dict[str, typing.Any]) -> None:
        self.options = options
        self.opened = False
        self.forks = -1
        """The value of ``_forks`` when the pool was opened: another means the pool is a parent's."""
        self._lock = threading.Lock()
        self._lock_forks = _forks

    def current(self) -> bool:
        """Whether the pool is open, and this process's own."""
        return self.forks == _forks

    def open(self, transport: httpx.HTTPTransport | httpx.AsyncHTTPTransport) -> None:
        """Run httpx's own ``__init__`` on ``transport`` (which builds the pool), then wrap the pool's backend;
        in a forked child, first let go of the pool the parent opened."""
        if self._lock_forks != _forks:
            with _fork_lock:  # a thread of the parent may have held self._lock at the fork: it never lets go here
                if self._lock_forks != _forks:
                    self._lock = threading.Lock()
                    self._lock_forks = _forks
        with self._lock:
            if self.current():
                return
            from ._sockets import drop_inherited, wrap_pool

            if self.opened:
                _inherited.append(drop_inherited(transport._pool))
            if isinstance(transport, httpx.AsyncHTTPTransport):
                httpx.AsyncHTTPTransport.__init__(transport, **self.options)
                wrap_pool(transport._pool, asynchronous=True)
            else:
                httpx.HTTPTransport.__init__(transport, **self.options)
                wrap_pool(transport._pool, asynchronous=False)
            self.forks = _forks
            self.opened = True

    def close_inherited(self, transport: httpx.HTTPTransport | httpx.AsyncHTTPTransport) -> bool:
        """Whether the pool is open and this process's own, to close; an inherited one is let go of here."""
        if not self.opened:
            return False
        if self.current():
            return True
        with _fork_lock:
            if self.opened and not self.current():
                from ._sockets import drop_inherited

                _inherited.append(drop_inherited(transport._pool))
                self.opened = False
        return False


class DeadlineTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose every network operation ends by the call's deadline (see module docs); its
    pool opens at the first request."""

    def __init__(self, **options: typing.Any) -> None:  # httpx.HTTPTransport.__init__ runs at the first request
        self._pool_on_first_use = _PoolOnFirstUse(options)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not self._pool_on_first_use.current():
            self._pool_on_first_use.open(self)
        return super().handle_request(request)

    def __enter__(self) -> typing.Self:
        if not self._pool_on_first_use.current():
            self._pool_on_first_use.open(self)
        return super().__enter__()

    def close(self) -> None:
        if self._pool_on_first_use.close_inherited(self):
            super().close()


class AsyncDeadlineTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` whose every network operation ends by the call's deadline (see module docs);
    its pool opens at the first request."""

    def __init__(self, **options: typing.Any) -> None:  # httpx.AsyncHTTPTransport.__init__ runs at the first request
        self._pool_on_first_use = _PoolOnFirstUse(options)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not self._pool_on_first_use.current():
            self._pool_on_first_use.open(self)
        return await super().handle_async_request(request)

    async def __aenter__(self) -> typing.Self:
        if not self._pool_on_first_use.current():
            self._pool_on_first_use.open(self)
        return await super().__aenter__()

    async def aclose(self) -> None:
        if self._pool_on_first_use.close_inherited(self):
            await super().aclose()
