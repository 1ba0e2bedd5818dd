"""The records the server keeps: a run (and how it is stored), its file inputs, the filters that select runs.

Also the words every part of the server shares: the statuses, the clock, an `Issue` (one problem with a request, as
the error envelope lists it), the run id format, a run's sample rank, the user behind the API key, and the two kinds
of futures a run resolves (sleeping steps, holds). Nothing here does I/O or knows about HTTP.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._store import StoredArtifact, StoredRun

if TYPE_CHECKING:
    from ._automations.review import HumanReview

TERMINAL_STATUSES = frozenset({"completed", "failed", "cancelled", "rejected"})
RUN_STATUSES = (
    "created",
    "pending",
    "running",
    "waiting",
    "finalizing",
    "completed",
    "failed",
    "cancelled",
    "rejected",
)


LOCAL_USER: dict[str, str | None] = {"id": "user_local", "name": "Local Developer", "email": "dev@localhost"}
"""Who created the local server's API key: `trigger.by` of every run started with it, as the real API names the
key's creator."""


def now_ms() -> int:
    """The wall clock in milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class Issue:
    """One problem with a request, as the error envelope lists it."""

    message: str
    code: str
    field: str | None = None


@dataclass(frozen=True)
class FileInput:
    """A file given as an input: alone under its input key (`index` None), or at `index` in a list of files."""

    key: str
    filename: str
    content_type: str
    content: bytes
    index: int | None = None

    @property
    def sha256(self) -> str:
        """The hex digest of the bytes."""
        return hashlib.sha256(self.content).hexdigest()

    @property
    def path(self) -> str:
        """Where the file is kept as the run's input artifact."""
        if self.index is None:
            return f"inputs/{self.key}/{self.filename}"
        return f"inputs/{self.key}/{self.index}/{self.filename}"


FileInputs = dict[str, list[FileInput]]
"""File inputs by input key: one file (its `index` None) or a list of them."""


@dataclass
class RunRecord:
    """A run and everything the server knows about it."""

    id: str
    seq: int
    target: str
    run_type: str
    source: dict[str, Any]
    created_ms: int
    status: str = "created"
    tags: list[str] = field(default_factory=list)
    started_ms: int | None = None
    completed_ms: int | None = None
    cancel_requested_ms: int | None = None
    trigger_type: str = "api"
    triggered_by: dict[str, str | None] | None = field(default_factory=lambda: dict(LOCAL_USER))
    retry_number: int = 0
    previous_run_id: str | None = None
    next_run_id: str | None = None
    input: dict[str, Any] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    steps: list[dict[str, Any]] = field(default_factory=list)
    output: dict[str, Any] | None = None
    error: str | None = None
    schema_valid: bool | None = None
    usage: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0
    artifacts: list[StoredArtifact] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    done: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    cancel_event: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    sleepers: set[asyncio.Future[bool]] = field(default_factory=set, repr=False)
    holds: set[asyncio.Future[None]] = field(default_factory=set, repr=False)
    human_review: HumanReview | None = field(default=None, repr=False)  # the task a `workflows.review` run waits on

    @property
    def finished(self) -> bool:
        """Whether the run is terminal."""
        return self.status in TERMINAL_STATUSES

    def start_over(self) -> None:
        """Forgets what an execution that a restart interrupted had done: its steps, output, usage and output files."""
        self.artifacts = [artifact for artifact in self.artifacts if artifact.role != "output"]
        self.started_ms = None
        self.steps = []
        self.output = None
        self.schema_valid = None
        self.usage = {}

    @property
    def sample_rank(self) -> float:
        """The run's deterministic rank in [0, 1), for sampling a stable subset of runs."""
        return sample_rank(self.id)

    def snapshot(self) -> tuple[int, int, str, dict[str, Any]]:
        """What the store writes: (seq, created_ms, status, data)."""
        data = {
            "id": self.id,
            "seq": self.seq,
            "target": self.target,
            "runType": self.run_type,
            "source": self.source,
            "createdMs": self.created_ms,
            "status": self.status,
            "tags": self.tags,
            "startedMs": self.started_ms,
            "completedMs": self.completed_ms,
            "cancelRequestedMs": self.cancel_requested_ms,
            "triggerType": self.trigger_type,
            "triggeredBy": self.triggered_by,
            "retryNumber": self.retry_number,
            "previousRunId": self.previous_run_id,
            "nextRunId": self.next_run_id,
            "overrides": self.overrides,
            "metadata": self.metadata,
            "steps": self.steps,
            "output": self.output,
            "error": self.error,
            "schemaValid": self.schema_valid,
            "usage": self.usage,
            "attempts": self.attempts,
        }
        return self.seq, self.created_ms, self.status, data

    @classmethod
    def from_stored(cls, stored: StoredRun) -> RunRecord:
        """Rebuilds a run from the store."""
        data = stored.data
        return cls(
            id=data["id"],
            seq=data["seq"],
            target=data["target"],
            run_type=data["runType"],
            source=data["source"],
            created_ms=data["createdMs"],
            status=data["status"],
            tags=data["tags"],
            started_ms=data["startedMs"],
            completed_ms=data["completedMs"],
            cancel_requested_ms=data["cancelRequestedMs"],
            trigger_type=data["triggerType"],
            # Runs stored before the server named the key's creator were started with the key all the same.
            triggered_by=data.get("triggeredBy", dict(LOCAL_USER)),
            retry_number=data["retryNumber"],
            previous_run_id=data["previousRunId"],
            next_run_id=data["nextRunId"],
            input=stored.input,
            overrides=data["overrides"],
            metadata=data["metadata"],
            steps=data["steps"],
            output=data["output"],
            error=data["error"],
            schema_valid=data["schemaValid"],
            usage=data["usage"],
            attempts=data["attempts"],
            artifacts=list(stored.artifacts),
            events=list(stored.events),
        )


