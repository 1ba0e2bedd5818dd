"""Seeded fault injection: 5xx, 429, dropped connections, lost responses and added latency.

A spec is text such as `5xx=0.2,429=0.1,drop=0.05,lost=0.05,latency=0.1:0.5` or `lost_start=1`:

- `5xx=RATE`: answer 500 or 503 (503 carries `Retry-After`) without running the handler.
- `429=RATE`: answer 429 with `Retry-After` without running the handler.
- `drop=RATE`: close the connection without any HTTP answer, without running the handler.
- `lost=RATE`: run the handler (the request takes effect), then close the connection instead of answering.
- `lost_start=RATE`: as `lost`, for starts and reruns only (`POST /v1/runs`, `POST /v1/runs/{id}/rerun`): the run is
  created and its answer never arrives, while the reads a client makes to find it are answered.
- `latency=RATE:SECONDS` or `latency=RATE:MIN-MAX`: add that delay (uniform in MIN..MAX) before the handler.
- `retry_after=SECONDS`: the `Retry-After` value of 429 and 503 answers (default 1).

The rates of 5xx, 429, drop and lost are exclusive shares of one draw, so their sum must be at most 1; latency is
drawn on its own, and so is `lost_start` (for a start that the first draw left alone).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Literal

FaultAction = Literal["5xx", "429", "drop", "lost"]


@dataclass(frozen=True)
class FaultSpec:
    """How often each fault happens, per /v1 request."""

    server_error: float = 0.0
    rate_limit: float = 0.0
    drop: float = 0.0
    lost: float = 0.0
    latency: float = 0.0
    latency_min_seconds: float = 0.0
    latency_max_seconds: float = 0.0
    retry_after: int = 1
    lost_start: float = 0.0

    def __post_init__(self) -> None:
        rates = (self.server_error, self.rate_limit, self.drop, self.lost, self.latency, self.lost_start)
        if any(not 0.0 <= rate <= 1.0 for rate in rates):
            raise ValueError("fault rates must be between 0 and 1")
        if self.server_error + self.rate_limit + self.drop + self.lost > 1.0 + 1e-9:
            raise ValueError("the rates of 5xx, 429, drop and lost must add up to at most 1")
        if not 0.0 <= self.latency_min_seconds <= self.latency_max_seconds:
            raise ValueError("latency needs 0 <= MIN <= MAX seconds")
        if self.retry_after < 0:
            raise ValueError("retry_after must be at least 0")

    @property
    def active(self) -> bool:
        """Whether any fault can happen at all."""
        return any((self.server_error, self.rate_limit, self.drop, self.lost, self.latency, self.lost_start))

    @classmethod
    def parse(cls, text: str) -> FaultSpec:
        """Reads a spec such as `5xx=0.2,429=0.1,drop=0.05,lost=0.05,latency=0.1:0.5`.

        Raises:
            ValueError: The text names an unknown fault or a value is out of range.
        """
        values: dict[str, float | int] = {}
        for raw_part in text.split(","):
            part = raw_part.strip()
            if not part:
                continue
            name, sep, value = part.partition("=")
            name, value = name.strip().lower(), value.strip()
            if not sep:
                raise ValueError(f"fault {part!r} needs NAME=VALUE")
            if name in ("5xx", "500", "server_error"):
                values["server_error"] = float(value)
            elif name in ("429", "rate_limit"):
                values["rate_limit"] = float(value)
            elif name in ("drop", "lost", "lost_start"):
                values[name] = float(value)
            elif name == "retry_after":
                values["retry_after"] = int(value)
            elif name == "latency":
                rate, _, seconds = value.partition(":")
                low, _, high = (seconds or "0").partition("-")
                values["latency"] = float(rate)
                values["latency_min_seconds"] = float(low)
                values["latency_max_seconds"] = float(high or low)
            else:
                raise ValueError(f"unknown fault {name!r}")
        return cls(**values)  # type: ignore[arg-type]

    @classmethod
    def coerce(cls, faults: FaultSpec | str | Mapping[str, float | int] | None) -> FaultSpec:
        """Accepts a spec, its text, a mapping of field names (or spec names) to values, or None (no faults)."""
        if faults is None:
            return cls()
        if isinstance(faults, FaultSpec):
            return faults
        if isinstance(faults, str):
            return cls.parse(faults)
        names = {field.name for field in fields(cls)}
        if set(faults) <= names:
            return cls(**faults)  # type: ignore[arg-type]
        return cls.parse(",".join(f"{name}={value}" for name, value in faults.items()))


@dataclass(frozen=True)
class FaultDecision:
    """What to do to one request."""

    action: FaultAction | None
    delay_seconds: float
    server_status: int = 500


class FaultInjector:
    """Draws a decision per request from a seeded generator; safe to reconfigure from another thread."""

    def __init__(self, spec: FaultSpec | None = None, seed: int | None = None) -> None:
        self._lock = threading.Lock()
        self._spec = spec or FaultSpec()
        self._random = random.Random(seed)

    @property
    def spec(self) -> FaultSpec:
        """The spec in force."""
        return self._spec

    def configure(self, spec: FaultSpec, seed: int | None = None) -> None:
        """Replaces the spec; a seed, when given, restarts the generator."""
        with self._lock:
            self._spec = spec
            if seed is not None:
                self._random = random.Random(seed)

    def decide(self, *, starts_a_run: bool = False) -> FaultDecision:
        """Draws what happens to the next request (`starts_a_run`: a start or a rerun, which `lost_start` hits)."""
        spec = self._spec
        if not spec.active:
            return FaultDecision(action=None, delay_seconds=0.0)
        with self._lock:
            draw = self._random.random()
            latency_draw = self._random.random()
            delay = self._random.uniform(spec.latency_min_seconds, spec.latency_max_seconds)
            server_status = 503 if self._random.random() < 0.5 else 500
            # Drawn only when it can matter, so that a spec without it repeats the sequence it always gave.
            start_draw = self._random.random() if starts_a_run and spec.lost_start else 1.0
        action: FaultAction | None = None
        threshold = 0.0
        for name, rate in (
            ("5xx", spec.server_error),
            ("429", spec.rate_limit),
            ("drop", spec.drop),
            ("lost", spec.lost),
        ):
            threshold += rate
            if draw < threshold:
                action = name  # type: ignore[assignment]
                break
        if action is None and start_draw < spec.lost_start:
            action = "lost"
        return FaultDecision(
            action=action,
            delay_seconds=delay if latency_draw < spec.latency else 0.0,
            server_status=server_status,
        )
