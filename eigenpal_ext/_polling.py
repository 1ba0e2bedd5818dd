"""Waiting for runs to finish: one run, a run's successive states, or many runs at once.

Every wait is written once, as a *flow*: a generator that decides what to do next and yields it as an action
(read this run with a hold of so many seconds, list these ids, sleep so long, cancel, show this new state) and
is sent back what came of it, or has the error thrown into it. A flow does no I/O and never sleeps; its time
arithmetic is the pure functions below (:func:`hold_for`, :func:`poll_delay`, :func:`backoff_delay` ...), and
its only view of time is the injected clock's ``monotonic``. Two short drivers, :func:`_drive` and
:func:`_adrive`, perform the actions against a :class:`RunSource` or an :class:`AsyncRunSource` and the
:class:`~eigenpal_ext._clock.Clock`; the public functions pick a flow and a driver. (httpx drives one
``auth_flow`` generator from its sync and async clients the same way.)

How one run is waited for:

* Holds first. Each read asks the server to hold the answer until the run ends, for
  ``min(max_hold_seconds, 60, whole seconds left)``, so a hold never runs past the deadline and a server that
  honours holds answers the moment the run ends. After a held read that the server really held, the next read
  goes out at once.
* A server that ignores holds answers a held read at once. A non-terminal answer sooner than
  ``min(hold / 2, 1 s)`` counts as an ignored hold, and the wait then sleeps before the next read like a poll:
  the server's ``X-Poll-After-Ms`` hint when it sent one, else ``poll_interval_seconds``, with ±10 % jitter.
  The hold is still asked for, so a server that holds only sometimes still saves requests.
* Transient errors (no connection, HTTP timeout, 408, 429, 5xx) are waited out with capped exponential backoff
  (the server's ``Retry-After`` when it sent one) and never end the wait; any other error ends it at once.
* No sleep runs past the deadline. At the deadline the wait raises :class:`EigenpalTimeoutError` with the last
  state seen, after cancelling the run if asked to (best effort).

Many runs are watched with one list request (``ids=...``) per 100 runs per look; a run the list shows finished
is read in full once (list items have no output or files). Looks come every half second while runs keep
finishing and slow down to ``poll_interval_seconds`` while none do (:func:`next_tick`). When one run is left it
is read with a hold instead, so the end of the longest run is seen at once.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, NoReturn, Protocol, TypeAlias, TypeVar, cast

import attrs
from eigenpal_api.models.run import Run  # at run time too: the drivers tell emitted runs from actions

from eigenpal_ext._errors import (
    APIConnectionError,
    APIError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    RateLimitError,
    RunFailedError,
    ServerError,
)
from eigenpal_ext._status import is_failure, is_terminal

if TYPE_CHECKING:
    from eigenpal_api.models.run_list_item import RunListItem

    from eigenpal_ext._clock import Clock

__all__ = [
    "AsyncRunSource",
    "Observation",
    "RunSource",
    "WaitSettings",
    "async_poll_run",
    "async_runs_as_completed",
    "async_wait_for_run",
    "async_wait_for_runs",
    "backoff_delay",
    "hold_for",
    "hold_was_honoured",
    "is_new_state",
    "is_transient",
    "jittered",
    "next_tick",
    "pause_after_held_read",
    "poll_delay",
    "poll_run",
    "runs_as_completed",
    "wait_for_run",
    "wait_for_runs",
]

SERVER_MAX_HOLD_SECONDS = 60
"""The longest hold the server grants on a read (``wait_for_completion`` is 0..60 on ``GET /v1/runs/{id}``)."""

LIST_CHUNK_SIZE = 100
"""The most ids one list request may name."""

MANY_RUNS_TICK_SECONDS = 0.5
"""The pause between two looks at many runs while they keep finishing (each look costs a request per 100 runs)."""

FETCH_CONCURRENCY = 16
"""How many requests the async waits send at once when they read many finished runs or many list pages."""

JITTER = 0.1
"""Poll sleeps vary by this fraction either way, so many clients do not poll in step."""

MIN_POLL_AFTER_SECONDS = 0.05
"""The shortest poll interval taken from a server hint: a hint of 0 must not turn the wait into a busy loop."""

MAX_RETRY_AFTER_SECONDS = 60.0
"""The longest ``Retry-After`` honoured; the deadline caps it further."""

HOLD_HONOURED_AFTER_SECONDS = 1.0
"""A held read that comes back unfinished after this long (or half its hold, if that is shorter) was held."""

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


class RunSource(Protocol):
    """Where the sync waits read runs from; the client implements it over its request layer.

    Every method retries per the client's policy before it raises, and raises eigenpal_ext errors.
    """

    def read(self, run_id: str, *, hold_seconds: int, expand: Sequence[str]) -> Observation:
        """Read one run (``GET /v1/runs/{id}``).

        Args:
            run_id: The run to read.
            hold_seconds: When above 0, ask the server to hold the answer until the run ends or this many seconds
                pass (``wait_for_completion``); 0 sends no hold. A server may ignore it and answer at once.
            expand: The ``expand`` tokens to send, if any.
        """
        ...

    def read_many(self, run_ids: Sequence[str]) -> list[RunListItem]:
        """List up to 100 runs by id in one request (``GET /v1/runs?ids=...``); items have no output or files."""
        ...

    def cancel(self, run_id: str) -> None:
        """Ask the server to cancel a run (``POST /v1/runs/{id}/cancel``)."""
        ...


class AsyncRunSource(Protocol):
    """Where the async waits read runs from: :class:`RunSource` with awaitable methods."""

    async def read(self, run_id: str, *, hold_seconds: int, expand: Sequence[str]) -> Observation:
        """Read one run; see :meth:`RunSource.read`."""
        ...

    async def read_many(self, run_ids: Sequence[str]) -> list[RunListItem]:
        """List up to 100 runs by id in one request; see :meth:`RunSource.read_many`."""
        ...

    async def cancel(self, run_id: str) -> None:
        """Ask the server to cancel a run."""
        ...


def _not_negative(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not value >= 0:  # also refuses NaN
        raise InvalidArgumentError(attribute.name, f"must be 0 or more, got {value!r}")


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not value > 0:
        raise InvalidArgumentError(attribute.name, f"must be more than 0, got {value!r}")


def _expand_tokens(tokens: Iterable[str]) -> tuple[str, ...]:
    # A lone string is one token list ("usage,execution"), not a sequence of one-letter tokens.
    if isinstance(tokens, str):
        return tuple(token.strip() for token in tokens.split(",") if token.strip())
    return tuple(tokens)


@attrs.frozen
class WaitSettings:
    """How a wait for runs behaves.

    Attributes:
        timeout_seconds: How long the wait may last in all; at the end it raises ``EigenpalTimeoutError``.
        poll_interval_seconds: The pause between reads when the server does not hold reads and sends no hint.
        max_hold_seconds: The longest hold to ask for on one read (the server grants at most 60); 0 never holds.
        cancel_on_timeout: Cancel the run (best effort) when the wait times out; by default it goes on.
        raise_on_failure: Raise ``RunFailedError`` when the run ends failed, cancelled or rejected; by default the
            run is returned like any other.
        expand: The ``expand`` tokens to read finished runs with (``input``, ``usage``, ``execution``, ``debug``).
    """

    timeout_seconds: float = attrs.field(default=300.0, validator=_not_negative)
    poll_interval_seconds: float = attrs.field(default=2.0, validator=_positive)
    max_hold_seconds: int = attrs.field(default=60, validator=_not_negative)
    cancel_on_timeout: bool = False
    raise_on_failure: bool = False
    expand: tuple[str, ...] = attrs.field(default=(), converter=_expand_tokens)


# ---------------------------------------------------------------------------------------------------------------
# Pure decisions
# ---------------------------------------------------------------------------------------------------------------


def hold_for(time_left: float, max_hold_seconds: float) -> int:
    """How long to ask the server to hold the next read.

    Args:
        time_left: Seconds until the wait's deadline.
        max_hold_seconds: The longest hold the caller allows.

    Returns:
        Whole seconds, never more than the time left (so the hold cannot outlast the deadline) nor the server's
        limit; 0 means a read without a hold.
    """
    if time_left < 1:
        return 0
    return max(0, math.floor(min(max_hold_seconds, SERVER_MAX_HOLD_SECONDS, time_left)))


def hold_was_honoured(hold_seconds: int, answered_after: float) -> bool:
    """Whether a held read that came back with the run unfinished was really held by the server.

    A server that ignores holds answers at once; one that honours them answers at the end of the hold (or of
    its own, possibly shorter, limit). Taking ``min(hold / 2, 1 s)`` as the line keeps a server with a lower
    limit of its own on the held path, where the next read goes out at once.

    Args:
        hold_seconds: The hold that was asked for (0 when none was).
        answered_after: Seconds from sending the read to its answer.
    """
    return hold_seconds > 0 and answered_after >= min(hold_seconds / 2, HOLD_HONOURED_AFTER_SECONDS)


def pause_after_held_read(time_left: float, max_hold_seconds: float) -> float:
    """The pause after a read the server held that came back with the run unfinished.

    0 while another hold fits before the deadline: the next held read goes out at once. With under a second
    left, a read without a hold would only repeat the answer just received, so the rest is slept out
    (``math.inf``, which the caller caps at the time left).
    """
    return 0.0 if hold_for(time_left, max_hold_seconds) > 0 else math.inf


def next_tick(tick: float, base: float, ceiling: float, *, progressed: bool) -> float:
    """The pause between two looks at many runs.

    Back to ``base`` when the last look saw a run finish (more are likely soon); otherwise a quarter longer,
    up to ``ceiling``, so a few long runs do not cost a list request every half second.
    """
    if progressed:
        return base
    return min(tick * 1.25, max(ceiling, base))


def jittered(seconds: float, unit_random: float) -> float:
    """``seconds`` moved by up to ``JITTER`` of itself either way; ``unit_random`` is a draw from [0, 1)."""
    return seconds * (1 + JITTER * (2 * unit_random - 1))


def poll_delay(poll_interval_seconds: float, poll_after_seconds: float | None, unit_random: float) -> float:
    """The pause before the next poll: the server's hint when it gave one, else the interval, with jitter.

    Args:
        poll_interval_seconds: The caller's poll interval.
        poll_after_seconds: The server's ``X-Poll-After-Ms`` hint in seconds, or None.
        unit_random: A draw from [0, 1) for the jitter.
    """
    base = poll_interval_seconds if poll_after_seconds is None else max(poll_after_seconds, MIN_POLL_AFTER_SECONDS)
    return jittered(base, unit_random)


def is_transient(error: BaseException) -> bool:
    """Whether an error while waiting is worth waiting out: no answer, an HTTP timeout, 408, 429 or 5xx.

    Such errors say nothing about the run, so they never end a wait; anything else (404, 401, 400 ...) does.
    """
    if isinstance(error, APIConnectionError | ServerError | RateLimitError):
        return True
    return isinstance(error, APIError) and error.status_code == 408


def backoff_delay(attempt: int, error: BaseException, unit_random: float) -> float:
    """The pause after the ``attempt``-th transient error in a row.

    The server's ``Retry-After`` (capped at ``MAX_RETRY_AFTER_SECONDS``) when it sent one, else
    ``min(0.5 * 2 ** (attempt - 1), 8)`` seconds less up to a quarter at random. The caller caps it at the
    time left.
    """
    retry_after: object = getattr(error, "retry_after", None)
    if isinstance(retry_after, int | float) and retry_after >= 0:
        return min(float(retry_after), MAX_RETRY_AFTER_SECONDS)
    return min(0.5 * 2.0 ** max(attempt - 1, 0), 8.0) * (1 - 0.25 * unit_random)


def is_new_state(previous: Run | None, current: Run) -> bool:
    """Whether ``current`` is worth showing after ``previous``: a new status, new step progress, any change."""
    return previous is None or previous != current


def _finished(run: Run, settings: WaitSettings) -> Run:
    if settings.raise_on_failure and is_failure(run):
        raise RunFailedError(run)
    return run


# ---------------------------------------------------------------------------------------------------------------
# Actions: what a flow asks its driver to do
# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class _Read:
    """Read one run; answers an :class:`Observation`."""

    run_id: str
    hold_seconds: int
    expand: tuple[str, ...]


@attrs.frozen
class _ReadMany:
    """List runs by id, one request per chunk; answers all the list items."""

    chunks: tuple[tuple[str, ...], ...]


@attrs.frozen
class _ReadEach:
    """Read each of these runs without a hold; answers an Observation or the error, per run, in order."""

    run_ids: tuple[str, ...]
    expand: tuple[str, ...]


@attrs.frozen
class _Cancel:
    """Ask the server to cancel a run."""

    run_id: str


@attrs.frozen
class _Sleep:
    """Pause."""

    seconds: float


@attrs.frozen
class _Emit:
    """Show the caller a new state of a run (on_update, or the next item of an iterator)."""

    run: Run


_IO: TypeAlias = _Read | _ReadMany | _ReadEach | _Cancel | _Sleep
_Action: TypeAlias = _IO | _Emit
_R = TypeVar("_R")
_Flow: TypeAlias = Generator[_Action, object, _R]


def _read(run_id: str, hold_seconds: int, expand: tuple[str, ...]) -> _Flow[Observation]:
    return cast("Observation", (yield _Read(run_id, hold_seconds, expand)))


def _read_many(chunks: tuple[tuple[str, ...], ...]) -> _Flow[list[RunListItem]]:
    return cast("list[RunListItem]", (yield _ReadMany(chunks)))


def _read_each(run_ids: Sequence[str], expand: tuple[str, ...]) -> _Flow[list[Observation | Exception]]:
    return cast("list[Observation | Exception]", (yield _ReadEach(tuple(run_ids), expand)))


def _time_out(
    unfinished: Sequence[str], last_run: Run | None, waited_seconds: float, settings: WaitSettings, total: int
) -> _Flow[NoReturn]:
    """Cancel the unfinished runs if asked (best effort), then raise the timeout for the first of them."""
    cancel_failures: dict[str, Exception] = {}
    if settings.cancel_on_timeout:
        for run_id in unfinished:
            try:
                yield _Cancel(run_id)
            except Exception as exc:  # a failed cancel must not hide the timeout
                cancel_failures[run_id] = exc
    first = unfinished[0]
    cancelled = settings.cancel_on_timeout and first not in cancel_failures
    error = EigenpalTimeoutError(first, last_run=last_run, waited_seconds=waited_seconds, cancelled=cancelled)
    if total > 1:
        error.add_note(f"{len(unfinished)} of {total} runs not finished: {', '.join(unfinished)}")
    for run_id, failure in cancel_failures.items():
        error.add_note(f"cancelling run {run_id} failed: {failure!r}")
    raise error


# ---------------------------------------------------------------------------------------------------------------
# Flows
# ---------------------------------------------------------------------------------------------------------------


def _wait_flow(
    run_id: str,
    settings: WaitSettings,
    now: Callable[[], float],
    unit_random: Callable[[], float],
    *,
    last_seen: Run | None = None,
    hold: bool = True,
) -> _Flow[Run]:
    """Wait for one run: emit each new state, return the terminal run, raise at the deadline."""
    started = now()
    deadline = started + settings.timeout_seconds
    last = last_seen
    if last is not None and is_terminal(last):
        return _finished(last, settings)
    failures = 0
    reads = 0
    while True:
        time_left = deadline - now()
        if reads and time_left <= _DEADLINE_SLACK:  # the first read always goes out, even with no time given
            yield from _time_out([run_id], last, now() - started, settings, 1)
        reads += 1
        hold_seconds = hold_for(time_left, settings.max_hold_seconds) if hold else 0
        sent_at = now()
        try:
            observation = yield from _read(run_id, hold_seconds, settings.expand)
        except Exception as exc:
            if not is_transient(exc):
                raise
            failures += 1
            pause = backoff_delay(failures, exc, unit_random())
        else:
            failures = 0
            run = observation.run
            if is_new_state(last, run):
                yield _Emit(run)
            last = run
            if is_terminal(run):
                return _finished(run, settings)
            if hold_was_honoured(hold_seconds, now() - sent_at):
                pause = pause_after_held_read(deadline - now(), settings.max_hold_seconds)
            else:
                pause = poll_delay(settings.poll_interval_seconds, observation.poll_after_seconds, unit_random())
        if pause > 0:
            yield _Sleep(max(min(pause, deadline - now()), 0.0))


@attrs.define
class _Batch:
    """What a wait for many runs knows: which runs may still be going, which to read in full, which are done.

    Pure bookkeeping; the flow feeds it what the server said.
    """

    order: list[str]
    pending: dict[str, None] = attrs.field(init=False)  # an ordered set: runs not known to be finished
    to_fetch: dict[str, None] = attrs.field(init=False, factory=dict)  # listed finished (or not listed): read them
    done: dict[str, Run] = attrs.field(init=False, factory=dict)
    last_runs: dict[str, Run] = attrs.field(init=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        self.pending = dict.fromkeys(self.order)

    @property
    def complete(self) -> bool:
        return len(self.done) == len(self.order)

    def only_pending(self) -> str | None:
        """The one run still going when it is the only thing left to find out about, else None."""
        if len(self.pending) == 1 and not self.to_fetch:
            return next(iter(self.pending))
        return None

    def chunks(self) -> tuple[tuple[str, ...], ...]:
        ids = list(self.pending)
        return tuple(tuple(ids[i : i + LIST_CHUNK_SIZE]) for i in range(0, len(ids), LIST_CHUNK_SIZE))

    def note_items(self, items: Sequence[RunListItem]) -> None:
        """Take in a list answer: finished runs, and runs the list left out, are to be read in full."""
        listed = {item.id: item for item in items}
        for run_id in list(self.pending):
            item = listed.get(run_id)
            if item is None or is_terminal(item):
                del self.pending[run_id]
                self.to_fetch[run_id] = None

    def note_run(self, run_id: str, run: Run) -> bool:
        """Take in a full run; True when it is finished (and so done)."""
        self.last_runs[run_id] = run
        self.to_fetch.pop(run_id, None)
        if is_terminal(run):
            self.pending.pop(run_id, None)
            self.done[run_id] = run
            return True
        self.pending[run_id] = None
        return False

    def unfinished(self) -> list[str]:
        return [run_id for run_id in self.order if run_id not in self.done]


def _many_flow(
    run_ids: Sequence[str],
    settings: WaitSettings,
    now: Callable[[], float],
    unit_random: Callable[[], float],
) -> _Flow[list[Run]]:
    """Wait for many runs: emit each as it finishes, return them all in the order asked, raise at the deadline."""
    batch = _Batch(list(dict.fromkeys(run_ids)))
    started = now()
    deadline = started + settings.timeout_seconds
    base_tick = min(settings.poll_interval_seconds, MANY_RUNS_TICK_SECONDS)
    tick = base_tick
    failures = 0
    looks = 0
    while not batch.complete:
        time_left = deadline - now()
        if looks and time_left <= _DEADLINE_SLACK:
            unfinished = batch.unfinished()
            last = batch.last_runs.get(unfinished[0])
            yield from _time_out(unfinished, last, now() - started, settings, len(batch.order))
        looks += 1
        finished_before = len(batch.done)
        pause: float | None = None  # None: the usual tick
        try:
            only = batch.only_pending()
            hold_seconds = hold_for(time_left, settings.max_hold_seconds)
            if only is not None and hold_seconds > 0:
                sent_at = now()
                observation = yield from _read(only, hold_seconds, settings.expand)
                if batch.note_run(only, observation.run):
                    yield from _emit_finished(observation.run, settings)
                elif hold_was_honoured(hold_seconds, now() - sent_at):
                    pause = pause_after_held_read(deadline - now(), settings.max_hold_seconds)
                else:
                    pause = poll_delay(tick, observation.poll_after_seconds, unit_random())
            elif batch.pending:
                batch.note_items((yield from _read_many(batch.chunks())))
            yield from _fetch_finished(batch, settings)
        except Exception as exc:
            if not is_transient(exc):
                raise
            failures += 1
            pause = backoff_delay(failures, exc, unit_random())
        else:
            failures = 0
        tick = next_tick(tick, base_tick, settings.poll_interval_seconds, progressed=len(batch.done) > finished_before)
        if pause is None:
            pause = jittered(tick, unit_random())
        if not batch.complete and pause > 0:
            yield _Sleep(max(min(pause, deadline - now()), 0.0))
    return [batch.done[run_id] for run_id in batch.order]


def _fetch_finished(batch: _Batch, settings: WaitSettings) -> _Flow[None]:
    """Read in full each run the list showed finished (or left out), and emit those that are."""
    if not batch.to_fetch:
        return
    fetching = list(batch.to_fetch)
    transient: Exception | None = None
    for run_id, answer in zip(fetching, (yield from _read_each(fetching, settings.expand)), strict=True):
        if isinstance(answer, Exception):
            if not is_transient(answer):
                raise answer
            transient = transient or answer
        elif batch.note_run(run_id, answer.run):
            yield from _emit_finished(answer.run, settings)
    if transient is not None:
        raise transient  # the others were taken in; this one is waited out like any transient error


def _emit_finished(run: Run, settings: WaitSettings) -> _Flow[None]:
    yield _Emit(run)
    _finished(run, settings)


# ---------------------------------------------------------------------------------------------------------------
# Drivers: perform the actions, nothing else
# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class _Failed:
    """An action that raised; the flow gets the error thrown in where it asked."""

    error: Exception


class _Steps(Generic[_R]):
    """Walks a flow for a driver, the one piece of stepping logic both drivers share.

    Iterating yields each I/O action the flow asks for (the driver performs it and sets ``answer``) and each run
    the flow emits (the driver hands it on); at the end ``result`` holds what the flow came to.
    """

    def __init__(self, flow: _Flow[_R]) -> None:
        self._flow = flow
        self._done: tuple[_R] | None = None
        self.answer: object = None

    def __iter__(self) -> Iterator[_IO | Run]:
        try:
            while True:
                answer, self.answer = self.answer, None
                try:
                    action = self._flow.throw(answer.error) if isinstance(answer, _Failed) else self._flow.send(answer)
                except StopIteration as stop:
                    self._done = (cast("_R", stop.value),)
                    return
                yield action.run if isinstance(action, _Emit) else action
        finally:
            self._flow.close()  # also when the caller leaves an iterator early

    @property
    def result(self) -> _R:
        assert self._done is not None, "the flow has not finished"
        return self._done[0]


def _perform(action: _IO, source: RunSource, clock: Clock) -> object:
    try:
        if isinstance(action, _Read):
            return source.read(action.run_id, hold_seconds=action.hold_seconds, expand=action.expand)
        if isinstance(action, _ReadMany):
            return [item for chunk in action.chunks for item in source.read_many(chunk)]
        if isinstance(action, _ReadEach):
            return [_outcome(source.read, run_id, action.expand) for run_id in action.run_ids]
        if isinstance(action, _Cancel):
            source.cancel(action.run_id)
        else:
            clock.sleep(action.seconds)
    except Exception as exc:
        return _Failed(exc)
    return None


def _outcome(read: Callable[..., Observation], run_id: str, expand: tuple[str, ...]) -> Observation | Exception:
    try:
        return read(run_id, hold_seconds=0, expand=expand)
    except Exception as exc:
        return exc


async def _aperform(action: _IO, source: AsyncRunSource, clock: Clock) -> object:
    try:
        if isinstance(action, _Read):
            return await source.read(action.run_id, hold_seconds=action.hold_seconds, expand=action.expand)
        if isinstance(action, _ReadMany):
            pages = await _gather([functools.partial(source.read_many, chunk) for chunk in action.chunks])
            failures = [page for page in pages if isinstance(page, Exception)]
            if failures:
                raise failures[0]
            return [item for page in cast("list[list[RunListItem]]", pages) for item in page]
        if isinstance(action, _ReadEach):
            reads = [functools.partial(source.read, run_id, hold_seconds=0, expand=action.expand)
                     for run_id in action.run_ids]  # fmt: skip
            return await _gather(reads)
        if isinstance(action, _Cancel):
            await source.cancel(action.run_id)
        else:
            await clock.asleep(action.seconds)
    except Exception as exc:
        return _Failed(exc)
    return None


_T = TypeVar("_T")


async def _gather(calls: Sequence[Callable[[], Awaitable[_T]]]) -> list[_T | Exception]:
    """Await the calls, at most ``FETCH_CONCURRENCY`` at a time; each one's result or error, in order."""
    import asyncio  # here: a sync program never pays for importing asyncio

    limit = asyncio.Semaphore(FETCH_CONCURRENCY)

    async def bounded(call: Callable[[], Awaitable[_T]]) -> _T | Exception:
        async with limit:
            try:
                return await call()
            except Exception as exc:
                return exc

    if len(calls) == 1:  # the common case needs no tasks
        return [await bounded(calls[0])]
    return list(await asyncio.gather(*(bounded(call) for call in calls)))


