"""Batches, the plan of ``run_many``: what each input's outcome is, which key each start sends, how the runs are
waited for. The list-tick flow is :func:`~._waiting._flows.ticks_flow`; the sync and async batch drivers
(``_async/_batch.py`` and its twin) only send, sleep and hand on what is decided here and there.

How a batch waits (:func:`choose_strategy`, every figure from ``scripts/bench`` against a baseline in the same run):

* **Held**, while the runs in flight fit: each input is started with ``wait_for_completion`` (like
  ``run_and_wait``), so a run shorter than the hold costs exactly one request, and its end is seen the moment it
  comes. One worker per run in flight: an asyncio task, or a thread for the sync client. The held requests are
  spread over pools of at most :data:`LANE_CONNECTIONS` connections each: httpcore's pool rescans every connection
  on every request event (quadratic in the requests in flight), and 1,000 held starts (raw httpx) cost 7.8 s of
  client CPU in one pool but 1.5 s in 32 pools of 32 (sync threads: 9.1 s against 1.3 s). Pools of 8 to 64 gave
  the same wall time within the noise; 16 cost the least CPU.
* **List ticks**, beyond that (more runs in flight than :data:`MAX_HELD_RUNS`, than half the open-file limit, or
  than :data:`ONE_POOL_HELD_RUNS` when every request must go through the caller's own ``http_client``): inputs
  are started without a hold, :data:`START_WORKERS` at a time, and watched with one list request per 100 runs per
  look, each finished run read once in full (list items carry no output): about 2 requests per run. At 1,000 runs
  in flight the two strategies take about the same wall time; held waits send half the requests.

Resuming: with ``idempotency_key=K`` the start of the input at index ``i`` carries the key ``K:i``
(:func:`batch_keys`), and its run the correlation tags of that key and of the batch (:mod:`._correlation`). The
same batch run again first lists the runs with the batch's tag (a page of 100 per request), waits on the runs it
finds, and starts only the inputs that have none: no input is started twice, whatever the server does with the
``Idempotency-Key`` header (the real API documents none). A server that keeps no tags, or ignores the tag filter,
cannot tell which inputs were started: then no input of a batch with a key is started again, and each gets an
error carrying its key.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeAlias

import attrs
from eigenpal_api.models.run import Run

from ._correlation import batch_tag, key_tag
from ._deadline import Deadline
from ._errors import EigenpalError, InvalidArgumentError
from ._options import RequestOptions
from ._plans import StartParts, correlated_tags, start_args
from ._status import is_success
from ._validation import check_idempotency_key
from ._wait_rules import WaitSettings
from ._waiting._steps import Settled

if TYPE_CHECKING:
    from eigenpal_ext.webhooks import RunEvents

__all__ = [
    "LANE_CONNECTIONS",
    "MAX_HELD_RUNS",
    "ONE_POOL_HELD_RUNS",
    "START_WORKERS",
    "BatchItem",
    "BatchJob",
    "BatchProgress",
    "Begun",
    "Outcome",
    "Strategy",
    "batch_keys",
    "check_indices",
    "check_inputs",
    "check_max_in_flight",
    "choose_strategy",
    "open_file_limit",
    "plan_batch",
]

LANE_CONNECTIONS = 16
"""The most connections one pool of a batch's held requests opens (see the module docs for why pools stay small)."""

ONE_POOL_HELD_RUNS = 32
"""The most runs in flight a batch holds a request for when it cannot open pools of its own (the client was given an
``http_client``): one pool's rescans stay cheap up to about this many connections."""

MAX_HELD_RUNS = 1024
"""The most runs in flight a batch waits for with one held request each; beyond it, list ticks. Measured held up to
1,000 runs in flight, async (tasks) and sync (threads)."""

START_WORKERS = 16
"""How many starts (and full reads of finished runs) a batch on list ticks sends at once."""

Outcome: TypeAlias = "Run | EigenpalError"
"""What came of one input: its run as it ended, or the error that kept it from ending."""


@attrs.frozen
class BatchItem:
    """One input of ``run_many`` and what came of it.

    Attributes:
        index: The input's position in the batch: its place in ``inputs`` (or what ``indices`` gave it). Its start's
            ``Idempotency-Key`` is derived from it.
        input: The input, as given.
        outcome: The run as it ended (completed, failed, cancelled or rejected), or the :class:`EigenpalError` that
            kept the input from ending: a refused start (``UnprocessableEntityError`` ...), or the deadline
            (:class:`EigenpalTimeoutError`: ``run_id`` is ``None`` when the input was never started). Every error
            carries the start's key as ``idempotency_key``.
    """

    index: int
    input: Mapping[str, object] | None = attrs.field(repr=False)
    outcome: Outcome

    @property
    def run(self) -> Run | None:
        """The run as it ended, or ``None`` when the outcome is an error."""
        return self.outcome if isinstance(self.outcome, Run) else None

    @property
    def error(self) -> EigenpalError | None:
        """The error that kept the input from ending, or ``None`` when it has a run."""
        return self.outcome if isinstance(self.outcome, EigenpalError) else None

    @property
    def run_id(self) -> str | None:
        """The input's run, when one is known (an error may name it: a timed-out wait does)."""
        if isinstance(self.outcome, Run):
            return self.outcome.id
        run_id = getattr(self.outcome, "run_id", None)
        return run_id if isinstance(run_id, str) else None

    @property
    def succeeded(self) -> bool:
        """Whether the input's run completed."""
        return isinstance(self.outcome, Run) and is_success(self.outcome)


