"""``run_many`` and ``run_many_as_completed``: many inputs of one target, each started and waited for, in one call.

What to do is decided in :mod:`eigenpal_ext._core._batching` (the keys, the strategy) and
:mod:`eigenpal_ext._core._waiting` (the list-tick flow); this module only sends and hands on outcomes. Held batches run
one worker per run in flight (:func:`~eigenpal_ext._transport._fanout.afan_out`: tasks here, threads in the sync twin),
each input a ``run_and_wait`` on one of the batch's own connection pools (:class:`AsyncLanes`); batches on list ticks
drive :func:`~eigenpal_ext._core._waiting._flows.ticks_flow`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import TracebackType
from typing import Self, cast

import attrs
import httpx
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.run_list_item import RunListItem

from eigenpal_ext import _generated as gen
from eigenpal_ext._core import _plans as plans
from eigenpal_ext._core._batching import (
    LANE_CONNECTIONS,
    START_WORKERS,
    BatchItem,
    BatchJob,
    BatchProgress,
    Begun,
    Outcome,
)
from eigenpal_ext._core._cancelling import CANCEL_CONCURRENCY
from eigenpal_ext._core._correlation import Verdict, judge_batch, key_tag, started_indices
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import EigenpalError
from eigenpal_ext._core._json_input import sends_once
from eigenpal_ext._core._retry import draw
from eigenpal_ext._core._validation import MAX_LIMIT
from eigenpal_ext._core._waiting._flows import not_started, ticks_flow
from eigenpal_ext._core._waiting._steps import IO, CancelEach, ReadEach, Settled, StartEach, Steps
from eigenpal_ext._transport._error_translation import expect
from eigenpal_ext._transport._fanout import Report, abatch_map, afan_out
from eigenpal_ext._transport._settings import ClientSettings
from eigenpal_ext._typing import AsyncEvents

from ._reader import AsyncApiReader
from ._requester import AsyncRequester
from ._starting import AsyncStarter, start_and_wait
from ._waiter import AsyncWaiter

__all__ = ["AsyncBatch", "AsyncBatchRunner", "AsyncLane", "AsyncLanes", "OnDone"]

OnDone = Callable[[BatchItem], None] | None
"""Called with each input's :class:`BatchItem` as its outcome is known."""

RunEvent = Begun | Settled
_SLACK = 1e-3


@attrs.frozen
class AsyncLane:
    """One connection pool of a batch, with the starter and waiter that send through it."""

    starter: AsyncStarter
    waiter: AsyncWaiter


class AsyncLanes:
    """The connection pools a held batch spreads its requests over, at most ``LANE_CONNECTIONS`` requests each.

    One lane is the client's own pool; more are pools of their own, made like the client's (same base URL, key,
    timeouts, hooks and deadline transport) and sharing one TLS context, and closed with :meth:`close`.
    """

    def __init__(self, requester: AsyncRequester, settings: ClientSettings | None, count: int) -> None:
        self._own: list[httpx.AsyncClient] = []
        if settings is None or count <= 1:
            self._lanes = [_lane(requester)]
            return
        tls = httpx.create_ssl_context()  # one for all: each costs tens of milliseconds and half a megabyte
        lanes = []
        for _ in range(count):
            http = settings.new_async_http_client(connections=LANE_CONNECTIONS, ssl_context=tls)
            self._own.append(http)
            api = settings.generated_client().set_async_httpx_client(http)
            lanes.append(_lane(attrs.evolve(requester, api=api)))
        self._lanes = lanes

    def lane(self, worker: int) -> AsyncLane:
        """The lane of worker number ``worker``: workers are dealt round the lanes, none holding more than its share."""
        return self._lanes[worker % len(self._lanes)]

    async def close(self) -> None:
        """Close the pools made for the batch."""
        for http in self._own:
            await http.aclose()


def _lane(requester: AsyncRequester) -> AsyncLane:
    return AsyncLane(AsyncStarter(requester), AsyncWaiter(AsyncApiReader(requester), requester.clock))


