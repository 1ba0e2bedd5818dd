"""Run statuses and the predicates over them.

A status string the client does not know yet is kept as text by the generated models and counts as
non-terminal everywhere here, so a wait on a run in a new status goes on until its deadline instead of
ending early.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeGuard, TypeVar, overload

from eigenpal_api.models.execution_status import ExecutionStatus as RunStatus
from eigenpal_api.models.run_accepted import RunAccepted  # loaded with ExecutionStatus: the package loads them all

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

_Ran = TypeVar("_Ran", bound=_HasExecution)
"""A run the server described in full (``Run``, ``TypedRun``, a list item): not a ``RunAccepted``."""


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


# Each predicate takes what `client.run` and `runs.start` answer, `Run | RunAccepted`, and narrows it: a run it says
# yes of is the `Run` (a RunAccepted has no status, is never terminal, and each predicate says no of it).
@overload
def is_terminal(subject: _Ran | RunAccepted) -> TypeGuard[_Ran]: ...
@overload
def is_terminal(subject: StatusLike) -> bool: ...
def is_terminal(subject: StatusLike | RunAccepted) -> bool:
    """Whether a run (or a status) is terminal: ``completed``, ``failed``, ``cancelled`` or ``rejected``.

    An unknown status is not terminal, nor is a :class:`~eigenpal_ext.RunAccepted` (a run that had not ended when
    its start answered). Given what ``client.run`` returns, a ``True`` narrows it to the ``Run`` for type checkers.
    """
    return not isinstance(subject, RunAccepted) and status_of(subject) in TERMINAL_STATUSES


@overload
def is_success(subject: _Ran | RunAccepted) -> TypeGuard[_Ran]: ...
@overload
def is_success(subject: StatusLike) -> bool: ...
def is_success(subject: StatusLike | RunAccepted) -> bool:
    """Whether a run (or a status) ended ``completed``.

    A :class:`~eigenpal_ext.RunAccepted` (a run that had not ended when its start answered) is not. Given what
    ``client.run`` returns, a ``True`` narrows it to the ``Run`` for type checkers: ``if is_success(done):
    print(done.output)``.
    """
    return not isinstance(subject, RunAccepted) and status_of(subject) == RunStatus.COMPLETED


@overload
def is_failure(subject: _Ran | RunAccepted) -> TypeGuard[_Ran]: ...
@overload
def is_failure(subject: StatusLike) -> bool: ...
def is_failure(subject: StatusLike | RunAccepted) -> bool:
    """Whether a run (or a status) ended ``failed``, ``cancelled`` or ``rejected``.

    A :class:`~eigenpal_ext.RunAccepted` (a run that had not ended when its start answered) did not. Given what
    ``client.run`` returns, a ``True`` narrows it to the ``Run`` for type checkers.
    """
    return not isinstance(subject, RunAccepted) and status_of(subject) in FAILURE_STATUSES


def human_review_of(run: Run | RunListItem | RunAccepted) -> RunHumanReviewSummary | None:
    """The human review a run is waiting on: ``execution.human_review`` while the run is ``waiting``, else None.

    A :class:`~eigenpal_ext.RunAccepted` has none to say (None): read the run (``runs.get``) to know.

    A run waits on a person when it is ``waiting`` and its execution names a pending human review task
    (``taskId``, ``requiredCount``, ``confirmedCount`` ...). A ``waiting`` run without one waits on something else
    (None here). A review that does not fit the API document (kept as received) is None too: nothing can be read
    from it with certainty.
    """
    from eigenpal_api.models.run_human_review_summary import RunHumanReviewSummary  # here: loaded at first use

    if isinstance(run, RunAccepted) or status_of(run) != RunStatus.WAITING:
        return None
    review = getattr(run.execution, "human_review", None)  # an execution kept as received has no attribute
    return review if isinstance(review, RunHumanReviewSummary) else None