def _drive(steps: _Steps[Any], source: RunSource, clock: Clock) -> Iterator[Run]:
    """Perform a flow's actions against a sync source; yield the runs it emits."""
    for step in steps:
        if isinstance(step, Run):
            yield step
        else:
            steps.answer = _perform(step, source, clock)


async def _adrive(steps: _Steps[Any], source: AsyncRunSource, clock: Clock) -> AsyncIterator[Run]:
    """Perform a flow's actions against an async source; yield the runs it emits."""
    for step in steps:
        if isinstance(step, Run):
            yield step
        else:
            steps.answer = await _aperform(step, source, clock)


_unit_random: Callable[[], float] = random.random


# ---------------------------------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------------------------------


def wait_for_run(
    source: RunSource,
    run_id: str,
    settings: WaitSettings,
    clock: Clock,
    *,
    on_update: Callable[[Run], None] | None = None,
    last_seen: Run | None = None,
) -> Run:
    """Wait until a run ends, holding reads on the server where it allows, polling where it does not.

    Args:
        source: Where to read the run.
        run_id: The run to wait for.
        settings: The deadline, poll interval, hold, and what to do on timeout and failure.
        clock: The clock to read and sleep on.
        on_update: Called with each new state of the run seen (not with repeats), the final one included.
        last_seen: The run as the caller last saw it: not reported again, and returned at once if it is terminal.

    Returns:
        The run as it ended; failed, cancelled and rejected runs too unless ``settings.raise_on_failure``.

    Raises:
        EigenpalTimeoutError: The deadline passed first; the run goes on unless ``settings.cancel_on_timeout``.
        RunFailedError: The run did not complete and ``settings.raise_on_failure`` is set.
        APIError: A non-transient error from the server (404, 401 ...), at once.
    """
    steps = _Steps(_wait_flow(run_id, settings, clock.monotonic, _unit_random, last_seen=last_seen))
    for run in _drive(steps, source, clock):
        if on_update is not None:
            on_update(run)
    return steps.result


