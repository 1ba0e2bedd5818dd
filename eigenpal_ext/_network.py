"""The httpx transports the clients make: every connect, read and write ends by the call's deadline.

httpx's timeouts bound each network operation on its own: a read timeout is the longest *gap* between two bytes,
so headers or a body that arrive a byte at a time keep a request alive for ever (TOOLING.md, measured). The
transports here wrap httpcore's network backend so that each operation is given ``min(its own timeout, time left)``
and fails with httpcore's timeout once nothing is left. "Time left" is read from a context variable that the request
loop sets around each attempt (:func:`bounded`), so one pooled connection serves requests with different deadlines,
and requests sent outside the library's calls (none are) would be bounded only by httpx's own timeouts.

The context variable holds a point on ``time.monotonic``, the real clock, since sockets wait in real time; the
request loop converts from the injected clock's time left.

The transports subclass httpx's own, so anything that patches those (vcrpy, for cassettes) patches these too.
"""

from __future__ import annotations

import math
import time
import typing
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar

import httpcore
import httpx

__all__ = ["AsyncDeadlineTransport", "DeadlineTransport", "abounded", "bounded", "time_left"]

_DEADLINE: ContextVar[float | None] = ContextVar("eigenpal_network_deadline", default=None)
"""The ``time.monotonic()`` by which the request being sent must be over, or None for no bound."""

SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Bound every network operation inside the block to end within ``seconds`` from now (sooner if an outer
    block says so)."""
    if math.isinf(seconds):
        yield
        return
    at = time.monotonic() + max(seconds, 0.0)
    outer = _DEADLINE.get()
    token = _DEADLINE.set(at if outer is None else min(outer, at))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


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


def _cap(timeout: float | None, kind: type[httpcore.TimeoutException]) -> float | None:
    left = time_left()
    if left is None:
        return timeout
    if left <= 0:
        raise kind("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _cap(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _cap(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: typing.Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _cap(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _cap(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SocketOption] | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, _cap(timeout, httpcore.ConnectTimeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncStream(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, _cap(timeout, httpcore.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, _cap(timeout, httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: typing.Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        inner = await self._inner.start_tls(ssl_context, server_hostname, _cap(timeout, httpcore.ConnectTimeout))
        return _AsyncStream(inner)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _AsyncBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        timeout = _cap(timeout, httpcore.ConnectTimeout)
        return _AsyncStream(await self._inner.connect_tcp(host, port, timeout, local_address, socket_options))

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SocketOption] | None = None
    ) -> httpcore.AsyncNetworkStream:
        timeout = _cap(timeout, httpcore.ConnectTimeout)
        return _AsyncStream(await self._inner.connect_unix_socket(path, timeout, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _wrap_backend(pool: object, wrapper: typing.Callable[[typing.Any], object]) -> None:
    # httpx builds its httpcore pool itself and offers no way to pass a network backend, so the one the pool was
    # built with is wrapped in place. httpcore reads `_network_backend` only when it opens a connection, and the
    # pool is new here, so every connection it ever opens goes through the wrapper. tests/hostile checks the effect
    # (a trickled answer ends at the deadline); if a future httpcore renames the attribute, those tests fail.
    backend = getattr(pool, "_network_backend", None)
    if backend is None:
        raise RuntimeError("httpcore's connection pool has no _network_backend: pin httpcore 1.x")
    pool._network_backend = wrapper(backend)  # type: ignore[attr-defined]


class DeadlineTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose every network operation ends by the call's deadline (see module docs)."""

    def __init__(self, **options: typing.Any) -> None:
        super().__init__(**options)
        _wrap_backend(self._pool, _Backend)


class AsyncDeadlineTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` whose every network operation ends by the call's deadline (see module docs)."""

    def __init__(self, **options: typing.Any) -> None:
        super().__init__(**options)
        _wrap_backend(self._pool, _AsyncBackend)
