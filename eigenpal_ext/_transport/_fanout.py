"""Many calls at once: asyncio tasks for the async client, threads for the sync one.

- :func:`agather` / :func:`gather`: the waits read many finished runs, or many list pages, in one step; the async
  form runs them concurrently, at most :data:`FETCH_CONCURRENCY` at a time, the sync one (what the sync twin calls)
  one by one.
- :func:`abatch_map` / :func:`batch_map`: the same, with as many at once as asked, in tasks or in threads: a batch
  starts or reads hundreds of runs in one step, and one by one that would take seconds.
- :func:`afan_out` / :func:`fan_out`: a batch's workers, each taking the next input until none is left, and what
  they report, in the order they report it.

None of them raises for a call that fails: the gathers give its exception in its place, and a worker reports its
own outcomes. The sync twin of ``_async`` calls the names without the ``a`` (scripts/_unasync.py maps them).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Sequence
from typing import TypeVar, cast

__all__ = ["FETCH_CONCURRENCY", "Report", "abatch_map", "afan_out", "agather", "batch_map", "fan_out", "gather"]

T = TypeVar("T")
E = TypeVar("E")

FETCH_CONCURRENCY = 16
"""How many requests the async waits send at once when they read many finished runs or many list pages."""

Report = Callable[[E], None]
"""How a worker of :func:`afan_out` / :func:`fan_out` hands on what it has to say (an event of its input)."""


def gather(calls: Sequence[Callable[[], T]]) -> list[T | Exception]:
    """Make the calls one after another; each one's result or error, in order."""
    results: list[T | Exception] = []
    for call in calls:
        try:
            results.append(call())
        except Exception as exc:
            results.append(exc)
    return results


async def agather(calls: Sequence[Callable[[], Awaitable[T]]]) -> list[T | Exception]:
    """Await the calls, at most :data:`FETCH_CONCURRENCY` at a time; each one's result or error, in order."""
    return await abatch_map(calls, FETCH_CONCURRENCY)


def batch_map(calls: Sequence[Callable[[], T]], workers: int) -> list[T | Exception]:
    """Make the calls in up to ``workers`` threads; each one's result or error, in order."""
    if workers <= 1 or len(calls) <= 1:
        return gather(calls)
    from concurrent.futures import ThreadPoolExecutor  # here: most sync programs never fan out

    def guarded(call: Callable[[], T]) -> T | Exception:
        try:
            return call()
        except Exception as exc:
            return exc

    with ThreadPoolExecutor(min(workers, len(calls)), thread_name_prefix="eigenpal-batch") as pool:
        return list(pool.map(guarded, calls))


async def abatch_map(calls: Sequence[Callable[[], Awaitable[T]]], workers: int) -> list[T | Exception]:
    """Await the calls, at most ``workers`` at a time; each one's result or error, in order."""
    import asyncio  # here: a sync program never pays for importing asyncio

    limit = asyncio.Semaphore(max(workers, 1))

    async def bounded(call: Callable[[], Awaitable[T]]) -> T | Exception:
        async with limit:
            try:
                return await call()
            except Exception as exc:
                return exc

    if len(calls) == 1:  # the common case needs no tasks
        return [await bounded(calls[0])]
    return list(await asyncio.gather(*(bounded(call) for call in calls)))


class _WorkerFailed:
    """A worker raised (a bug: workers report their outcomes): the consumer re-raises it."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


_WORKER_DONE = object()
"""What a worker puts on the queue when no input is left for it."""


def fan_out(work: Callable[[int, int, Report[E]], None], count: int, workers: int) -> Generator[E, None, None]:
    """Run ``work(worker, index, report)`` for every index below ``count`` in ``workers`` threads, each thread taking
    the next index as it finishes one; yield what they report, as they report it, in this thread.

    Leaving the iterator early stops the threads from taking more indices; it does not wait for the calls they are
    in (a held request may last a minute): the threads are daemons, so they never keep the program from exiting.
    """
    events: queue.SimpleQueue[object] = queue.SimpleQueue()
    indices = iter(range(count))
    taking = threading.Lock()
    stop = threading.Event()

    def next_index() -> int | None:
        with taking:
            return next(indices, None)

    def worker(number: int) -> None:
        try:
            while not stop.is_set() and (index := next_index()) is not None:
                work(number, index, events.put)
        except BaseException as exc:  # handed to the consumer, which raises it
            events.put(_WorkerFailed(exc))
        finally:
            events.put(_WORKER_DONE)

    threads = [
        threading.Thread(target=worker, args=(number,), name=f"eigenpal-batch-{number}", daemon=True)
        for number in range(min(workers, count))
    ]
    for thread in threads:
        thread.start()
    running = len(threads)
    try:
        while running:
            event = events.get()
            if event is _WORKER_DONE:
                running -= 1
            elif isinstance(event, _WorkerFailed):
                raise event.error
            else:
                yield cast("E", event)  # what work reported
    finally:
        stop.set()


async def afan_out(
    work: Callable[[int, int, Report[E]], Awaitable[None]], count: int, workers: int
) -> AsyncGenerator[E, None]:
    """Run ``work(worker, index, report)`` for every index below ``count`` in ``workers`` tasks, each task taking the
    next index as it finishes one; yield what they report, as they report it.

    Leaving the iterator early (``aclose``) cancels the tasks.
    """
    import asyncio

    events: asyncio.Queue[object] = asyncio.Queue()
    indices = iter(range(count))  # shared: each task takes the next index (one event loop, no lock needed)

    async def worker(number: int) -> None:
        try:
            for index in indices:
                await work(number, index, events.put_nowait)
        except Exception as exc:  # handed to the consumer, which raises it
            events.put_nowait(_WorkerFailed(exc))
        finally:
            events.put_nowait(_WORKER_DONE)

    tasks = [asyncio.create_task(worker(number)) for number in range(min(workers, count))]
    running = len(tasks)
    try:
        while running:
            event = await events.get()
            if event is _WORKER_DONE:
                running -= 1
            elif isinstance(event, _WorkerFailed):
                raise event.error
            else:
                yield cast("E", event)  # what work reported
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