async def async_wait_for_run(
    source: AsyncRunSource,
    run_id: str,
    settings: WaitSettings,
    clock: Clock,
    *,
    on_update: Callable[[Run], None] | None = None,
    last_seen: Run | None = None,
) -> Run:
    """Wait until a run ends; the async form of :func:`wait_for_run`, with the same arguments and errors."""
    steps = _Steps(_wait_flow(run_id, settings, clock.monotonic, _unit_random, last_seen=last_seen))
    async for run in _adrive(steps, source, clock):
        if on_update is not None:
            on_update(run)
    return steps.result


def poll_run(source: RunSource, run_id: str, settings: WaitSettings, clock: Clock) -> Iterator[Run]:
    """Each new state of a run, polled every ``poll_interval_seconds`` (or as the server hints), to drive a UI.

    Reads are not held, so step progress shows as it happens. The iterator ends after the terminal run.

    Raises:
        EigenpalTimeoutError: The deadline passed before the run ended.
        RunFailedError: After the terminal run, when it did not complete and ``settings.raise_on_failure`` is set.
        APIError: A non-transient error from the server.
    """
    return _drive(_Steps(_wait_flow(run_id, settings, clock.monotonic, _unit_random, hold=False)), source, clock)


def async_poll_run(source: AsyncRunSource, run_id: str, settings: WaitSettings, clock: Clock) -> AsyncIterator[Run]:
    """Each new state of a run; the async form of :func:`poll_run`."""
    return _adrive(_Steps(_wait_flow(run_id, settings, clock.monotonic, _unit_random, hold=False)), source, clock)


