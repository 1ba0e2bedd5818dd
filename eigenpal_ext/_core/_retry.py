"""The one retry engine: what is worth another try, how long to wait first, and when to stop. Pure, free of I/O.

Everything that retries in eigenpal-ext decides here, and nothing retries on top of it: the request loop of plain
calls (:mod:`eigenpal_ext._transport._loop_policy`) and the waits (:mod:`._waiting`), which send each read once and
wait out transient errors themselves.

- **What is retried**: connection errors, HTTP timeouts, 408, 429 and 5xx (:func:`is_transient`); on reads and
  other idempotent requests always, and on a POST that is idempotent by contract (cancel). A POST that creates a run
  (start, rerun) is sent again at once only after a failure that proves it made nothing (:func:`made_nothing`: no
  connection, 429); after any other transient failure the caller first looks for the run the lost attempt may have
  made (:attr:`Verdict.LOOK_FIRST`, :mod:`._correlation`), and when it cannot look, the error is raised. The real
  API documents no ``Idempotency-Key``, so nothing here relies on one.
- **How long to wait**: exponential backoff with jitter as the Stainless SDKs do it (:func:`backoff_delay`), or the
  server's ``Retry-After-Ms`` or ``Retry-After`` when it asks for longer, capped at :data:`MAX_RETRY_AFTER_SECONDS`
  (:func:`server_delay`, the one rule for every delay a server gives): a ``Retry-After: 0`` cannot shorten the
  backoff. Jitter draws on :data:`unit_random`, the one source of randomness, which tests replace.
- **How often**: a plain call at most ``max_retries`` times, and only while the client-wide :class:`RetryBudget`
  has tokens, so a server that is down gets no retry storm. A wait (and the start inside ``run_and_wait``) retries
  until its deadline instead: it backs off whatever the server says, so it cannot storm either; a wait of many runs
  also spends a :class:`CallBudget` of failed requests, so its fan-out cannot multiply a storm.
- **Never past the deadline**: a retry whose wait would end at or after the call's deadline is not made
  (:attr:`Verdict.OUT_OF_TIME`); the caller ends the call then, with the last error as the cause.
"""

from __future__ import annotations

import enum
import math
import random
import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

import attrs

from ._errors import APIConnectionError, APIError, APITimeoutError, EigenpalError, NotFoundError

__all__ = [
    "IDEMPOTENT_METHODS",
    "MAX_RETRY_AFTER_SECONDS",
    "RETRYABLE_STATUS_CODES",
    "CallBudget",
    "CallSpec",
    "Decision",
    "RetryBudget",
    "RetryTracker",
    "Verdict",
    "backoff_delay",
    "is_transient",
    "made_nothing",
    "parse_retry_after",
    "retry_delay",
    "server_delay",
    "unit_random",
]

MAX_RETRY_AFTER_SECONDS = 60.0
"""The longest wait a server's ``Retry-After`` can ask for; longer asks are cut to this (the deadline may cut more)."""

RETRYABLE_STATUS_CODES = frozenset({408, 429})
"""Status codes below 500 that are worth another try; every 5xx is too."""

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
"""Methods that can be repeated without changing the outcome (RFC 9110, 9.2.2)."""

unit_random: Callable[[], float] = random.random
"""Where every jitter in the library comes from: a draw from ``[0, 1)``. Tests patch it to make delays exact."""


def draw() -> float:
    """A draw from :data:`unit_random` (looked up at call time, so a patched one is used)."""
    return unit_random()


def is_transient(error: BaseException) -> bool:
    """Whether an error says nothing about the request itself, so the same request may well succeed later.

    No answer (connection refused, reset, dropped), an HTTP timeout, 408, 429 and every 5xx.
    """
    if isinstance(error, APIConnectionError):
        return True
    if isinstance(error, APIError):
        return error.status_code in RETRYABLE_STATUS_CODES or error.status_code >= 500
    return False


def backoff_delay(retry_number: int, rand: float) -> float:
    """Seconds to wait before retry ``retry_number`` (0 for the first retry) when the server did not say.

    ``min(0.5 * 2**n, 8)`` seconds, shortened by up to a quarter at random so that many clients do not retry in step.

    Args:
        retry_number: How many retries came before this one.
        rand: A number in ``[0, 1)``.
    """
    return min(0.5 * 2.0 ** min(retry_number, 10), 8.0) * (1.0 - 0.25 * rand)


