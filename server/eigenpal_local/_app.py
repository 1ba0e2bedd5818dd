"""The server's ASGI app: the routes, and the middlewares around them.

`create_app` builds it. The routes: one endpoint per path (`_dispatch`), which answers 405 and refuses unknown query
parameters, then calls the handler (`_handlers`). Every `/v1` route is an operation of the OpenAPI document, taking
the query parameters the document gives it; nothing else is served there. Around the Starlette app, outermost first:
request ids, the body cap, the API key, injected faults, the last-resort 500 and the `lost` fault (`_middleware`).
Beside it, the storage origin's app (`_storage`), which the server serves on a port of its own.

`APP_WRAPPERS` is a hook for test suites: each wrapper is put around the API app of every server built after it was
added (the storage origin's app is left alone). This project's suite puts a contract guard there that checks every
request and answer against the OpenAPI document; the server itself never adds one.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from ._artifacts_api import ArtifactsApi
from ._errors import EXCEPTION_HANDLERS, ApiError
from ._faults import FaultInjector
from ._files import FilePool, FileSettings
from ._files_api import FilesApi
from ._handlers import Api, Behaviour
from ._kept import MAX_KEPT_BYTES
from ._middleware import (
    AuthMiddleware,
    BodyLimitMiddleware,
    FaultMiddleware,
    LastResortMiddleware,
    LoseAnswerMiddleware,
    RequestIdMiddleware,
    TransportMiddleware,
)
from ._params import LIST_PARAMS
from ._records import Issue
from ._run_ops import RunOperations
from ._storage import DEFAULT_URL_TTL_SECONDS, REDIRECT_ARTIFACTS_OVER, StorageApp, StorageSigner, StorageStats
from ._webhooks import WebhookDelivery, WebhookSettings

MAX_REQUEST_BYTES: Final = 4_718_592
"""The real API's cap on a request body, 4.5 MiB: a larger body is a 413."""

AppWrapper = Callable[[ASGIApp], ASGIApp]
"""Takes the API's ASGI app and returns an app that wraps it."""

APP_WRAPPERS: list[AppWrapper] = []
"""Wrappers that `create_app` puts around every API app it builds, the first innermost (a hook for test suites)."""
# Every route takes every method and answers 405 itself, so that `Allow` lists exactly the path's methods.
_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]


@dataclass(frozen=True)
class AppConfig:
    """How the server behaves."""

    api_key: str
    db: str | None = None
    workers: int = 8
    max_request_bytes: int = MAX_REQUEST_BYTES
    faults: FaultInjector = field(default_factory=FaultInjector)
    time_scale: float = 1.0
    idempotency_keys: bool = False
    """Honour `Idempotency-Key` on start and rerun: not a feature of the real API, so off by default."""
    keep_tags: bool = True
    """False: runs come back without `tags` and the `tag` filter is ignored, as on a server that predates tags."""
    redirect_artifacts_over: int | None = REDIRECT_ARTIFACTS_OVER
    """Artifacts larger than this many bytes (every one at 0) are a 302 to the storage origin; None: never."""
    storage_url_ttl: float = DEFAULT_URL_TTL_SECONDS
    """Seconds a signed storage URL stays valid."""
    max_kept_bytes: int | None = MAX_KEPT_BYTES
    """What the runs may keep together; past it the oldest finished are forgotten (None: no cap)."""
    files: FileSettings = field(default_factory=FileSettings)
    """The files API: the upload transport it answers, chunk and file sizes (`_files_api`)."""
    webhooks: WebhookSettings | None = None
    """Where to deliver signed `run.created` and `run.status_changed` events (`_webhooks`); None: nowhere."""


_Endpoint = Callable[[Request], Awaitable[Response]]
# A method's handler and the query parameters it takes; any other query parameter is a 400.
_Handler = tuple[_Endpoint, frozenset[str]]


def _dispatch(handlers: dict[str, _Handler]) -> _Endpoint:
    """One endpoint per path, so that a 405 lists in `Allow` exactly the methods the path has."""
    allow = ", ".join(handlers)

    async def endpoint(request: Request) -> Response:
        entry = handlers.get(request.method)
        if entry is None:
            raise ApiError(
                405,
                [Issue(f"{request.method} is not allowed here; use {allow}", "method_not_allowed")],
                headers={"Allow": allow},
            )
        handler, params = entry
        unknown = sorted({name for name in request.query_params if name not in params})
        if unknown:
            raise ApiError(
                400, [Issue(f"unknown query parameter {name!r}", "unknown_parameter", name) for name in unknown]
            )
        return await handler(request)

    return endpoint


