"""The runs a flow is watching, and the one look at them that a wait for many runs and a batch on list ticks share.

A look costs one list request (``ids=...``) per :data:`LIST_CHUNK_SIZE` runs; a run the list shows finished (or
leaves out) is then read in full once, since list items carry no output or files. What the answers say goes into an
:class:`InFlight`, pure bookkeeping. The checks of a read's answer (:func:`observed`) and the pause after a failure
(:func:`pause_after`) are here too: every flow uses these, and only these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

import attrs

from eigenpal_ext._core._answers import about_another_run
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import EigenpalError, EigenpalTimeoutError
from eigenpal_ext._core._retry import UNTIL_DEADLINE, CallBudget, CallSpec, RetryTracker, Verdict, draw, is_transient
from eigenpal_ext._core._wait_rules import WaitSettings, stops_wait

from ._steps import Flow, Observation, Read, ReadEach, ReadMany

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_list_item import RunListItem

__all__ = [
    "LIST_CHUNK_SIZE",
    "InFlight",
    "Look",
    "look",
    "observed",
    "pause_after",
    "read",
    "timed_out",
    "tracker",
]

LIST_CHUNK_SIZE = 100
"""The most ids one list request may name."""


def observed(run_id: str, observation: Observation) -> Observation:
    """``observation``, once it is known to be about ``run_id``.

    Raises:
        APIResponseValidationError: It is about another run (a cache or a proxy mixing answers up); not transient.
    """
    if observation.run.id != run_id:
        raise about_another_run(run_id, observation.run.id)
    return observation


def read(run_id: str, expand: tuple[str, ...], deadline: Deadline) -> Flow[Observation]:
    """Read one run once; a deadline of no time at all still reads once, bounded like a plain call."""
    bound = deadline if deadline.seconds > 0 else None
    return observed(run_id, cast("Observation", (yield Read(run_id, expand, bound))))


_READ = CallSpec("GET")


def tracker(spec: CallSpec = _READ) -> RetryTracker:
    """The retry state of one kind of request of a flow: transient errors are waited out until the deadline. A start
    (``spec.creates``) may have made its run: the flow looks for it (``StartEach.may_exist``) before sending again."""
    return RetryTracker(spec=spec, max_retries=UNTIL_DEADLINE, rand=draw, can_look=spec.creates)


def pause_after(
    tracker: RetryTracker, error: Exception, deadline: Deadline, budget: CallBudget | None = None
) -> float | None:
    """The pause before trying again after a failure: the backoff (or the server's ``Retry-After``), longer while a
    fan-out's failures are in debt (``budget``); ``None`` when the deadline leaves no time for another try.

    Raises:
        Exception: ``error`` itself when it is not transient (it says something about the run or the request).
    """
    if not isinstance(error, EigenpalError) or not is_transient(error):
        raise error
    decision = tracker.after_failure(error, deadline.left())
    if decision.verdict not in (Verdict.RETRY, Verdict.LOOK_FIRST):
        return None
    pause = decision.delay if budget is None else max(decision.delay, budget.pause(deadline.clock.monotonic()))
    return pause if pause < deadline.left() else None


def timed_out(
    run_id: str | None,
    last_run: Run | None,
    deadline: Deadline,
    *,
    cancelled: bool = False,
    cause: Exception | None = None,
) -> EigenpalTimeoutError:
    """The error of a run (or an input never started: ``run_id`` ``None``) that the deadline left unfinished."""
    reason = None if cause is None else f"gave up after {cause}"
    error = EigenpalTimeoutError(
        run_id, last_run=last_run, waited_seconds=deadline.elapsed(), cancelled=cancelled, reason=reason
    )
    if cause is not None:
        error.__cause__ = cause  # as ``raise error from cause`` would
    return error


@attrs.define
class InFlight:
    """The runs a flow watches, each with its place (its index among the runs asked for, or its batch slot), until
    each is finished. Pure bookkeeping; :func:`look` feeds it what the server said.

    A run is finished when it ends the wait (:func:`~.._wait_rules.stops_wait`: terminal, or waiting on a person
    when the wait stops there).
    """

    settings: WaitSettings
    place: dict[str, int] = attrs.field(factory=dict)  # run id -> its place, for every run not finished
    pending: dict[str, None] = attrs.field(factory=dict)  # an ordered set: runs not known to be finished
    to_fetch: dict[str, None] = attrs.field(factory=dict)  # listed finished (or not listed): read them in full
    last_runs: dict[str, Run] = attrs.field(factory=dict)  # the last full read of each run not finished

    def add(self, run_id: str, place: int) -> None:
        """Watch a run."""
        self.place[run_id] = place
        self.pending[run_id] = None

    def chunks(self) -> tuple[tuple[str, ...], ...]:
        """The ids of the runs not known to be finished, a list request's worth each."""
        ids = list(self.pending)
        return tuple(tuple(ids[i : i + LIST_CHUNK_SIZE]) for i in range(0, len(ids), LIST_CHUNK_SIZE))

    def note_items(self, items: Sequence[RunListItem]) -> None:
        """Take in a list answer: the runs it shows finished, and those it left out, are to be read in full."""
        listed = {item.id: item for item in items}
        for run_id in list(self.pending):
            item = listed.get(run_id)
            if item is None or stops_wait(item, self.settings):
                del self.pending[run_id]
                self.to_fetch[run_id] = None

    def note_run(self, run_id: str, run: Run) -> int | None:
        """Take in a full read; the run's place when it is finished (and so no longer watched), else ``None``."""
        self.to_fetch.pop(run_id, None)
        if not stops_wait(run, self.settings):
            self.last_runs[run_id] = run
            self.pending[run_id] = None
            return None
        self.pending.pop(run_id, None)
        self.last_runs.pop(run_id, None)
        return self.place.pop(run_id)


@attrs.frozen
class Look:
    """What came of a look: how many of its requests failed, and the first error (``None`` when none failed).

    A failed list request counts as all the list's requests failed (the driver raises only the first); a full read
    that failed for a transient reason leaves its run to be read at the next look.
    """

    failed: int = 0
    error: Exception | None = None


def look(
    in_flight: InFlight, deadline: Deadline, finished: Callable[[int, Run], Flow[None]], *, listing: bool = True
) -> Flow[Look]:
    """Look at the runs in flight once: list them, read in full each the list shows finished, and hand each that
    is to ``finished`` (with its place), in the order asked. Without ``listing``, only the runs already known to be
    read in full are (those a terminal event named).

    Raises:
        Exception: A full read's error that is not transient, at once.
    """
    if listing and in_flight.pending:
        chunks = in_flight.chunks()
        try:
            in_flight.note_items(cast("list[RunListItem]", (yield ReadMany(chunks, deadline))))
        except Exception as exc:
            return Look(len(chunks), exc)
    if not in_flight.to_fetch:
        return Look()
    fetching = tuple(in_flight.to_fetch)
    answers = cast("list[Observation | Exception]", (yield ReadEach(fetching, in_flight.settings.expand, deadline)))
    failed = 0
    first: Exception | None = None
    for run_id, answer in zip(fetching, answers, strict=True):
        if isinstance(answer, Exception):
            if not is_transient(answer):
                raise answer
            first = first or answer
            failed += 1
            continue
        run = observed(run_id, answer).run
        place = in_flight.note_run(run_id, run)
        if place is not None:
            yield from finished(place, run)
    return Look(failed, first)
