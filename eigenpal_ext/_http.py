"""The request layer: httpx event hooks, error translation, and the sync and async retry loops.

Two event hooks go on every httpx client the library uses:

- a request hook raises the read timeout of a held request (``wait_for_completion=N``) to ``N`` plus a margin, so a
  hold never looks like a dead connection;
- a response hook turns every answer outside 2xx into an :class:`~eigenpal_ext.APIError` subclass before the
  generated parser sees it (the generated layer raises ``ValueError`` on status codes ``HTTPStatus`` does not know,
  such as 499 or 520).

httpx errors become :class:`~eigenpal_ext.APIConnectionError` / :class:`~eigenpal_ext.APITimeoutError` in
:func:`translate_request_error`, the one place that does it. The loops in :class:`SyncTransport` and
:class:`AsyncTransport` only send, sleep and repeat; what to do after a failure is decided in :mod:`._retry`.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any, NoReturn, TypeVar

import attrs
import httpx
from eigenpal_api.client import AuthenticatedClient
from eigenpal_api.models.error_response import ErrorResponse
from eigenpal_api.types import Response

from ._clock import Clock
from ._config import HOLD_MARGIN_SECONDS
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    EigenpalError,
    Issue,
    api_error_class,
)
from ._retry import CallSpec, RetryBudget, RetryTracker, Verdict, parse_retry_after

__all__ = [
    "RETRY_COUNT_HEADER",
    "AsyncTransport",
    "Plan",
    "SyncTransport",
    "async_request_hook",
    "async_response_hook",
    "error_from_response",
    "expect",
    "install_hooks",
    "prepare_request",
    "raise_hold_timeout",
    "sync_request_hook",
    "sync_response_hook",
    "translate_request_error",
]

_log = logging.getLogger("eigenpal_ext")

T = TypeVar("T")
R = TypeVar("R")

_KNOWN_STATUS_CODES = frozenset(status.value for status in HTTPStatus)
_HOLD_PARAM = "wait_for_completion"
RETRY_COUNT_HEADER = "X-Eigenpal-Retry-Count"
"""Sent on retries only: how many attempts of the same call came before (1 on the first retry)."""
_MAX_BODY_IN_MESSAGE = 300


# --- hooks -----------------------------------------------------------------------------------------------------


def raise_hold_timeout(request: httpx.Request, margin: float = HOLD_MARGIN_SECONDS) -> None:
    """Raise the read timeout of a held request to the hold plus ``margin`` (never lower it)."""
    if _HOLD_PARAM.encode() not in request.url.query:
        return
    try:
        hold = float(request.url.params[_HOLD_PARAM])
    except (KeyError, ValueError):
        return
    timeout = request.extensions.get("timeout")
    if not isinstance(timeout, Mapping):
        return
    read = timeout.get("read")
    if read is not None and read < hold + margin:
        request.extensions["timeout"] = {**timeout, "read": hold + margin}


def _needs_error(response: httpx.Response) -> bool:
    status = response.status_code
    if 200 <= status < 300 and status in _KNOWN_STATUS_CODES:
        return False
    # A redirect httpx is about to follow is not an answer yet; one it will not follow is turned into an error
    # after the fact by `expect`, since the hook cannot see whether the client follows redirects.
    return not (300 <= status < 400 and status in _KNOWN_STATUS_CODES)


def error_from_response(response: httpx.Response) -> APIError:
    """The :class:`APIError` subclass for a read answer outside 2xx, from its ``ErrorResponse`` envelope.

    Bodies that are not the envelope (an HTML page from a proxy, plain text, nothing) still give an error with
    the status code, the request id from ``X-Request-Id`` and the start of the body as its message.
    """
    headers = response.headers
    issues: list[Issue] = []
    hint: str | None = None
    docs_url: str | None = None
    request_id = headers.get("x-request-id")
    try:
        envelope = ErrorResponse.from_dict(json.loads(response.content))
    except (ValueError, TypeError, KeyError, AttributeError):
        text = response.content[:_MAX_BODY_IN_MESSAGE].decode("utf-8", "replace").strip()
        if text:
            issues.append(Issue(message=text, code="unparsed_body"))
    else:
        issues.extend(
            Issue(
                message=issue.message,
                code=issue.code,
                field=issue.field if isinstance(issue.field, str) else None,
                severity=str(issue.severity),
            )
            for issue in envelope.issues
        )
        hint = envelope.hint if isinstance(envelope.hint, str) else None
        docs_url = envelope.docs_url if isinstance(envelope.docs_url, str) else None
        request_id = request_id or envelope.request_id
    request = response.request
    return api_error_class(response.status_code)(
        response.status_code,
        request_id=request_id,
        issues=issues,
        hint=hint,
        docs_url=docs_url,
        method=request.method,
        url=str(request.url.copy_with(query=None)),
        retry_after=parse_retry_after(headers, datetime.now(UTC)),
    )


def prepare_request(request: httpx.Request) -> None:
    """What both request hooks do: a held request gets a longer read timeout, a retry says which one it is."""
    raise_hold_timeout(request)
    retries = _RETRY_COUNT.get()
    if retries:
        request.headers[RETRY_COUNT_HEADER] = str(retries)


def sync_request_hook(request: httpx.Request) -> None:
    """httpx request hook (sync client); see :func:`prepare_request`."""
    prepare_request(request)


async def async_request_hook(request: httpx.Request) -> None:
    """httpx request hook (async client); see :func:`prepare_request`."""
    prepare_request(request)


def sync_response_hook(response: httpx.Response) -> None:
    """httpx response hook (sync client): raise the :class:`APIError` for an answer outside 2xx."""
    if _needs_error(response):
        response.read()
        raise error_from_response(response)


async def async_response_hook(response: httpx.Response) -> None:
    """httpx response hook (async client): raise the :class:`APIError` for an answer outside 2xx."""
    if _needs_error(response):
        await response.aread()
        raise error_from_response(response)


def install_hooks(http_client: httpx.Client | httpx.AsyncClient) -> None:
    """Add this library's event hooks to an httpx client (once), keeping the hooks it already has."""
    hooks = http_client.event_hooks
    if isinstance(http_client, httpx.AsyncClient):
        request_hook: Callable[..., Any] = async_request_hook
        response_hook: Callable[..., Any] = async_response_hook
    else:
        request_hook, response_hook = sync_request_hook, sync_response_hook
    if request_hook not in hooks["request"]:
        hooks["request"] = [*hooks["request"], request_hook]
    if response_hook not in hooks["response"]:
        hooks["response"] = [*hooks["response"], response_hook]
    http_client.event_hooks = hooks


