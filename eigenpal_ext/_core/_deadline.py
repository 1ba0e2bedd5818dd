"""One deadline per public call: when it ends, and how much of it is left.

Every public call makes one :class:`Deadline` when it begins (a wait from its ``timeout_seconds``, a plain call from
the client's ``timeout``) and hands it down to everything it does: holds are cut to what is left
(:func:`~._wait_rules.hold_within`), every HTTP request
is bounded by what is left (:mod:`._network` enforces that on each byte), retries and sleeps stop at it. A deadline
reads time only through the injected :class:`~eigenpal_ext._core._clock.Clock`, so tests move it without sleeping.
"""

from __future__ import annotations

import math

import attrs

from ._clock import Clock

__all__ = ["Deadline"]


@attrs.frozen
class Deadline:
    """The moment a call must end by, on a clock's monotonic time.

    Attributes:
        clock: The clock it is measured on.
        started: When the call began.
        at: When it must end; ``math.inf`` for a call without a bound.
    """

    clock: Clock = attrs.field(repr=False)
    started: float
    at: float

    @classmethod
    def after(cls, clock: Clock, seconds: float | None) -> Deadline:
        """A deadline ``seconds`` from now; ``None`` for no bound."""
        now = clock.monotonic()
        return cls(clock, now, math.inf if seconds is None else now + max(seconds, 0.0))

    @property
    def seconds(self) -> float:
        """The whole time the call was given."""
        return self.at - self.started

    def left(self) -> float:
        """Seconds until the deadline; 0 or less once it has passed."""
        return self.at - self.clock.monotonic()

    def elapsed(self) -> float:
        """Seconds since the call began."""
        return self.clock.monotonic() - self.started

    def passed(self, slack: float = 0.0) -> bool:
        """Whether no more than ``slack`` seconds are left."""
        return self.left() <= slack