@dataclass
class ServerApp:
    """The ASGI apps with handles for the process that serves them."""

    asgi: ASGIApp
    begin_shutdown: Callable[[], None]
    api: Api
    storage: StorageApp
    """The storage origin's app, served on its own port; it reads the artifacts through `api`, on the same loop."""
    signer: StorageSigner
    """Signs the storage URLs; its `base_url` is set once the storage origin listens."""
    files: FilePool | None = None
    """The uploaded files and upload sessions (the files API's)."""


def create_app(config: AppConfig) -> ServerApp:
    """Builds the server's ASGI apps; the API's lifespan opens the database and starts the workers."""
    signer = StorageSigner(config.storage_url_ttl)
    behaviour = Behaviour(
        idempotency_keys=config.idempotency_keys,
        keep_tags=config.keep_tags,
    )
    pool = FilePool(config.files)
    files = FilesApi(pool, signer, config.max_request_bytes, config.redirect_artifacts_over)
    api = Api(
        config.db,
        config.workers,
        config.max_request_bytes,
        config.time_scale,
        behaviour=behaviour,
        max_kept_bytes=config.max_kept_bytes,
        file_lookup=pool.read,
        webhooks=None if config.webhooks is None else WebhookDelivery(config.webhooks),
    )
    artifacts = ArtifactsApi(lambda: api.started_engine, api.run_of, signer, config.redirect_artifacts_over)
    held = frozenset({"wait_for_completion", "version"})
    none: frozenset[str] = frozenset()
    table: dict[str, dict[str, _Handler]] = {
        "/healthz": {"GET": (api.health, none)},
        "/v1/runs": {"GET": (api.list_runs, LIST_PARAMS), "POST": (api.start_run, held)},
        "/v1/runs/{id}": {"GET": (api.get_run, frozenset({"expand"}))},
        "/v1/runs/{id}/cancel": {"POST": (api.cancel_run, none)},
        "/v1/runs/{id}/rerun": {"POST": (api.rerun_run, held)},
        "/v1/runs/{id}/artifacts": {"GET": (artifacts.list_artifacts, frozenset({"zip", "bundle", "token"}))},
        "/v1/runs/{id}/artifacts/{path:path}": {"GET": (artifacts.download_artifact, none)},
        "/v1/runs/{id}/usage": {"GET": (api.get_usage, none)},
        "/v1/runs/{id}/steps": {"GET": (api.list_steps, none)},
        "/v1/runs/{id}/steps/{stepExecutionId}": {"GET": (api.get_step, none)},
        "/v1/runs/{id}/events": {"GET": (api.list_events, none)},
    }
    table |= files.routes()
    run_operations = RunOperations(lambda: api.engine)  # trace, scores, promote, the review
    artifacts.corrected_files = run_operations.corrected_files
    table |= run_operations.routes()
    routes = [Route(path, _dispatch(handlers), methods=_ALL_METHODS) for path, handlers in table.items()]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with api.lifespan(app):
            try:
                yield
            finally:
                pool.close()  # the uploaded files' folder goes with the server

    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=EXCEPTION_HANDLERS)
    # `/v1/runs/` is a 404 in the envelope, not a redirect that a client would follow with its key.
    app.router.redirect_slashes = False
    asgi = _around(app, config)
    for wrap in list(APP_WRAPPERS):
        asgi = wrap(asgi)
    asgi = TransportMiddleware(asgi)
    storage = StorageApp(signer, artifacts.stored_artifact, StorageStats(), files.storage_routes())
    return ServerApp(asgi=asgi, begin_shutdown=api.begin_shutdown, api=api, storage=storage, signer=signer, files=pool)


def _around(app: ASGIApp, config: AppConfig) -> ASGIApp:
    """The app inside its middlewares, built from the inside out.

    They wrap the Starlette app rather than sit in its middleware list: Starlette puts its own error middleware
    outside that list, and what LastResortMiddleware lets through (a dropped connection) must reach the server as
    it is, not turn into a 500.
    """
    asgi: ASGIApp = LoseAnswerMiddleware(app)
    asgi = LastResortMiddleware(asgi)
    asgi = FaultMiddleware(asgi, config.faults)
    asgi = AuthMiddleware(asgi, config.api_key)
    asgi = BodyLimitMiddleware(asgi, config.max_request_bytes)
    return RequestIdMiddleware(asgi)
