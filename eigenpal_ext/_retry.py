"""Retry decisions, pure and free of I/O, shared by the sync and the async request loops.

What is retried: connection errors, HTTP timeouts, 408, 429 and 5xx; on reads and other idempotent requests
always, on a POST only when it carries an ``Idempotency-Key`` or is idempotent by contract (cancel). How long to
wait: the server's ``Retry-After-Ms`` or ``Retry-After`` when it sent one (capped), else exponential backoff with
jitter as the Stainless SDKs do it. How often: at most ``max_retries`` times per call, and only while the
client-wide :class:`RetryBudget` has tokens, so a server that is down does not get a retry storm from every caller.
"""

from __future__ import annotations

import enum
import math
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

import attrs

from ._errors import APIConnectionError, APIError, APITimeoutError, EigenpalError, NotFoundError

__all__ = [
    "IDEMPOTENT_METHODS",
    "MAX_RETRY_AFTER_SECONDS",
    "RETRYABLE_STATUS_CODES",
    "CallSpec",
    "Decision",
    "RetryBudget",
    "RetryTracker",
    "Verdict",
    "backoff_delay",
    "parse_retry_after",
    "should_retry",
]

MAX_RETRY_AFTER_SECONDS = 60.0
"""The longest wait a server's ``Retry-After`` can ask for; longer asks are cut to this."""

RETRYABLE_STATUS_CODES = frozenset({408, 429})
"""Status codes below 500 that are worth another try; every 5xx is too."""

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
"""Methods that can be repeated without changing the outcome (RFC 9110, 9.2.2)."""


def backoff_delay(retry_number: int, rand: float) -> float:
    """Seconds to wait before retry ``retry_number`` (0 for the first retry) when the server did not say.

    ``min(0.5 * 2**n, 8)`` seconds, shortened by up to a quarter at random so that many clients do not retry in step.

    Args:
        retry_number: How many retries came before this one.
        rand: A number in ``[0, 1)`` (``random.random()``).
    """
    return min(0.5 * 2.0 ** min(retry_number, 10), 8.0) * (1.0 - 0.25 * rand)


def parse_retry_after(headers: Mapping[str, str], now: datetime) -> float | None:
    """How long the server asked to wait, from ``Retry-After-Ms`` or else ``Retry-After``.

    ``Retry-After`` may be seconds or an HTTP date. Negative, unparseable or non-finite values are ignored; long
    waits are capped at :data:`MAX_RETRY_AFTER_SECONDS`.

    Args:
        headers: The response headers (case-insensitive, as httpx gives them).
        now: The current wall-clock time, to turn an HTTP date into seconds.

    Returns:
        Seconds to wait, or ``None`` when the server did not say (usably).
    """
    seconds: float | None = None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms is not None:
        seconds = _finite(raw_ms, scale=1000.0)
    if seconds is None:
        raw = headers.get("retry-after")
        if raw is not None:
            seconds = _finite(raw, scale=1.0)
            if seconds is None:
                seconds = _seconds_until(raw, now)
    if seconds is None or seconds < 0:
        return None
    return min(seconds, MAX_RETRY_AFTER_SECONDS)


def _finite(text: str, *, scale: float) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value / scale if math.isfinite(value) else None


