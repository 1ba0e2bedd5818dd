"""What keeps the server usable when a client is hostile or the network can reach it.

- `guarded_protocol`: uvicorn's HTTP protocol with two deadlines it lacks. uvicorn bounds only the idle time between
  two requests (`timeout_keep_alive`); a connection that sends nothing, or a request head or body a byte at a time
  (slowloris), holds its socket for ever, and about a thousand of them use up the process's file descriptors
  (1,024 is the usual limit): the server then accepts nothing at all. Here a request's head must arrive within
  `head_timeout` seconds of its first byte (of the connection, for the first request) and its body within
  `body_timeout` seconds of its head, or the connection is closed. The time the app takes to answer (a hold of up
  to 600 s) is not bounded: the client is waiting then, not the server. And the deadlines alone would leave the
  server deaf until they pass (10 s), so when the open connections near the process's file limit, a new one closes
  the connection that has waited longest for its client (a slow head or body): the server keeps accepting, and
  Python's accept loop never meets the limit (where it logs thousands of lines a second).
- `check_exposure`: the default API key is public (it is in the documentation), so a server that other machines
  can reach refuses to start with it; with a key of the user's own it starts, and `network_warning` says what is
  reachable.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import time
from dataclasses import dataclass, field
from typing import Any, cast

from uvicorn.protocols.http.auto import AutoHTTPProtocol

logger = logging.getLogger("eigenpal_local")

DEFAULT_HEAD_TIMEOUT = 10.0
"""Seconds a request's head may take to arrive, from its first byte (or from the connection's opening)."""
DEFAULT_BODY_TIMEOUT = 60.0
"""Seconds a request's body may take to arrive after its head: 4.5 MiB at 80 KB/s, far slower than any real link."""

API_KEY_ENV = "EIGENPAL_LOCAL_API_KEY"
"""The environment variable `python -m eigenpal_local` and `eigenpal serve` read the server's key from (a key
on the command line is visible to every local user in the process list)."""


_SPARE_DESCRIPTORS = 128
"""Descriptors left for everything else when connections are capped: the database, the listeners, the bursts of
connections that Python's accept loop takes before the protocols hear of them."""


