"""The HTTP face of the server: a Starlette app behind one ASGI gate.

The gate (outermost) gives every request an id and every answer `X-Request-Id`, checks the API key on /v1 routes,
injects faults, limits the body size and turns anything unexpected into a 500 envelope. The routes validate the
request, call the engine and shape the answer after the OpenAPI document.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._automations import AUTOMATIONS
from ._engine import Engine, IdempotencyConflict, InputError
from ._errors import EXCEPTION_HANDLERS, REQUEST_ID_KEY, ApiError, PayloadTooLarge, error_response, fail, request_id
from ._faults import FaultInjector
from ._params import (
    body_filter,
    decode_cursor,
    encode_cursor,
    expand_param,
    idempotency_key,
    int_param,
    list_filter,
    nonempty_param,
    read_json_body,
    read_start_body,
    tags_value,
    trigger_header,
    version_param,
)
from ._records import Issue, RunFilter, RunRecord, wake
from ._store import Store
from ._views import (
    artifact_json,
    event_json,
    json_response,
    run_accepted_json,
    run_json,
    run_list_item_json,
    step_json,
)

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


def _fingerprint(parts: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


# --- the routes ---------------------------------------------------------------------------------------------------


class _Api:
    """The route handlers, bound to the engine that the lifespan starts."""

    def __init__(self, config: AppConfig) -> None:
        self.config = config
        self._engine: Engine | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.active_holds = 0

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("the server has not started")
        return self._engine

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        store = Store(self.config.db)
        engine = Engine(store, workers=self.config.workers)
        try:
            await engine.start()
            self._engine = engine
            self.loop = asyncio.get_running_loop()
            yield
        finally:
            await engine.stop()
            store.close()

    def begin_shutdown(self) -> None:
        if self._engine is not None:
            self._engine.begin_shutdown()

    def _run(self, request: Request) -> RunRecord:
        run_id = request.path_params["id"]
        run = self.engine.get(run_id)
        if run is None:
            fail(404, f"no run {run_id!r}", "run_not_found", "id")
        return run

    async def _hold(self, request: Request, run: RunRecord, seconds: int) -> None:
        """Holds until the run is terminal, the time passes, the server stops or the client goes away."""
        waiter = self.engine.hold(run, seconds)
        if waiter is None:
            return
        gone = asyncio.ensure_future(_until_disconnect(request.receive))
        gone.add_done_callback(lambda _: wake(waiter))
        self.active_holds += 1
        try:
            await waiter
        finally:
            self.active_holds -= 1
            waiter.cancel()
            gone.cancel()

    async def _answer_start(self, request: Request, run: RunRecord, wait_seconds: int | None, replay: bool) -> Response:
        if wait_seconds:
            await self._hold(request, run, wait_seconds)
        if run.finished and (wait_seconds or replay):
            return json_response(200, run_json(self.engine, run))
        return json_response(202, run_accepted_json(run), {"X-Poll-After-Ms": str(self.engine.poll_after_ms(run))})

    async def start_run(self, request: Request) -> Response:
        wait_seconds = int_param(request, "wait_for_completion", 0, 600)
        version = version_param(request)
        key = idempotency_key(request)
        trigger_header(request)
        start = await read_start_body(request, self.config.max_body_bytes)
        automation = AUTOMATIONS[start.target]  # read_start_body answered 404 for an unknown target
        idempotency = None
        if key is not None:
            fingerprint = _fingerprint(
                {
                    "target": start.target,
                    "input": start.run_input,
                    "files": {k: [f.filename, f.content_type, f.sha256] for k, f in start.files.items()},
                    "overrides": start.overrides,
                    "metadata": start.metadata,
                    "tags": start.tags,
                    "version": version,
                }
            )
            idempotency = ("start", key, fingerprint)
            existing = self._find_idempotent(idempotency)
            if existing is not None:
                return await self._answer_start(request, existing, wait_seconds, replay=True)
        try:
            run = self.engine.create_run(
                automation,
                start.run_input,
                start.files,
                overrides=start.overrides,
                metadata=start.metadata,
                tags=start.tags,
                version=version,
                idempotency=idempotency,
            )
        except InputError as exc:
            raise ApiError(422, exc.issues) from exc
        return await self._answer_start(request, run, wait_seconds, replay=False)

    def _find_idempotent(self, idempotency: tuple[str, str, str]) -> RunRecord | None:
        try:
            return self.engine.find_idempotent(*idempotency)
        except IdempotencyConflict:
            fail(
                409,
                "this Idempotency-Key was used with a different request",
                "idempotency_key_reused",
                "Idempotency-Key",
            )

    async def rerun_run(self, request: Request) -> Response:
        previous = self._run(request)
        wait_seconds = int_param(request, "wait_for_completion", 0, 600)
        version = version_param(request)
        key = idempotency_key(request)
        trigger_header(request)
        automation = AUTOMATIONS.get(previous.target)
        if automation is None:
            fail(404, f"no automation {previous.target!r}", "target_not_found", "target")
        idempotency = None
        if key is not None:
            idempotency = (f"rerun:{previous.id}", key, _fingerprint({"rerun": previous.id, "version": version}))
            existing = self._find_idempotent(idempotency)
            if existing is not None:
                return await self._answer_start(request, existing, wait_seconds, replay=True)
        files = self.engine.copy_input_files(previous)
        run_input = {name: value for name, value in previous.input.items() if name not in files}
        try:
            run = self.engine.create_run(
                automation,
                run_input,
                files,
                overrides=previous.overrides,
                metadata=previous.metadata,
                tags=previous.tags,
                version=version or previous.source.get("version"),
                trigger_type="rerun",
                previous=previous,
                idempotency=idempotency,
            )
        except InputError as exc:
            raise ApiError(422, exc.issues) from exc
        return await self._answer_start(request, run, wait_seconds, replay=False)

    async def get_run(self, request: Request) -> Response:
        run = self._run(request)
        expand = expand_param(request)
        wait_seconds = int_param(request, "wait_for_completion", 0, 60)
        if wait_seconds:
            await self._hold(request, run, wait_seconds)
            if self.engine.get(run.id) is None:
                fail(404, f"run {run.id!r} was deleted", "run_not_found", "id")
        headers = None if run.finished else {"X-Poll-After-Ms": str(self.engine.poll_after_ms(run))}
        return json_response(200, run_json(self.engine, run, expand), headers)

    async def list_runs(self, request: Request) -> Response:
        run_filter = list_filter(request)
        limit = int_param(request, "limit", 1, 250) or 50
        cursor = nonempty_param(request, "cursor")
        before_seq = None
        if cursor is not None:
            try:
                before_seq = decode_cursor(cursor)
            except ValueError:
                fail(400, "cursor is not a nextCursor this server gave", "invalid_cursor", "cursor")
        page, more = self.engine.list_runs(run_filter, before_seq, limit)
        return json_response(
            200,
            {
                "runs": [run_list_item_json(run) for run in page],
                "nextCursor": encode_cursor(page[-1]) if more and page else None,
            },
        )

    async def cancel_run(self, request: Request) -> Response:
        run = self._run(request)
        state, was = self.engine.cancel(run)
        return json_response(
            200,
            {
                "id": run.id,
                "type": run.run_type,
                "finished": run.finished,
                "execution": {"status": run.status},
                "cancellation": {"state": state, "wasStatus": was},
            },
        )

    async def cancel_runs(self, request: Request) -> Response:
        body = await read_json_body(request)
        if not isinstance(body, dict):
            fail(400, "the body must be a JSON object of filters", "invalid_type")
        run_filter = body_filter(body)
        if run_filter == RunFilter():
            fail(400, "give at least one filter: status, source, type, tag, ids, from or to", "filter_required")
        counts = {"matched": 0, "cancelled": 0, "requested": 0}
        for run in self.engine.matching_active(run_filter):
            state, _ = self.engine.cancel(run)
            counts["matched"] += 1
            if state != "already_terminal":
                counts[state] += 1
        return json_response(200, counts)

    async def delete_run(self, request: Request) -> Response:
        run = self._run(request)
        if not run.finished:
            fail(
                409, f"run {run.id} is {run.status}; cancel it and wait until it is terminal", "run_not_terminal", "id"
            )
        self.engine.delete(run)
        return Response(status_code=204)

    async def get_tags(self, request: Request) -> Response:
        return json_response(200, {"tags": list(self._run(request).tags)})

    async def put_tags(self, request: Request) -> Response:
        run = self._run(request)
        body = await read_json_body(request)
        if not isinstance(body, dict) or "tags" not in body:
            fail(400, 'send {"tags": [...]}', "required", "tags")
        self.engine.set_tags(run, tags_value(body["tags"], "tags"))
        return json_response(200, {"tags": list(run.tags)})

    async def list_artifacts(self, request: Request) -> Response:
        run = self._run(request)
        return json_response(200, {"artifacts": [artifact_json(artifact) for artifact in run.artifacts]})

    async def download_artifact(self, request: Request) -> Response:
        run = self._run(request)
        path = request.path_params["path"]
        content = self.engine.artifact_content(run, path)
        artifact = next((artifact for artifact in run.artifacts if artifact.path == path), None)
        if content is None or artifact is None:
            fail(404, f"run {run.id} has no artifact {path!r}", "artifact_not_found", "path")
        return Response(content, media_type=artifact.content_type)

    async def get_usage(self, request: Request) -> Response:
        return json_response(200, self.engine.usage(self._run(request)))

    async def list_steps(self, request: Request) -> Response:
        run = self._run(request)
        return json_response(200, {"steps": [step_json(step) for step in run.steps], "total": len(run.steps)})

    async def list_events(self, request: Request) -> Response:
        run = self._run(request)
        return json_response(200, {"events": [event_json(event) for event in run.events]})

    async def health(self, request: Request) -> Response:
        return json_response(200, {"status": "ok", "runs": self.engine.run_count, "holds": self.active_holds})


async def _until_disconnect(receive: Receive) -> None:
    """Returns when the client has gone away (the request body, if any, was read before)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


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
    api: _Api


def create_app(config: AppConfig) -> ServerApp:
    """Builds the server's ASGI app; its lifespan opens the database and starts the workers."""
    api = _Api(config)
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