def _seconds_until(http_date: str, now: datetime) -> float | None:
    try:
        from email.utils import parsedate_to_datetime  # rare, and email.utils costs ~10 ms to import

        when = parsedate_to_datetime(http_date.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (when - now).total_seconds()


def should_retry(
    attempt: int,
    method: str,
    outcome: int | EigenpalError,
    has_idempotency_key: bool,
    *,
    max_retries: int,
    rand: float,
    retry_after: float | None = None,
    idempotent: bool | None = None,
) -> float | None:
    """Whether to try a request again, and after how long.

    Args:
        attempt: How many attempts were made so far (1 after the first).
        method: The HTTP method.
        outcome: The status code the attempt got, or the error it ended with.
        has_idempotency_key: Whether the request carries an ``Idempotency-Key`` (makes a POST safe to repeat).
        max_retries: How many retries the call may make at most.
        rand: A number in ``[0, 1)`` for the jitter.
        retry_after: Seconds the server asked to wait, if it did.
        idempotent: Whether the operation is idempotent by contract; ``None`` decides by ``method``.

    Returns:
        Seconds to wait before the next attempt, or ``None`` not to retry.
    """
    if attempt > max_retries:
        return None
    repeatable = idempotent if idempotent is not None else method.upper() in IDEMPOTENT_METHODS
    if not (repeatable or has_idempotency_key):
        return None
    status = outcome if isinstance(outcome, int) else getattr(outcome, "status_code", None)
    if isinstance(outcome, APIConnectionError):
        pass
    elif status is None or not (status in RETRYABLE_STATUS_CODES or status >= 500):
        return None
    if retry_after is not None:
        return retry_after
    return backoff_delay(attempt - 1, rand)


@attrs.define
class RetryBudget:
    """A client-wide token bucket that stops retries when most recent requests failed (botocore's retry quota).

    Each retry takes tokens (more after a timeout, which ties up a connection for long); each success gives one
    back. When the bucket runs dry, failed requests are not retried until successes refill it.

    Attributes:
        capacity: Tokens when full.
        retry_cost: Tokens a retry after an error answer or a connection error takes.
        timeout_cost: Tokens a retry after an HTTP timeout takes.
        success_refund: Tokens a success gives back.
    """

    capacity: int = 500
    retry_cost: int = 5
    timeout_cost: int = 10
    success_refund: int = 1
    available: int = attrs.field(default=-1)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.available < 0:
            self.available = self.capacity

    def acquire(self, error: EigenpalError) -> bool:
        """Take the tokens for a retry after ``error``; ``False`` (and nothing taken) when too few are left."""
        cost = self.timeout_cost if isinstance(error, APITimeoutError) else self.retry_cost
        with self._lock:
            if self.available < cost:
                return False
            self.available -= cost
            return True

    def refund(self) -> None:
        """Give back a token after a success."""
        if self.available < self.capacity:
            with self._lock:
                self.available = min(self.capacity, self.available + self.success_refund)


@attrs.frozen
class CallSpec:
    """What the retry decisions need to know about one API call.

    Attributes:
        method: The HTTP method.
        has_idempotency_key: Whether the request carries an ``Idempotency-Key``.
        idempotent: Whether the operation is idempotent by contract; ``None`` decides by method.
        max_retries: Retries this call may make; ``None`` uses the client's setting. 0 for a body that cannot be
            sent twice (a file stream that cannot be rewound).
        gone_means_done: For a delete: a 404 after an attempt that got no answer means that attempt deleted it.
    """

    method: str
    has_idempotency_key: bool = False
    idempotent: bool | None = None
    max_retries: int | None = None
    gone_means_done: bool = False


class Verdict(enum.Enum):
    """What the request loop does after a failed attempt."""

    RETRY = "retry"
    RAISE = "raise"
    DONE = "done"


@attrs.frozen
class Decision:
    """A verdict, with the seconds to wait before a retry."""

    verdict: Verdict
    delay: float = 0.0


@attrs.define
class RetryTracker:
    """The retry state of one API call: counts attempts and remembers whether an attempt got no answer.

    The sync and async loops create one per call, report each failed attempt to :meth:`after_failure` and act on the
    decision; the decision itself is made by the pure functions above.
    """

    spec: CallSpec
    max_retries: int
    budget: RetryBudget
    rand: Callable[[], float]
    attempts: int = 0
    lost_response: bool = False

    def after_failure(self, error: EigenpalError) -> Decision:
        """Decide what to do after an attempt failed with ``error``."""
        self.attempts += 1
        if self.spec.gone_means_done and self.lost_response and isinstance(error, NotFoundError):
            return Decision(Verdict.DONE)
        if isinstance(error, APIConnectionError):
            self.lost_response = True
        limit = self.spec.max_retries if self.spec.max_retries is not None else self.max_retries
        delay = should_retry(
            self.attempts,
            self.spec.method,
            error,
            self.spec.has_idempotency_key,
            max_retries=limit,
            rand=self.rand(),
            retry_after=error.retry_after if isinstance(error, APIError) else None,
            idempotent=self.spec.idempotent,
        )
        if delay is None or not self.budget.acquire(error):
            return Decision(Verdict.RAISE)
        return Decision(Verdict.RETRY, delay)