# --- translation -------------------------------------------------------------------------------------------------


def translate_request_error(exc: httpx.RequestError) -> APIConnectionError:
    """The library's error for an httpx request error: :class:`APITimeoutError` for timeouts, else
    :class:`APIConnectionError`."""
    try:
        request = exc.request
        method, url = request.method, str(request.url.copy_with(query=None))
    except RuntimeError:  # an error raised before httpx attached the request
        method, url = "", ""
    kind = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    reason = str(exc) or type(exc).__name__
    return kind(f"{type(exc).__name__}: {reason}", method=method, url=url)


def expect(response: Response[Any], kind: type[R]) -> R:
    """The parsed body of a generated ``Response``, checked to be ``kind``.

    Raises:
        APIError: When the answer was not the success the operation documents (a redirect that was not followed).
    """
    parsed = response.parsed
    if isinstance(parsed, kind):
        return parsed
    status = int(response.status_code)
    raise api_error_class(status)(
        status,
        request_id=response.headers.get("x-request-id"),
        issues=[Issue(message=f"expected {kind.__name__}, got HTTP {status}", code="unexpected_answer")],
    )


# --- the loops ---------------------------------------------------------------------------------------------------


@attrs.frozen
class Plan:
    """One API call, ready to send: the generated function's keyword arguments and what the retry rules need.

    Attributes:
        kwargs: Keyword arguments for the generated ``sync_detailed`` / ``asyncio_detailed`` (without ``client``).
        spec: The call's retry facts.
    """

    kwargs: dict[str, Any]
    spec: CallSpec


class _GoneAfterLostResponse(Exception):
    """A delete answered 404 after an earlier attempt of the same call got no answer: that attempt deleted it."""


def _raise(error: EigenpalError, cause: BaseException | None) -> NoReturn:
    if cause is None:
        raise error
    raise error from cause


