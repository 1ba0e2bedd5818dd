"""What the request hooks learn about the call whose request they see, through context variables: its per-call
options (extra headers and query parameters) and how many retries came before.

httpx hands a hook only the request; the call that sent it sets these around its attempts (``with
sending_with(options):``, ``with counting_retries() as before_retry:``), and the hooks read them
(:mod:`._hooks`). Context variables keep concurrent calls of one async client apart.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar, Token

from eigenpal_ext._core._options import NO_OPTIONS, RequestOptions
from eigenpal_ext._core._retry import RetryTracker

__all__ = ["counting_retries", "current_options", "current_retry_count", "sending_with"]

_OPTIONS: ContextVar[RequestOptions] = ContextVar("eigenpal_request_options", default=NO_OPTIONS)
"""The per-call options of the call whose request is being sent (its extra headers and query parameters)."""

_RETRY_COUNT: ContextVar[int] = ContextVar("eigenpal_retry_count", default=0)
"""How many retries came before the request being sent, for the ``X-Eigenpal-Retry-Count`` header."""


def current_options() -> RequestOptions:
    """The per-call options of the call whose request is being sent."""
    return _OPTIONS.get()


def current_retry_count() -> int:
    """How many retries of the same call came before the request being sent (0 on the first attempt)."""
    return _RETRY_COUNT.get()


class sending_with:  # lower case, as it reads: `with sending_with(options):`
    """Requests sent inside the block carry ``options``' extra headers and query parameters. (A class, not a
    generator: see :class:`~eigenpal_ext._transport._network.bounded`.)"""

    __slots__ = ("_options", "_token")

    def __init__(self, options: RequestOptions) -> None:
        self._options = options
        self._token: Token[RequestOptions] | None = None

    def __enter__(self) -> None:
        self._token = _OPTIONS.set(self._options)

    def __exit__(self, *exc_info: object) -> None:
        if self._token is not None:
            _OPTIONS.reset(self._token)


class counting_retries:  # lower case, as it reads: `with counting_retries() as before_retry:`
    """A block of one call's attempts: call the function it gives before each retry, so the next request says which
    retry it is (``X-Eigenpal-Retry-Count``); the count is reset when the block ends. (A class, not a generator:
    see :class:`~eigenpal_ext._transport._network.bounded`.)"""

    __slots__ = ("_first",)

    def __init__(self) -> None:
        self._first: Token[int] | None = None

    def __enter__(self) -> Callable[[RetryTracker], None]:
        return self._before_retry

    def _before_retry(self, tracker: RetryTracker) -> None:
        token = _RETRY_COUNT.set(tracker.attempts)
        if self._first is None:
            self._first = token

    def __exit__(self, *exc_info: object) -> None:
        if self._first is not None:
            _RETRY_COUNT.reset(self._first)
