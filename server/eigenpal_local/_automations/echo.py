"""`agents.echo`: an agent whose output is its input, in one step."""

from __future__ import annotations

import json
from typing import Any

from eigenpal_local._records import FileInputs, Issue

from .base import Automation, RunContext, StepPlan, tokens


def _validate(run_input: dict[str, Any], files: FileInputs) -> list[Issue]:
    return []


def _plan(run_input: dict[str, Any]) -> list[StepPlan]:
    async def respond(ctx: RunContext) -> None:
        ctx.output = dict(ctx.input)

    return [StepPlan(name="respond", type="llm", run=respond)]


def _usage(ctx: RunContext) -> dict[str, Any]:
    size = len(json.dumps(ctx.input)) // 4
    # llmCallCount and ocrPagesProcessed are workflow figures; an agent reports its conversation turns.
    return {"tokens": tokens(size + 20, size), "creditsCharged": 0.01, "agentTurns": 1}


ECHO = Automation(
    target="agents.echo",
    run_type="agent",
    source_id="ag_echo",
    name="Echo",
    slug="echo",
    validate=_validate,
    plan=_plan,
    usage=_usage,
)
