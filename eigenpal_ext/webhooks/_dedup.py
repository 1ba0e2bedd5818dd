"""Receiving at least once, handling once: a store of event ids seen, and the latest state of each run.

Eigenpal delivers each event at least once and in no guaranteed order; a redelivery keeps the event's id.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from os import PathLike
from typing import Protocol, runtime_checkable

from eigenpal_ext._core._status import TERMINAL_STATUSES, RunStatus, status_of

from ._events import RunCreated, RunStatusChanged, WebhookEvent

__all__ = ["InMemorySeenEvents", "LatestRunStates", "SeenEvents", "SqliteSeenEvents"]


@runtime_checkable
class SeenEvents(Protocol):
    """Where the ids of events already handled are kept."""

    def add(self, event_id: str) -> bool:
        """Record ``event_id``; ``True`` if it was new, ``False`` if it had been seen."""
        ...

    def forget(self, event_id: str) -> None:
        """Drop ``event_id`` (its handling failed, so a redelivery must be handled)."""
        ...


class InMemorySeenEvents:
    """Event ids in memory, for one process: at most ``max_events``, each kept ``ttl`` seconds.

    Thread-safe. Lost at restart: use :class:`SqliteSeenEvents` when a redelivery may come after one.

    Args:
        max_events: How many ids to keep; the oldest go first.
        ttl: Seconds an id is kept (Eigenpal's retries end well within a day).
        clock: Monotonic seconds; for tests.
    """

    def __init__(
        self, *, max_events: int = 100_000, ttl: float = 86_400, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ids: OrderedDict[str, float] = OrderedDict()
        self._max = max_events
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()

    def add(self, event_id: str) -> bool:
        """Record ``event_id``; ``True`` if it was new."""
        now = self._clock()
        with self._lock:
            while self._ids and (next(iter(self._ids.values())) <= now - self._ttl or len(self._ids) >= self._max):
                self._ids.popitem(last=False)
            if event_id in self._ids:
                return False
            self._ids[event_id] = now
            return True

    def forget(self, event_id: str) -> None:
        """Drop ``event_id``."""
        with self._lock:
            self._ids.pop(event_id, None)

    def __len__(self) -> int:
        return len(self._ids)


class SqliteSeenEvents:
    """Event ids in a SQLite file: survives a restart, shared by the threads (and processes) of one machine.

    Args:
        path: The database file (created if missing).
        ttl: Seconds an id is kept; older ones are purged as new ones come.
        clock: Unix seconds; for tests.
    """

    def __init__(
        self, path: str | PathLike[str], *, ttl: float = 7 * 86_400, clock: Callable[[], float] = time.time
    ) -> None:
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        # One connection shared under a lock: sqlite3 objects may cross threads when check_same_thread is off.
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        with self._lock:
            self._db.execute("CREATE TABLE IF NOT EXISTS seen_events (id TEXT PRIMARY KEY, seen_at REAL NOT NULL)")

    def add(self, event_id: str) -> bool:
        """Record ``event_id``; ``True`` if it was new."""
        now = self._clock()
        with self._lock:
            self._db.execute("DELETE FROM seen_events WHERE seen_at < ?", (now - self._ttl,))
            cursor = self._db.execute("INSERT OR IGNORE INTO seen_events (id, seen_at) VALUES (?, ?)", (event_id, now))
            return cursor.rowcount == 1

    def forget(self, event_id: str) -> None:
        """Drop ``event_id``."""
        with self._lock:
            self._db.execute("DELETE FROM seen_events WHERE id = ?", (event_id,))

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> SqliteSeenEvents:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# How far along its life a status lies: a later rank never goes back to an earlier one. Unknown statuses rank with
# the running ones; terminal ones rank last and absorb.
_RANK = {
    RunStatus.CREATED: 0,
    RunStatus.PENDING: 1,
    RunStatus.RUNNING: 2,
    RunStatus.WAITING: 2,
    RunStatus.FINALIZING: 3,
}
_TERMINAL_RANK = 4


def _rank(status: RunStatus | str) -> int:
    status = status_of(status)
    if status in TERMINAL_STATUSES:
        return _TERMINAL_RANK
    return _RANK.get(status, 2) if isinstance(status, RunStatus) else 2


class LatestRunStates:
    """The latest known status of each run, fed with events: which ones move a run forward and which are stale.

    Delivery order is not guaranteed. :meth:`advance` returns ``True`` only for an event that tells something new:

    - once a run is in a terminal status, nothing moves it (terminal states absorb), so its end is seen once;
    - an event made before (``created_at``) the latest one applied for the run is stale;
    - at an equal time, one whose status lies earlier in a run's life than the known one is stale.

    Thread-safe; kept in memory (bounded by ``max_runs``, oldest runs forgotten first). Combine it with a
    :class:`SeenEvents` store, which drops exact redeliveries.
    """

    def __init__(self, *, max_runs: int = 100_000) -> None:
        self._runs: OrderedDict[str, tuple[datetime, int, RunStatus | str]] = OrderedDict()
        self._max = max_runs
        self._lock = threading.Lock()

    def advance(self, event: WebhookEvent) -> bool:
        """Apply ``event``; ``True`` if it moved its run forward, ``False`` if stale or not about a run."""
        if isinstance(event, RunStatusChanged):
            status = event.current_status
        elif isinstance(event, RunCreated):
            status = event.data.run.status
        else:
            return False
        run_id = event.data.run.id
        rank = _rank(status)
        with self._lock:
            known = self._runs.get(run_id)
            if known is not None:
                at, known_rank, _ = known
                if known_rank == _TERMINAL_RANK or event.created_at < at:
                    return False
                if event.created_at == at and rank <= known_rank:
                    return False
                if rank < known_rank:
                    return False  # a later clock cannot take a run back to an earlier phase of its life
            self._runs[run_id] = (event.created_at, rank, status)
            self._runs.move_to_end(run_id)
            while len(self._runs) > self._max:
                self._runs.popitem(last=False)
            return True

    def status(self, run_id: str) -> RunStatus | str | None:
        """The latest status known for ``run_id``."""
        with self._lock:
            known = self._runs.get(run_id)
        return None if known is None else known[2]