def server_delay(asked: float | None, floor: float) -> float:
    """The one rule for a delay a server asks for (``Retry-After``, ``Retry-After-Ms``, a poll hint): never shorter
    than ``floor`` (what the client would have waited anyway), never longer than :data:`MAX_RETRY_AFTER_SECONDS`.

    A server can only lengthen a wait, so ``0``, ``-0``, negative, tiny and non-numbers all come to ``floor``: no
    server can talk the client into a busy loop. (The deadline may cut the result further; that is the caller's.)

    Args:
        asked: Seconds the server asked for, or ``None`` when it did not say.
        floor: Seconds the client would wait without the server's word.
    """
    floor = min(floor, MAX_RETRY_AFTER_SECONDS)
    if asked is None or math.isnan(asked):
        return floor
    return min(max(asked, floor), MAX_RETRY_AFTER_SECONDS)


def retry_delay(error: BaseException, retry_number: int, rand: float) -> float:
    """Seconds to wait before retry ``retry_number`` (0 for the first) after ``error``: :func:`backoff_delay`, or
    the server's ``Retry-After`` when it asks for longer, capped (:func:`server_delay`)."""
    retry_after = error.retry_after if isinstance(error, APIError) else None
    return server_delay(retry_after, backoff_delay(retry_number, rand))


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


def retry_after_now(headers: Mapping[str, str]) -> float | None:
    """:func:`parse_retry_after` against the current time."""
    return parse_retry_after(headers, datetime.now(UTC))


def _repeatable(method: str, creates: bool, idempotent: bool | None) -> bool:
    by_contract = idempotent if idempotent is not None else method.upper() in IDEMPOTENT_METHODS
    return by_contract or creates


def made_nothing(error: BaseException) -> bool:
    """Whether a failed attempt proves the server did nothing with the request: no connection was ever made, or
    the server refused it outright with 429 (a rate limit refuses before acting). Every other failure (a reset, a
    timeout, a 5xx) may have come after the server acted."""
    if isinstance(error, APIConnectionError):
        return not error.request_sent
    return isinstance(error, APIError) and error.status_code == 429


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


@attrs.define
class CallBudget:
    """The failed requests one call may send: a token bucket that each failed request spends and time refills.

    For a call that fans out (a wait of many runs reads each finished one; a batch starts many inputs at once), the
    backoff of :func:`retry_delay` bounds how often it tries, not how many requests each try sends: 50 failed reads
    a try is still a storm. The bucket bounds that: it holds ``capacity`` failures and refills at
    ``refill_per_second``; when failures have drawn it below zero, the next try waits (:meth:`pause`) until time has
    paid the debt back. So a call of ``T`` seconds sends at most ``capacity + refill_per_second * T`` failed requests
    plus one try's fan-out, whatever the server answers. Successes cost nothing: an honest server never meets it.
    :meth:`for_fan_out` sizes the burst so that one failed try of the whole fan-out is forgiven (a server's hiccup
    while many runs end at once), not two. Pure: the caller passes the time (its clock's monotonic seconds).

    Attributes:
        capacity: Failed requests allowed in a burst.
        refill_per_second: Failed requests allowed per second after the burst.
        tokens: What is left; below zero, a debt.
        updated_at: When ``tokens`` was last brought up to date; ``None`` before the first failure.
    """

    capacity: float = 20.0
    refill_per_second: float = 4.0
    tokens: float = attrs.field(default=math.nan)
    updated_at: float | None = None

    def __attrs_post_init__(self) -> None:
        if math.isnan(self.tokens):
            self.tokens = self.capacity

    @classmethod
    def for_fan_out(cls, requests: int) -> CallBudget:
        """The budget of a call whose one try may send up to ``requests`` requests: 20 more failures than that in a
        burst, then 4 a second."""
        return cls(capacity=20.0 + max(requests, 0))

    def _refill(self, now: float) -> None:
        if self.updated_at is not None:
            self.tokens = min(self.capacity, self.tokens + max(0.0, now - self.updated_at) * self.refill_per_second)
        self.updated_at = now

    def spend(self, failures: int, now: float) -> None:
        """Take ``failures`` tokens (the failed requests of one try); the bucket may go into debt."""
        self._refill(now)
        self.tokens -= failures

    def pause(self, now: float) -> float:
        """Seconds until the debt is paid back (0 when there is none): the least wait before the next try."""
        self._refill(now)
        return max(0.0, -self.tokens) / self.refill_per_second


