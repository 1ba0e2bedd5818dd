"""What an automation is, and what its steps see while they run.

An `Automation` validates an input, plans its steps and reports its usage; the engine runs the steps one after
another, each with the run's `RunContext`. A step ends the run early by raising `RunFailure`; it never touches the
run table itself: the context asks the engine (a `StepHost`) for the little it needs.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from eigenpal_local._records import FileInputs, Issue, RunRecord, resolve

LATEST_WORKFLOW_VERSION = "1"
"""The release a workflow run gets when no `version` is asked for: every built-in workflow has one release."""


class RunFailure(Exception):
    """A step ends the run as failed or rejected."""

    def __init__(self, status: Literal["failed", "rejected"], message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class StepHost(Protocol):
    """What the engine does for a running step."""

    def set_status(self, run: RunRecord, status: str) -> None:
        """Records a status change of a run in flight, with its event."""

    def artifact_content(self, run: RunRecord, path: str) -> bytes | None:
        """An artifact's bytes, or None when the run has no artifact at that path."""

    @property
    def time_scale(self) -> float:
        """Real seconds a step sleeps per second it asks for (below 1 to record long runs quickly)."""


class RunContext:
    """What a step of an automation sees: the input, its files, a cancellable sleep and the output."""

    def __init__(self, host: StepHost, run: RunRecord) -> None:
        self._host = host
        self.run = run
        self.output: dict[str, Any] = {}
        self.output_files: list[tuple[str, str, bytes, str]] = []
        self.shared: dict[str, Any] = {}
        self.interrupted = False

    @property
    def input(self) -> dict[str, Any]:
        """The run's input; file inputs appear by their description."""
        return self.run.input

    async def sleep(self, seconds: float) -> bool:
        """Sleeps, returning early (False) when a cancel is requested; True when the time passed.

        A future resolved by a timer or by the cancel request, rather than a timeout around an event: no exception
        per step, which counts when a thousand runs finish at once.
        """
        run = self.run
        if run.cancel_event.is_set():
            self.interrupted = True
            return False
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[bool] = loop.create_future()
        timer = loop.call_later(seconds * self._host.time_scale, resolve, waiter, True)
        run.sleepers.add(waiter)
        try:
            slept = await waiter
        finally:
            timer.cancel()
            run.sleepers.discard(waiter)
        if not slept:
            self.interrupted = True
        return slept

    def set_status(self, status: str) -> None:
        """Moves the run between `running` and `waiting`."""
        if self.run.status != status and not self.run.finished:
            self._host.set_status(self.run, status)

    def read_file(self, key: str) -> bytes | None:
        """The bytes of a file input given alone under its key (not in a list), or None."""
        described = self.run.input.get(key)
        if not isinstance(described, dict) or "path" not in described:
            return None
        return self._host.artifact_content(self.run, str(described["path"]))

    def write_output_file(self, name: str, content: bytes, content_type: str, step_name: str) -> None:
        """Queues an output artifact, written while the run is finalizing."""
        self.output_files.append((name, content_type, content, step_name))


StepFunction = Callable[[RunContext], Awaitable[None]]


@dataclass(frozen=True)
class StepPlan:
    """One step an automation will take."""

    name: str
    type: str
    run: StepFunction


@dataclass(frozen=True)
class Automation:
    """A built-in automation that a target names."""

    target: str
    run_type: str
    source_id: str
    name: str
    slug: str
    validate: Callable[[dict[str, Any], FileInputs], list[Issue]]
    plan: Callable[[dict[str, Any]], list[StepPlan]]
    usage: Callable[[RunContext], dict[str, Any]]

    def source(self, version: str | None) -> dict[str, Any]:
        """What the server keeps of a run's source: id, name, slug, and the version (a workflow release, "1" when
        none is asked for; for an agent, the git ref asked for, or None)."""
        if self.run_type == "workflow":
            version = version or LATEST_WORKFLOW_VERSION
        return {"id": self.source_id, "name": self.name, "version": version, "slug": self.slug}


def tokens(input_tokens: int, output_tokens: int) -> dict[str, int]:
    """The `tokens` object of a usage report."""
    return {"input": input_tokens, "output": output_tokens, "cacheRead": 0, "cacheWrite": 0}


def json_bytes(value: object) -> bytes:
    """An output file's JSON, indented for people to read."""
    return json.dumps(value, indent=2, ensure_ascii=False).encode()
