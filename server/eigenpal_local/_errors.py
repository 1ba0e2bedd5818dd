"""Error answers: the `ApiErrorEnvelope`, the exception that carries one, and Starlette's error handlers.

Every non-2xx JSON answer is built by `error_response`, whoever answers it: a handler (raising `ApiError`, mostly
through `fail`), Starlette (an unknown route, a body past the limit) or a middleware (401, injected faults, 413, the
last-resort 500). Its `requestId` is the id `RequestIdMiddleware` put in the scope.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, NoReturn

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from ._records import Issue
from ._views import json_response

logger = logging.getLogger("eigenpal_local")

# What an issue names as its field when it is about the request as a whole (the document's `ApiErrorIssue.field`).
ROOT_FIELD = "<root>"
# Where the request id sits in the ASGI scope; RequestIdMiddleware sets it before anything can answer.
REQUEST_ID_KEY = "eigenpal.request_id"
_DOCS_URL = "https://docs.eigenpal.com"


class ApiError(Exception):
    """An error answer in the envelope."""

    def __init__(
        self,
        status: int,
        issues: list[Issue],
        *,
        hint: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(issues[0].message if issues else str(status))
        self.status = status
        self.issues = issues
        self.hint = hint
        self.headers = dict(headers or {})


class PayloadTooLarge(Exception):
    """The body grew past the limit while it was read."""


def fail(status: int, message: str, code: str, field_name: str | None = None) -> NoReturn:
    """Answers with one issue: raises the `ApiError` that the app turns into the envelope."""
    raise ApiError(status, [Issue(message, code, field_name)])


def request_id(scope: Scope) -> str:
    """The id of the request this scope belongs to."""
    return str(scope.get(REQUEST_ID_KEY, "req_unknown"))


def error_response(
    request_id: str,
    status: int,
    issues: list[Issue],
    *,
    hint: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """An `ApiErrorEnvelope` answer: every issue names its field (`<root>` for the request as a whole)."""
    body: dict[str, Any] = {
        "issues": [
            {
                "field": issue.field if issue.field is not None else ROOT_FIELD,
                "message": issue.message,
                "code": issue.code,
                "severity": "error",
            }
            for issue in issues
        ],
        "requestId": request_id,
    }
    if hint is not None:
        body["hint"] = hint
    body["docsUrl"] = _DOCS_URL
    return json_response(status, body, headers)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(request_id(request.scope), exc.status, exc.issues, hint=exc.hint, headers=exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 400: "bad_request", 413: "payload_too_large"}
    message = exc.detail if exc.status_code != 404 else f"no route {request.method} {request.url.path}"
    issue = Issue(str(message), codes.get(exc.status_code, "http_error"))
    return error_response(request_id(request.scope), exc.status_code, [issue], headers=exc.headers)


async def _too_large(request: Request, exc: Exception) -> Response:
    return error_response(request_id(request.scope), 413, [Issue("the request body is too large", "payload_too_large")])


async def _server_error(request: Request, exc: Exception) -> Response:
    logger.error("unexpected error answering a request", exc_info=exc)
    return error_response(request_id(request.scope), 500, [Issue("the server failed", "internal_error")])


# Starlette's `exception_handlers`: every error it catches is answered in the envelope.
EXCEPTION_HANDLERS: dict[type[Exception], Callable[[Request, Exception], Awaitable[Response]]] = {
    ApiError: _api_error,
    HTTPException: _http_error,
    PayloadTooLarge: _too_large,
    Exception: _server_error,
}
