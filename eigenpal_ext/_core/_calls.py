"""One API call as the request loops see it, pure: the :class:`Plan` they send, the request extensions and headers
the hooks read, and how a call ends when it cannot go on (out of time, a lost start that cannot be proven).

The loops themselves are ``_async/_requester.py`` and its sync twin, on the policy of
:class:`~eigenpal_ext._transport._loop_policy.RequesterBase`; whether and when to try again is :mod:`._retry`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import attrs

from ._deadline import Deadline
from ._errors import APITimeoutError, EigenpalError
from ._retry import CallSpec
from ._wait_rules import hold_within

__all__ = [
    "HOLD_PARAM",
    "MAX_BYTES_EXTENSION",
    "RETRY_COUNT_HEADER",
    "GoneAfterLostResponse",
    "OutOfTime",
    "Plan",
    "StartNotProven",
    "overran",
    "plain_out_of_time",
    "raise_from",
    "unproven",
]

HOLD_PARAM = "wait_for_completion"
"""The query parameter of a held request: how many seconds the server may hold the answer."""
RETRY_COUNT_HEADER = "X-Eigenpal-Retry-Count"
"""Sent on retries only: how many attempts of the same call came before (1 on the first retry)."""
MAX_BYTES_EXTENSION = "eigenpal_ext.max_bytes"
"""A request extension: the size limit the response hook applies to this request's answer (None: the caller
applies its own, as a download does)."""


@attrs.frozen
class Plan:
    """One API call, ready to send: the generated function's keyword arguments and what the retry rules need.

    Attributes:
        kwargs: Keyword arguments for the generated ``sync_detailed`` / ``asyncio_detailed`` (without ``client``).
        spec: The call's retry facts.
        hold: For a held request: the longest hold to ask for. Each attempt asks for this or the whole seconds
            left before the deadline, whichever is less, so no hold outlasts the call.
        headers: Headers the call needs on every attempt (a start's idempotency key and provenance); they win
            over the caller's extra headers of the same name.
    """

    kwargs: dict[str, Any]
    spec: CallSpec
    hold: int | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)

    def arguments(self, time_left: float) -> dict[str, Any]:
        """The keyword arguments of one attempt with ``time_left`` seconds until the deadline."""
        if self.hold is None:
            return self.kwargs
        return {**self.kwargs, HOLD_PARAM: hold_within(time_left, self.hold)}


OutOfTime = Callable[[EigenpalError, float], EigenpalError]
"""Makes the error a call raises when its deadline leaves no time for another try: from the last error and the
seconds the retry would have needed to wait."""


def plain_out_of_time(error: EigenpalError, _delay: float) -> EigenpalError:
    """A plain call that ran out of time raises its last error, with a note of why it was not retried."""
    error.add_note("not retried: the call's timeout leaves no time for another try")
    return error


class GoneAfterLostResponse(Exception):
    """A delete answered 404 after an earlier attempt of the same call got no answer: that attempt deleted it."""


def raise_from(error: EigenpalError, cause: BaseException | None) -> NoReturn:
    """Raise ``error``, chained to ``cause`` when there is one (the httpx error it was translated from)."""
    if cause is None:
        raise error
    raise error from cause


_LATE_SLACK = 0.25
"""How long after its deadline an attempt may still return its answer: the network ends by the deadline, and
reading a normal answer takes milliseconds; this keeps the last read of a wait, which may end right at the deadline,
from being thrown away."""


def overran(spec: CallSpec, deadline: Deadline) -> APITimeoutError | None:
    """The error for an attempt that came back with its answer after the call's deadline (a body that took long to
    decode and parse), or ``None`` when it is in time.

    A start is never refused for being late: its run exists, and dropping the answer would lose it.
    """
    if spec.creates or deadline.left() >= -_LATE_SLACK:
        return None
    return APITimeoutError(
        f"the call's deadline passed while the answer was being read ({-deadline.left():.1f}s late)",
        method=spec.method,
    )


class StartNotProven(Exception):
    """Raised by a create's lookup when the server's answer cannot say whether a lost attempt made a run (it keeps
    no tags, or ignores the filter): the create is not sent again."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def unproven(error: EigenpalError | None, cause: BaseException | None, why: StartNotProven) -> NoReturn:
    """Raise the error of a create's lost attempt that a lookup could not clear, saying why it is not sent again
    (with no attempt yet, when an earlier call's might have made the run: an error saying so)."""
    if error is None:
        raise EigenpalError(f"not sent: an earlier start with this key may have made the run, and {why.reason}")
    error.add_note(f"not sent again: {why.reason}")
    raise_from(error, cause)