class AsyncBatch:
    """The inputs of ``run_many_as_completed``, each as its outcome is known: iterate it for :class:`BatchItem`\\ s.

    Nothing is sent until the first item is asked for. Its counts say how far the batch has got, for a progress
    display. Leave it early with :meth:`close` (or ``async with``): no more inputs are started, and the runs already
    started go on on the server (the same batch with the same ``idempotency_key`` picks them up again).

    Attributes:
        total: How many inputs the call runs.
    """

    total: int

    def __init__(self, runner: AsyncBatchRunner, job: BatchJob) -> None:
        self._job = job
        self._events = runner.events(job)
        self._progress = BatchProgress(len(job.inputs))
        self.total = len(job.inputs)

    @property
    def started(self) -> int:
        """How many inputs were begun (their start sent, or on its way)."""
        return self._progress.started

    @property
    def finished(self) -> int:
        """How many inputs have an outcome."""
        return self._progress.finished

    @property
    def failed(self) -> int:
        """How many of those did not complete: a run that ended failed, cancelled or rejected, or an error."""
        return self._progress.failed

    @property
    def in_flight(self) -> int:
        """How many inputs were begun and have no outcome yet (runs going on, starts not answered)."""
        return self._progress.in_flight

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> BatchItem:
        while True:
            event = await self._events.__anext__()
            if isinstance(event, Begun):
                self._progress.begin(event.slot)
                continue
            self._progress.settle(event.slot, event.outcome)
            return self._job.item(event)

    async def close(self) -> None:
        """Stop: start no more inputs and stop waiting; the runs already started go on."""
        await self._events.aclose()

    # unasync: async-only
    async def aclose(self) -> None:
        """Stop; the async generator spelling of :meth:`close`."""
        await self.close()

    # unasync: end

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()


