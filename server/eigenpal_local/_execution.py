"""One run executed: its steps one after another, each with the run's `RunContext`, then its outputs kept.

A cancel request is honoured at the next step boundary (a sleeping step wakes early and the run ends cancelled); a
step that raises `RunFailure` ends the run failed or rejected. The engine does the bookkeeping (`ExecutionHost`):
this module only decides what happens to the run, in which order.
"""

from __future__ import annotations

import hashlib
from typing import Any, Protocol

from ._automations import AUTOMATIONS, RunContext, RunFailure
from ._automations.base import StepHost
from ._records import RunRecord, now_ms
from ._store import StoredArtifact

CANCELLED_ERROR = "cancelled by request"


class ExecutionHost(StepHost, Protocol):
    """What the engine does for a run being executed."""

    def record_event(
        self,
        run: RunRecord,
        event_type: str,
        *,
        status: str | None = None,
        message: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        """Appends an event to the run's log (and to the store)."""

    def finish(self, run: RunRecord, status: str, error: str | None) -> None:
        """Ends the run with a terminal status, waking whoever holds on it."""

    def keep_artifact(self, run: RunRecord, artifact: StoredArtifact, content: bytes) -> None:
        """Stores an artifact of the run and lists it on the run."""


def _planned_step(run: RunRecord, order: int, name: str, step_type: str) -> dict[str, Any]:
    return {
        "id": f"step_{run.id[4:]}_{order}",
        "name": name,
        "type": step_type,
        "status": "pending",
        "order": order,
        "startedAt": None,
        "completedAt": None,
    }


async def execute(host: ExecutionHost, run: RunRecord) -> None:
    """Runs the run's automation step by step to a terminal status."""
    automation = AUTOMATIONS[run.target]
    plans = automation.plan(run.input)
    run.attempts += 1
    run.started_ms = now_ms()
    run.steps = [_planned_step(run, order, plan.name, plan.type) for order, plan in enumerate(plans)]
    host.set_status(run, "running")
    ctx = RunContext(host, run)
    for plan, step in zip(plans, run.steps, strict=True):
        if run.cancel_event.is_set():
            host.finish(run, "cancelled", CANCELLED_ERROR)
            return
        step["status"] = "running"
        step["startedAt"] = now_ms()
        host.record_event(run, "step.started", status="running", metadata={"step": plan.name})
        try:
            await plan.run(ctx)
        except RunFailure as failure:
            step["status"] = "failed"
            step["completedAt"] = now_ms()
            step["error"] = failure.message
            host.record_event(run, "step.failed", status="failed", metadata={"step": plan.name})
            run.usage = automation.usage(ctx)
            host.finish(run, failure.status, failure.message)
            return
        if ctx.interrupted:
            host.finish(run, "cancelled", CANCELLED_ERROR)
            return
        step["status"] = "completed"
        step["completedAt"] = now_ms()
        host.record_event(run, "step.completed", status="completed", metadata={"step": plan.name})
    if run.cancel_event.is_set():
        host.finish(run, "cancelled", CANCELLED_ERROR)
        return
    host.set_status(run, "finalizing")
    for name, content_type, content, step_name in ctx.output_files:
        artifact = StoredArtifact(
            path=f"outputs/{name}",
            name=name,
            role="output",
            step_name=step_name,
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        host.keep_artifact(run, artifact, content)
    run.output = ctx.output
    if run.schema_valid is None:
        run.schema_valid = True
    run.usage = automation.usage(ctx)
    host.finish(run, "completed", None)
