"""The uvicorn setup shared by `LocalServer` and `python -m eigenpal_local`: sockets bound here, the API's and the
storage origin's uvicorn servers, and serving both on one event loop.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import socket
import threading
from collections.abc import Callable

import uvicorn

from ._app import ServerApp
from ._guards import quiet_accept_errors


class ListenError(RuntimeError):
    """The server could not listen on the address it was given (a host not on this machine, a port it may not use).

    A `RuntimeError`, as every other failure of `LocalServer.start` to come up.
    """


class PortInUseError(ListenError):
    """Another process listens on the port already."""


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to `host`:`port` (0: a free port), for uvicorn to serve on.

    Bound here rather than by uvicorn, which logs a failed bind and exits: the caller gets an error it can name.

    Raises:
        PortInUseError: The port is taken.
        ListenError: The address cannot be bound for another reason.
    """
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say they are TCP, and
        # without that a small body written after its headers waits ~40 ms for the client's delayed ACK.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    except OSError as exc:
        raise ListenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    try:
        # As uvicorn does: a restarted server may reuse the port while old connections linger in TIME_WAIT.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUseError(f"port {port} on {host} is in use by another process") from exc
        raise ListenError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    return sock


def base_url(host: str, port: int) -> str:
    """The URL a client on this machine uses for a server listening on `host`:`port` (all interfaces: loopback)."""
    if host in ("", "0.0.0.0"):  # noqa: S104 - only compared
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    try:
        if ipaddress.ip_address(host).version == 6:
            host = f"[{host}]"
    except ValueError:
        pass  # a name, such as localhost
    return f"http://{host}:{port}"


class Uvicorn(uvicorn.Server):
    """uvicorn that reports when it listens and with which port."""

    def __init__(self, config: uvicorn.Config, before_shutdown: Callable[[], None]) -> None:
        super().__init__(config)
        self._before_shutdown = before_shutdown
        self.ready = threading.Event()
        self.bound_port: int | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            for server in self.servers:
                for listener in server.sockets:
                    self.bound_port = int(listener.getsockname()[1])
                    break
        self.ready.set()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        # Held requests answer at once with what they have, instead of holding the shutdown up.
        self._before_shutdown()
        await super().shutdown(sockets)


def build_uvicorn(server_app: ServerApp, host: str, port: int, http: type[asyncio.Protocol] | None = None) -> Uvicorn:
    """A uvicorn server for the API: no access log (it would sit next to credentials), warnings only.

    `http` is the HTTP protocol class (`_guards.guarded_protocol`: head and body deadlines); uvicorn's own by default.
    """
    config = uvicorn.Config(
        server_app.asgi,
        host=host,
        port=port,
        http=http or "auto",
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=2,
        server_header=False,
        proxy_headers=False,
    )
    return Uvicorn(config, server_app.begin_shutdown)


def build_storage_uvicorn(server_app: ServerApp, host: str, http: type[asyncio.Protocol] | None = None) -> Uvicorn:
    """A uvicorn server for the storage origin: no lifespan (the API's owns the database), no access log."""
    config = uvicorn.Config(
        server_app.storage,
        host=host,
        port=0,
        http=http or "auto",
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=2,
        server_header=False,
        proxy_headers=False,
    )
    return Uvicorn(config, lambda: None)


async def serve_together(
    api: Uvicorn, api_socket: socket.socket, storage: Uvicorn, storage_socket: socket.socket
) -> None:
    """Serves the API and the storage origin on one event loop (the storage reads the API's database, which belongs
    to this thread); the storage origin stops when the API does."""
    quiet_accept_errors(asyncio.get_running_loop())
    storage_task = asyncio.create_task(storage.serve(sockets=[storage_socket]))
    try:
        await api.serve(sockets=[api_socket])
    finally:
        storage.should_exit = True
        storage.force_exit = api.force_exit
        await storage_task