def connection_limit() -> int | None:
    """How many connections may be open at once: the process's file limit less a spare (None: no known limit)."""
    try:
        import resource  # Unix only
    except ImportError:
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return None
    return max(16, soft - max(_SPARE_DESCRIPTORS, soft // 4))


@dataclass
class _Connections:
    """The connections of one server's protocol class: how many are open, and those waiting on their client."""

    limit: int | None
    open: int = 0
    waiting: dict[_Deadlines, None] = field(default_factory=dict)  # oldest first


class _Deadlines(asyncio.Protocol):
    """Closes a connection whose request head or body does not arrive in time (mixed into uvicorn's protocol).

    Only the request-response cycle that uvicorn's h11 and httptools protocols both keep (`self.cycle`, with
    `more_body` and `response_complete`) is read, so the guard works over either parser.
    """

    head_timeout = DEFAULT_HEAD_TIMEOUT
    body_timeout = DEFAULT_BODY_TIMEOUT
    _guard_connections = _Connections(None)
    _deadline: asyncio.TimerHandle | None = None
    _phase: str | None = None  # "head" or "body": what the deadline waits for
    _guarded_cycle: Any = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self._guard_transport = transport
        connections = self._guard_connections
        connections.open += 1
        if connections.limit is not None and connections.open > connections.limit and connections.waiting:
            next(iter(connections.waiting))._expire()  # the longest wait on a client makes room for this one
        # A connection that never speaks holds a descriptor as surely as a slow one.
        self._arm("head", self.head_timeout)

    def data_received(self, data: bytes) -> None:
        cycle = getattr(self, "cycle", None)
        if self._phase is None and (cycle is None or cycle.response_complete):
            # The first bytes of the next request on a kept-alive connection (uvicorn's keep-alive timer stops here).
            self._arm("head", self.head_timeout)
        super().data_received(data)
        cycle = getattr(self, "cycle", None)
        if cycle is None or cycle.response_complete:
            return  # the head is still on its way (or a pipelined one waits its turn)
        if cycle is not self._guarded_cycle:  # a new request's head is complete
            self._guarded_cycle = cycle
            self._disarm()
            if cycle.more_body:
                self._arm("body", self.body_timeout)
        elif self._phase == "body" and not cycle.more_body:
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self._guard_connections.open -= 1
        super().connection_lost(exc)

    def _arm(self, phase: str, seconds: float) -> None:
        self._disarm()
        self._phase = phase
        self._deadline = asyncio.get_running_loop().call_later(seconds, self._expire)
        self._guard_connections.waiting[self] = None

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = None
        self._phase = None
        self._guard_connections.waiting.pop(self, None)

    def _expire(self) -> None:
        # No answer: for a head there is no request to answer yet, and a body's request belongs to the app, which
        # sees the client gone (`http.disconnect`) and stops.
        self._disarm()
        self._guard_transport.close()


def guarded_protocol(head_timeout: float, body_timeout: float) -> type[asyncio.Protocol]:
    """uvicorn's HTTP protocol class (h11, or httptools where installed) with the two deadlines.

    Args:
        head_timeout: Seconds a request's head may take, from its first byte or the connection's opening.
        body_timeout: Seconds its body may take, from the end of its head.
    """
    if not head_timeout > 0 or not body_timeout > 0:
        raise ValueError("head_timeout and body_timeout must be above 0")
    attributes = {
        "head_timeout": head_timeout,
        "body_timeout": body_timeout,
        "_guard_connections": _Connections(connection_limit()),
    }
    return cast(type[asyncio.Protocol], type("GuardedHTTPProtocol", (_Deadlines, AutoHTTPProtocol), attributes))


_OUT_OF_DESCRIPTORS = "socket.accept() out of system resource"
_OUT_OF_DESCRIPTORS_EVERY = 10.0


def quiet_accept_errors(loop: asyncio.AbstractEventLoop) -> None:
    """Turns asyncio's report of an accept that found no file descriptor (logged with a traceback for each of up
    to `backlog` tries, every second, while a flood lasts) into one warning every 10 s."""
    last = -_OUT_OF_DESCRIPTORS_EVERY

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        nonlocal last
        if context.get("message") != _OUT_OF_DESCRIPTORS:
            loop.default_exception_handler(context)
            return
        if time.monotonic() - last >= _OUT_OF_DESCRIPTORS_EVERY:
            last = time.monotonic()
            logger.warning("out of file descriptors (%s): new connections wait", context.get("exception"))

    loop.set_exception_handler(handler)


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach a server listening on `host` (`0.0.0.0`, `::` and `""`: every
    interface; a name: what it resolves to)."""
    if host in ("", "0.0.0.0", "::"):  # noqa: S104 - only compared
        return False
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)}
    except OSError:
        return False  # listening will fail and say why
    return bool(addresses) and all(ipaddress.ip_address(str(address)).is_loopback for address in addresses)


def check_exposure(host: str, api_key: str, default_key: str) -> None:
    """Refuses a server that other machines could reach with the public default key.

    Raises:
        ValueError: `host` is not a loopback address and `api_key` is the default key; the message says how to
            give another.
    """
    if api_key == default_key and not is_loopback(host):
        raise ValueError(
            f"refusing to listen on {host or 'every interface'} with the default API key {default_key!r}: it is "
            "public, and other machines could reach this server. Give a key of your own "
            f"(--api-key KEY, or the {API_KEY_ENV} environment variable; LocalServer(api_key=...) in Python), "
            "or listen on 127.0.0.1"
        )


def network_warning(host: str) -> str:
    """What the server says when it listens where other machines may reach it."""
    return (
        f"the local Eigenpal server listens on {host or 'every interface'}: other machines on the network can "
        "reach it, and anyone with its API key can start runs; it speaks plain HTTP, so the key crosses the "
        "network readable"
    )