@attrs.frozen
class CallSpec:
    """What the retry decisions need to know about one API call.

    Attributes:
        method: The HTTP method.
        creates: Whether the request creates a run (a start or rerun): sent again only after a failure that proves
            it made nothing, or after a lookup found no run it made.
        idempotent: Whether the operation is idempotent by contract; ``None`` decides by method.
        max_retries: Retries this call may make; ``None`` uses the client's setting. 0 for a body that cannot be
            sent twice (a file stream that cannot be rewound), and for the reads of a wait, which waits out
            transient errors itself.
        gone_means_done: For a delete: a 404 after an attempt that got no answer means that attempt deleted it.
    """

    method: str
    creates: bool = False
    idempotent: bool | None = None
    max_retries: int | None = None
    gone_means_done: bool = False

    @property
    def repeatable(self) -> bool:
        """Whether sending the request twice is safe."""
        return _repeatable(self.method, self.creates, self.idempotent)


class Verdict(enum.Enum):
    """What the caller does after a failed attempt."""

    RETRY = "retry"
    """Wait ``Decision.delay`` seconds, then try again."""
    RAISE = "raise"
    """Stop: raise the error."""
    LOOK_FIRST = "look_first"
    """Wait ``Decision.delay`` seconds, look for what the failed attempt of a create may have made, and send it
    again only when the lookup proves it made nothing."""
    DONE = "done"
    """Stop: the call had its effect after all (a delete whose lost answer had deleted the run)."""
    OUT_OF_TIME = "out_of_time"
    """Stop: the wait before the next try would end at or after the deadline."""


@attrs.frozen
class Decision:
    """A verdict, with the seconds to wait before a retry (or that a retry would have needed)."""

    verdict: Verdict
    delay: float = 0.0


UNTIL_DEADLINE: None = None
"""``RetryTracker.max_retries`` for a call that retries transient errors until its deadline rather than a count."""


@attrs.define
class RetryTracker:
    """The retry state of one call: counts attempts and remembers whether an attempt got no answer.

    The caller reports each failed attempt to :meth:`after_failure` with the time left, acts on the decision, and
    reports successes to :meth:`after_success`.

    Attributes:
        spec: The call's retry facts.
        max_retries: Retries allowed, or :data:`UNTIL_DEADLINE` to retry transient errors until the deadline.
        budget: The client-wide budget retries draw on; ``None`` for calls that retry until their deadline (their
            backoff already keeps them from storming).
        rand: The source of jitter.
        can_look: For a create: whether the caller can look for what a lost attempt made (else such an attempt is
            not retried).
        attempts: Failed attempts since the last success.
        lost_response: Whether an attempt got no answer at all (it may have had its effect).
    """

    spec: CallSpec
    max_retries: int | None
    budget: RetryBudget | None = None
    rand: Callable[[], float] = draw
    can_look: bool = False
    attempts: int = 0
    lost_response: bool = False

    def after_failure(self, error: EigenpalError, time_left: float = math.inf) -> Decision:
        """Decide what to do after an attempt failed with ``error``, with ``time_left`` seconds until the deadline."""
        self.attempts += 1
        if self.spec.gone_means_done and self.lost_response and isinstance(error, NotFoundError):
            return Decision(Verdict.DONE)
        if isinstance(error, APIConnectionError):
            self.lost_response = True
        if not (self.spec.repeatable and is_transient(error)):
            return Decision(Verdict.RAISE)
        look = self.spec.creates and not made_nothing(error)
        if look and not self.can_look:
            return Decision(Verdict.RAISE)
        limit = self.spec.max_retries if self.spec.max_retries is not None else self.max_retries
        if limit is not None and self.attempts > limit:
            return Decision(Verdict.RAISE)
        delay = retry_delay(error, self.attempts - 1, self.rand())
        if delay >= time_left:
            return Decision(Verdict.OUT_OF_TIME, delay)
        if self.budget is not None and not self.budget.acquire(error):
            return Decision(Verdict.RAISE)
        return Decision(Verdict.LOOK_FIRST if look else Verdict.RETRY, delay)

    def after_success(self) -> None:
        """An attempt succeeded: refill the budget, and start the backoff afresh for the next failure."""
        if self.budget is not None:
            self.budget.refund()
        self.attempts = 0
