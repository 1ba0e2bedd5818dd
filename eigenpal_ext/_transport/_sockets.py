"""httpcore's network backend, wrapped so that every connect, read and write ends by the call's deadline.

Loaded by :mod:`eigenpal_ext._transport._network` when a transport opens its pool, at the first request: importing
httpcore and building its pool (with its TLS context) is most of what making an httpx client costs.

A host name is looked up here, on the library's own resolver threads (:mod:`._resolver`), and only for as long as
the connect may take; then its addresses are tried in turn (each but the last with a fair share of the time left).
httpcore would look it up in the caller's thread (sync: no bound at all) or on the event loop's default executor
(async: a slow lookup outlives the call and holds ``asyncio.run()`` open). TLS still checks the host name: httpcore
gives ``start_tls`` the URL's host, whatever address the stream connected to.

Each backend also keeps the streams it opened (weakly), so that a forked child can close its copies of them
(:func:`drop_inherited`).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
import typing
import weakref
from collections.abc import Callable, Iterable

import httpcore

from ._network import time_left
from ._resolver import Addresses, resolver

__all__ = ["drop_inherited", "wrap_pool"]

SocketOption = tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]


def _cap(timeout: float | None, kind: type[httpcore.TimeoutException]) -> float | None:
    left = time_left()
    if left is None:
        return timeout
    if left <= 0:
        raise kind("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


def _needs_lookup(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return True
    return False


def _family(local_address: str | None) -> int:
    """The address family to look a host up in: any, or the one of the local address to connect from."""
    if local_address is None:
        return socket.AF_UNSPEC
    return socket.AF_INET6 if ":" in local_address else socket.AF_INET


def _looked_up(host: str, lookup: Callable[[], Addresses]) -> Addresses:
    try:
        addresses = lookup()
    except TimeoutError as exc:
        raise httpcore.ConnectTimeout(f"looking up {host} took longer than the time left") from exc
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(f"looking up {host} failed: {exc}") from exc
    if not addresses:
        raise httpcore.ConnectError(f"looking up {host} found no address")
    return addresses


def _share(end: float, attempts_left: int) -> float:
    left = end - time.monotonic()
    if left <= 0:
        raise httpcore.ConnectTimeout("the time to connect ran out")
    return left / attempts_left


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, owner: weakref.WeakSet[typing.Any]) -> None:
        self._inner = inner
        self._owner = owner
        owner.add(self)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _cap(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _cap(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: typing.Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, _cap(timeout, httpcore.ConnectTimeout))
        return _Stream(inner, self._owner)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner
        self.streams: weakref.WeakSet[_Stream] = weakref.WeakSet()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _cap(timeout, httpcore.ConnectTimeout)
        if timeout is None or not _needs_lookup(host):  # no bound to keep (as httpx was told), or nothing to look up
            return _Stream(self._inner.connect_tcp(host, port, timeout, local_address, socket_options), self.streams)
        end = time.monotonic() + timeout
        lookup = resolver().lookup(host, port, _family(local_address))
        try:
            addresses = _looked_up(host, lambda: lookup.result(timeout))
        finally:
            lookup.cancel()  # no one waits for it any more (a no-op once it ran)
        options = None if socket_options is None else list(socket_options)
        for index, (_, address) in enumerate(addresses):
            attempts_left = len(addresses) - index
            try:
                inner = self._inner.connect_tcp(address, port, _share(end, attempts_left), local_address, options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                if attempts_left == 1:
                    raise
                continue
            return _Stream(inner, self.streams)
        raise AssertionError("the last address raises")  # for the type checker

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SocketOption] | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.connect_unix_socket(path, _cap(timeout, httpcore.ConnectTimeout), socket_options)
        return _Stream(inner, self.streams)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncStream(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream, owner: weakref.WeakSet[typing.Any]) -> None:
        self._inner = inner
        self._owner = owner
        owner.add(self)

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
        return _AsyncStream(inner, self._owner)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _AsyncBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, inner: httpcore.AsyncNetworkBackend) -> None:
        self._inner = inner
        self.streams: weakref.WeakSet[_AsyncStream] = weakref.WeakSet()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SocketOption] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        timeout = _cap(timeout, httpcore.ConnectTimeout)
        if not _needs_lookup(host) or not _on_asyncio():  # (trio runs lookups on its own threads)
            inner = await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
            return _AsyncStream(inner, self.streams)
        end = None if timeout is None else time.monotonic() + timeout
        addresses = await _alookup(host, port, _family(local_address), timeout)
        options = None if socket_options is None else list(socket_options)
        for index, (_, address) in enumerate(addresses):
            attempts_left = len(addresses) - index
            share = None if end is None else _share(end, attempts_left)
            try:
                inner = await self._inner.connect_tcp(address, port, share, local_address, options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                if attempts_left == 1:
                    raise
                continue
            return _AsyncStream(inner, self.streams)
        raise AssertionError("the last address raises")  # for the type checker

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[SocketOption] | None = None
    ) -> httpcore.AsyncNetworkStream:
        timeout = _cap(timeout, httpcore.ConnectTimeout)
        return _AsyncStream(await self._inner.connect_unix_socket(path, timeout, socket_options), self.streams)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _on_asyncio() -> bool:
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def _alookup(host: str, port: int, family: int, timeout: float | None) -> Addresses:
    """Look ``host`` up on the resolver's threads, waiting at most ``timeout`` seconds, never on the loop's
    executor."""
    import asyncio

    loop = asyncio.get_running_loop()
    answered = loop.create_future()

    def wake(_: object) -> None:
        if not answered.done():
            answered.set_result(None)

    def done(_: object) -> None:
        with contextlib.suppress(RuntimeError):  # the loop closed: no one waits for this lookup any more
            loop.call_soon_threadsafe(wake, None)

    lookup = resolver().lookup(host, port, family)
    lookup.add_done_callback(done)
    try:
        async with asyncio.timeout(timeout):
            await answered
    except TimeoutError as exc:
        raise httpcore.ConnectTimeout(f"looking up {host} took longer than the time left") from exc
    finally:
        lookup.cancel()  # no one waits for it any more (a no-op once it ran)
    return _looked_up(host, lookup.result)


def drop_inherited(pool: object) -> object:
    """Close this process's copies of the sockets of ``pool`` (a pool a forked child inherited), sending nothing:
    a socket's ``close`` only lets go of the descriptor, and the parent's connection goes on (httpcore's own close
    of an async TLS stream would send ``close_notify`` on it). Returns ``pool``, to be kept: never closed, never
    collected."""
    backend = getattr(pool, "_network_backend", None)
    streams: list[_Stream | _AsyncStream] = (
        list(backend.streams) if isinstance(backend, _Backend | _AsyncBackend) else []
    )
    for stream in streams:
        with contextlib.suppress(Exception):  # a stream that is already gone has nothing to let go of
            sock = stream.get_extra_info("socket")
            if isinstance(sock, socket.socket):
                sock.close()
    return pool


def wrap_pool(pool: object, *, asynchronous: bool) -> None:
    """Route every connection ``pool`` (a new httpcore pool) opens through the deadline-bounded backend."""
    # httpx builds its httpcore pool itself and offers no way to pass a network backend, so the one the pool was
    # built with is wrapped in place. httpcore reads `_network_backend` only when it opens a connection, and the
    # pool is new here, so every connection it ever opens goes through the wrapper. tests/hostile checks the effect
    # (a trickled answer ends at the deadline); if a future httpcore renames the attribute, those tests fail.
    backend = getattr(pool, "_network_backend", None)
    if backend is None:
        raise RuntimeError("httpcore's connection pool has no _network_backend: pin httpcore 1.x")
    pool._network_backend = _AsyncBackend(backend) if asynchronous else _Backend(backend)  # type: ignore[attr-defined]
