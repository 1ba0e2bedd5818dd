"""The fields of an answer that the client's own logic reads, checked strictly; pure.

The generated models keep a value that does not fit the document as it came and report it once (the drift policy,
``openapi/templates/FORK.md``), so that a field nobody reads never fails a user's call. The fields the client acts on
are another matter: a run id that is not text, a ``finished`` that is not a boolean, a status that is not text, a
page whose runs are not a list would make a wait or a batch go wrong. :func:`check_answer` refuses those, naming the
field, before any of them is used.
"""

from __future__ import annotations

from typing import Any

from eigenpal_api.models.execution_status import ExecutionStatus
from eigenpal_api.models.json_object import JsonObject
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.run_artifacts_response import RunArtifactsResponse
from eigenpal_api.models.run_cancel_response import RunCancelResponse
from eigenpal_api.models.run_list_item import RunListItem
from eigenpal_api.models.runs_list_response import RunsListResponse

from ._errors import APIResponseValidationError

__all__ = ["check_answer"]


def _fail(where: str, expected: str, found: object) -> APIResponseValidationError:
    shown = repr(found)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return APIResponseValidationError(
        f"the server's answer does not fit the API: {where}: expected {expected}, got {type(found).__name__} {shown}"
    )


def _text(value: object, where: str) -> None:
    if not isinstance(value, str):
        raise _fail(where, "a string", value)


def _run(run: Run | RunListItem | RunAccepted, where: str) -> None:
    _text(run.id, f"{where}.id")
    if not isinstance(run.finished, bool):
        raise _fail(f"{where}.finished", "true or false", run.finished)
    if isinstance(run, RunAccepted):
        return
    # A drifted `execution` is kept as the JSON it came as (a dict, a string ...): no model, no status.
    if isinstance(run.execution, dict | list | str | int | float | bool) or run.execution is None:
        raise _fail(f"{where}.execution", "an object", run.execution)
    status = run.execution.status
    if not isinstance(status, ExecutionStatus | str):
        raise _fail(f"{where}.execution.status", "a string", status)
    if isinstance(run, Run) and run.output is not None and not isinstance(run.output, JsonObject):
        raise _fail(f"{where}.output", "an object or null", run.output)


def check_answer(parsed: Any) -> None:
    """Refuse an answer whose fields that the client reads do not fit the document.

    Raises:
        APIResponseValidationError: Naming the first such field (``Run.execution.status``,
            ``RunsListResponse.runs[3].id``).
    """
    if isinstance(parsed, Run | RunAccepted | RunListItem):
        _run(parsed, type(parsed).__name__)
    elif isinstance(parsed, RunsListResponse):
        if not isinstance(parsed.runs, list):
            raise _fail("RunsListResponse.runs", "an array", parsed.runs)
        for index, item in enumerate(parsed.runs):
            if not isinstance(item, RunListItem):
                raise _fail(f"RunsListResponse.runs[{index}]", "a run", item)
            _run(item, f"RunsListResponse.runs[{index}]")
        if parsed.next_cursor is not None:
            _text(parsed.next_cursor, "RunsListResponse.nextCursor")
    elif isinstance(parsed, RunCancelResponse):
        _text(parsed.id, "RunCancelResponse.id")
        status = getattr(parsed.execution, "status", None)
        if not isinstance(status, ExecutionStatus | str):
            raise _fail("RunCancelResponse.execution.status", "a string", status)
    elif isinstance(parsed, RunArtifactsResponse):
        if not isinstance(parsed.artifacts, list):
            raise _fail("RunArtifactsResponse.artifacts", "an array", parsed.artifacts)
        for index, artifact in enumerate(parsed.artifacts):
            _text(getattr(artifact, "path", None), f"RunArtifactsResponse.artifacts[{index}].path")