def resolve(waiter: asyncio.Future[bool], value: bool) -> None:
    """Ends a sleeping step with whether its time passed (once; later calls do nothing)."""
    if not waiter.done():
        waiter.set_result(value)


def wake(waiter: asyncio.Future[None]) -> None:
    """Ends a hold (once; later calls do nothing)."""
    if not waiter.done():
        waiter.set_result(None)


@dataclass(frozen=True)
class RunFilter:
    """The filters of the list; every given one must match.

    `nothing` is set by filters on what no local run has (a batch, a dataset example, a review): they match no run.
    """

    run_type: str | None = None
    source: str | None = None
    statuses: frozenset[str] | None = None
    triggers: frozenset[str] | None = None
    triggered_by: str | None = None
    source_ref: str | None = None
    tag: str | None = None
    ids: frozenset[str] | None = None
    from_ms: int | None = None
    to_ms: int | None = None
    completed_from_ms: int | None = None
    completed_to_ms: int | None = None
    sample_rate: float | None = None
    nothing: bool = False

    def matches(self, run: RunRecord) -> bool:
        """Whether a run passes every filter."""
        by = run.triggered_by or {}
        return (
            not self.nothing
            and (self.run_type is None or run.run_type == self.run_type)
            and (self.source is None or self.source in (run.source["id"], run.source.get("slug")))
            and (self.statuses is None or run.status in self.statuses)
            and (self.triggers is None or run.trigger_type in self.triggers)
            and (self.triggered_by is None or self.triggered_by in (by.get("id"), by.get("email")))
            and (self.source_ref is None or run.source.get("version") == self.source_ref)
            and (self.tag is None or self.tag in run.tags)
            and (self.ids is None or run.id in self.ids)
            and (self.from_ms is None or run.created_ms >= self.from_ms)
            and (self.to_ms is None or run.created_ms <= self.to_ms)
            and (self.completed_from_ms is None or _at_or_after(run.completed_ms, self.completed_from_ms))
            and (self.completed_to_ms is None or _at_or_before(run.completed_ms, self.completed_to_ms))
            and (self.sample_rate is None or run.sample_rank < self.sample_rate)
        )


def _at_or_after(moment_ms: int | None, bound_ms: int) -> bool:
    return moment_ms is not None and moment_ms >= bound_ms


def _at_or_before(moment_ms: int | None, bound_ms: int) -> bool:
    return moment_ms is not None and moment_ms <= bound_ms


def sample_rank(run_id: str) -> float:
    """A number in [0, 1) that depends only on the run id: the first 52 bits of its SHA-256, as a fraction."""
    return int(hashlib.sha256(run_id.encode()).hexdigest()[:13], 16) / 16**13


def run_seq(run_id: str) -> int | None:
    """The creation sequence number inside a run id, or None when the id is not one of ours."""
    if not run_id.startswith("run_") or len(run_id) < 16 or not run_id[4:16].isdigit():
        return None
    return int(run_id[4:16])


def new_run_id(seq: int) -> str:
    """A fresh run id carrying its creation sequence number (read back by `run_seq`)."""
    return f"run_{seq:012d}{secrets.token_hex(4)}"
