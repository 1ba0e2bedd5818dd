"""Waiting for runs to finish: one run, a run's successive states, or many runs at once.

Every wait is written once, as a *flow*: a generator that decides what to do next and yields it as an action
(read this run, list these ids, sleep so long, cancel, show this new state) and is sent back what came of it, or
has the error thrown into it. A flow does no I/O and never sleeps; its time arithmetic is :mod:`._wait_rules`
(:func:`poll_interval`, :func:`poll_delay` ...) and :mod:`._retry`, and its
only view of time is the call's :class:`~eigenpal_ext._core._deadline.Deadline` on the injected clock. The drivers,
in ``_async/_waiter.py`` and its generated sync twin, perform the actions against a :class:`RunReader` or an
:class:`AsyncRunReader` and the :class:`~eigenpal_ext._core._clock.Clock`, stepping the flow with :class:`Steps`.
(httpx drives one ``auth_flow`` generator from its sync and async clients the same way.)

How one run is waited for:

* Polls, starting fast. The real API holds only a start or a rerun (``wait_for_completion``), never a read of a
  run, so a wait on an existing run reads it at once, then again after a pause that starts at
  :data:`~._wait_rules.FIRST_POLL_SECONDS` and grows by half each time up to ``poll_interval_seconds``
  (:func:`~._wait_rules.poll_interval`), with ±10 % jitter: a short run is seen ending within a fraction of a
  second, a long one costs a read per interval. A server's ``X-Poll-After-Ms`` hint, if one is sent, may make a
  pause longer, never shorter (the real API documents none; nothing relies on it).
* Each read is sent once; transient errors (no connection, HTTP timeout, 408, 429, 5xx) are waited out here, as
  :mod:`._retry` decides (backoff with jitter, or the server's ``Retry-After`` when it asks for longer: a
  ``Retry-After: 0`` cannot make a busy loop), and never end the wait; any other error ends it at once. Nothing
  below retries on top.
* One deadline rules the wait, made when the public call began (before the start, for ``run_and_wait``): every read
  is bounded by what is left of it, no sleep runs past it, and a ``Retry-After`` longer than what is left
  ends the wait at once. Then the wait raises :class:`EigenpalTimeoutError` with the last state seen and the last
  transient error as its cause, after cancelling the run if asked to (best effort, bounded by
  :data:`CANCEL_SECONDS`).
* An answer about another run than the one asked for is refused (:class:`APIResponseValidationError`).
* A run waiting on a person (``waiting`` with a pending ``execution.human_review``) is waited on like any other,
  each move of its review's counts emitted as a new state; with ``stop_on_human_review`` the wait returns it as it
  is instead (:func:`~._wait_rules.stops_wait`), and a wait for many runs counts it as ended.

Many runs are watched with one list request (``ids=...``) per 100 runs per look; a run the list shows finished
is read in full once (list items have no output or files). Looks come every half second while runs keep
finishing and slow down to ``poll_interval_seconds`` while none do (:func:`next_tick`). A look fans out, so its
failed requests also spend a per-call :class:`~._retry.CallBudget`: a failing server gets at most two failed looks
at every run (one forgiven, one more before the debt shows), 20 failed requests more, and then 4 a second.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Generic, NoReturn, Protocol, TypeAlias, TypeVar, cast

import attrs

from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import (
    APIResponseValidationError,
    EigenpalError,
    EigenpalTimeoutError,
    RunFailedError,
)
from eigenpal_ext._core._retry import UNTIL_DEADLINE, CallBudget, CallSpec, RetryTracker, Verdict, draw, is_transient
from eigenpal_ext._core._status import is_failure, is_terminal
from eigenpal_ext._core._wait_rules import (
    MANY_RUNS_TICK_SECONDS,
    WaitSettings,
    is_new_state,
    jittered,
    next_tick,
    poll_delay,
    poll_interval,
    stops_wait,
)

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_list_item import RunListItem

    from eigenpal_ext._transport._config import RequestOptions

__all__ = [
    "CANCEL_SECONDS",
    "IO",
    "LIST_CHUNK_SIZE",
    "AsyncRunReader",
    "Cancel",
    "Emit",
    "Failed",
    "Flow",
    "Observation",
    "Read",
    "ReadEach",
    "ReadMany",
    "RunReader",
    "Sleep",
    "Steps",
    "many_flow",
    "wait_flow",
]


LIST_CHUNK_SIZE = 100
"""The most ids one list request may name."""

CANCEL_SECONDS = 5.0
"""How long the cancel of ``cancel_on_timeout`` may take, after the deadline that prompted it."""

_DEADLINE_SLACK = 1e-3
"""Time left below this counts as none: a real sleep may wake a hair early, and a read then would be wasted."""


@attrs.frozen
class Observation:
    """One answer to a read of a run.

    Attributes:
        run: The run as the server sent it.
        poll_after_seconds: The server's hint for when to read again (``X-Poll-After-Ms``), or None without one.
    """

    run: Run
    poll_after_seconds: float | None = None


class RunReader(Protocol):
    """Where the sync waits read runs from; the client implements it over its request layer.

    Every method sends its request once (the wait retries) and raises eigenpal_ext errors.
    """

    def read(
        self,
        run_id: str,
        *,
        expand: Sequence[str],
        deadline: Deadline | None,
        options: RequestOptions | None = None,
    ) -> Observation:
        """Read one run (``GET /v1/runs/{id}``), once, within ``deadline``; the real API answers at once.

        Args:
            run_id: The run to read.
            expand: The ``expand`` tokens to send, if any.
            deadline: When the request must be over; ``None`` for the client's per-call timeout.
            options: The call's extra headers and query parameters.
        """
        ...

    def read_many(
        self, run_ids: Sequence[str], *, deadline: Deadline, options: RequestOptions | None = None
    ) -> list[RunListItem]:
        """List up to 100 runs by id in one request (``GET /v1/runs?ids=...``), once; items have no output or
        files."""
        ...

    def cancel(self, run_id: str, *, deadline: Deadline, options: RequestOptions | None = None) -> None:
        """Ask the server to cancel a run (``POST /v1/runs/{id}/cancel``), within ``deadline``."""
        ...


class AsyncRunReader(Protocol):
    """Where the async waits read runs from: :class:`RunReader` with awaitable methods."""

    async def read(
        self,
        run_id: str,
        *,
        expand: Sequence[str],
        deadline: Deadline | None,
        options: RequestOptions | None = None,
    ) -> Observation:
        """Read one run; see :meth:`RunReader.read`."""
        ...

    async def read_many(
        self, run_ids: Sequence[str], *, deadline: Deadline, options: RequestOptions | None = None
    ) -> list[RunListItem]:
        """List up to 100 runs by id in one request; see :meth:`RunReader.read_many`."""
        ...

    async def cancel(self, run_id: str, *, deadline: Deadline, options: RequestOptions | None = None) -> None:
        """Ask the server to cancel a run."""
        ...


def _finished(run: Run, settings: WaitSettings) -> Run:
    if settings.raise_on_failure and is_failure(run):
        raise RunFailedError(run)
    return run


# ---------------------------------------------------------------------------------------------------------------
# Actions: what a flow asks its driver to do
# ---------------------------------------------------------------------------------------------------------------


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
    """Read each of these runs; answers an Observation or the error, per run, in order."""

    run_ids: tuple[str, ...]
    expand: tuple[str, ...]
    deadline: Deadline


@attrs.frozen
class Cancel:
    """Ask the server to cancel a run, within the deadline."""

    run_id: str
    deadline: Deadline


@attrs.frozen
class Sleep:
    """Pause."""

    seconds: float


@attrs.frozen
class Emit:
    """Show the caller a new state of a run (on_update, or the next item of an iterator)."""

    run: Run


IO: TypeAlias = Read | ReadMany | ReadEach | Cancel | Sleep
_Action: TypeAlias = IO | Emit
_R = TypeVar("_R")
Flow: TypeAlias = Generator[_Action, object, _R]


def _read(run_id: str, expand: tuple[str, ...], deadline: Deadline) -> Flow[Observation]:
    bound = deadline if deadline.seconds > 0 else None
    observation = cast("Observation", (yield Read(run_id, expand, bound)))
    _check_id(run_id, observation.run)
    return observation


def _read_many(chunks: tuple[tuple[str, ...], ...], deadline: Deadline) -> Flow[list[RunListItem]]:
    return cast("list[RunListItem]", (yield ReadMany(chunks, deadline)))


def _read_each(
    run_ids: Sequence[str], expand: tuple[str, ...], deadline: Deadline
) -> Flow[list[Observation | Exception]]:
    return cast("list[Observation | Exception]", (yield ReadEach(tuple(run_ids), expand, deadline)))


def _check_id(run_id: str, run: Run) -> None:
    if run.id != run_id:
        raise APIResponseValidationError(f"asked for run {run_id!r}, the server answered with run {run.id!r}")


def _transient_pause(tracker: RetryTracker, error: Exception, deadline: Deadline) -> float | None:
    """The pause before trying again after a transient error; ``None`` when the deadline leaves no time for it.

    Raises:
        Exception: ``error`` itself when it is not transient (it says something about the run or the request).
    """
    if not isinstance(error, EigenpalError) or not is_transient(error):
        raise error
    decision = tracker.after_failure(error, deadline.left())
    return decision.delay if decision.verdict is Verdict.RETRY else None


def _tracker() -> RetryTracker:
    """The retry state of a wait: transient errors are waited out until the deadline."""
    return RetryTracker(spec=_WAIT_READ, max_retries=UNTIL_DEADLINE, rand=draw)


_WAIT_READ = CallSpec("GET")


def _time_out(
    unfinished: Sequence[str],
    last_run: Run | None,
    deadline: Deadline,
    settings: WaitSettings,
    total: int,
    cause: Exception | None = None,
) -> Flow[NoReturn]:
    """Cancel the unfinished runs if asked (best effort), then raise the timeout for the first of them."""
    waited = deadline.elapsed()
    cancel_failures: dict[str, Exception] = {}
    if settings.cancel_on_timeout:
        for run_id in unfinished:
            try:
                yield Cancel(run_id, Deadline.after(deadline.clock, CANCEL_SECONDS))
            except Exception as exc:  # a failed cancel must not hide the timeout
                cancel_failures[run_id] = exc
    first = unfinished[0]
    cancelled = settings.cancel_on_timeout and first not in cancel_failures
    reason = None if cause is None else f"gave up after {cause}"
    error = EigenpalTimeoutError(first, last_run=last_run, waited_seconds=waited, cancelled=cancelled, reason=reason)
    if total > 1:
        error.add_note(f"{len(unfinished)} of {total} runs not finished: {', '.join(unfinished)}")
    for run_id, failure in cancel_failures.items():
        error.add_note(f"cancelling run {run_id} failed: {failure!r}")
    if cause is None:
        raise error
    raise error from cause


# ---------------------------------------------------------------------------------------------------------------
# Flows
# ---------------------------------------------------------------------------------------------------------------


def wait_flow(
    run_id: str,
    settings: WaitSettings,
    deadline: Deadline,
    unit_random: Callable[[], float],
    *,
    last_seen: Run | None = None,
) -> Flow[Run]:
    """Wait for one run: emit each new state, return the terminal run, raise at the deadline."""
    last = last_seen
    if last is not None and is_terminal(last):
        return _finished(last, settings)
    tracker = _tracker()
    reads = 0
    while True:
        time_left = deadline.left()
        # A wait given no time at all still reads once (to look); one whose time went on a start does not.
        if time_left <= _DEADLINE_SLACK and (reads or deadline.seconds > 0):
            yield from _time_out([run_id], last, deadline, settings, 1)
        reads += 1
        try:
            observation = yield from _read(run_id, settings.expand, deadline)
        except Exception as exc:
            pause = _transient_pause(tracker, exc, deadline)
            if pause is None:
                return (yield from _time_out([run_id], last, deadline, settings, 1, cause=exc))
        else:
            tracker.after_success()
            run = observation.run
            if is_new_state(last, run):
                yield Emit(run)
            last = run
            if stops_wait(run, settings):
                return _finished(run, settings)
            interval = poll_interval(reads, settings.poll_interval_seconds)
            pause = poll_delay(interval, observation.poll_after_seconds, unit_random())
        pause = min(pause, deadline.left())  # no sleep runs past the deadline
        if pause > 0:
            yield Sleep(pause)


@attrs.define
class _Batch:
    """What a wait for many runs knows: which runs may still be going, which to read in full, which are done.

    Pure bookkeeping; the flow feeds it what the server said.
    """

    order: list[str]
    settings: WaitSettings
    pending: dict[str, None] = attrs.field(init=False)  # an ordered set: runs not known to be finished
    to_fetch: dict[str, None] = attrs.field(init=False, factory=dict)  # listed finished (or not listed): read them
    done: dict[str, Run] = attrs.field(init=False, factory=dict)
    last_runs: dict[str, Run] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self.pending = dict.fromkeys(self.order)

    @property
    def complete(self) -> bool:
        return len(self.done) == len(self.order)

    def chunks(self) -> tuple[tuple[str, ...], ...]:
        ids = list(self.pending)
        return tuple(tuple(ids[i : i + LIST_CHUNK_SIZE]) for i in range(0, len(ids), LIST_CHUNK_SIZE))

    def note_items(self, items: Sequence[RunListItem]) -> None:
        """Take in a list answer: finished runs (and those waiting on a person, if they end the wait), and runs the
        list left out, are to be read in full."""
        listed = {item.id: item for item in items}
        for run_id in list(self.pending):
            item = listed.get(run_id)
            if item is None or stops_wait(item, self.settings):
                del self.pending[run_id]
                self.to_fetch[run_id] = None

    def note_run(self, run_id: str, run: Run) -> bool:
        """Take in a full run; True when it is finished, or ends the wait otherwise (and so done)."""
        self.last_runs[run_id] = run
        self.to_fetch.pop(run_id, None)
        if stops_wait(run, self.settings):
            self.pending.pop(run_id, None)
            self.done[run_id] = run
            return True
        self.pending[run_id] = None
        return False

    def unfinished(self) -> list[str]:
        return [run_id for run_id in self.order if run_id not in self.done]


def many_flow(
    run_ids: Sequence[str],
    settings: WaitSettings,
    deadline: Deadline,
    unit_random: Callable[[], float],
) -> Flow[list[Run]]:
    """Wait for many runs: emit each as it finishes, return them all in the order asked, raise at the deadline."""
    batch = _Batch(list(dict.fromkeys(run_ids)), settings)
    base_tick = min(settings.poll_interval_seconds, MANY_RUNS_TICK_SECONDS)
    tick = base_tick
    tracker = _tracker()
    budget = CallBudget.for_fan_out(len(batch.order))  # failed requests: a look fans out, a backoff cannot bound it
    now = deadline.clock.monotonic
    looks = 0
    while not batch.complete:
        time_left = deadline.left()
        if looks and time_left <= _DEADLINE_SLACK:
            yield from _many_time_out(batch, deadline, settings)
        looks += 1
        finished_before = len(batch.done)
        pause: float | None = None  # None: the usual tick
        failed = 0
        try:
            if batch.pending:
                chunks = batch.chunks()
                failed = len(chunks)  # counted as if all failed when the list fails: the driver raises the first
                batch.note_items((yield from _read_many(chunks, deadline)))
            failed, transient = yield from _fetch_finished(batch, settings, deadline)
            if transient is not None:
                raise transient
        except Exception as exc:
            budget.spend(failed, now())
            pause = _transient_pause(tracker, exc, deadline)
            if pause is not None:
                pause = max(pause, budget.pause(now()))
            if pause is None or pause >= deadline.left():  # the next look would come too late: end now
                return (yield from _many_time_out(batch, deadline, settings, cause=exc))
        else:
            tracker.after_success()
        tick = next_tick(tick, base_tick, settings.poll_interval_seconds, progressed=len(batch.done) > finished_before)
        if pause is None:
            pause = jittered(tick, unit_random())
        pause = min(pause, deadline.left())  # no sleep runs past the deadline
        if not batch.complete and pause > 0:
            yield Sleep(pause)
    return [batch.done[run_id] for run_id in batch.order]


def _many_time_out(
    batch: _Batch, deadline: Deadline, settings: WaitSettings, cause: Exception | None = None
) -> Flow[NoReturn]:
    unfinished = batch.unfinished()
    last = batch.last_runs.get(unfinished[0])
    yield from _time_out(unfinished, last, deadline, settings, len(batch.order), cause)
    raise AssertionError("_time_out always raises")  # for the type checker


def _fetch_finished(batch: _Batch, settings: WaitSettings, deadline: Deadline) -> Flow[tuple[int, Exception | None]]:
    """Read in full each run the list showed finished (or left out), and emit those that are.

    Returns:
        How many reads failed for a transient reason, and the first of their errors (the others were taken in; the
        caller waits this one out like any transient error).
    """
    if not batch.to_fetch:
        return 0, None
    fetching = list(batch.to_fetch)
    transient: Exception | None = None
    failed = 0
    for run_id, answer in zip(fetching, (yield from _read_each(fetching, settings.expand, deadline)), strict=True):
        if isinstance(answer, Exception):
            if not is_transient(answer):
                raise answer
            transient = transient or answer
            failed += 1
        else:
            _check_id(run_id, answer.run)
            if batch.note_run(run_id, answer.run):
                yield from _emit_finished(answer.run, settings)
    return failed, transient


def _emit_finished(run: Run, settings: WaitSettings) -> Flow[None]:
    yield Emit(run)
    _finished(run, settings)


# ---------------------------------------------------------------------------------------------------------------
# Stepping: what the drivers (``_async/_waiter.py`` and its sync twin) share
# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class Failed:
    """An action that raised; the flow gets the error thrown in where it asked."""

    error: Exception


class Steps(Generic[_R]):
    """Walks a flow for a driver, the one piece of stepping logic both drivers share.

    Iterating yields each I/O action the flow asks for (the driver performs it and sets ``answer``) and each run
    the flow emits (the driver hands it on); at the end ``result`` holds what the flow came to.
    """

    def __init__(self, flow: Flow[_R]) -> None:
        self._flow = flow
        self._done: tuple[_R] | None = None
        self.answer: object = None

    def __iter__(self) -> Iterator[IO | Run]:
        try:
            while True:
                answer, self.answer = self.answer, None
                try:
                    action = self._flow.throw(answer.error) if isinstance(answer, Failed) else self._flow.send(answer)
                except StopIteration as stop:
                    self._done = (cast("_R", stop.value),)
                    return
                yield action.run if isinstance(action, Emit) else action
        finally:
            self._flow.close()  # also when the caller leaves an iterator early

    @property
    def result(self) -> _R:
        assert self._done is not None, "the flow has not finished"
        return self._done[0]
