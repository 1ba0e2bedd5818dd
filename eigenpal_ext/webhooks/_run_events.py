""":class:`RunEvents`: what a webhook receiver learnt about runs, for the waits of this process to wake on."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Collection

from eigenpal_ext._core._status import TERMINAL_STATUSES

from ._events import RunCreated, RunStatusChanged, WebhookEvent

__all__ = ["RunEvents"]


class RunEvents:
    """A thread-safe source of run events for ``runs.wait(..., events=...)``.

    Feed it every verified event (``events.feed(event)``, from any thread or event loop; ``WebhookApp(...,
    events=events)`` does it itself). It keeps, per run, the last status seen; a terminal status absorbs (a late,
    older delivery does not undo it). A wait given it sleeps until the run's terminal event arrives or its next
    fallback poll is due, whichever is first, then confirms the run with one read: events only make a wait end
    sooner, they are never trusted as the run's final state.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._statuses: dict[str, str] = {}
        self._async_waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    def feed(self, event: WebhookEvent) -> None:
        """Take in a verified event; other types than ``run.created`` and ``run.status_changed`` are ignored."""
        if not isinstance(event, RunCreated | RunStatusChanged):
            return
        run = event.data.run
        status = str(run.status)
        with self._lock:
            if self._statuses.get(run.id) in TERMINAL_STATUSES:
                return  # terminal states absorb: a reordered older delivery changes nothing
            self._statuses[run.id] = status
            self._changed.notify_all()
            waiters = list(self._async_waiters)
        for loop, woken in waiters:
            with contextlib.suppress(RuntimeError):  # that loop was closed: its waiter is gone
                loop.call_soon_threadsafe(woken.set)

    def status(self, run_id: str) -> str | None:
        """The last status an event said ``run_id`` had, or None if none arrived."""
        with self._lock:
            return self._statuses.get(run_id)

    def _ended(self, run_ids: Collection[str]) -> set[str]:
        return {run_id for run_id in run_ids if self._statuses.get(run_id) in TERMINAL_STATUSES}

    def wait_ended(self, run_ids: Collection[str], timeout: float) -> set[str]:
        """Block until one of ``run_ids`` has a terminal event or ``timeout`` seconds pass; which ones ended."""
        end = time.monotonic() + timeout
        with self._changed:
            while not (ended := self._ended(run_ids)):
                left = end - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return ended

    async def await_ended(self, run_ids: Collection[str], timeout: float) -> set[str]:
        """:meth:`wait_ended` for an event loop: the loop keeps running while it waits."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        woken = asyncio.Event()
        entry = (loop, woken)
        with self._lock:
            self._async_waiters.add(entry)
        try:
            while True:
                with self._lock:
                    woken.clear()
                    ended = self._ended(run_ids)
                left = end - loop.time()
                if ended or left <= 0:
                    return ended
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(woken.wait(), left)
        finally:
            with self._lock:
                self._async_waiters.discard(entry)
