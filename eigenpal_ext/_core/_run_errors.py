"""The errors about a run's outcome: a wait that ran out of time, a run that ended failed, an output that does not fit
the type asked for. They are part of the one tree drawn in :mod:`._errors`, and imported from there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ._errors import EigenpalError
from ._redact import redact

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run

__all__ = ["EigenpalTimeoutError", "OutputValidationError", "RunFailedError"]


class EigenpalTimeoutError(EigenpalError, TimeoutError):
    """A call ran out of time before the run finished. The run goes on unless the wait was told to cancel it.

    When transient errors filled the time (the server down, or a ``Retry-After`` longer than the time left), the
    last of them is the ``__cause__``.

    Attributes:
        run_id: The run that was being waited for; ``None`` when a start never got an answer in time (then
            ``idempotency_key`` resumes it).
        last_run: The last state of the run that was seen, if any.
        waited_seconds: How long the whole call lasted, the start included.
        cancelled: Whether the wait asked the server to cancel the run (``cancel_on_timeout=True``).
    """

    run_id: str | None
    last_run: Run | None
    waited_seconds: float
    cancelled: bool

    def __init__(
        self,
        run_id: str | None,
        *,
        last_run: Run | None,
        waited_seconds: float,
        cancelled: bool = False,
        reason: str | None = None,
    ) -> None:
        self.run_id = run_id
        self.last_run = last_run
        self.waited_seconds = waited_seconds
        self.cancelled = cancelled
        if run_id is None:
            text = f"the run was not started within {waited_seconds:.1f}s"
        else:
            status = last_run.execution.status if last_run is not None else "not seen"
            shown = getattr(status, "value", status)
            action = "cancel requested" if cancelled else "the run goes on"
            text = f"run {run_id} not finished after {waited_seconds:.1f}s (last status: {shown}); {action}"
        super().__init__(f"{text}: {reason}" if reason else text)


class RunFailedError(EigenpalError):
    """A run ended failed, cancelled or rejected, and the caller asked for an error (``raise_on_failure=True``).

    Attributes:
        run: The run as it ended.
    """

    run: Run
    run_id: str
    status: str

    def __init__(self, run: Run) -> None:
        self.run = run
        self.run_id = run.id
        self.status = str(run.execution.status)
        reason = run.error if run.error is not None else "no reason given"
        super().__init__(f"run {run.id} ended {self.status}: {reason}")


class OutputValidationError(EigenpalError, TypeError):
    """A run's output does not fit the type the caller asked for.

    Attributes:
        run_id: The run whose output it is.
        output_type: The type that was asked for.
        problems: One line per field that does not fit, naming the field (``$.totalAmount: expected float``).
    """

    run_id: str
    output_type: type
    problems: tuple[str, ...]

    def __init__(self, run_id: str, output_type: type, problems: Sequence[str]) -> None:
        self.run_id = run_id
        self.output_type = output_type
        self.problems = tuple(redact(problem) for problem in problems)
        name = getattr(output_type, "__qualname__", repr(output_type))
        super().__init__(f"output of run {run_id} does not fit {name}: " + "; ".join(self.problems))
