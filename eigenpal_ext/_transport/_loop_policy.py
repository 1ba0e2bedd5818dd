"""The policy of the request loops (``_async/_requester.py`` and its generated sync twin), which only send, sleep
and repeat: each attempt inside the call's :class:`~eigenpal_ext._core._deadline.Deadline` (enforced on every byte
by :mod:`._network`), the retry rules of :mod:`eigenpal_ext._core._retry` with the client's retry count and budget,
and what a call raises when it gives up.
"""

from __future__ import annotations

import logging

import attrs
from eigenpal_api.client import AuthenticatedClient

from eigenpal_ext._core._calls import GoneAfterLostResponse, OutOfTime, raise_from
from eigenpal_ext._core._clock import Clock
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import EigenpalError
from eigenpal_ext._core._options import DEFAULT_MULTIPART_MAX_BYTES, NO_OPTIONS, NotGiven, RequestOptions
from eigenpal_ext._core._retry import CallSpec, Decision, RetryBudget, RetryTracker, Verdict, is_transient

__all__ = ["RequesterBase"]

_log = logging.getLogger("eigenpal_ext.retry")


@attrs.define
class RequesterBase:
    """What the sync and async request loops share: the generated client, the retry policy, the clock and the
    default deadline of a plain call. The loops themselves are ``_async/_requester.py`` and its sync twin.

    Attributes:
        api: The generated client (its own repr would show the API key).
        clock: What deadlines and sleeps run on.
        max_retries: Retries of a plain call.
        call_timeout: Seconds a plain call may take in all, retries included; ``None`` for no bound.
        budget: The client-wide retry budget.
        defaults: The per-call options of every call (``with_options``).
        correlation_tags: Whether starts carry a correlation tag, so that a lost one can be found
            (:mod:`eigenpal_ext._core._correlation`).
        multipart_max_bytes: The largest start request sent with its files inside; larger file inputs are uploaded
            first (:mod:`eigenpal_ext._core._uploads`); ``None`` keeps every file in the request.
        trigger: The provenance starts and reruns declare in ``X-Eigenpal-Trigger``: ``api``, or ``cli`` for the
            command line's client.
    """

    api: AuthenticatedClient = attrs.field(repr=False)
    clock: Clock
    max_retries: int
    call_timeout: float | None = None
    budget: RetryBudget = attrs.field(factory=RetryBudget)
    defaults: RequestOptions = NO_OPTIONS
    correlation_tags: bool = True
    multipart_max_bytes: int | None = DEFAULT_MULTIPART_MAX_BYTES
    trigger: str = "api"

    def options(self, options: RequestOptions | None) -> RequestOptions:
        """A call's options on top of the client's defaults (``with_options``)."""
        return (options or NO_OPTIONS).over(self.defaults)

    def deadline_in(self, timeout: float | NotGiven | None) -> Deadline:
        """The deadline of a call given its own ``timeout`` (seconds, ``None`` for none, or not given: the
        client's)."""
        if isinstance(timeout, NotGiven):
            return Deadline.after(self.clock, self.call_timeout)
        return Deadline.after(self.clock, timeout)

    def tracker(self, spec: CallSpec, *, persist: bool, can_look: bool = False) -> RetryTracker:
        """The retry state of one call; ``persist`` retries transient errors until the deadline; ``can_look``: the
        call (a create) can look for what a lost attempt made."""
        if persist:
            return RetryTracker(spec=spec, max_retries=None, can_look=can_look)
        return RetryTracker(spec=spec, max_retries=self.max_retries, budget=self.budget, can_look=can_look)

    def decide(
        self,
        tracker: RetryTracker,
        deadline: Deadline,
        error: EigenpalError,
        cause: BaseException | None,
        out_of_time: OutOfTime,
    ) -> Decision:
        """Record a failed attempt; return the decision to try again (``RETRY`` or ``LOOK_FIRST``, with the delay
        before it), or raise."""
        decision = tracker.after_failure(error, deadline.left())
        if decision.verdict is Verdict.DONE:
            raise GoneAfterLostResponse from error
        if decision.verdict is Verdict.OUT_OF_TIME:
            final = out_of_time(error, decision.delay)
            if final is error:
                raise_from(error, cause)
            raise final from error
        if decision.verdict is Verdict.RAISE:
            _log.debug("not retrying %s after %s (attempt %d)", tracker.spec.method, error, tracker.attempts)
            if tracker.spec.creates and is_transient(error) and not tracker.can_look:
                error.add_note("not sent again: it may have made a run, and this client cannot look for it")
            raise_from(error, cause)
        _log.info("retrying %s after %s (attempt %d) in %.2fs", tracker.spec.method, error, tracker.attempts,
                  decision.delay)  # fmt: skip
        return decision

    def decide_after_lookup(
        self,
        tracker: RetryTracker,
        deadline: Deadline,
        error: EigenpalError,
        cause: BaseException | None,
        lookup_error: EigenpalError,
        out_of_time: OutOfTime,
    ) -> Decision:
        """After a create's lookup failed with ``lookup_error``: look again after a backoff while it is transient and
        time allows; else raise the create's own ``error``, saying why its run could not be looked for."""
        decision = tracker.after_failure(lookup_error, deadline.left())
        if decision.verdict in (Verdict.RETRY, Verdict.LOOK_FIRST):
            return Decision(Verdict.LOOK_FIRST, decision.delay)
        error.add_note(f"not sent again: looking for the run it may have made failed ({lookup_error})")
        if decision.verdict is Verdict.OUT_OF_TIME:
            final = out_of_time(error, decision.delay)
            if final is not error:
                raise final from error
        if cause is None:
            raise error
        raise error from cause
