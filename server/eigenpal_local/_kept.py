"""How much the server keeps of its runs, and which finished runs to forget once that passes its cap.

Every run is kept until the server stops (in memory without `--db`): its input, its input files, its output and
output artifacts, its steps and events. Without a cap, a client that starts runs with large inputs grows the server
without end (1,000 starts with 1 MiB files: a gigabyte). `KeptBytes` weighs each run (bytes of files and
artifacts, the JSON text of input, overrides, metadata and output, a fixed amount per run, step and event) and, past
the cap, names the runs that finished longest ago for the engine to forget (a 404 from then on, as a run the real
API no longer keeps). It never forgets a run in flight: while those alone would pass the cap, a new one is refused
(`admits`), which the API answers with 503 and `Retry-After` (a status the document lists for starts and reruns;
the real API's reasons for it are its own, and this one is the local server's choice).

Pure bookkeeping: the engine tells it what happened and deletes what it names.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Final

from ._records import RunRecord

MAX_KEPT_BYTES: Final = 512 * 1024 * 1024
"""The default cap on what the server keeps of its runs: 512 MiB."""
RUN_BYTES: Final = 2048
"""What a run costs beyond its contents: its record, its row, its ids and timestamps."""
ROW_BYTES: Final = 160
"""What one step or event costs."""


def json_bytes(value: object) -> int:
    """The length of `value`'s JSON text: how much of it is kept, near enough."""
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str))


def start_weight(
    run_input: dict[str, Any],
    overrides: dict[str, Any] | None,
    metadata: dict[str, Any] | None,
    file_bytes: int,
) -> int:
    """What a run keeps from its start: its input files and the JSON of its input, overrides and metadata."""
    return RUN_BYTES + file_bytes + json_bytes(run_input) + json_bytes(overrides or {}) + json_bytes(metadata or {})


def run_weight(run: RunRecord) -> int:
    """What a run keeps from running: output, output artifacts, steps and events."""
    outputs = sum(artifact.size for artifact in run.artifacts if artifact.role == "output")
    rows = ROW_BYTES * (len(run.steps) + len(run.events))
    return outputs + rows + (0 if run.output is None else json_bytes(run.output))


class KeptBytes:
    """The weight of every run kept, and the finished ones in the order they finished."""

    def __init__(self, cap: int | None) -> None:
        """Starts empty.

        Args:
            cap: The most the runs may weigh together; None: no cap.
        """
        self.cap = cap
        self.total = 0
        self._in_flight = 0
        self._weights: dict[str, int] = {}
        self._finished: OrderedDict[str, None] = OrderedDict()

    @property
    def in_flight(self) -> int:
        """What the runs not yet finished weigh (none of them can be forgotten)."""
        return self._in_flight

    def admits(self, weight: int) -> bool:
        """Whether a new run of this weight fits next to the runs in flight (finished ones can make room)."""
        return self.cap is None or self._in_flight + weight <= self.cap

    def add(self, run_id: str, weight: int, *, finished: bool = False) -> None:
        """Counts a new (or reloaded) run."""
        self._weights[run_id] = weight
        self.total += weight
        if finished:
            self._finished[run_id] = None
        else:
            self._in_flight += weight

    def finish(self, run_id: str, more: int) -> None:
        """Counts what a run kept while it ran (`more` bytes) and lets it be forgotten from now on."""
        weight = self._weights.get(run_id)
        if weight is None or run_id in self._finished:
            return
        self._weights[run_id] = weight + more
        self.total += more
        self._in_flight -= weight
        self._finished[run_id] = None

    def excess(self) -> list[str]:
        """The finished runs to forget, oldest finished first, so that the total is within the cap again; they are
        no longer counted once named."""
        dropped: list[str] = []
        while self.cap is not None and self.total > self.cap and self._finished:
            run_id, _ = self._finished.popitem(last=False)
            self.total -= self._weights.pop(run_id)
            dropped.append(run_id)
        return dropped
