"""``runs.cancel_many`` without a bulk route, pure: which statuses to list, and the counts of what the cancels did.

The real API has no ``POST /runs/cancel`` (REAL-API.md). ``cancel_many`` lists the unfinished runs that match its
filters and cancels each one; these are the decisions around that loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
from eigenpal_api.models.run_cancel_response import RunCancelResponse

from ._status import NON_TERMINAL_STATUSES
from ._validation import check_statuses

__all__ = ["CANCEL_CONCURRENCY", "CancelManyResult", "cancellable_statuses", "tally"]

CANCEL_CONCURRENCY = 8
"""How many cancels ``cancel_many`` has in flight at once."""


@attrs.frozen
class CancelManyResult:
    """What ``runs.cancel_many`` did.

    Attributes:
        matched: How many unfinished runs matched the filters and were cancelled or asked to stop
            (``cancelled + requested``).
        cancelled: How many were cancelled at once (they had not started).
        requested: How many were running and were asked to stop at their next checkpoint.
    """

    matched: int
    cancelled: int
    requested: int


def cancellable_statuses(status: str | Sequence[str] | None) -> str | None:
    """The ``status`` list filter of the runs to cancel: the caller's statuses that are not terminal, or every
    status that is not; ``None`` when the caller named only terminal ones (nothing to cancel).

    Raises:
        InvalidArgumentError: An unknown status.
    """
    asked = check_statuses(status)
    kept = sorted(NON_TERMINAL_STATUSES, key=lambda member: member.value) if asked is None else asked
    unfinished = [member.value for member in kept if member in NON_TERMINAL_STATUSES]
    return ",".join(unfinished) or None


def tally(answers: Iterable[RunCancelResponse | Exception]) -> CancelManyResult:
    """The counts of a set of cancels' answers.

    Raises:
        Exception: The first cancel's error, once every answer is counted (a run that ended first is simply not
            counted: its state is ``already_terminal``).
    """
    cancelled = requested = 0
    errors: list[Exception] = []
    for answer in answers:
        if isinstance(answer, Exception):
            errors.append(answer)
        elif answer.cancellation.state == "cancelled":
            cancelled += 1
        elif answer.cancellation.state == "requested":
            requested += 1
    if errors:
        raise errors[0]
    return CancelManyResult(matched=cancelled + requested, cancelled=cancelled, requested=requested)
