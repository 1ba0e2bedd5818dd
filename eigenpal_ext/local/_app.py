"""The HTTP face of the server: a Starlette app behind one ASGI gate.

The gate (outermost) gives every request an id and every answer `X-Request-Id`, checks the API key on /v1 routes,
injects faults, limits the body size and turns anything unexpected into a 500 envelope. The routes validate the
request, call the engine and shape the answer after the OpenAPI document.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._errors import EXCEPTION_HANDLERS, REQUEST_ID_KEY, ApiError, PayloadTooLarge, error_response, request_id
from ._faults import FaultInjector
from ._handlers import Api
from ._records import Issue

logger = logging.getLogger("eigenpal_ext.local")

DEFAULT_MAX_BODY_BYTES = 50 * 1024 * 1024
# Every route takes every method and answers 405 itself, so that `Allow` lists exactly the path's methods.
_ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]


@dataclass(frozen=True)
class AppConfig:
    """How the server behaves."""

    api_key: str
    db: str | None = None
    workers: int = 8
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    faults: FaultInjector = field(default_factory=FaultInjector)


class _Gate:
    """Request ids, auth, fault injection, body limits and a last-resort 500, around the whole app."""

    def __init__(self, app: ASGIApp, config: AppConfig) -> None:
        self._app = app
        self._config = config
        self._expected_auth = f"Bearer {config.api_key}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        request_id = f"req_{secrets.token_hex(12)}"
        scope[REQUEST_ID_KEY] = request_id
        raw_send = send
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
                message = {**message, "headers": headers}
            await raw_send(message)

        path: str = scope["path"]
        lost = False
        if path == "/v1" or path.startswith("/v1/"):
            if not self._authorized(scope):
                await self._answer(
                    scope,
                    receive,
                    send_with_id,
                    401,
                    [Issue("missing or wrong API key; send Authorization: Bearer <key>", "unauthorized")],
                    {"WWW-Authenticate": "Bearer"},
                )
                return
            decision = self._config.faults.decide()
            if decision.delay_seconds:
                await asyncio.sleep(decision.delay_seconds)
            if decision.action == "drop":
                _drop_connection(raw_send)
                return
            if decision.action == "429":
                retry_after = {"Retry-After": str(self._config.faults.spec.retry_after)}
                await self._answer(
                    scope,
                    receive,
                    send_with_id,
                    429,
                    [Issue("too many requests (injected)", "rate_limited")],
                    retry_after,
                )
                return
            if decision.action == "5xx":
                status = decision.server_status
                headers = {"Retry-After": str(self._config.faults.spec.retry_after)} if status == 503 else {}
                await self._answer(
                    scope,
                    receive,
                    send_with_id,
                    status,
                    [Issue("server trouble (injected)", "injected_fault")],
                    headers,
                )
                return
            lost = decision.action == "lost"
        if self._body_too_large(scope):
            await self._answer(
                scope, receive, send_with_id, 413, [Issue("the request body is too large", "payload_too_large")], {}
            )
            return
        receive = self._limited(receive)
        if lost:
            await self._run_and_lose(scope, receive, raw_send)
            return
        try:
            await self._app(scope, receive, send_with_id)
        except Exception as exc:
            if started:
                logger.error("error after the answer started", exc_info=exc)
                return
            await self._answer(scope, receive, send_with_id, 500, [Issue("the server failed", "internal_error")], {})

    def _authorized(self, scope: Scope) -> bool:
        for name, value in scope["headers"]:
            if name == b"authorization":
                return hmac.compare_digest(value, self._expected_auth)
        return False

    def _body_too_large(self, scope: Scope) -> bool:
        for name, value in scope["headers"]:
            if name == b"content-length":
                with contextlib.suppress(ValueError):
                    return int(value) > self._config.max_body_bytes
        return False

    def _limited(self, receive: Receive) -> Receive:
        limit = self._config.max_body_bytes
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise PayloadTooLarge
            return message

        return limited_receive

    async def _run_and_lose(self, scope: Scope, receive: Receive, raw_send: Send) -> None:
        async def swallow(message: Message) -> None:
            return None

        with contextlib.suppress(Exception):
            await self._app(scope, receive, swallow)
        _drop_connection(raw_send)

    @staticmethod
    async def _answer(
        scope: Scope, receive: Receive, send: Send, status: int, issues: list[Issue], headers: Mapping[str, str]
    ) -> None:
        response = error_response(request_id(scope), status, issues, headers=headers)
        await response(scope, receive, send)


class ConnectionDroppedError(ConnectionError):
    """Raised to an in-process (ASGI) caller where a real server would close the socket without answering."""


def _drop_connection(send: Send) -> None:
    """Closes the client's socket without an HTTP answer (uvicorn), or raises when there is no socket (ASGI)."""
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if isinstance(transport, asyncio.BaseTransport):
        # Marking the cycle disconnected keeps uvicorn from answering 500 once the app returns.
        setattr(cycle, "disconnected", True)  # noqa: B010 - uvicorn's cycle has no typed interface
        transport.close()
        return
    raise ConnectionDroppedError("connection dropped (injected fault)")


