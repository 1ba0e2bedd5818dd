"""Seeded faults of webhook delivery, so that a receiver can be tested for idempotency and order safety.

A spec is text such as `duplicate=0.2,reorder=0.2,delay=0.5:0.3,bad_signature=0.1,stale_timestamp=0.1`; each rate is
drawn on its own, per event, in the order the server emits events (so one seed repeats the same faults for the same
sequence of events):

- `duplicate=RATE`: the event is delivered twice, with the same event id (as a redelivery would be).
- `reorder=RATE`: the event is held back and sent after the next event of the same run (or, for a run's last event,
  after `reorder_hold` seconds, 0.05 by default).
- `delay=RATE[:SECONDS]`: the event is sent SECONDS later (0.5 by default), off the run's queue, so later events
  overtake it.
- `bad_signature=RATE`: before the genuine delivery, a copy signed with a wrong key (a forgery the receiver must
  refuse with a 400; its answer does not stop the genuine delivery).
- `stale_timestamp=RATE`: before the genuine delivery, a copy correctly signed with a timestamp ten minutes old (a
  replay the receiver must refuse).

The injected copies are extra: every event is still delivered genuinely at least once.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, fields

STALE_SECONDS = 600
"""How old a `stale_timestamp` copy's timestamp is: twice the 300 s tolerance Eigenpal's guide tells receivers."""


@dataclass(frozen=True)
class WebhookFaultSpec:
    """How often each delivery fault happens, per event."""

    duplicate: float = 0.0
    reorder: float = 0.0
    delay: float = 0.0
    delay_seconds: float = 0.5
    bad_signature: float = 0.0
    stale_timestamp: float = 0.0
    reorder_hold: float = 0.05

    def __post_init__(self) -> None:
        rates = (self.duplicate, self.reorder, self.delay, self.bad_signature, self.stale_timestamp)
        if any(not 0.0 <= rate <= 1.0 for rate in rates):
            raise ValueError("webhook fault rates must be between 0 and 1")
        if self.delay_seconds < 0 or self.reorder_hold < 0:
            raise ValueError("webhook fault delays must be at least 0")

    @classmethod
    def parse(cls, text: str) -> WebhookFaultSpec:
        """Parses `name=RATE,...` (`delay=RATE:SECONDS`); raises ValueError naming what is wrong."""
        values: dict[str, float] = {}
        names = {field.name for field in fields(cls)}
        for part in filter(None, (piece.strip() for piece in text.split(","))):
            name, sep, value = part.partition("=")
            name = name.strip()
            if not sep or name not in names or name == "delay_seconds":
                raise ValueError(f"unknown webhook fault {part!r}; known: {', '.join(sorted(names))}")
            try:
                if name == "delay" and ":" in value:
                    rate, seconds = value.split(":", 1)
                    values["delay"], values["delay_seconds"] = float(rate), float(seconds)
                else:
                    values[name] = float(value)
            except ValueError:
                raise ValueError(f"webhook fault {part!r}: not a number") from None
        return cls(**values)

    @classmethod
    def coerce(cls, value: WebhookFaultSpec | str | Mapping[str, float] | None) -> WebhookFaultSpec:
        """A spec from a spec, its text form, a mapping of its fields, or None (no faults)."""
        if value is None:
            return cls()
        if isinstance(value, WebhookFaultSpec):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        return cls(**dict(value))


@dataclass(frozen=True)
class EventFaults:
    """The faults drawn for one event."""

    duplicate: bool = False
    reorder: bool = False
    delay: bool = False
    bad_signature: bool = False
    stale_timestamp: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the faults drawn, in a fixed order (for the delivery log)."""
        return tuple(field.name for field in fields(self) if getattr(self, field.name))


def draw(spec: WebhookFaultSpec, rng: random.Random) -> EventFaults:
    """Draws one event's faults: always five draws, so that one seed gives one sequence whatever the rates."""
    rolls = [rng.random() for _ in range(5)]
    return EventFaults(
        duplicate=rolls[0] < spec.duplicate,
        reorder=rolls[1] < spec.reorder,
        delay=rolls[2] < spec.delay,
        bad_signature=rolls[3] < spec.bad_signature,
        stale_timestamp=rolls[4] < spec.stale_timestamp,
    )
