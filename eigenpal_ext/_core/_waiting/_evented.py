"""Waiting for many runs with an event source: when to look at them all, and the one read that confirms a run's
terminal event.

A flow fed by events (``events=``) does not look at its runs on the usual ticks. It sleeps until a terminal event of
one of them arrives (:class:`~._steps.SleepOrEvent`), then reads just the runs it names, together
(:class:`~._steps.ReadEach`), and hands on those the reads show finished. A full look (list, then read the finished)
still comes every four poll intervals, at least :data:`EVENT_FALLBACK_SECONDS` apart, in case events are lost. A run
whose event said terminal while its read said otherwise is *doubted*: its events no longer wake the flow (they would
keep saying terminal) and the looks come on the usual poll interval until it is seen finished.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Set
from typing import TYPE_CHECKING, cast

import attrs

from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._wait_rules import WaitSettings

from ._in_flight import InFlight, Look, look
from ._steps import Flow, SleepOrEvent

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run

__all__ = ["EVENT_FALLBACK_SECONDS", "EventWatch", "event_pause"]

EVENT_FALLBACK_SECONDS = 5.0
"""The shortest pause between the fallback reads of a wait fed by events (else four poll intervals)."""


def event_pause(settings: WaitSettings, deadline: Deadline) -> float:
    """How long a wait fed by events sleeps for its runs' terminal events before it looks at them anyway."""
    return min(max(4 * settings.poll_interval_seconds, EVENT_FALLBACK_SECONDS), deadline.left())


@attrs.define
class EventWatch:
    """When a flow for many runs fed by events looks at them all next, and which runs' events it still trusts."""

    settings: WaitSettings
    deadline: Deadline
    next_look_at: float = 0.0
    doubted: set[str] = attrs.field(factory=set)

    @classmethod
    def starting(cls, settings: WaitSettings, deadline: Deadline) -> EventWatch:
        """A watch whose first full look is a fallback pause away (at once for a wait given no time at all)."""
        now = deadline.clock.monotonic()
        first = now + event_pause(settings, deadline) if deadline.seconds > 0 else now
        return cls(settings, deadline, first)

    def look_due(self) -> bool:
        """Whether the full look is due."""
        return self.deadline.clock.monotonic() >= self.next_look_at

    def looked(self) -> None:
        """A full look was made: the next is a fallback pause away (a poll interval while a run is doubted)."""
        pause = self.settings.poll_interval_seconds if self.doubted else event_pause(self.settings, self.deadline)
        self.next_look_at = self.deadline.clock.monotonic() + pause

    def sleep(self, in_flight: InFlight, until: float = math.inf) -> Flow[set[str]]:
        """Sleep until a terminal event of a run watched (not doubted), the next full look or ``until`` (a
        monotonic time), whichever is first; the runs the events name."""
        wake_at = min(self.next_look_at, until)
        pause = min(wake_at - self.deadline.clock.monotonic(), self.deadline.left())
        if pause <= 0:
            return set()
        watched = tuple(run_id for run_id in in_flight.place if run_id not in self.doubted)
        return set(cast("Set[str]", (yield SleepOrEvent(pause, watched))))

    def confirm(self, in_flight: InFlight, ended: Set[str], finished: Callable[[int, Run], Flow[None]]) -> Flow[Look]:
        """Read the runs whose terminal event arrived, together, and hand on those the reads show finished; a run
        the read shows going on is doubted from now on."""
        for run_id in ended:
            if run_id in in_flight.pending:
                del in_flight.pending[run_id]
                in_flight.to_fetch[run_id] = None
        outcome = yield from look(in_flight, self.deadline, finished, listing=False)
        for run_id in ended:
            if run_id in in_flight.place and run_id not in in_flight.to_fetch:
                self.doubted.add(run_id)  # the server says it goes on: its events can no longer wake us
                self.next_look_at = min(
                    self.next_look_at, self.deadline.clock.monotonic() + self.settings.poll_interval_seconds
                )
        return outcome
