"""A clock for tests whose time moves only when told: sleeps take no time (Temporal's time skipping)."""

from __future__ import annotations

import threading
import time

__all__ = ["VirtualClock"]


class VirtualClock:
    """A :class:`~eigenpal_ext._core._clock.Clock` whose sleeps move its time forward at once instead of waiting.

    Pass it as ``clock=`` to a client, and every wait, poll, retry and backoff of that client runs in no real
    time while its deadlines still count (a 300 s wait, polling at pauses that grow from 0.25 s to 2 s, takes some
    150 sleeps, and no second). The plugin gives one to every client made while a cassette replays. Reads are never
    held; a replayed start whose hold (``wait_for_completion``) ran out moves it by the hold the client asked for,
    so the wait that follows sees the time the recording saw.

    With ``real_sleep=True`` (what the plugin gives a test while it records) sleeps also really sleep, so the runs
    on the server move on, but the time still moves only by sleeps and the holds of starts: a recording then makes
    exactly the decisions its replay will make, whatever the network's latency was.

    Args:
        start: The time it starts at.
        real_sleep: Also sleep for real.

    Attributes:
        sleeps: Every sleep asked for, in order (seconds).
    """

    sleeps: list[float]
    _now: float
    _real_sleep: bool
    _lock: threading.Lock

    def __init__(self, start: float = 0.0, *, real_sleep: bool = False) -> None:
        self._now = start
        self._real_sleep = real_sleep
        self._lock = threading.Lock()
        self.sleeps = []

    def monotonic(self) -> float:
        """The virtual time, in seconds."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the time forward by ``seconds`` (never back)."""
        with self._lock:
            self._now += max(seconds, 0.0)

    def sleep(self, seconds: float) -> None:
        """Record the sleep and move the time forward by it (at once, unless ``real_sleep``)."""
        self.sleeps.append(seconds)
        if self._real_sleep and seconds > 0:
            time.sleep(seconds)
        self.advance(seconds)

    async def asleep(self, seconds: float) -> None:
        """:meth:`sleep` for async code; it lets other tasks run."""
        import asyncio  # here: a sync test never pays for importing asyncio

        self.sleeps.append(seconds)
        await asyncio.sleep(max(seconds, 0.0) if self._real_sleep else 0)
        self.advance(seconds)

    def held_by_server(self, seconds: float) -> None:
        """The server held a start this long (its ``wait_for_completion`` ran out): the time moves with it."""
        self.advance(seconds)

    def __repr__(self) -> str:
        return f"VirtualClock(now={self._now:.3f}, sleeps={len(self.sleeps)})"
