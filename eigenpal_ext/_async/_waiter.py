"""The one waiter: performs the waiting flows of :mod:`eigenpal_ext._core._waiting` against the API.

Runs, handles and ``run_and_wait`` all wait through an :class:`AsyncWaiter`; it only does what a flow asks (read,
list, cancel, sleep) and hands on the runs the flow emits. What to do next is the flow's decision, and how long the
wait may last is the public call's :class:`~eigenpal_ext._core._deadline.Deadline`, made when that call began.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from eigenpal_ext._core._clock import Clock
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._options import RequestOptions
from eigenpal_ext._core._retry import draw
from eigenpal_ext._core._wait_rules import WaitSettings

# The flows (and the fan-out of many reads) are imported by the methods that wait: a client that is made, or only
# starts and reads runs, never builds their classes.
if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_list_item import RunListItem

    from eigenpal_ext._core._waiting._steps import IO, Steps
    from eigenpal_ext.webhooks import RunEvents

    from ._reader import AsyncRunReader

__all__ = ["AsyncWaiter"]


class AsyncWaiter:
    """Waits for runs read from ``reader``, sleeping on ``clock``.

    Args:
        reader: Where runs are read from (the client's requests, or a fake in tests).
        clock: What the waits read the time from and sleep on.
    """

    def __init__(self, reader: AsyncRunReader, clock: Clock) -> None:
        self.reader = reader
        self.clock = clock

    async def wait(
        self,
        run_id: str,
        settings: WaitSettings,
        *,
        deadline: Deadline,
        on_update: Callable[[Run], None] | None = None,
        last_seen: Run | None = None,
        options: RequestOptions | None = None,
        events: RunEvents | None = None,
        read_first: bool = False,
    ) -> Run:
        """Wait until a run ends, polling it: at once, then after pauses that grow to ``poll_interval_seconds``.

        Args:
            run_id: The run to wait for.
            settings: The poll interval, and what to do on timeout and failure.
            deadline: The deadline of the public call this wait is part of.
            on_update: Called with each new state of the run seen (not with repeats), the final one included.
            last_seen: The run as the caller last saw it: not reported again, and returned at once if it is terminal.
            options: Extra headers and query parameters for every request of the wait.
            events: Where the run's webhook events arrive: the wait wakes on its terminal event and reads the run
                once to confirm it, and polls only as a fallback (every four poll intervals, at least 5 s).
            read_first: With ``events``, read the run once before sleeping on them: for a run that may have ended
                before its events could be fed (a run a resumed batch found).

        Returns:
            The run as it ended; failed, cancelled and rejected runs too unless ``settings.raise_on_failure``; with
            ``settings.stop_on_human_review``, the run as it waits on a person.

        Raises:
            EigenpalTimeoutError: The deadline passed first; the run goes on unless ``settings.cancel_on_timeout``.
            RunFailedError: The run did not complete and ``settings.raise_on_failure`` is set.
            APIError: A non-transient error from the server (404, 401 ...), at once.
            APIResponseValidationError: An answer that does not fit the API, or is about another run.
        """
        from eigenpal_ext._core._waiting._flows import wait_flow
        from eigenpal_ext._core._waiting._steps import Steps

        flow = wait_flow(run_id, settings, deadline, draw, last_seen=last_seen, evented=events is not None,
                         read_first=read_first)  # fmt: skip
        steps = Steps(flow)
        async for run in self._drive(steps, options, events):
            if on_update is not None:
                on_update(run)
        return steps.result

    def poll(
        self, run_id: str, settings: WaitSettings, options: RequestOptions | None = None, *, deadline: Deadline
    ) -> AsyncIterator[Run]:
        """Each new state of a run, read at once and then after pauses growing to ``poll_interval_seconds`` (or as the
        server hints), until ``deadline``.

        The iterator ends after the terminal run (or, with ``settings.stop_on_human_review``, the first one waiting on
        a person); a review's counts moving is a new state.

        Raises:
            EigenpalTimeoutError: The deadline passed before the run ended.
            RunFailedError: After the terminal run, when it did not complete and ``settings.raise_on_failure`` is set.
            APIError: A non-transient error from the server.
        """
        from eigenpal_ext._core._waiting._flows import wait_flow
        from eigenpal_ext._core._waiting._steps import Steps

        return self._drive(Steps(wait_flow(run_id, settings, deadline, draw)), options)

    async def wait_all(
        self,
        run_ids: Sequence[str],
        settings: WaitSettings,
        options: RequestOptions | None = None,
        *,
        deadline: Deadline,
        events: RunEvents | None = None,
    ) -> list[Run]:
        """Wait until all the runs end, with one list request per 100 runs per look rather than a read per run.

        With ``events``, the runs whose terminal event arrives are read (together) to confirm it, and the looks are
        only the fallback, every four poll intervals (at least 5 s).

        Returns:
            The runs as they ended, read in full, in the order of ``run_ids`` without repeats.

        Raises:
            EigenpalTimeoutError: The deadline passed first; it names the first unfinished run and its notes say how
                many are left. With ``settings.cancel_on_timeout`` every unfinished run is cancelled first.
            RunFailedError: A run did not complete and ``settings.raise_on_failure`` is set.
            APIError: A non-transient error from the server.
        """
        from eigenpal_ext._core._waiting._flows import many_flow
        from eigenpal_ext._core._waiting._steps import Steps

        steps = Steps(many_flow(run_ids, settings, deadline, draw, evented=events is not None))
        async for _run in self._drive(steps, options, events):
            pass
        return steps.result

    def as_completed(
        self,
        run_ids: Sequence[str],
        settings: WaitSettings,
        options: RequestOptions | None = None,
        *,
        deadline: Deadline,
        events: RunEvents | None = None,
    ) -> AsyncIterator[Run]:
        """Each of the runs, read in full, as it ends; the ways and errors of :meth:`wait_all`."""
        from eigenpal_ext._core._waiting._flows import many_flow
        from eigenpal_ext._core._waiting._steps import Steps

        flow = many_flow(run_ids, settings, deadline, draw, evented=events is not None)
        return self._drive(Steps(flow), options, events)

    async def _drive(
        self, steps: Steps[Any], options: RequestOptions | None, events: RunEvents | None = None
    ) -> AsyncIterator[Run]:
        """Perform a flow's actions; yield the runs it emits."""
        from eigenpal_ext._core._waiting._steps import Emit

        for step in steps:
            if isinstance(step, Emit):
                yield step.run
            else:
                steps.answer = await self.perform(cast("IO", step), options, events)

    async def perform(self, action: IO, options: RequestOptions | None, events: RunEvents | None = None) -> object:
        """Do what a flow asked (a read, a list, a cancel, a sleep); its answer, or
        :class:`~eigenpal_ext._core._waiting._steps.Failed` with the error."""
        from eigenpal_ext._core._waiting._steps import Cancel, Failed, Read, ReadEach, ReadMany, Sleep, SleepOrEvent
        from eigenpal_ext._transport._fanout import agather

        reader = self.reader
        try:
            if isinstance(action, Read):
                return await reader.read(action.run_id, expand=action.expand, deadline=action.deadline,
                                         options=options)  # fmt: skip
            if isinstance(action, ReadMany):
                calls = [
                    functools.partial(reader.read_many, chunk, deadline=action.deadline, options=options)
                    for chunk in action.chunks
                ]
                pages = await agather(calls)
                failures = [page for page in pages if isinstance(page, Exception)]
                if failures:
                    raise failures[0]
                return [item for page in cast("list[list[RunListItem]]", pages) for item in page]
            if isinstance(action, ReadEach):
                reads = [functools.partial(reader.read, run_id, expand=action.expand,
                                           deadline=action.deadline, options=options)
                         for run_id in action.run_ids]  # fmt: skip
                return await agather(reads)
            if isinstance(action, Cancel):
                await reader.cancel(action.run_id, deadline=action.deadline, options=options)
            elif isinstance(action, Sleep):
                await self.clock.asleep(action.seconds)
            elif isinstance(action, SleepOrEvent):
                if events is None:
                    await self.clock.asleep(action.seconds)
                    return set()
                return await events.await_ended(action.run_ids, action.seconds)
            else:
                raise TypeError(f"a waiter does not perform {action!r}")  # a batch's own action: a bug
        except Exception as exc:
            return Failed(exc)
        return None
