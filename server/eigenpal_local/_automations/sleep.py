"""`workflows.sleep`: sleeps step by step, then completes, fails or is rejected as its input asks.

The automation that tests and demos drive lifecycles with: how long it takes, how many steps, whether it reports
`waiting`, how it ends and what it outputs are all input; `artifact_bytes` adds an output file of that size
(`outputs/blob.bin`), to download large artifacts (which the server redirects to its storage origin).
"""

from __future__ import annotations

from typing import Any

from eigenpal_local._records import FileInputs, Issue

from .base import Automation, RunContext, RunFailure, StepPlan, json_bytes, tokens

_SLEEP_OUTCOMES = ("completed", "failed", "rejected")
_MAX_SLEEP_SECONDS = 86_400
_MAX_SLEEP_STEPS = 1000
_MAX_ARTIFACT_BYTES = 64 * 1024 * 1024
BLOB_NAME = "blob.bin"
"""The output file `artifact_bytes` asks for, at `outputs/blob.bin`."""


def _validate(run_input: dict[str, Any], files: FileInputs) -> list[Issue]:
    issues = []
    seconds = run_input.get("seconds", 1)
    if not _is_number(seconds):
        issues.append(Issue("seconds must be a number", "invalid_type", "input.seconds"))
    elif not 0 <= seconds <= _MAX_SLEEP_SECONDS:
        issues.append(Issue(f"seconds must be between 0 and {_MAX_SLEEP_SECONDS}", "out_of_range", "input.seconds"))
    outcome = run_input.get("outcome", "completed")
    if outcome not in _SLEEP_OUTCOMES:
        issues.append(Issue("outcome must be completed, failed or rejected", "invalid_value", "input.outcome"))
    steps = run_input.get("steps", 3)
    if not isinstance(steps, int) or isinstance(steps, bool) or not 1 <= steps <= _MAX_SLEEP_STEPS:
        issues.append(Issue(f"steps must be an integer from 1 to {_MAX_SLEEP_STEPS}", "invalid_value", "input.steps"))
    if not isinstance(run_input.get("wait", False), bool):
        issues.append(Issue("wait must be true or false", "invalid_type", "input.wait"))
    size = run_input.get("artifact_bytes", 0)
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= _MAX_ARTIFACT_BYTES:
        message = f"artifact_bytes must be an integer from 0 to {_MAX_ARTIFACT_BYTES}"
        issues.append(Issue(message, "invalid_value", "input.artifact_bytes"))
    if "output" in run_input and not isinstance(run_input["output"], dict):
        issues.append(Issue("output must be an object", "invalid_type", "input.output"))
    issues.extend(Issue("workflows.sleep takes no files", "unexpected_file", f"input.{key}") for key in files)
    return issues


def _plan(run_input: dict[str, Any]) -> list[StepPlan]:
    seconds = float(run_input.get("seconds", 1))
    count = int(run_input.get("steps", 3))
    outcome = str(run_input.get("outcome", "completed"))
    waiting = bool(run_input.get("wait", False))

    async def pause(ctx: RunContext) -> bool:
        # With `wait: true` the run reports `waiting` while it sleeps, as a run blocked on something outside would.
        if waiting:
            ctx.set_status("waiting")
        try:
            return await ctx.sleep(seconds / count)
        finally:
            if waiting:
                ctx.set_status("running")

    async def sleep_step(ctx: RunContext) -> None:
        await pause(ctx)

    async def last_step(ctx: RunContext) -> None:
        if not await pause(ctx):
            return
        if outcome == "failed":
            raise RunFailure("failed", "the run failed as asked (input.outcome = failed)")
        if outcome == "rejected":
            raise RunFailure("rejected", "the run was rejected as asked (input.outcome = rejected)")
        output = {"seconds": run_input.get("seconds", 1), "steps": count, **run_input.get("output", {})}
        ctx.output = output
        ctx.write_output_file("result.json", json_bytes(output), "application/json", f"sleep-{count}")
        size = int(run_input.get("artifact_bytes", 0))
        if size:
            ctx.write_output_file(BLOB_NAME, blob(size), "application/octet-stream", f"sleep-{count}")

    return [
        StepPlan(name=f"sleep-{index + 1}", type="sleep", run=last_step if index == count - 1 else sleep_step)
        for index in range(count)
    ]


def blob(size: int) -> bytes:
    """The bytes of an `artifact_bytes` file: 0, 1, ..., 255 over and over, `size` of them."""
    pattern = bytes(range(256))
    return (pattern * (size // len(pattern) + 1))[:size]


def _usage(ctx: RunContext) -> dict[str, Any]:
    return {"tokens": tokens(0, 0), "creditsCharged": 0.0, "llmCallCount": 0, "ocrPagesProcessed": 0}


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


SLEEP = Automation(
    target="workflows.sleep",
    run_type="workflow",
    source_id="wf_sleep",
    name="Sleep",
    slug="sleep",
    validate=_validate,
    plan=_plan,
    usage=_usage,
)
