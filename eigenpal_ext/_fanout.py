"""Many calls at once (async) or one after another (sync), each one's result or error, in order.

The waits read many finished runs, or many list pages, in one step; :func:`agather` runs them concurrently, at most
:data:`FETCH_CONCURRENCY` at a time, and :func:`gather` (what the sync twin calls) one by one. Neither raises: a call
that fails gives its exception in its place.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

__all__ = ["FETCH_CONCURRENCY", "agather", "gather"]

T = TypeVar("T")

FETCH_CONCURRENCY = 16
"""How many requests the async waits send at once when they read many finished runs or many list pages."""


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
    import asyncio  # here: a sync program never pays for importing asyncio

    limit = asyncio.Semaphore(FETCH_CONCURRENCY)

    async def bounded(call: Callable[[], Awaitable[T]]) -> T | Exception:
        async with limit:
            try:
                return await call()
            except Exception as exc:
                return exc

    if len(calls) == 1:  # the common case needs no tasks
        return [await bounded(calls[0])]
    return list(await asyncio.gather(*(bounded(call) for call in calls)))