def wait_for_runs(source: RunSource, run_ids: Sequence[str], settings: WaitSettings, clock: Clock) -> list[Run]:
    """Wait until all the runs end, with one list request per 100 runs per look rather than a read per run.

    Args:
        source: Where to read the runs.
        run_ids: The runs to wait for; an id named twice is waited for once.
        settings: The deadline for them all, the poll interval, and what to do on timeout and failure.
        clock: The clock to read and sleep on.

    Returns:
        The runs as they ended, read in full, in the order of ``run_ids`` without repeats.

    Raises:
        EigenpalTimeoutError: The deadline passed first; it names the first unfinished run and its notes say how
            many are left. With ``settings.cancel_on_timeout`` every unfinished run is cancelled first.
        RunFailedError: A run did not complete and ``settings.raise_on_failure`` is set.
        APIError: A non-transient error from the server.
    """
    steps = _Steps(_many_flow(run_ids, settings, clock.monotonic, _unit_random))
    for _run in _drive(steps, source, clock):
        pass
    return steps.result


async def async_wait_for_runs(
    source: AsyncRunSource, run_ids: Sequence[str], settings: WaitSettings, clock: Clock
) -> list[Run]:
    """Wait until all the runs end; the async form of :func:`wait_for_runs`, reading finished runs concurrently."""
    steps = _Steps(_many_flow(run_ids, settings, clock.monotonic, _unit_random))
    async for _run in _adrive(steps, source, clock):
        pass
    return steps.result


def runs_as_completed(source: RunSource, run_ids: Sequence[str], settings: WaitSettings, clock: Clock) -> Iterator[Run]:
    """Each of the runs, read in full, as it ends; the ways and errors of :func:`wait_for_runs`."""
    return _drive(_Steps(_many_flow(run_ids, settings, clock.monotonic, _unit_random)), source, clock)


def async_runs_as_completed(
    source: AsyncRunSource, run_ids: Sequence[str], settings: WaitSettings, clock: Clock
) -> AsyncIterator[Run]:
    """Each of the runs as it ends; the async form of :func:`runs_as_completed`."""
    return _adrive(_Steps(_many_flow(run_ids, settings, clock.monotonic, _unit_random)), source, clock)
