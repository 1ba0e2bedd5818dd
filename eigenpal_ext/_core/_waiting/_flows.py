"""The waiting flows: one run (:func:`wait_flow`), many runs (:func:`many_flow`), a batch on list ticks
(:func:`ticks_flow`). Each is a generator of :mod:`._steps` actions; the drivers perform them.

How one run is waited for:

* Polls, starting fast. The real API holds only a start or a rerun (``wait_for_completion``), never a read of a
  run, so a wait on an existing run reads it at once, then again after a pause that starts at
  :data:`~.._wait_rules.FIRST_POLL_SECONDS` and grows by half each time up to ``poll_interval_seconds``
  (:func:`~.._wait_rules.poll_interval`), with ±10 % jitter. A server's ``X-Poll-After-Ms`` hint, if one is sent,
  may make a pause longer, never shorter (the real API documents none; nothing relies on it).
* Each read is sent once; transient errors (no connection, HTTP timeout, 408, 429, 5xx) are waited out here, as
  :mod:`.._retry` decides (backoff with jitter, or the server's ``Retry-After`` when it asks for longer), and never
  end the wait; any other error ends it at once. Nothing below retries on top.
* One deadline rules the wait, made when the public call began (before the start, for ``run_and_wait``): every read
  is bounded by what is left of it, no sleep runs past it, and a ``Retry-After`` longer than what is left ends the
  wait at once. Then the wait raises :class:`EigenpalTimeoutError` with the last state seen and the last transient
  error as its cause, after cancelling the run if asked to (best effort, bounded by :data:`CANCEL_SECONDS`).
* An answer about another run than the one asked for is refused (:class:`APIResponseValidationError`).
* A run waiting on a person (``waiting`` with a pending ``execution.human_review``) is waited on like any other,
  each move of its review's counts emitted as a new state; with ``stop_on_human_review`` the wait returns it as it
  is instead (:func:`~.._wait_rules.stops_wait`), and a wait for many runs counts it as ended.

Many runs, and the runs of a batch on list ticks, are watched by looks (:func:`~._in_flight.look`: one list request
per 100 runs, a full read of each finished one). Looks come every half second while runs keep finishing and slow
down to ``poll_interval_seconds`` while none do (:func:`~.._wait_rules.next_tick`). A look fans out, so its failed
requests also spend a per-call :class:`~.._retry.CallBudget`: a failing server gets at most two failed looks at every
run (one forgiven, one more before the debt shows), 20 failed requests more, and then 4 a second.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn, cast

from eigenpal_api.models.run import Run

from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import EigenpalError, EigenpalTimeoutError, RunFailedError
from eigenpal_ext._core._retry import CallBudget, CallSpec, is_transient, made_nothing
from eigenpal_ext._core._status import is_failure, is_terminal
from eigenpal_ext._core._wait_rules import (
    DEADLINE_SLACK,
    WaitSettings,
    ends_at_start,
    is_new_state,
    jittered,
    look_tick,
    next_tick,
    poll_delay,
    poll_interval,
    stops_wait,
)

from ._evented import EVENT_FALLBACK_SECONDS, EventWatch, event_pause
from ._in_flight import InFlight, Look, look, pause_after, read, timed_out, tracker
from ._steps import Cancel, CancelEach, Emit, Flow, Settled, Sleep, SleepOrEvent, StartEach

if TYPE_CHECKING:
    from eigenpal_api.models.run_accepted import RunAccepted

__all__ = ["CANCEL_SECONDS", "EVENT_FALLBACK_SECONDS", "many_flow", "not_started", "ticks_flow", "wait_flow"]

CANCEL_SECONDS = 5.0
"""How long the cancel of ``cancel_on_timeout`` may take, after the deadline that prompted it."""


def _finished(run: Run, settings: WaitSettings) -> Run:
    if settings.raise_on_failure and is_failure(run):
        raise RunFailedError(run)
    return run


def _time_out(
    unfinished: Sequence[str],
    last_run: Run | None,
    deadline: Deadline,
    settings: WaitSettings,
    total: int,
    cause: Exception | None = None,
) -> Flow[NoReturn]:
    """Cancel the unfinished runs if asked (best effort), then raise the timeout for the first of them."""
    cancel_failures: dict[str, Exception] = {}
    if settings.cancel_on_timeout:
        for run_id in unfinished:
            try:
                yield Cancel(run_id, Deadline.after(deadline.clock, CANCEL_SECONDS))
            except Exception as exc:  # a failed cancel must not hide the timeout
                cancel_failures[run_id] = exc
    first = unfinished[0]
    cancelled = settings.cancel_on_timeout and first not in cancel_failures
    error = timed_out(first, last_run, deadline, cancelled=cancelled, cause=cause)
    if total > 1:
        error.add_note(f"{len(unfinished)} of {total} runs not finished: {', '.join(unfinished)}")
    for run_id, failure in cancel_failures.items():
        error.add_note(f"cancelling run {run_id} failed: {failure!r}")
    raise error


def wait_flow(
    run_id: str,
    settings: WaitSettings,
    deadline: Deadline,
    unit_random: Callable[[], float],
    *,
    last_seen: Run | None = None,
    evented: bool = False,
    read_first: bool = False,
) -> Flow[Run]:
    """Wait for one run: emit each new state, return the terminal run, raise at the deadline.

    ``evented``: the driver has an event source. Then the wait does not read at once but sleeps until the run's
    terminal event arrives (confirmed with one read, returned at once) or a fallback read is due, every four poll
    intervals and at least :data:`EVENT_FALLBACK_SECONDS` apart: a lost event costs latency, never the wait. When
    the read after a terminal event shows the run going on, the event is doubted (it would keep saying terminal) and
    the wait polls as it does without events. ``read_first``: read the run once before the first sleep, for a run
    that may have ended before anyone could feed its events (one a resumed batch found).
    """
    last = last_seen
    if last is not None and is_terminal(last):
        return _finished(last, settings)
    reads_tracker = tracker()
    reads = 0
    failed: Exception | None = None  # the last read's error, while reads fail: the timeout's cause
    woken = False  # the last sleep ended on the run's terminal event: the read that follows confirms it
    if (
        evented and not read_first and deadline.seconds > 0
    ):  # an event may end the wait before any read: the first is its confirmation
        first_pause = event_pause(settings, deadline)
        if first_pause > 0:
            woken = bool((yield SleepOrEvent(first_pause, (run_id,))))
    while True:
        # A wait given no time at all still reads once (to look); one whose time went on a start does not.
        if deadline.left() <= DEADLINE_SLACK and (reads or deadline.seconds > 0):
            yield from _time_out([run_id], last, deadline, settings, 1, cause=failed)
        reads += 1
        try:
            observation = yield from read(run_id, settings.expand, deadline)
        except Exception as exc:
            pause = pause_after(reads_tracker, exc, deadline)
            if pause is None:
                return (yield from _time_out([run_id], last, deadline, settings, 1, cause=exc))
            failed = exc
        else:
            failed = None
            reads_tracker.after_success()
            run = observation.run
            if is_new_state(last, run):
                yield Emit(run)
            last = run
            if stops_wait(run, settings):
                return _finished(run, settings)
            if woken:
                evented = woken = False  # an event said terminal, the server says otherwise: poll, do not spin on it
            if evented:
                pause = event_pause(settings, deadline)
                if pause > 0:
                    woken = bool((yield SleepOrEvent(pause, (run_id,))))
                continue
            interval = poll_interval(reads, settings.poll_interval_seconds)
            pause = poll_delay(interval, observation.poll_after_seconds, unit_random())
        pause = min(pause, deadline.left())  # no sleep runs past the deadline
        if pause > 0:
            yield Sleep(pause)


def many_flow(
    run_ids: Sequence[str],
    settings: WaitSettings,
    deadline: Deadline,
    unit_random: Callable[[], float],
    *,
    evented: bool = False,
) -> Flow[list[Run]]:
    """Wait for many runs: emit each as it finishes, return them all in the order asked, raise at the deadline.

    ``evented``: the driver has an event source; the runs are watched as :mod:`._evented` says (each terminal event
    confirmed by one read, a full look as the fallback) instead of on the usual ticks.
    """
    order = list(dict.fromkeys(run_ids))
    in_flight = InFlight(settings)
    for place, run_id in enumerate(order):
        in_flight.add(run_id, place)
    done: dict[str, Run] = {}

    def finished(_place: int, run: Run) -> Flow[None]:
        done[run.id] = run
        yield Emit(run)
        _finished(run, settings)

    def time_out(cause: Exception | None = None) -> Flow[NoReturn]:
        unfinished = [run_id for run_id in order if run_id not in done]
        last = in_flight.last_runs.get(unfinished[0])
        return _time_out(unfinished, last, deadline, settings, len(order), cause)

    tick = base_tick = look_tick(settings)
    looks = tracker()
    budget = CallBudget.for_fan_out(len(order))  # failed requests: a look fans out, a backoff cannot bound it
    looked = False
    failed: Exception | None = None  # the last look's error, while looks fail: the timeout's cause
    watch = EventWatch.starting(settings, deadline) if evented else None
    ended: set[str] = set()  # the runs whose terminal event woke the flow: read them to confirm
    if watch is not None:
        ended = yield from watch.sleep(in_flight)
    while len(done) < len(order):
        if looked and deadline.left() <= DEADLINE_SLACK:
            yield from time_out(failed)
        looked = True
        finished_before = len(done)
        pause: float | None = None  # None: the usual tick
        outcome = yield from _look_or_confirm(in_flight, deadline, finished, watch, ended)
        failed = outcome.error if isinstance(outcome.error, Exception) else None
        if outcome.error is not None:
            budget.spend(outcome.failed, deadline.clock.monotonic())
            pause = pause_after(looks, outcome.error, deadline, budget)
            if pause is None:  # the next look would come too late: end now
                return (yield from time_out(outcome.error))
        else:
            looks.after_success()
        ended = set()
        if watch is not None and pause is None and len(done) < len(order):
            ended = yield from watch.sleep(in_flight)
            continue
        tick = next_tick(tick, base_tick, settings.poll_interval_seconds, progressed=len(done) > finished_before)
        if pause is None:
            pause = jittered(tick, unit_random())
        pause = min(pause, deadline.left())  # no sleep runs past the deadline
        if len(done) < len(order) and pause > 0:
            yield Sleep(pause)
    return [done[run_id] for run_id in order]


def _look_or_confirm(
    in_flight: InFlight,
    deadline: Deadline,
    finished: Callable[[int, Run], Flow[None]],
    watch: EventWatch | None,
    ended: set[str],
) -> Flow[Look]:
    """Without events, or when the fallback is due, a full look; else the reads that confirm the ``ended`` runs."""
    if watch is None:
        return (yield from look(in_flight, deadline, finished))
    if watch.look_due():
        outcome = yield from look(in_flight, deadline, finished)
        watch.looked()
        return outcome
    return (yield from watch.confirm(in_flight, ended, finished))


_START = CallSpec("POST", creates=True)


def ticks_flow(
    count: int,
    max_in_flight: int,
    settings: WaitSettings,
    deadline: Deadline,
    unit_random: Callable[[], float],
    *,
    sends_once: frozenset[int] = frozenset(),
    evented: bool = False,
) -> Flow[None]:
    """Run ``count`` inputs on list ticks: start them as slots free up, watch them with looks, settle each.

    Each round looks at the runs going on, then starts inputs into the slots that freed up, then sleeps a tick. A
    start that fails for a transient reason goes back to the front of the queue with its key and is sent again after
    a backoff (unless its files can be sent only once: ``sends_once``); any other refusal settles the input with the
    error. At the deadline every input without an outcome is settled with :class:`EigenpalTimeoutError` (the runs
    cancelled first with ``settings.cancel_on_timeout``). ``evented``: the driver has an event source; a round then
    ends by sleeping until a terminal event of a run going on (or the next start or fallback look is due) and the
    runs are watched as :mod:`._evented` says.
    """
    now = deadline.clock.monotonic
    waiting: deque[int] = deque(range(count))
    may_exist: set[int] = set()  # slots whose start failed after it may have made the run
    in_flight = InFlight(settings)
    settled = 0

    def finished(slot: int, run: Run) -> Flow[None]:
        nonlocal settled
        settled += 1
        yield Settled(slot, run)

    tick = base_tick = look_tick(settings)
    looks, starts = tracker(), tracker(_START)
    budget = CallBudget.for_fan_out(min(count, max_in_flight))  # failed requests: looks and starts fan out
    starts_resume_at = -math.inf
    watch = EventWatch.starting(settings, deadline) if evented else None
    ended: set[str] = set()  # the runs whose terminal event woke the flow: read them to confirm
    while waiting or in_flight.place:
        if deadline.left() <= DEADLINE_SLACK:
            return (yield from _settle_the_rest(waiting, in_flight, deadline, settings))
        owed = budget.pause(now())  # a round of starts may have run the budget into debt: send nothing till paid
        if owed > 0:
            yield Sleep(min(owed, deadline.left()))
            continue
        settled_before = settled
        pause: float | None = None  # None: the usual tick
        if ended or in_flight.to_fetch or (in_flight.pending and (watch is None or watch.look_due())):
            outcome = yield from _look_or_confirm(in_flight, deadline, finished, watch, ended)
            if outcome.error is not None:
                budget.spend(outcome.failed, now())
                pause = pause_after(looks, outcome.error, deadline, budget)
                if pause is None:
                    return (yield from _settle_the_rest(waiting, in_flight, deadline, settings, outcome.error))
            else:
                looks.after_success()
        free = max_in_flight - len(in_flight.place)
        if waiting and free > 0 and now() >= starts_resume_at:
            slots = tuple(waiting.popleft() for _ in range(min(free, len(waiting))))
            looked = frozenset(slot for slot in slots if slot in may_exist)
            answers = cast("list[Run | RunAccepted | Exception]", (yield StartEach(slots, deadline, looked)))
            again: list[int] = []
            transient: EigenpalError | None = None
            for slot, answer in zip(slots, answers, strict=True):
                if isinstance(answer, EigenpalError):
                    if slot not in sends_once and is_transient(answer):
                        again.append(slot)
                        transient = transient or answer
                        if not made_nothing(answer):  # it may have made the run: look for it before sending again
                            may_exist.add(slot)
                    else:
                        settled += 1
                        yield Settled(slot, answer)
                elif isinstance(answer, Exception):
                    raise answer  # not the library's error: a bug, not an outcome
                elif ends_at_start(answer, settings):
                    settled += 1  # a repeated key: the run had ended already
                    yield Settled(slot, cast("Run", answer))
                else:
                    in_flight.add(answer.id, slot)
            waiting.extendleft(reversed(again))  # first in line again, in their order
            if transient is not None:
                budget.spend(len(again), now())
                delay = pause_after(starts, transient, deadline, budget)
                starts_resume_at = now() + (deadline.left() if delay is None else delay)
            else:
                starts.after_success()
        tick = next_tick(tick, base_tick, settings.poll_interval_seconds, progressed=settled > settled_before)
        ended = set()
        if watch is not None and pause is None and in_flight.place:
            can_start = bool(waiting) and len(in_flight.place) < max_in_flight  # once starts may resume
            if not (can_start and now() >= starts_resume_at):
                ended = yield from watch.sleep(in_flight, until=starts_resume_at if can_start else math.inf)
            continue
        if pause is None:
            pause = jittered(tick, unit_random()) if in_flight.place else max(0.0, starts_resume_at - now())
        pause = min(pause, deadline.left())  # no sleep runs past the deadline
        if (waiting or in_flight.place) and pause > 0:
            yield Sleep(pause)


def _settle_the_rest(
    waiting: deque[int],
    in_flight: InFlight,
    deadline: Deadline,
    settings: WaitSettings,
    cause: Exception | None = None,
) -> Flow[None]:
    """Settle every input left: the runs going on as timed out (cancelled first if asked), the rest as not started."""
    unreached: set[str] = set()
    going = tuple(in_flight.place)
    if settings.cancel_on_timeout and going:
        unreached = set(cast("list[str]", (yield CancelEach(going, Deadline.after(deadline.clock, CANCEL_SECONDS)))))
    for run_id in going:
        cancelled = settings.cancel_on_timeout and run_id not in unreached
        error = timed_out(run_id, in_flight.last_runs.get(run_id), deadline, cancelled=cancelled, cause=cause)
        yield Settled(in_flight.place[run_id], error)
    for slot in waiting:
        yield Settled(slot, not_started(deadline))


def not_started(deadline: Deadline) -> EigenpalTimeoutError:
    """The outcome of an input the batch's deadline left no time to start."""
    return EigenpalTimeoutError(
        None, last_run=None, waited_seconds=deadline.elapsed(), reason="the batch's time ran out before it started"
    )
