"""The JSON shapes of the wire format (the OpenAPI document's schemas), built from the engine's records.

`json_response` is the one way an answer's JSON is written: compact, UTF-8, non-ASCII kept as it is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from ._automations import AUTOMATIONS, LATEST_WORKFLOW_VERSION, tokens
from ._automations.review import pending_review
from ._engine import Engine
from ._records import RunRecord, now_ms
from ._store import StoredArtifact
from ._timeexpr import format_timestamp

_ERROR_STATUSES = frozenset({"failed", "cancelled", "rejected"})


def dumps(body: object) -> bytes:
    """JSON as the server writes it on the wire."""
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def json_response(status: int, body: object, headers: Mapping[str, str] | None = None) -> Response:
    """A JSON answer."""
    return Response(dumps(body), status_code=status, media_type="application/json", headers=headers)


def _timestamp(epoch_ms: int | None) -> str | None:
    return None if epoch_ms is None else format_timestamp(epoch_ms)


def timing_json(run: RunRecord) -> dict[str, Any]:
    """`RunTiming`."""
    duration = None
    if run.started_ms is not None and run.completed_ms is not None:
        duration = max(0, run.completed_ms - run.started_ms)
    return {
        "createdAt": format_timestamp(run.created_ms),
        "startedAt": _timestamp(run.started_ms),
        "completedAt": _timestamp(run.completed_ms),
        "durationMs": duration,
        "cancelRequestedAt": _timestamp(run.cancel_requested_ms),
    }


def source_json(run: RunRecord, *, detail: bool = False) -> dict[str, Any]:
    """`RunSource`: a workflow's release, or an agent's slug (and the git ref asked for, if any).

    `detail` adds what only `GET /v1/runs/{id}` carries: whether the automation still exists, and its current
    release.
    """
    source = run.source
    body: dict[str, Any] = {"id": source["id"], "name": source.get("name")}
    if run.run_type == "workflow":
        body["version"] = source.get("version")
    else:
        ref = source.get("version")
        body.update(version=None, slug=source.get("slug"), model=None)
        body["git"] = (
            None if ref is None else {"requestedRef": ref, "resolvedRef": ref, "resolvedTag": None, "commitSha": None}
        )
    if detail:
        live = run.target in AUTOMATIONS
        body.update(implementationAvailable=live, automationFound=live)
        body["currentVersion"] = LATEST_WORKFLOW_VERSION if live and run.run_type == "workflow" else None
    return body


def trigger_json(run: RunRecord) -> dict[str, Any]:
    """`RunTrigger`: how the run was started (`api`, `cli`) and by whom (the API key's creator)."""
    return {"type": run.trigger_type, "by": None if run.triggered_by is None else dict(run.triggered_by)}


def retry_json(engine: Engine, run: RunRecord) -> dict[str, Any]:
    """`RunExecutionRetry`: the run's place in its retry chain; `nextRun` carries the rerun's current status."""
    next_run = None if run.next_run_id is None else engine.get(run.next_run_id)
    return {
        "number": run.retry_number,
        "previousRunId": run.previous_run_id,
        "nextRun": None if next_run is None else {"id": next_run.id, "status": next_run.status},
    }


def execution_meta_json(engine: Engine, run: RunRecord) -> dict[str, Any]:
    """`RunExecutionMeta`, the slim execution every run and list row carries: no review; the human review task a
    run waits on, if any (`workflows.review`)."""
    return {
        "status": run.status,
        "schemaValid": run.schema_valid,
        "batchId": None,
        "retry": retry_json(engine, run),
        "review": None,
        "humanReview": pending_review(run),
    }


def execution_json(engine: Engine, run: RunRecord) -> dict[str, Any]:
    """`expand=execution`: `WorkflowRunExecution` (with the step rows) or `AgentRunExecution` (its output files)."""
    execution = execution_meta_json(engine, run)
    if run.run_type == "workflow":
        execution["steps"] = [step_json(step) for step in run.steps]
    else:
        outputs = [run_file_json(artifact) for artifact in run.artifacts if artifact.role == "output"]
        execution["files"] = {"output": outputs}
    return execution


def step_json(step: dict[str, Any]) -> dict[str, Any]:
    """One step row (the document leaves its shape free)."""
    body = {
        "id": step["id"],
        "name": step["name"],
        "type": step["type"],
        "status": step["status"],
        "order": step["order"],
        "startedAt": _timestamp(step["startedAt"]),
        "completedAt": _timestamp(step["completedAt"]),
    }
    if step.get("error"):
        body["error"] = step["error"]
    return body


def artifact_json(artifact: StoredArtifact) -> dict[str, Any]:
    """`RunArtifact`."""
    body: dict[str, Any] = {"name": artifact.name, "role": artifact.role, "path": artifact.path}
    if artifact.step_name is not None:
        body["stepName"] = artifact.step_name
    body["contentType"] = artifact.content_type
    body["size"] = artifact.size
    return body


def run_file_json(artifact: StoredArtifact) -> dict[str, Any]:
    """`RunFile`: a file by its name, with where to download it."""
    return {"name": artifact.name, "path": artifact.path, "contentType": artifact.content_type, "size": artifact.size}


def event_json(event: dict[str, Any]) -> dict[str, Any]:
    """`RunEvent`."""
    return {**event, "timestamp": format_timestamp(event["timestamp"])}


def input_json(run: RunRecord) -> dict[str, Any]:
    """`RunInput` (`expand=input`): the arguments, file inputs described in place; an agent's files listed too."""
    body: dict[str, Any] = {"args": run.input}
    if run.run_type == "agent":
        body["files"] = [run_file_json(artifact) for artifact in run.artifacts if artifact.role == "input"]
    if run.metadata:
        body["metadata"] = run.metadata
    return body


def debug_json(run: RunRecord) -> dict[str, Any]:
    """`RunDebug` (`expand=debug`): the phases the run went through, and how it failed, if it did."""
    phases = [
        {"phase": event["type"].removeprefix("run."), "at": format_timestamp(event["timestamp"])}
        for event in run.events
        if event["type"].startswith("run.")
    ]
    failure = None if run.error is None else {"status": run.status, "message": run.error}
    body: dict[str, Any] = {"observability": {"phases": phases, "failure": failure, "attempts": run.attempts}}
    if run.run_type == "workflow":
        body["traceId"] = None  # the local server records no trace
    return body


def _common(engine: Engine, run: RunRecord, *, tags: bool) -> dict[str, Any]:
    """What `Run` and `RunListItem` share; `tags` only when the server keeps them (a server that predates them
    leaves the member out)."""
    body = {
        "id": run.id,
        "type": run.run_type,
        "finished": run.finished,
        "sampleRank": run.sample_rank,
        "timing": timing_json(run),
        "source": source_json(run),
        "trigger": trigger_json(run),
        "error": (run.error or run.status) if run.status in _ERROR_STATUSES else None,
        "execution": execution_meta_json(engine, run),
    }
    if tags:
        body["tags"] = list(run.tags)
    return body


def run_json(
    engine: Engine, run: RunRecord, expand: frozenset[str] = frozenset(), *, tags: bool = True
) -> dict[str, Any]:
    """`Run`, with the sections that `expand` names; a completed run carries its output and output files."""
    body = _common(engine, run, tags=tags)
    body["source"] = source_json(run, detail=True)
    if "execution" in expand:
        body["execution"] = execution_json(engine, run)
    if run.status == "completed":
        body["output"] = run.output if run.output is not None else {}
        body["files"] = [artifact_json(artifact) for artifact in run.artifacts if artifact.role == "output"]
    if "input" in expand:
        body["input"] = input_json(run)
    if "usage" in expand:
        body["usage"] = run_usage(run)
    if "debug" in expand:
        body["debug"] = debug_json(run)
    return body


def run_usage(run: RunRecord) -> dict[str, Any] | None:
    """What the run has used so far (`RunUsage`), or None for a run that never started: it has no telemetry.

    `llmCallCount` and `ocrPagesProcessed` are workflow figures; an agent reports `agentTurns` instead.
    """
    if run.started_ms is None:
        return None
    usage: dict[str, Any] = {"tokens": tokens(0, 0), "creditsCharged": 0.0}
    if run.run_type == "workflow":
        usage.update(llmCallCount=0, ocrPagesProcessed=0)
    else:
        usage["agentTurns"] = 0
    usage.update(run.usage)
    usage["durationMs"] = max(0, (run.completed_ms or now_ms()) - run.started_ms)
    return usage


def run_list_item_json(engine: Engine, run: RunRecord, *, tags: bool = True) -> dict[str, Any]:
    """`RunListItem`: never `output` or `files`."""
    return _common(engine, run, tags=tags)


def run_accepted_json(run: RunRecord) -> dict[str, Any]:
    """`RunAccepted`, for a run that has not finished (`finished` is always false)."""
    return {"id": run.id, "type": run.run_type, "finished": False, "source": source_json(run)}
