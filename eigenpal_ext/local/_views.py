"""The JSON shapes of the wire format (the OpenAPI document's schemas), built from the engine's records.

`json_response` is the one way an answer's JSON is written: compact, UTF-8, non-ASCII kept as it is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from ._engine import Engine
from ._records import RunRecord
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


def retry_json(run: RunRecord) -> dict[str, Any]:
    """`RunRetry`."""
    return {"number": run.retry_number, "previousRunId": run.previous_run_id, "nextRun": run.next_run_id}


def step_json(step: dict[str, Any]) -> dict[str, Any]:
    """`Step`."""
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
    """`Artifact`."""
    body: dict[str, Any] = {"name": artifact.name, "role": artifact.role, "path": artifact.path}
    if artifact.step_name is not None:
        body["stepName"] = artifact.step_name
    body["contentType"] = artifact.content_type
    body["size"] = artifact.size
    return body


def event_json(event: dict[str, Any]) -> dict[str, Any]:
    """`Event`."""
    return {**event, "timestamp": format_timestamp(event["timestamp"])}


def _common(run: RunRecord) -> dict[str, Any]:
    return {
        "id": run.id,
        "type": run.run_type,
        "finished": run.finished,
        "tags": list(run.tags),
        "timing": timing_json(run),
        "source": dict(run.source),
        "trigger": {"type": run.trigger_type, "by": None},
    }


def run_json(engine: Engine, run: RunRecord, expand: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`Run`, with the sections that `expand` names."""
    body = _common(run)
    execution: dict[str, Any] = {
        "status": run.status,
        "schemaValid": run.schema_valid,
        "batchId": None,
        "retry": retry_json(run),
    }
    if "execution" in expand:
        execution["steps"] = [step_json(step) for step in run.steps]
    body["execution"] = execution
    if run.status == "completed":
        body["output"] = run.output if run.output is not None else {}
        body["files"] = [artifact_json(artifact) for artifact in run.artifacts if artifact.role == "output"]
    if run.status in _ERROR_STATUSES:
        body["error"] = run.error or run.status
    if "input" in expand:
        body["input"] = run.input
    if "usage" in expand:
        body["usage"] = engine.usage(run)
    if "debug" in expand:
        body["debug"] = {
            "target": run.target,
            "attempts": run.attempts,
            "overrides": run.overrides,
            "metadata": run.metadata,
            "server": "eigenpal-local",
        }
    return body


def run_list_item_json(run: RunRecord) -> dict[str, Any]:
    """`RunListItem`: never `output` or `files`."""
    body = _common(run)
    body["execution"] = {
        "status": run.status,
        "schemaValid": run.schema_valid,
        "batchId": None,
        "retry": retry_json(run),
    }
    if run.status in _ERROR_STATUSES:
        body["error"] = run.error or run.status
    return body


def run_accepted_json(run: RunRecord) -> dict[str, Any]:
    """`RunAccepted`."""
    return {"id": run.id, "type": run.run_type, "finished": run.finished, "source": dict(run.source)}