@attrs.frozen
class Begun:
    """A worker began the input in ``slot`` (its place in the call): its start is on its way."""

    slot: int


@attrs.define
class BatchProgress:
    """How far a batch has got. Only the consumer of the batch's events changes it, so it needs no lock.

    Attributes:
        total: How many inputs the call runs.
        started: How many were begun (their start sent, or on its way).
        finished: How many have an outcome.
        failed: How many of those did not complete (a run that ended another way, or an error).
    """

    total: int
    started: int = 0
    finished: int = 0
    failed: int = 0
    _open: set[int] = attrs.field(factory=set, alias="_open")

    @property
    def in_flight(self) -> int:
        """How many inputs were begun and have no outcome yet: runs going on, or starts not answered."""
        return len(self._open)

    def begin(self, slot: int) -> None:
        """The input in ``slot`` was begun."""
        self.started += 1
        self._open.add(slot)

    def settle(self, slot: int, outcome: Outcome) -> None:
        """The input in ``slot`` has its outcome."""
        self.finished += 1
        self._open.discard(slot)
        if not (isinstance(outcome, Run) and is_success(outcome)):
            self.failed += 1


# --- arguments ---------------------------------------------------------------------------------------------------


def check_inputs(inputs: Iterable[Mapping[str, object] | None]) -> list[Mapping[str, object] | None]:
    """The inputs as a list, each a mapping or ``None`` (files inside are checked when each starts).

    Raises:
        InvalidArgumentError: ``inputs`` is one mapping or a string rather than many inputs, or holds something else.
    """
    if isinstance(inputs, Mapping | str | bytes) or not isinstance(inputs, Iterable):
        raise InvalidArgumentError("inputs", "must be a list of inputs (each a mapping, or None), not one input")
    listed = list(inputs)
    for index, value in enumerate(listed):
        if value is not None and not isinstance(value, Mapping):
            raise InvalidArgumentError(f"inputs[{index}]", f"must be a mapping (or None), not {type(value).__name__}")
    return listed


