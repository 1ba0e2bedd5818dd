"""`workflows.review`: a run that stops in `waiting` on a human review task until people confirm it.

While it waits, the run's execution carries `humanReview` (R3's `RunHumanReviewSummary`: `taskId`, `sourceKind`,
`sourceLabel`, `status`, `requiredCount`, `confirmedCount`, `version`); once `confirmedCount` reaches
`requiredCount` the run goes back to `running` and completes.

How a task is confirmed is a control of the local server, never an operation of the Eigenpal API: the real API
documents none (its `/v1/runs/{id}/reviews` operations record verdicts and corrections on a run's output, another
thing; people confirm review tasks in Eigenpal Studio). Here `LocalServer.confirm_review(run_id)` confirms once, as one
reviewer would, and the input `confirm_every_seconds` makes the run confirm itself at that pace.

Input: `required` (`requiredCount`, 1 to 100, default 1), `confirm_every_seconds` (a number above 0; absent: only
`confirm_review`), `label` (`sourceLabel`), `seconds` (how long the step before the review takes, default 0). Every
wait is a step's sleep, so `time_scale` shortens it and a cancel ends it at once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eigenpal_local._records import FileInputs, Issue, RunRecord, resolve

from .base import Automation, RunContext, StepPlan, json_bytes, tokens

_MAX_REQUIRED = 100
_MAX_SECONDS = 86_400
_DEFAULT_LABEL = "Review the extracted fields"


class ReviewNotPending(LookupError):
    """The run does not wait on a human review (unknown, not `waiting`, or already confirmed)."""


@dataclass
class HumanReview:
    """The human review task a run waits on; `settled` resolves True once confirmed enough, False on a cancel."""

    task_id: str
    source_label: str
    required: int
    settled: asyncio.Future[bool] = field(repr=False)
    confirmed: int = 0
    version: int = 1

    def summary(self) -> dict[str, Any]:
        """`RunHumanReviewSummary`, as the run's execution shows it while the run waits."""
        return {
            "taskId": self.task_id,
            "sourceKind": "workflow_step",
            "sourceLabel": self.source_label,
            "status": "pending",
            "requiredCount": self.required,
            "confirmedCount": self.confirmed,
            "version": self.version,
        }


def pending_review(run: RunRecord) -> dict[str, Any] | None:
    """The `humanReview` of a run's execution: the task it waits on while `waiting`, else None."""
    review = run.human_review
    return review.summary() if review is not None and run.status == "waiting" else None


def confirm_review(run: RunRecord) -> dict[str, Any]:
    """Confirms the review a run waits on once (one reviewer more); the run goes on once enough have.

    Returns:
        The `humanReview` after this confirmation.

    Raises:
        ReviewNotPending: The run waits on no human review.
    """
    review = run.human_review
    if review is None or run.status != "waiting" or review.settled.done():
        raise ReviewNotPending(f"run {run.id} is not waiting on a human review (status {run.status})")
    review.confirmed += 1
    review.version += 1
    summary = review.summary()
    if review.confirmed >= review.required:
        resolve(review.settled, True)
    return summary


async def confirm_in_loop(find: Callable[[str], RunRecord | None], run_id: str) -> dict[str, Any]:
    """`confirm_review` of the run `find` knows by id, on the server's event loop (for `LocalServer`)."""
    run = find(run_id)
    if run is None:
        raise ReviewNotPending(f"no run {run_id!r}")
    return confirm_review(run)


def _validate(run_input: dict[str, Any], files: FileInputs) -> list[Issue]:
    issues = []
    required = run_input.get("required", 1)
    if not isinstance(required, int) or isinstance(required, bool) or not 1 <= required <= _MAX_REQUIRED:
        message = f"required must be an integer from 1 to {_MAX_REQUIRED}"
        issues.append(Issue(message, "invalid_value", "input.required"))
    every = run_input.get("confirm_every_seconds")
    if every is not None and (not _is_number(every) or not 0 < every <= _MAX_SECONDS):
        message = f"confirm_every_seconds must be a number above 0 and at most {_MAX_SECONDS}"
        issues.append(Issue(message, "invalid_value", "input.confirm_every_seconds"))
    seconds = run_input.get("seconds", 0)
    if not _is_number(seconds) or not 0 <= seconds <= _MAX_SECONDS:
        issues.append(Issue(f"seconds must be between 0 and {_MAX_SECONDS}", "invalid_value", "input.seconds"))
    label = run_input.get("label", _DEFAULT_LABEL)
    if not isinstance(label, str) or not label.strip():
        issues.append(Issue("label must be non-empty text", "invalid_value", "input.label"))
    issues.extend(Issue("workflows.review takes no files", "unexpected_file", f"input.{key}") for key in files)
    return issues


def _plan(run_input: dict[str, Any]) -> list[StepPlan]:
    required = int(run_input.get("required", 1))
    every = run_input.get("confirm_every_seconds")
    seconds = float(run_input.get("seconds", 0))
    label = str(run_input.get("label", _DEFAULT_LABEL))

    async def prepare(ctx: RunContext) -> None:
        if seconds:
            await ctx.sleep(seconds)

    async def review(ctx: RunContext) -> None:
        run = ctx.run
        if run.cancel_event.is_set():
            ctx.interrupted = True
            return
        settled: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        run.sleepers.add(settled)  # a cancel resolves it False, as it wakes a sleeping step
        task = run.human_review = HumanReview(f"hrt_{run.id.removeprefix('run_')}", label, required, settled)
        confirming = None if every is None else asyncio.ensure_future(_confirm_every(ctx, task, float(every)))
        ctx.set_status("waiting")
        try:
            confirmed = await settled
        finally:
            run.sleepers.discard(settled)
            if confirming is not None:
                confirming.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await confirming
        if confirmed:
            ctx.shared["confirmed"] = task.confirmed
            ctx.set_status("running")  # before the task goes: a read never sees `waiting` without it
        else:
            ctx.interrupted = True
        run.human_review = None

    async def finish(ctx: RunContext) -> None:
        output = {"reviewed": True, "confirmedCount": ctx.shared.get("confirmed", 0), "requiredCount": required}
        ctx.output = output
        ctx.write_output_file("result.json", json_bytes(output), "application/json", "finish")

    return [
        StepPlan(name="prepare", type="transform", run=prepare),
        StepPlan(name="review", type="human_review", run=review),
        StepPlan(name="finish", type="transform", run=finish),
    ]


async def _confirm_every(ctx: RunContext, task: HumanReview, every: float) -> None:
    """Confirms the run's review once per `every` seconds of step time until it is settled (or the run cancelled)."""
    while not task.settled.done() and await ctx.sleep(every):
        if not task.settled.done():
            confirm_review(ctx.run)


def _usage(ctx: RunContext) -> dict[str, Any]:
    return {"tokens": tokens(0, 0), "creditsCharged": 0.0, "llmCallCount": 0, "ocrPagesProcessed": 0}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


REVIEW = Automation(
    target="workflows.review",
    run_type="workflow",
    source_id="wf_review",
    name="Review",
    slug="review",
    validate=_validate,
    plan=_plan,
    usage=_usage,
)
