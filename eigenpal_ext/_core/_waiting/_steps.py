"""What a waiting flow asks its driver to do, and how a driver walks a flow.

A flow is a generator: it yields an action (read this run, list these ids, start these inputs, sleep so long ...)
and is sent back what came of it, or has the error thrown into it (:class:`Failed`). It yields too what the caller
is to be shown: a new state of a run (:class:`Emit`) or an input's outcome (:class:`Settled`). A flow does no I/O and
never sleeps. (httpx drives one ``auth_flow`` generator from its sync and async clients the same way.)
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar, cast

import attrs

from eigenpal_ext._core._deadline import Deadline

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run

    from eigenpal_ext._core._errors import EigenpalError

__all__ = [
    "IO",
    "Action",
    "Cancel",
    "CancelEach",
    "Emit",
    "Failed",
    "Flow",
    "Observation",
    "Read",
    "ReadEach",
    "ReadMany",
    "Settled",
    "Sleep",
    "SleepOrEvent",
    "StartEach",
    "Steps",
]


@attrs.frozen
class Observation:
    """One answer to a read of a run.

    Attributes:
        run: The run as the server sent it.
        poll_after_seconds: The server's hint for when to read again (``X-Poll-After-Ms``), or None without one.
    """

    run: Run
    poll_after_seconds: float | None = None


@attrs.frozen
class Read:
    """Read one run once, within the deadline; answers an :class:`Observation`.

    ``deadline`` is ``None`` for the one read of a wait given no time at all (``timeout_seconds=0``: look once),
    which is bounded like a plain call.
    """

    run_id: str
    expand: tuple[str, ...]
    deadline: Deadline | None


@attrs.frozen
class ReadMany:
    """List runs by id, one request per chunk, within the deadline; answers all the list items."""

    chunks: tuple[tuple[str, ...], ...]
    deadline: Deadline


@attrs.frozen
class ReadEach:
    """Read each of these runs; answers an :class:`Observation` or the error, per run, in order."""

    run_ids: tuple[str, ...]
    expand: tuple[str, ...]
    deadline: Deadline


@attrs.frozen
class Cancel:
    """Ask the server to cancel a run, within the deadline."""

    run_id: str
    deadline: Deadline


@attrs.frozen
class CancelEach:
    """Ask the server to cancel these runs (best effort, within the deadline); answers the ids it could not ask for."""

    run_ids: tuple[str, ...]
    deadline: Deadline


@attrs.frozen
class StartEach:
    """Start the inputs in these slots without a hold, each once with the client's usual retries and no later than
    the deadline; answers, per slot in order, the run (``Run`` or ``RunAccepted``) or the error. The slots in
    ``may_exist`` were sent before and may have made their run: each looks for it first."""

    slots: tuple[int, ...]
    deadline: Deadline
    may_exist: frozenset[int] = frozenset()


@attrs.frozen
class Sleep:
    """Pause."""

    seconds: float


@attrs.frozen
class SleepOrEvent:
    """Pause until ``seconds`` pass or a terminal event for one of ``run_ids`` arrives; answers the ids that have
    one (empty when the time ran out). A driver without an event source just sleeps."""

    seconds: float
    run_ids: tuple[str, ...]


@attrs.frozen
class Emit:
    """Show the caller a new state of a run (on_update, or the next item of an iterator)."""

    run: Run


@attrs.frozen
class Settled:
    """The input in ``slot`` of a batch has its outcome (its run as it ended, or the error): hand it on."""

    slot: int
    outcome: Run | EigenpalError


@attrs.frozen
class Failed:
    """An action that raised; the flow gets the error thrown in where it asked."""

    error: Exception


IO: TypeAlias = Read | ReadMany | ReadEach | Cancel | CancelEach | StartEach | Sleep | SleepOrEvent
"""The actions a driver performs."""
Action: TypeAlias = IO | Emit | Settled
_R = TypeVar("_R")
Flow: TypeAlias = Generator[Action, object, _R]


class Steps(Generic[_R]):
    """Walks a flow for a driver, the one piece of stepping logic every driver shares.

    Iterating yields each action the flow asks for: the driver performs the I/O ones and sets ``answer`` (a
    :class:`Failed` for an error), and hands on each :class:`Emit` and :class:`Settled`. At the end ``result`` holds
    what the flow came to.
    """

    def __init__(self, flow: Flow[_R]) -> None:
        self._flow = flow
        self._done: tuple[_R] | None = None
        self.answer: object = None

    def __iter__(self) -> Iterator[Action]:
        try:
            while True:
                answer, self.answer = self.answer, None
                try:
                    action = self._flow.throw(answer.error) if isinstance(answer, Failed) else self._flow.send(answer)
                except StopIteration as stop:
                    self._done = (cast("_R", stop.value),)
                    return
                yield action
        finally:
            self._flow.close()  # also when the caller leaves early

    @property
    def result(self) -> _R:
        """What the flow came to."""
        assert self._done is not None, "the flow has not finished"
        return self._done[0]
