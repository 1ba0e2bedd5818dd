"""The ASGI middlewares around the app: one job each, composed by `_app.create_app`, outermost first.

- `TransportMiddleware`: keeps the server's own `send` in the scope, outside any wrapper a test suite adds
  (`_app.APP_WRAPPERS`), so that a dropped connection can reach the socket behind it.
- `RequestIdMiddleware`: every request gets an id, every answer (errors included) `X-Request-Id`.
- `BodyLimitMiddleware`: a declared `Content-Length` past the cap is a 413 before anything else looks at the request
  (as the real API's platform refuses it before the API sees it, key or no key); a body that grows past the cap
  while it is read (chunked) raises `PayloadTooLarge`, which the app answers 413. No more than the cap is read.
- `AuthMiddleware`: a /v1 request without the right `Authorization: Bearer <key>` is a 401. /healthz needs no key.
- `FaultMiddleware`: /v1 only, after the key check: the injected latency, `drop`, 429 and 5xx (`_faults` decides).
- `LastResortMiddleware`: anything that escapes the app before its answer started is a 500 envelope.
- `LoseAnswerMiddleware`: the `lost` (and `lost_start`) fault, drawn by `FaultMiddleware` with the others, takes
  effect here, inside the last resort: the request runs (and takes effect), then the connection closes unanswered.

Each is a plain ASGI callable that passes anything but HTTP (the lifespan) straight through, and answers errors in
the `_errors` envelope. The key is compared in constant time and never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import secrets
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._errors import REQUEST_ID_KEY, PayloadTooLarge, error_response, request_id
from ._faults import FaultInjector
from ._records import Issue

logger = logging.getLogger("eigenpal_local")

# The server's own `send`, kept in the scope by TransportMiddleware: closing the connection without an answer needs
# the transport behind it, which the middlewares' (and test wrappers') wrapped sends hide.
_TRANSPORT_SEND_KEY = "eigenpal.transport_send"
# Set by FaultMiddleware when this request's answer is to be lost; read by LoseAnswerMiddleware.
_LOSE_ANSWER_KEY = "eigenpal.lose_answer"


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


def _is_api(scope: Scope) -> bool:
    path: str = scope["path"]
    return path == "/v1" or path.startswith("/v1/")


def _starts_a_run(scope: Scope) -> bool:
    """Whether the request is a start (`POST /v1/runs`) or a rerun (`POST /v1/runs/{id}/rerun`)."""
    if scope["method"] != "POST":
        return False
    parts = scope["path"].split("/")
    return parts == ["", "v1", "runs"] or (len(parts) == 5 and parts[:3] == ["", "v1", "runs"] and parts[4] == "rerun")


async def _answer(
    scope: Scope, receive: Receive, send: Send, status: int, issues: list[Issue], headers: Mapping[str, str]
) -> None:
    response = error_response(request_id(scope), status, issues, headers=headers)
    await response(scope, receive, send)


class TransportMiddleware:
    """Keeps the server's own `send` in the scope (see `_drop_connection`); the outermost middleware."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope[_TRANSPORT_SEND_KEY] = send
        await self._app(scope, receive, send)


class RequestIdMiddleware:
    """Gives every request an id (in the scope, for the envelope's `requestId`) and every answer `X-Request-Id`."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        request_id = f"req_{secrets.token_hex(12)}"
        scope[REQUEST_ID_KEY] = request_id
        header = (b"x-request-id", request_id.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), header]}
            await send(message)

        await self._app(scope, receive, send_with_id)


class AuthMiddleware:
    """Answers 401 to a /v1 request that does not send `Authorization: Bearer <key>`."""

    def __init__(self, app: ASGIApp, api_key: str) -> None:
        self._app = app
        self._expected_auth = f"Bearer {api_key}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _is_api(scope) and not self._authorized(scope):
            await _answer(
                scope,
                receive,
                send,
                401,
                [Issue("missing or wrong API key; send Authorization: Bearer <key>", "unauthorized")],
                {"WWW-Authenticate": "Bearer"},
            )
            return
        await self._app(scope, receive, send)

    def _authorized(self, scope: Scope) -> bool:
        for name, value in scope["headers"]:
            if name == b"authorization":
                return hmac.compare_digest(value, self._expected_auth)
        return False


class FaultMiddleware:
    """Injects the faults in force into /v1 requests: one draw per request, latency drawn on its own.

    `drop` closes the connection unanswered, `429` and `5xx` answer without the handler; `lost` only marks the
    request, for `LoseAnswerMiddleware` further in.
    """

    def __init__(self, app: ASGIApp, faults: FaultInjector) -> None:
        self._app = app
        self._faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_api(scope):
            await self._app(scope, receive, send)
            return
        decision = self._faults.decide(starts_a_run=_starts_a_run(scope))
        if decision.delay_seconds:
            await asyncio.sleep(decision.delay_seconds)
        if decision.action == "drop":
            _drop_connection(scope[_TRANSPORT_SEND_KEY])
            return
        if decision.action == "429":
            retry_after = {"Retry-After": str(self._faults.spec.retry_after)}
            await _answer(
                scope, receive, send, 429, [Issue("too many requests (injected)", "rate_limited")], retry_after
            )
            return
        if decision.action == "5xx":
            status = decision.server_status
            headers = {"Retry-After": str(self._faults.spec.retry_after)} if status == 503 else {}
            await _answer(scope, receive, send, status, [Issue("server trouble (injected)", "injected_fault")], headers)
            return
        if decision.action == "lost":
            scope[_LOSE_ANSWER_KEY] = True
        await self._app(scope, receive, send)


class BodyLimitMiddleware:
    """Refuses bodies past the cap: by their `Content-Length` at once (413, nothing read), or, for a body without one
    (chunked), as soon as the bytes read pass the cap."""

    def __init__(self, app: ASGIApp, max_request_bytes: int) -> None:
        self._app = app
        self._max_request_bytes = max_request_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        if self._declared_too_large(scope):
            await _answer(scope, receive, send, 413, [Issue("the request body is too large", "payload_too_large")], {})
            return
        await self._app(scope, self._limited(receive), send)

    def _declared_too_large(self, scope: Scope) -> bool:
        for name, value in scope["headers"]:
            if name == b"content-length":
                with contextlib.suppress(ValueError):
                    return int(value) > self._max_request_bytes
        return False

    def _limited(self, receive: Receive) -> Receive:
        limit = self._max_request_bytes
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


class LastResortMiddleware:
    """Answers 500 in the envelope when the app fails before its answer started; logs it when the answer had started.

    A dropped connection (`ConnectionDroppedError`, in-process only) is no failure of the server: it goes on to the
    caller as a closed socket would.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = False

        async def send_and_note(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self._app(scope, receive, send_and_note)
        except ConnectionDroppedError:
            raise
        except Exception as exc:
            if started:
                logger.error("error after the answer started", exc_info=exc)
                return
            await _answer(scope, receive, send, 500, [Issue("the server failed", "internal_error")], {})


class LoseAnswerMiddleware:
    """The `lost` fault: runs the request with its answer thrown away, then closes the connection unanswered.

    The request takes effect, and the client cannot tell whether it did: the case a client's exactly-once start must
    survive. Whatever the app raises is lost with the answer.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get(_LOSE_ANSWER_KEY):
            await self._app(scope, receive, send)
            return

        async def swallow(message: Message) -> None:
            return None

        with contextlib.suppress(Exception):
            await self._app(scope, receive, swallow)
        _drop_connection(scope[_TRANSPORT_SEND_KEY])