@attrs.define
class _Retrying:
    """What the sync and async transports share: the generated client, the retry policy and the clock."""

    api: AuthenticatedClient = attrs.field(repr=False)  # its own repr shows the API key
    clock: Clock
    max_retries: int
    budget: RetryBudget = attrs.field(factory=RetryBudget)
    rand: Callable[[], float] = random.random

    def tracker(self, spec: CallSpec) -> RetryTracker:
        return RetryTracker(spec=spec, max_retries=self.max_retries, budget=self.budget, rand=self.rand)

    def decide(
        self, tracker: RetryTracker | None, spec: CallSpec, error: EigenpalError, cause: BaseException | None
    ) -> tuple[RetryTracker, float]:
        """Record a failed attempt; return the tracker and the delay before the next one, or raise."""
        tracker = tracker or self.tracker(spec)
        decision = tracker.after_failure(error)
        if decision.verdict is Verdict.DONE:
            raise _GoneAfterLostResponse from error
        if decision.verdict is Verdict.RAISE:
            _raise(error, cause)
        _log.info("retrying %s after %s (attempt %d) in %.2fs", spec.method, error, tracker.attempts, decision.delay)
        return tracker, decision.delay


def _failure(exc: Exception) -> tuple[EigenpalError, BaseException | None]:
    """The library error for what an attempt raised, and the exception to chain it to."""
    if isinstance(exc, EigenpalError):
        return exc, None
    if isinstance(exc, httpx.TransportError):
        return translate_request_error(exc), exc
    if isinstance(exc, httpx.RequestError):  # too many redirects, undecodable body: not worth a retry
        raise translate_request_error(exc) from exc
    # What is left came out of the generated parser: a 2xx body that does not fit the API.
    raise APIResponseValidationError(f"the server's answer does not fit the API: {exc!r}") from exc


_RETRY_COUNT: ContextVar[int] = ContextVar("eigenpal_retry_count", default=0)
"""How many retries came before the request being sent, for the ``X-Eigenpal-Retry-Count`` header."""


def _count_retry(tracker: RetryTracker, first: Token[int] | None) -> Token[int]:
    """Mark the next attempt as retry ``tracker.attempts``; the token of the first mark resets them all."""
    token = _RETRY_COUNT.set(tracker.attempts)
    return first or token


_CAUGHT = (EigenpalError, httpx.RequestError, KeyError, TypeError, ValueError, AttributeError)


class SyncTransport(_Retrying):
    """Sends generated-layer calls with retries, sleeping on the injected clock."""

    def call(self, fn: Callable[..., T], plan: Plan) -> T:
        """Call ``fn(client=..., **plan.kwargs)``, retrying as the plan's spec allows."""
        return self.send(lambda: fn(client=self.api, **plan.kwargs), plan.spec)

    def delete(self, fn: Callable[..., object], plan: Plan) -> None:
        """Call a delete, counting a 404 after a lost answer as done."""
        try:
            self.call(fn, plan)
        except _GoneAfterLostResponse:
            return

    def send(self, attempt: Callable[[], T], spec: CallSpec) -> T:
        """Run ``attempt`` until it succeeds or the retry rules say stop."""
        tracker: RetryTracker | None = None
        first_retry: Token[int] | None = None
        try:
            while True:
                try:
                    result = attempt()
                except _CAUGHT as exc:
                    error, cause = _failure(exc)
                else:
                    self.budget.refund()
                    return result
                tracker, delay = self.decide(tracker, spec, error, cause)
                self.clock.sleep(delay)
                first_retry = _count_retry(tracker, first_retry)
        finally:
            if first_retry is not None:
                _RETRY_COUNT.reset(first_retry)


class AsyncTransport(_Retrying):
    """Sends generated-layer calls with retries, sleeping on the injected clock (async)."""

    async def call(self, fn: Callable[..., Awaitable[T]], plan: Plan) -> T:
        """Await ``fn(client=..., **plan.kwargs)``, retrying as the plan's spec allows."""
        return await self.send(lambda: fn(client=self.api, **plan.kwargs), plan.spec)

    async def delete(self, fn: Callable[..., Awaitable[object]], plan: Plan) -> None:
        """Await a delete, counting a 404 after a lost answer as done."""
        try:
            await self.call(fn, plan)
        except _GoneAfterLostResponse:
            return

    async def send(self, attempt: Callable[[], Awaitable[T]], spec: CallSpec) -> T:
        """Await ``attempt`` until it succeeds or the retry rules say stop."""
        tracker: RetryTracker | None = None
        first_retry: Token[int] | None = None
        try:
            while True:
                try:
                    result = await attempt()
                except _CAUGHT as exc:
                    error, cause = _failure(exc)
                else:
                    self.budget.refund()
                    return result
                tracker, delay = self.decide(tracker, spec, error, cause)
                await self.clock.asleep(delay)
                first_retry = _count_retry(tracker, first_retry)
        finally:
            if first_retry is not None:
                _RETRY_COUNT.reset(first_retry)
