""":class:`RunEvents`: what a webhook receiver learnt about runs, for the waits of this process to wake on."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection

from eigenpal_ext._core._status import TERMINAL_STATUSES

from ._events import RunCreated, RunStatusChanged, WebhookEvent

__all__ = ["RunEvents"]

_Wake = Callable[[], None]


class RunEvents:
    """A thread-safe source of run events for the waits of ``client.runs`` (``events=``).

    Feed it every verified event (``events.feed(event)``, from any thread or event loop; ``WebhookApp(...,
    events=events)`` does it itself, and ``feed`` can be a ``WebhookApp`` handler too). It keeps, per run, the last
    status seen; a terminal status absorbs (a late, older delivery does not undo it). A wait given it sleeps until a
    terminal event of a run it waits for arrives or its next fallback poll is due, whichever is first, then confirms
    the run with one read: events only make a wait end sooner, they are never trusted as the run's final state.

    An event wakes only the waits of its own run, so a feed costs the same however many waits are going on.

    Memory is bounded: a run's status is forgotten ``ttl`` seconds after its last event, and the oldest statuses go
    first once more than ``max_runs`` are kept; the status of a run a wait is waiting for is kept while it waits. A
    forgotten status costs at most latency (a wait that starts after it reads the run on its fallback schedule).

    Args:
        max_runs: How many runs' statuses to keep at most (beyond those waited for).
        ttl: Seconds a run's status is kept after its last event, for a wait that starts later.
        clock: Monotonic seconds; for tests.
    """

    def __init__(
        self, *, max_runs: int = 100_000, ttl: float = 3600.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._lock = threading.Lock()
        self._statuses: OrderedDict[str, tuple[str, float]] = OrderedDict()  # run id -> (status, fed at), oldest first
        self._waiters: dict[str, set[_Wake]] = {}  # run id -> how to wake each wait waiting for it
        self._max_runs = max_runs
        self._ttl = ttl
        self._clock = clock

    def feed(self, event: WebhookEvent) -> bool:
        """Take in a verified event; other types than ``run.created`` and ``run.status_changed`` are ignored.

        Returns:
            Whether the event changed what is known (False for another type, or for a run already known terminal).
        """
        if not isinstance(event, RunCreated | RunStatusChanged):
            return False
        run = event.data.run
        status = str(run.status)
        now = self._clock()
        with self._lock:
            known = self._statuses.get(run.id)
            if known is not None and known[0] in TERMINAL_STATUSES:
                return False  # terminal states absorb: a reordered older delivery changes nothing
            self._statuses[run.id] = (status, now)
            self._statuses.move_to_end(run.id)
            self._forget(now)
            wakes = tuple(self._waiters.get(run.id, ())) if status in TERMINAL_STATUSES else ()
        for wake in wakes:
            wake()
        return True

    def status(self, run_id: str) -> str | None:
        """The last status an event said ``run_id`` had, or None if none arrived (or it was forgotten)."""
        with self._lock:
            known = self._statuses.get(run_id)
        return None if known is None else known[0]

    def __len__(self) -> int:
        """How many runs' statuses are kept."""
        with self._lock:
            return len(self._statuses)

    def _forget(self, now: float) -> None:
        """Drop the statuses past ``ttl`` or beyond ``max_runs``, oldest first, but none a wait is waiting for."""
        for _ in range(len(self._statuses)):
            run_id, (_status, fed_at) = next(iter(self._statuses.items()))
            if len(self._statuses) <= self._max_runs and fed_at > now - self._ttl:
                return
            if run_id in self._waiters:
                self._statuses.move_to_end(run_id)  # waited for: kept, looked at again later
            else:
                del self._statuses[run_id]

    def _ended(self, run_ids: Collection[str]) -> set[str]:
        ended: set[str] = set()
        for run_id in run_ids:
            known = self._statuses.get(run_id)
            if known is not None and known[0] in TERMINAL_STATUSES:
                ended.add(run_id)
        return ended

    def _register(self, run_ids: Collection[str], wake: _Wake) -> None:
        for run_id in run_ids:
            self._waiters.setdefault(run_id, set()).add(wake)

    def _unregister(self, run_ids: Collection[str], wake: _Wake) -> None:
        for run_id in run_ids:
            wakes = self._waiters.get(run_id)
            if wakes is not None:
                wakes.discard(wake)
                if not wakes:
                    del self._waiters[run_id]

    def wait_ended(self, run_ids: Collection[str], timeout: float) -> set[str]:
        """Block until one of ``run_ids`` has a terminal event or ``timeout`` seconds pass; which ones ended."""
        woken = threading.Event()
        wake = woken.set
        with self._lock:
            ended = self._ended(run_ids)
            if ended or timeout <= 0:
                return ended
            self._register(run_ids, wake)
        try:
            woken.wait(timeout)
        finally:
            with self._lock:
                self._unregister(run_ids, wake)
                ended = self._ended(run_ids)
        return ended

    async def await_ended(self, run_ids: Collection[str], timeout: float) -> set[str]:
        """:meth:`wait_ended` for an event loop: the loop keeps running while it waits."""
        loop = asyncio.get_running_loop()
        woken = asyncio.Event()

        def wake() -> None:
            with contextlib.suppress(RuntimeError):  # that loop was closed: its waiter is gone
                loop.call_soon_threadsafe(woken.set)

        with self._lock:
            ended = self._ended(run_ids)
            if ended or timeout <= 0:
                return ended
            self._register(run_ids, wake)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(woken.wait(), timeout)
        finally:
            with self._lock:
                self._unregister(run_ids, wake)
                ended = self._ended(run_ids)
        return ended