class AsyncBatchRunner:
    """Runs the batches of one client: its own starter and waiter, and the settings to open pools for held batches
    (``None`` when the client uses the caller's ``http_client``, which stays the one pool)."""

    def __init__(
        self, requester: AsyncRequester, starter: AsyncStarter, waiter: AsyncWaiter, settings: ClientSettings | None
    ) -> None:
        self._requester = requester
        self._starter = starter
        self._waiter = waiter
        self.settings = settings

    async def run_many(self, job: BatchJob, on_done: OnDone) -> list[Outcome]:
        """Every input's outcome, in the order of the inputs."""
        outcomes: list[Outcome | None] = [None] * len(job.inputs)
        slot_of = {index: slot for slot, index in enumerate(job.indices)}
        async with AsyncBatch(self, job) as batch:
            async for item in batch:
                outcomes[slot_of[item.index]] = item.outcome
                if on_done is not None:
                    on_done(item)
        finals = [outcome for outcome in outcomes if outcome is not None]
        assert len(finals) == len(outcomes), "a batch ended with inputs that have no outcome"
        return finals

    async def events(self, job: BatchJob) -> AsyncEvents[RunEvent]:
        """What the batch's workers report: each input begun, then settled. A batch with a key first finds the runs
        an earlier call of it started (by the batch's tag), and starts only the inputs that have none."""
        if job.parts.correlation:
            found = await self._started_before(job)
            if isinstance(found, str):
                for slot in range(len(job.inputs)):
                    yield Settled(slot, EigenpalError(f"not started: {found}, so this batch cannot resume safely"))
                return
            job = attrs.evolve(job, adopted=found)
        workers = self._held(job) if job.strategy.held else self._ticks(job)
        try:
            async for event in workers:
                yield event
        finally:
            await workers.aclose()

    async def _started_before(self, job: BatchJob) -> dict[int, str] | str:
        """Slot to run id of the inputs an earlier call of this batch started; or why the server cannot say."""
        tag = job.parts.correlation[0]
        key_tags = {key_tag(key): slot for slot, key in enumerate(job.keys)}
        plan = plans.plan_list({"tag": tag}, limit=MAX_LIMIT)
        items: list[RunListItem] = []
        seen: set[str] = set()
        while True:
            response = await self._requester.call(
                gen.runs_list.asyncio_detailed, plan, job.deadline, options=job.options
            )
            page = expect(response, gen.RunsListResponse)
            lookup = judge_batch(page.runs, tag)
            if lookup.verdict is Verdict.UNPROVEN:
                return lookup.reason
            items.extend(page.runs)
            cursor = page.next_cursor
            if not cursor or cursor in seen:
                return started_indices(items, key_tags)
            seen.add(cursor)
            plan = attrs.evolve(plan, kwargs={**plan.kwargs, "cursor": cursor})

    # held: a worker per run in flight, each input one run_and_wait

    async def _held(self, job: BatchJob) -> AsyncEvents[RunEvent]:
        lanes = AsyncLanes(self._requester, self.settings, job.strategy.lanes)

        async def work(worker: int, slot: int, report: Report[RunEvent]) -> None:
            if job.deadline.passed(_SLACK):
                report(Settled(slot, not_started(job.deadline)))
                return
            report(Begun(slot))
            lane = lanes.lane(worker)
            outcome: Outcome
            adopted = job.adopted.get(slot)
            try:
                if adopted is not None:  # started by an earlier call of the batch: wait for it, never start again
                    # Read it first even with events: it may have ended before anything could feed them.
                    outcome = await lane.waiter.wait(adopted, job.settings, deadline=job.deadline, options=job.options,
                                                     events=job.events, read_first=True)  # fmt: skip
                else:
                    outcome = await start_and_wait(
                        lane.starter,
                        lane.waiter,
                        job.target,
                        job.inputs[slot],
                        settings=job.settings,
                        deadline=job.deadline,
                        key=job.keys[slot],
                        parts=job.parts,
                        options=job.options,
                        events=job.events,
                    )
            except EigenpalError as exc:
                outcome = exc
            report(Settled(slot, outcome))

        events: AsyncEvents[RunEvent] = afan_out(work, len(job.inputs), job.strategy.workers)
        try:
            async for event in events:
                yield event
        finally:
            await events.aclose()
            await lanes.close()

    # ticks: starts in rounds, runs watched with list requests

    async def _ticks(self, job: BatchJob) -> AsyncEvents[RunEvent]:
        once = frozenset(slot for slot, value in enumerate(job.inputs) if sends_once(value))
        steps = Steps(ticks_flow(len(job.inputs), job.strategy.in_flight, job.settings, job.deadline, draw,
                                 sends_once=once, evented=job.events is not None))  # fmt: skip
        for action in steps:
            if isinstance(action, Settled):
                yield action
            elif isinstance(action, StartEach):
                for slot in action.slots:
                    yield Begun(slot)
                steps.answer = await self._start_each(job, action)
            elif isinstance(action, ReadEach):
                steps.answer = await self._read_each(job, action)
            elif isinstance(action, CancelEach):
                steps.answer = await self._cancel_each(job, action)
            else:
                steps.answer = await self._waiter.perform(cast("IO", action), job.options, job.events)

    async def _start_each(self, job: BatchJob, action: StartEach) -> list[Run | RunAccepted | Exception]:
        calls = [
            functools.partial(self._start, job, slot, action.deadline, slot in action.may_exist)
            for slot in action.slots
        ]
        return await abatch_map(calls, START_WORKERS)

    async def _start(self, job: BatchJob, slot: int, deadline: Deadline, may_exist: bool) -> Run | RunAccepted:
        adopted = job.adopted.get(slot)
        if adopted is not None:  # started by an earlier call of the batch: read it, never start again
            return await self._starter.read(adopted, deadline, job.options)
        return await self._starter.start(
            job.target,
            job.inputs[slot],
            tags=job.parts.tags,
            overrides=job.parts.overrides,
            metadata=job.parts.metadata,
            version=job.parts.version,
            wait_for_completion=None,
            idempotency_key=job.keys[slot],
            within=deadline,
            options=job.options,
            correlation=job.parts.correlation,
            may_exist=may_exist,
        )

    async def _read_each(self, job: BatchJob, action: ReadEach) -> list[object]:
        reader = self._waiter.reader
        reads = [
            functools.partial(reader.read, run_id, expand=action.expand, deadline=action.deadline, options=job.options)
            for run_id in action.run_ids
        ]
        return list(await abatch_map(reads, START_WORKERS))

    async def _cancel_each(self, job: BatchJob, action: CancelEach) -> list[str]:
        """Cancel the runs one by one, a few at a time (best effort: the real API has no bulk cancel); the ids of
        those whose cancel failed."""
        cancels = [
            functools.partial(
                self._requester.call, gen.runs_cancel.asyncio_detailed, plans.plan_cancel(run_id), action.deadline,
                options=job.options,
            )
            for run_id in action.run_ids
        ]  # fmt: skip
        results = await abatch_map(cancels, CANCEL_CONCURRENCY)
        return [run_id for run_id, result in zip(action.run_ids, results, strict=True) if isinstance(result, Exception)]
