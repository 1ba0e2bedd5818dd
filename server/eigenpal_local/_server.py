"""`LocalServer`: the app served in-process, on a background thread, for tests and tools.

Two uvicorn servers share the background thread's event loop (`_serving`, the setup shared with the command line):
the API on the port asked for, and the storage origin (`_storage`) on a free port of the same host, which large
artifacts are redirected to. They start and stop together.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

from ._app import MAX_REQUEST_BYTES, AppConfig, ServerApp, create_app
from ._faults import FaultInjector, FaultSpec
from ._files import MAX_FILE_BYTES, TRANSPORTS, UPLOAD_CHUNK_BYTES, FileSettings, Transport
from ._guards import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_HEAD_TIMEOUT,
    check_exposure,
    guarded_protocol,
    is_loopback,
    network_warning,
)
from ._kept import MAX_KEPT_BYTES
from ._serving import (
    ListenError,
    Uvicorn,
    base_url,
    build_storage_uvicorn,
    build_uvicorn,
    listen,
    serve_together,
)
from ._storage import DEFAULT_URL_TTL_SECONDS, REDIRECT_ARTIFACTS_OVER
from ._webhook_faults import WebhookFaultSpec
from ._webhooks import WebhookDelivery, WebhookSettings

logger = logging.getLogger("eigenpal_local")

DEFAULT_API_KEY = "ep_local_test_key"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_WORKERS = 64

FaultsArgument = FaultSpec | str | Mapping[str, float | int] | None


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
        max_request_bytes: int = MAX_REQUEST_BYTES,
        time_scale: float = 1.0,
        idempotency_keys: bool = False,
        keep_tags: bool = True,
        redirect_artifacts_over: int | None = REDIRECT_ARTIFACTS_OVER,
        storage_url_ttl: float = DEFAULT_URL_TTL_SECONDS,
        head_timeout: float = DEFAULT_HEAD_TIMEOUT,
        body_timeout: float = DEFAULT_BODY_TIMEOUT,
        max_kept_bytes: int | None = MAX_KEPT_BYTES,
        upload_transport: Transport = "http-chunked",
        upload_chunk_bytes: int = UPLOAD_CHUNK_BYTES,
        max_file_bytes: int = MAX_FILE_BYTES,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        webhook_faults: WebhookFaultSpec | str | Mapping[str, float] | None = None,
        webhook_seed: int | None = None,
        webhook_retry_base: float = 1.0,
        webhook_max_attempts: int = 6,
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
            max_request_bytes: The largest request body accepted: the real API's 4.5 MiB (4,718,592 bytes) by
                default; a larger one is a 413.
            time_scale: Real seconds a run's step sleeps per second it asks for: ``0.01`` runs a five-minute
                ``workflows.sleep`` in three seconds, to record long runs quickly. Timestamps stay real.
            idempotency_keys: Honour an ``Idempotency-Key`` header on start and rerun (the same key and request
                answer for the first run). Not a feature of the real API, which ignores the header: off by default.
            keep_tags: False serves runs without ``tags`` and ignores the ``tag`` list filter, as a server that
                predates tags would (to test a client's exactly-once start against one).
            redirect_artifacts_over: Artifacts larger than this many bytes (1 MiB by default; every artifact at 0)
                are answered with a 302 to a short-lived signed URL on the storage origin; None never redirects.
            storage_url_ttl: Seconds a signed storage URL stays valid (60 by default).
            head_timeout: Seconds a request's head may take to arrive, from its first byte (or the connection's
                opening): 10 by default. A slower one (or a connection that sends nothing) is closed.
            body_timeout: Seconds a request's body may take to arrive after its head (60 by default), or the
                connection is closed.
            max_kept_bytes: What the server keeps of its runs (inputs, files, outputs, artifacts, events; 512 MiB
                by default): past it, the oldest finished runs are forgotten (404), and while runs in flight alone
                hold more, starts and reruns are a 503 with `Retry-After`. None keeps everything.
            upload_transport: The transport `POST /v1/files/uploads` answers, to test a client against each one the
                real API may negotiate: ``http-chunked`` (default; chunks PUT to the API), ``presigned-put`` (one
                signed PUT to the storage origin), ``presigned-multipart`` (signed part PUTs to the storage origin)
                or ``multipart`` (the fallback: ``POST /v1/files``, under the request cap).
            upload_chunk_bytes: The size of an ``http-chunked`` chunk (at most ``max_request_bytes``) and of a
                ``presigned-multipart`` part: 4 MiB by default.
            max_file_bytes: The largest file an upload session takes (512 MiB by default); larger is a 413.
            webhook_url: Where to POST signed `run.created` and `run.status_changed` events (README, "Webhooks");
                None delivers none. Needs `webhook_secret`.
            webhook_secret: The `whsec_...` secret the events are signed with.
            webhook_faults: Delivery faults to inject (`duplicate`, `reorder`, `delay`, `bad_signature`,
                `stale_timestamp`; a `WebhookFaultSpec`, its text form or a mapping).
            webhook_seed: Seeds the delivery faults, so that they repeat for the same sequence of events.
            webhook_retry_base: Seconds before a delivery's first retry, doubling after each (1 by default).
            webhook_max_attempts: Attempts per delivery (6 by default).

        Raises:
            ValueError: A bad option, or a `host` that other machines can reach with the public default key.
        """
        if not time_scale > 0:
            raise ValueError("time_scale must be above 0")
        if max_request_bytes < 0:
            raise ValueError("max_request_bytes must be at least 0")
        if redirect_artifacts_over is not None and redirect_artifacts_over < 0:
            raise ValueError("redirect_artifacts_over must be at least 0, or None")
        if not storage_url_ttl > 0:
            raise ValueError("storage_url_ttl must be above 0")
        if max_kept_bytes is not None and max_kept_bytes < 0:
            raise ValueError("max_kept_bytes must be at least 0, or None")
        if upload_transport not in TRANSPORTS:
            raise ValueError(f"upload_transport must be one of {', '.join(TRANSPORTS)}")
        if upload_chunk_bytes < 1 or max_file_bytes < 0:
            raise ValueError("upload_chunk_bytes must be at least 1, and max_file_bytes at least 0")
        check_exposure(host, api_key, DEFAULT_API_KEY)
        if (webhook_url is None) != (webhook_secret is None):
            raise ValueError("webhook_url and webhook_secret go together")
        webhooks = None
        if webhook_url is not None and webhook_secret is not None:
            webhooks = WebhookSettings(
                webhook_url,
                webhook_secret,
                WebhookFaultSpec.coerce(webhook_faults),
                webhook_seed,
                retry_base=webhook_retry_base,
                max_attempts=webhook_max_attempts,
            )
        self._http = guarded_protocol(head_timeout, body_timeout)  # checks the two timeouts
        self.api_key = api_key
        self.db = db
        self._host = host
        self._port = port
        self._faults = FaultInjector(FaultSpec.coerce(faults), seed)
        self._config = AppConfig(
            api_key=api_key,
            db=db,
            workers=workers,
            max_request_bytes=max_request_bytes,
            faults=self._faults,
            time_scale=time_scale,
            idempotency_keys=idempotency_keys,
            keep_tags=keep_tags,
            redirect_artifacts_over=redirect_artifacts_over,
            storage_url_ttl=storage_url_ttl,
            max_kept_bytes=max_kept_bytes,
            files=FileSettings(upload_transport, upload_chunk_bytes, max_file_bytes),
            webhooks=webhooks,
        )
        self._app: ServerApp | None = None
        self._uvicorn: Uvicorn | None = None
        self._storage_uvicorn: Uvicorn | None = None
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
    def storage_url(self) -> str:
        """`http://host:port` of the storage origin that large artifacts are redirected to (another port, no key)."""
        app = self._app
        if app is None or app.signer.base_url is None or self._base_url is None:
            raise RuntimeError("the server is not running; call start() or use it in a with block")
        return app.signer.base_url

    @property
    def storage_requests(self) -> int:
        """How many requests the storage origin has had since the server started."""
        return 0 if self._app is None else self._app.storage.stats.requests

    @property
    def storage_saw_credentials(self) -> int:
        """How many requests to the storage origin carried an ``Authorization`` or ``X-Api-Key`` header.

        The storage origin needs no key and ignores one, as the real API's storage does; a client that follows a
        redirect there should send none. A test can assert that this stays 0.
        """
        return 0 if self._app is None else self._app.storage.stats.saw_credentials

    @property
    def faults(self) -> FaultSpec:
        """The faults in force."""
        return self._faults.spec

    @property
    def webhooks(self) -> WebhookDelivery | None:
        """The webhook delivery of the running server (its `log` of events and `attempts`), None without one."""
        return None if self._app is None else self._app.api.webhooks

    def set_faults(self, faults: FaultsArgument, seed: int | None = None) -> None:
        """Changes the injected faults at once (None turns them off); a seed restarts the generator."""
        self._faults.configure(FaultSpec.coerce(faults), seed)

    def confirm_review(self, run_id: str, timeout: float = 5.0) -> dict[str, Any]:
        """Confirms the human review task a run waits on, once, as one reviewer would: a control of the local server.

        Not an operation of the Eigenpal API, which documents none (people confirm review tasks in Eigenpal Studio;
        its `/v1/runs/{id}/reviews` operations are about a run's output). Once `confirmedCount` reaches
        `requiredCount` the run goes on and completes. Only `workflows.review` runs wait on a review here.

        Returns:
            The run's `humanReview` after this confirmation.

        Raises:
            LookupError: No such run, or it does not wait on a human review.
            RuntimeError: The server is not running.
        """
        from ._automations.review import confirm_in_loop

        app = self._app
        loop = None if app is None or self._base_url is None else app.api.loop
        if app is None or loop is None:
            raise RuntimeError("the server is not running; call start() or use it in a with block")
        return asyncio.run_coroutine_threadsafe(confirm_in_loop(app.api.engine.get, run_id), loop).result(timeout)

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
        try:
            storage_sock = listen(self._host, 0)
        except ListenError:
            sock.close()
            raise
        app = self._app = create_app(self._config)
        app.signer.base_url = base_url(self._host, int(storage_sock.getsockname()[1]))
        self._uvicorn = build_uvicorn(app, self._host, self._port, self._http)
        self._storage_uvicorn = build_storage_uvicorn(app, self._host, self._http)
        self._thread = threading.Thread(
            target=self._serve, args=(sock, storage_sock), name="eigenpal-local-server", daemon=True
        )
        self._thread.start()
        api, storage = self._uvicorn, self._storage_uvicorn
        deadline = time.monotonic() + timeout
        up = api.ready.wait(timeout) and api.started and api.bound_port is not None
        up = up and storage.ready.wait(max(0.0, deadline - time.monotonic())) and storage.started
        if not up or api.bound_port is None:
            failure = self._failure
            self.stop()
            # uvicorn logs why its startup failed, then exits (SystemExit(3)): the code alone would say nothing.
            reason = "see the log" if failure is None or isinstance(failure, SystemExit) else failure
            raise RuntimeError(f"the local server did not start: {reason}") from failure
        self._base_url = base_url(self._host, api.bound_port)
        if not is_loopback(self._host):
            logger.warning("%s", network_warning(self._host))
        return self

    def _serve(self, sock: socket.socket, storage_sock: socket.socket) -> None:
        server, storage = self._uvicorn, self._storage_uvicorn
        assert server is not None
        assert storage is not None
        try:
            asyncio.run(serve_together(server, sock, storage, storage_sock))
        except BaseException as exc:  # reported by start(), never lost in the thread
            self._failure = exc
        finally:
            sock.close()
            storage_sock.close()
            # A server that failed before listening (say, an unopenable database) lets start() stop waiting.
            server.ready.set()
            storage.ready.set()

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
            if self._storage_uvicorn is not None:
                self._storage_uvicorn.force_exit = True
            thread.join(timeout)
        self._uvicorn = self._storage_uvicorn = self._thread = None
        self._base_url = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
