"""Time, injectable: every wait, backoff and deadline in eigenpal-ext reads the clock and sleeps through here,
so tests replace it and never really sleep."""

from __future__ import annotations

import time
from typing import Protocol

__all__ = ["SYSTEM_CLOCK", "Clock", "SystemClock", "default_clock", "held_by_server", "use_default_clock"]


class Clock(Protocol):
    """A monotonic clock with a blocking and an awaitable sleep."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""
        ...

    def sleep(self, seconds: float) -> None:
        """Block this thread for ``seconds``."""
        ...

    async def asleep(self, seconds: float) -> None:
        """Suspend this task for ``seconds``."""
        ...


class SystemClock:
    """The real clock: ``time.monotonic``, ``time.sleep`` and ``asyncio.sleep``."""

    def monotonic(self) -> float:
        return time.monotonic()

    def sleep(self, seconds: float) -> None:
        if seconds > 0:
            time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        import asyncio  # here: only async programs sleep this way, and they have asyncio loaded already

        await asyncio.sleep(max(seconds, 0.0))


SYSTEM_CLOCK: Clock = SystemClock()


_default: Clock | None = None


def default_clock() -> Clock:
    """The clock a client gets when it is given none: the system clock, unless a test kit set another
    (:func:`use_default_clock`)."""
    return _default or SYSTEM_CLOCK


def use_default_clock(clock: Clock | None) -> Clock | None:
    """Make ``clock`` the one clients made from now on get by default (``None``: the system clock again); the one
    it replaces. ``eigenpal_ext.testing`` does this while a cassette replays, so waits in code under test do not
    really sleep."""
    global _default
    previous, _default = _default, clock
    return previous


def held_by_server(clock: Clock, seconds: float) -> None:
    """Tell ``clock`` that the server held a request for ``seconds`` before answering that the run goes on.

    A real clock has moved on by itself; a virtual one (``eigenpal_ext.testing.VirtualClock``, which replays use)
    moves now, so a replayed hold takes as long, in the wait's eyes, as the recorded one did.
    """
    skip = getattr(clock, "held_by_server", None)
    if callable(skip):
        skip(seconds)