def check_max_in_flight(value: int) -> int:
    """``max_in_flight``: a whole number of runs, at least 1.

    Raises:
        InvalidArgumentError: On anything else.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError("max_in_flight", f"must be a whole number of runs, 1 or more, not {value!r}")
    return value


def check_indices(indices: Sequence[int] | None, count: int) -> list[int]:
    """Each input's index in the batch: ``indices`` when given (one distinct whole number, 0 or more, per input),
    else 0, 1, 2 ...

    Raises:
        InvalidArgumentError: ``indices`` of another length than the inputs, repeated, negative or not whole numbers.
    """
    if indices is None:
        return list(range(count))
    if isinstance(indices, str) or not isinstance(indices, Sequence):
        raise InvalidArgumentError("indices", "must be a list of whole numbers, one per input")
    listed = list(indices)
    if len(listed) != count:
        raise InvalidArgumentError("indices", f"must hold one index per input: {len(listed)} for {count} inputs")
    for value in listed:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidArgumentError("indices", f"must be whole numbers, 0 or more, not {value!r}")
    if len(set(listed)) != len(listed):
        raise InvalidArgumentError("indices", "must not repeat an index: each names one input of the batch")
    return listed


def batch_keys(idempotency_key: str | None, indices: Sequence[int]) -> list[str]:
    """The ``Idempotency-Key`` each input's start sends, made once so that every retry of a start sends the same.

    With a batch key ``K``, the input at index ``i`` sends ``K:i``: the same batch run again (same inputs, same
    order, same key) sends the same keys with the same bodies, and the server answers each with the run it made the
    first time. Without one, each input gets a fresh random key.

    Raises:
        InvalidArgumentError: A key that is not 1 to 255 printable ASCII characters once ``:i`` is added.
    """
    if idempotency_key is None:
        return [str(uuid.uuid4()) for _ in indices]
    key = check_idempotency_key(idempotency_key)
    assert key is not None
    keys = [f"{key}:{index}" for index in indices]
    longest = max(keys, key=len, default=key)
    if len(longest) > 255:
        raise InvalidArgumentError(
            "idempotency_key", f"leaves no room for the input's index: {longest!r} is longer than 255 characters"
        )
    return keys


@attrs.frozen
class BatchJob:
    """One call of ``run_many``, checked and planned: what every input's start sends, and how they are waited for.

    Attributes:
        target: The checked target every input runs.
        inputs: The inputs, in the order given; a *slot* is a position in this list.
        indices: Each slot's index in the batch (its :attr:`BatchItem.index`).
        keys: Each slot's ``Idempotency-Key``.
        parts: What every start sends besides the input.
        settings: How each run is waited for.
        deadline: The batch's one deadline, from the moment it was called: the only bound of its every start and
            wait.
        options: Extra headers and query parameters for every request.
        strategy: How the runs are waited for.
        adopted: Slots whose run an earlier call of the same batch started (found by the batch's tag), to run id:
            waited for, never started again.
        events: Where the runs' webhook events arrive (``events=``): the waits wake on a run's terminal event and
            confirm it with one read, and look at the runs only as a fallback; ``None``: they poll.
    """

    target: str
    inputs: list[Mapping[str, object] | None]
    indices: list[int]
    keys: list[str]
    parts: StartParts
    settings: WaitSettings
    deadline: Deadline
    options: RequestOptions
    strategy: Strategy
    adopted: Mapping[int, str] = attrs.field(factory=dict)
    events: RunEvents | None = None

    def item(self, settled: Settled) -> BatchItem:
        """The :class:`BatchItem` of a settled slot; an error gets the slot's key, to resume with."""
        outcome = settled.outcome
        if isinstance(outcome, EigenpalError) and outcome.idempotency_key is None:
            outcome.idempotency_key = self.keys[settled.slot]
        return BatchItem(self.indices[settled.slot], self.inputs[settled.slot], outcome)


def plan_batch(
    target: str,
    inputs: Iterable[Mapping[str, object] | None],
    *,
    settings: WaitSettings,
    deadline: Deadline,
    max_in_flight: int,
    idempotency_key: str | None,
    indices: Sequence[int] | None,
    parts: StartParts,
    options: RequestOptions,
    can_spread: bool,
    correlation_tags: bool = True,
    events: RunEvents | None = None,
) -> BatchJob:
    """Check a ``run_many`` call and plan it, to run within ``deadline`` (made when the call began).

    Raises:
        InvalidArgumentError: A bad target, tag, input list, ``max_in_flight``, ``indices`` or key. (An input whose
            files or values cannot be sent is that input's outcome, not an error of the call.)
    """
    checked_target, checked_tags = start_args(target, parts.tags)
    listed = check_inputs(inputs)
    in_flight = check_max_in_flight(max_in_flight)
    positions = check_indices(indices, len(listed))
    keys = batch_keys(idempotency_key, positions)
    strategy = choose_strategy(len(listed), in_flight, can_spread=can_spread, open_files=open_file_limit())
    # A batch with a key tags its runs with it too, so that the same batch again finds them (_correlation).
    batch_key = check_idempotency_key(idempotency_key)
    correlation = (batch_tag(batch_key),) if batch_key is not None and correlation_tags else ()
    if correlation_tags:  # every start adds its key's tag too: refuse too many tags before anything is sent
        correlated_tags(checked_tags, [*correlation, key_tag("")])
    return BatchJob(
        target=checked_target,
        inputs=listed,
        indices=positions,
        keys=keys,
        parts=attrs.evolve(parts, tags=checked_tags, correlation=correlation),
        settings=settings,
        deadline=deadline,
        options=options,
        strategy=strategy,
        events=events,
    )


# --- the strategy ------------------------------------------------------------------------------------------------


@attrs.frozen
class Strategy:
    """How a batch runs its inputs (see the module docs).

    Attributes:
        held: Wait for each run with held requests (one worker per run in flight); else list ticks.
        workers: Held: workers, one per run in flight. Ticks: starts sent at once.
        lanes: Held: the connection pools the workers spread over (1: the client's own pool).
        in_flight: The most runs going on at once.
    """

    held: bool
    workers: int
    lanes: int
    in_flight: int


def open_file_limit() -> int | None:
    """This process's limit on open files (sockets included), or ``None`` where the platform does not say."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else int(soft)


def choose_strategy(count: int, max_in_flight: int, *, can_spread: bool, open_files: int | None) -> Strategy:
    """How to run ``count`` inputs with at most ``max_in_flight`` runs going at once.

    Args:
        count: How many inputs.
        max_in_flight: The most runs going on at once.
        can_spread: Whether the batch may open pools of its own (the client made its own httpx client); with the
            caller's ``http_client`` every request goes through its one pool.
        open_files: The process's open-file limit: a held request holds a socket, and half the limit is left for
            the rest of the program.
    """
    in_flight = max(1, min(count, max_in_flight))
    held_cap = MAX_HELD_RUNS if can_spread else ONE_POOL_HELD_RUNS
    if open_files is not None:
        held_cap = min(held_cap, open_files // 2)
    if in_flight <= held_cap:
        spread = can_spread and in_flight > LANE_CONNECTIONS
        lanes = math.ceil(in_flight / LANE_CONNECTIONS) if spread else 1
        return Strategy(held=True, workers=in_flight, lanes=lanes, in_flight=in_flight)
    return Strategy(held=False, workers=START_WORKERS, lanes=1, in_flight=in_flight)
