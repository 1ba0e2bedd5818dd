"""Run statuses and the predicates over them.

A status string the client does not know yet is kept as text by the generated models and counts as
non-terminal everywhere here, so a wait on a run in a new status goes on until its deadline instead of
ending early.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from eigenpal_api.models.execution_status import ExecutionStatus as RunStatus

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_human_review_summary import RunHumanReviewSummary
    from eigenpal_api.models.run_list_item import RunListItem

__all__ = [
    "FAILURE_STATUSES",
    "NON_TERMINAL_STATUSES",
    "TERMINAL_STATUSES",
    "RunStatus",
    "human_review_of",
    "is_failure",
    "is_success",
    "is_terminal",
    "status_of",
]

TERMINAL_STATUSES: frozenset[RunStatus] = frozenset(
    {RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.REJECTED}
)
"""The statuses a run never leaves: ``completed``, ``failed``, ``cancelled``, ``rejected``."""

NON_TERMINAL_STATUSES: frozenset[RunStatus] = frozenset(
    {RunStatus.CREATED, RunStatus.PENDING, RunStatus.RUNNING, RunStatus.WAITING, RunStatus.FINALIZING}
)
"""The statuses of a run still on its way: ``created``, ``pending``, ``running``, ``waiting``, ``finalizing``."""

FAILURE_STATUSES: frozenset[RunStatus] = frozenset({RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.REJECTED})
"""The terminal statuses of a run that did not complete."""


class _HasStatus(Protocol):
    @property
    def status(self) -> RunStatus | str: ...


class _HasExecution(Protocol):
    @property
    def execution(self) -> _HasStatus: ...


StatusLike = RunStatus | str | _HasExecution


def status_of(subject: StatusLike) -> RunStatus | str:
    """The status of a run, list item, cancel result or status string, as a :class:`RunStatus` when known.

    Args:
        subject: A status (``RunStatus`` or text) or anything with ``execution.status``.

    Returns:
        The status as a ``RunStatus`` member, or the text itself when the client does not know it.
    """
    raw = subject if isinstance(subject, str) else subject.execution.status
    if isinstance(raw, RunStatus):
        return raw
    try:
        return RunStatus(raw)
    except ValueError:
        return raw


def is_terminal(subject: StatusLike) -> bool:
    """Whether a run (or a status) is terminal: ``completed``, ``failed``, ``cancelled`` or ``rejected``.

    An unknown status is not terminal.
    """
    return status_of(subject) in TERMINAL_STATUSES


def is_success(subject: StatusLike) -> bool:
    """Whether a run (or a status) ended ``completed``."""
    return status_of(subject) == RunStatus.COMPLETED


def is_failure(subject: StatusLike) -> bool:
    """Whether a run (or a status) ended ``failed``, ``cancelled`` or ``rejected``."""
    return status_of(subject) in FAILURE_STATUSES


def human_review_of(run: Run | RunListItem) -> RunHumanReviewSummary | None:
    """The human review a run is waiting on: ``execution.human_review`` while the run is ``waiting``, else None.

    A run waits on a person when it is ``waiting`` and its execution names a pending human review task
    (``taskId``, ``requiredCount``, ``confirmedCount`` ...). A ``waiting`` run without one waits on something else
    (None here). A review that does not fit the API document (kept as received) is None too: nothing can be read
    from it with certainty.
    """
    from eigenpal_api.models.run_human_review_summary import RunHumanReviewSummary  # here: loaded at first use

    if status_of(run) != RunStatus.WAITING:
        return None
    review = getattr(run.execution, "human_review", None)  # an execution kept as received has no attribute
    return review if isinstance(review, RunHumanReviewSummary) else None