_Endpoint = Callable[[Request], Awaitable[Response]]
# A method's handler and the query parameters it takes; any other query parameter is a 400.
_Handler = tuple[_Endpoint, frozenset[str] | None]
_LIST_PARAMS = frozenset({"type", "source", "status", "tag", "ids", "from", "to", "cursor", "limit"})


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
        unknown = [] if params is None else sorted({name for name in request.query_params if name not in params})
        if unknown:
            raise ApiError(
                400, [Issue(f"unknown query parameter {name!r}", "unknown_parameter", name) for name in unknown]
            )
        return await handler(request)

    return endpoint


@dataclass
class ServerApp:
    """The ASGI app with handles for the process that serves it."""

    asgi: ASGIApp
    begin_shutdown: Callable[[], None]
    api: Api


def create_app(config: AppConfig) -> ServerApp:
    """Builds the server's ASGI app; its lifespan opens the database and starts the workers."""
    api = Api(config.db, config.workers, config.max_body_bytes)
    start = frozenset({"wait_for_completion", "version"})
    none: frozenset[str] = frozenset()
    # Operations whose document lists no 400 ignore unknown query parameters instead of refusing them; rerun, too,
    # because it must answer 404 for an unknown run before it looks at anything else.
    lenient = None
    table: dict[str, dict[str, _Handler]] = {
        "/healthz": {"GET": (api.health, lenient)},
        "/v1/runs": {"GET": (api.list_runs, _LIST_PARAMS), "POST": (api.start_run, start)},
        "/v1/runs/cancel": {"POST": (api.cancel_runs, none)},
        "/v1/runs/{id}": {
            "GET": (api.get_run, frozenset({"expand", "wait_for_completion"})),
            "DELETE": (api.delete_run, lenient),
        },
        "/v1/runs/{id}/cancel": {"POST": (api.cancel_run, lenient)},
        "/v1/runs/{id}/rerun": {"POST": (api.rerun_run, lenient)},
        "/v1/runs/{id}/tags": {"GET": (api.get_tags, lenient), "PUT": (api.put_tags, none)},
        "/v1/runs/{id}/artifacts": {"GET": (api.list_artifacts, lenient)},
        "/v1/runs/{id}/artifacts/{path:path}": {"GET": (api.download_artifact, lenient)},
        "/v1/runs/{id}/usage": {"GET": (api.get_usage, lenient)},
        "/v1/runs/{id}/steps": {"GET": (api.list_steps, lenient)},
        "/v1/runs/{id}/events": {"GET": (api.list_events, lenient)},
    }
    routes = [Route(path, _dispatch(handlers), methods=_ALL_METHODS) for path, handlers in table.items()]
    app = Starlette(
        routes=routes,
        lifespan=api.lifespan,
        exception_handlers=EXCEPTION_HANDLERS,
    )
    # `/v1/runs/` is a 404 in the envelope, not a redirect that a client would follow with its key.
    app.router.redirect_slashes = False
    return ServerApp(asgi=_Gate(app, config), begin_shutdown=api.begin_shutdown, api=api)
