"""Serving the app: `LocalServer` (in-process, background thread) and the uvicorn setup shared with the CLI."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import ipaddress
import socket
import threading
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Self

import uvicorn

from ._app import AppConfig, ServerApp, create_app
from ._faults import FaultInjector, FaultSpec

DEFAULT_API_KEY = "ep_local_test_key"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_WORKERS = 64

FaultsArgument = FaultSpec | str | Mapping[str, float | int] | None


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


class _Uvicorn(uvicorn.Server):
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


def build_uvicorn(server_app: ServerApp, host: str, port: int) -> _Uvicorn:
    """A uvicorn server for the app: no access log (it would sit next to credentials), warnings only."""
    config = uvicorn.Config(
        server_app.asgi,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=2,
        server_header=False,
        proxy_headers=False,
    )
    return _Uvicorn(config, server_app.begin_shutdown)


class LocalServer:
    """The local Eigenpal server, served from a background thread.

    ```python
    with LocalServer(api_key="k") as server:
        httpx.get(f"{server.base_url}/v1/runs", headers={"Authorization": f"Bearer {server.api_key}"})
    ```
    """

    def __init__(
        self,
        api_key: str = DEFAULT_API_KEY,
        db: str | None = None,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        workers: int = DEFAULT_WORKERS,
        faults: FaultsArgument = None,
        seed: int | None = None,
        max_body_bytes: int | None = None,
        time_scale: float = 1.0,
    ) -> None:
        """Configures the server; `start()` (or `with`) serves it.

        Args:
            api_key: The key every /v1 request must send as `Authorization: Bearer <key>`.
            db: A SQLite file to keep runs in across restarts; None keeps them in memory.
            host: The interface to listen on.
            port: The port; 0 picks a free one (read it from `base_url`).
            workers: How many runs execute at once.
            faults: Faults to inject into /v1 requests (a `FaultSpec`, its text form or a mapping); none by default.
            seed: Seeds the fault generator, so that a run of faults repeats.
            max_body_bytes: The largest request body accepted (50 MiB by default).
            time_scale: Real seconds a run's step sleeps per second it asks for: ``0.01`` runs a five-minute
                ``workflows.sleep`` in three seconds, to record long runs quickly. Timestamps stay real.
        """
        if not time_scale > 0:
            raise ValueError("time_scale must be above 0")
        self.api_key = api_key
        self.db = db
        self._host = host
        self._port = port
        self._faults = FaultInjector(FaultSpec.coerce(faults), seed)
        config = AppConfig(api_key=api_key, db=db, workers=workers, faults=self._faults, time_scale=time_scale)
        if max_body_bytes is not None:
            config = dataclasses.replace(config, max_body_bytes=max_body_bytes)
        self._config = config
        self._app: ServerApp | None = None
        self._uvicorn: _Uvicorn | None = None
        self._thread: threading.Thread | None = None
        self._base_url: str | None = None
        self._failure: BaseException | None = None

    @property
    def base_url(self) -> str:
        """`http://host:port` of the running server."""
        if self._base_url is None:
            raise RuntimeError("the server is not running; call start() or use it in a with block")
        return self._base_url

    @property
    def faults(self) -> FaultSpec:
        """The faults in force."""
        return self._faults.spec

    def set_faults(self, faults: FaultsArgument, seed: int | None = None) -> None:
        """Changes the injected faults at once (None turns them off); a seed restarts the generator."""
        self._faults.configure(FaultSpec.coerce(faults), seed)

    def start(self, timeout: float = 15.0) -> Self:
        """Starts serving and waits (up to `timeout` seconds) until the server listens.

        Raises:
            PortInUseError: Another process listens on the port (a `ListenError`).
            ListenError: The address cannot be listened on (a `RuntimeError`).
            RuntimeError: The server did not come up in time or failed to start.
        """
        if self._thread is not None:
            raise RuntimeError("the server is already running")
        self._failure = None
        sock = listen(self._host, self._port)
        self._app = create_app(self._config)
        self._uvicorn = build_uvicorn(self._app, self._host, self._port)
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="eigenpal-local-server", daemon=True)
        self._thread.start()
        if not self._uvicorn.ready.wait(timeout) or not self._uvicorn.started or self._uvicorn.bound_port is None:
            failure = self._failure
            self.stop()
            # uvicorn logs why its startup failed, then exits (SystemExit(3)): the code alone would say nothing.
            reason = "see the log" if failure is None or isinstance(failure, SystemExit) else failure
            raise RuntimeError(f"the local server did not start: {reason}") from failure
        self._base_url = base_url(self._host, self._uvicorn.bound_port)
        return self

    def _serve(self, sock: socket.socket) -> None:
        server = self._uvicorn
        assert server is not None
        try:
            server.run(sockets=[sock])
        except BaseException as exc:  # reported by start(), never lost in the thread
            self._failure = exc
        finally:
            sock.close()
            # A server that failed before listening (say, an unopenable database) lets start() stop waiting.
            server.ready.set()

    def _wait_stopped(self, timeout: float) -> bool:
        """Blocks up to `timeout` seconds while the server serves; whether it has stopped (`python -m` serves on the
        main thread's behalf, which waits here, ready for Ctrl-C)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return thread is None or not thread.is_alive()

    def stop(self, timeout: float = 15.0) -> None:
        """Stops serving: held requests answer at once, workers stop, the database is closed."""
        server, thread, app = self._uvicorn, self._thread, self._app
        if server is None or thread is None:
            return
        loop = app.api.loop if app is not None else None
        if loop is not None and not loop.is_closed() and app is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed in between
                loop.call_soon_threadsafe(app.begin_shutdown)
        server.should_exit = True
        thread.join(timeout)
        if thread.is_alive():
            server.force_exit = True
            thread.join(timeout)
        self._uvicorn = self._thread = self._app = None
        self._base_url = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
