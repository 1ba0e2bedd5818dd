"""A run's other operations: its trace and scores, its promotion to a dataset example, its review and the review's
corrected files (the document's `runs.trace.get`, `runs.scores.list`, `runs.promote`, `runs.reviews.*`).

What the local server has to go on, and what it answers (the guesses are in README.md, "Reviews, trace, scores"):
- trace: the events it recorded for the run, oldest first, as `RunTraceEvent`s;
- scores: always `{"scores": []}`: no local automation has evaluators;
- promote: a completed run only (409 otherwise: a guess); a name creates or updates that example, no name makes a
  new one;
- reviews and corrected files: kept per run in memory, for as long as the run is kept (not in `--db`).
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from ._engine import Engine
from ._errors import fail
from ._params import read_json_body
from ._records import LOCAL_USER, RunRecord, now_ms
from ._timeexpr import format_timestamp
from ._views import json_response

__all__ = ["RunOperations"]

_VERDICTS = frozenset({"correct", "incorrect"})
_STATUSES = frozenset({"open", "closed", "wont_fix"})
_CLOSED = frozenset({"closed", "wont_fix"})
_CORRECTION_KINDS = frozenset({"field", "file"})
_MAX_EXAMPLE_NAME = 128


@dataclass
class _CorrectedFile:
    name: str
    content_type: str
    content: bytes

    def json(self) -> dict[str, Any]:
        """`RunFile`."""
        return {"name": self.name, "contentType": self.content_type, "size": len(self.content)}


@dataclass
class _Review:
    """What the server keeps of one run's review."""

    review: dict[str, Any] | None = None
    files: dict[str, _CorrectedFile] = field(default_factory=dict)


class RunOperations:
    """The handlers of the trace, scores, promote and review routes."""

    def __init__(self, engine: Callable[[], Engine]) -> None:
        """Keeps the reviews and examples in memory.

        Args:
            engine: Gives the running engine (the API's, started by the lifespan), read at each request.
        """
        self._engine = engine
        self._reviews: dict[str, _Review] = {}
        self._examples: dict[tuple[str, str], str] = {}
        self._numbers = itertools.count(1)

    def routes(self) -> dict[str, dict[str, tuple[Callable[[Request], Awaitable[Response]], frozenset[str]]]]:
        """The routes for the app's table: each path's methods, their handlers and query parameters (none)."""
        none: frozenset[str] = frozenset()
        return {
            "/v1/runs/{id}/trace": {"GET": (self.trace, none)},
            "/v1/runs/{id}/scores": {"GET": (self.scores, none)},
            "/v1/runs/{id}/promote": {"POST": (self.promote, none)},
            "/v1/runs/{id}/reviews": {
                "GET": (self.get_review, none),
                "PUT": (self.update_review, none),
                "DELETE": (self.clear_review, none),
            },
            "/v1/runs/{id}/reviews/expected": {"GET": (self.list_expected, none), "POST": (self.create_expected, none)},
            "/v1/runs/{id}/reviews/expected/{filename:path}": {
                "GET": (self.get_expected, none),
                "PATCH": (self.rename_expected, none),
                "DELETE": (self.delete_expected, none),
            },
        }

    def _run(self, request: Request) -> RunRecord:
        engine = self._engine()
        run_id = request.path_params["id"]
        run = engine.get(run_id)
        if run is None:
            self._reviews.pop(run_id, None)  # a run the server forgot takes its review with it
            fail(404, f"no run {run_id!r}", "run_not_found", "id")
        return run

    def corrected_files(self, run_id: str) -> list[tuple[str, bytes]]:
        """A run's corrected files as (name, bytes), for the artifacts' review bundle (`zip=1&bundle=review`)."""
        kept = self._reviews.get(run_id)
        return [] if kept is None else [(item.name, item.content) for item in kept.files.values()]

    def _review(self, run: RunRecord) -> _Review:
        return self._reviews.setdefault(run.id, _Review())

    # --- trace and scores ----------------------------------------------------------------------------------------

    async def trace(self, request: Request) -> Response:
        """`RunTraceResponse`: each recorded event of the run, oldest first."""
        run = self._run(request)
        return json_response(200, {"events": [_trace_event(event) for event in run.events]})

    async def scores(self, request: Request) -> Response:
        """`RunScoresResponse`: no local automation has evaluators, so no run has scores."""
        self._run(request)
        return json_response(200, {"scores": []})

    # --- promote -------------------------------------------------------------------------------------------------

    async def promote(self, request: Request) -> Response:
        """`PromoteRunResponse`; 409 for a run that has not completed (a guess: the document lists a 409)."""
        run = self._run(request)
        body = await _json_object(request)
        name = body.get("name")
        if name is not None and (not isinstance(name, str) or not 1 <= len(name) <= _MAX_EXAMPLE_NAME):
            fail(400, f"name must be 1 to {_MAX_EXAMPLE_NAME} characters", "invalid_value", "name")
        if run.status != "completed":
            fail(409, f"run {run.id} is {run.status}: only a completed run can be promoted", "run_not_completed", "id")
        automation_id = run.source["id"]
        if name is None:
            name = f"{run.id} example {next(self._numbers)}"  # a new example each time, as no name asks for
        example_id = self._examples.setdefault((automation_id, name), f"ex_{next(self._numbers):08d}")
        return json_response(
            200,
            {"automationId": automation_id, "automationType": run.run_type, "exampleId": example_id, "name": name},
        )

    # --- the review ----------------------------------------------------------------------------------------------

    async def get_review(self, request: Request) -> Response:
        """`RunReviewDetail`."""
        run = self._run(request)
        return json_response(200, {"review": self._review(run).review})

    async def update_review(self, request: Request) -> Response:
        """`PUT`: the review replaced; `correctedOutput` and `corrections` kept when the body leaves them out."""
        run = self._run(request)
        body = await _json_object(request)
        kept = self._review(run)
        kept.review = _new_review(run, body, kept.review)
        return json_response(200, {"review": kept.review})

    async def clear_review(self, request: Request) -> Response:
        """`DELETE`: the review, its corrections and its corrected files."""
        run = self._run(request)
        self._reviews.pop(run.id, None)
        return json_response(200, {"review": None})

    # --- corrected files -----------------------------------------------------------------------------------------

    async def list_expected(self, request: Request) -> Response:
        """`RunReviewExpectedArtifacts`, in the order they were added."""
        run = self._run(request)
        return json_response(200, {"files": [item.json() for item in self._review(run).files.values()]})

    async def create_expected(self, request: Request) -> Response:
        """201 `RunFile`: an upload (multipart `file`, `name`) or a copy of an output file (JSON); a name that is
        taken is replaced (a guess)."""
        run = self._run(request)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "multipart/form-data":
            corrected = await _uploaded(request)
        else:
            corrected = await self._copied(request, run)
        files = self._review(run).files
        files.pop(corrected.name, None)
        files[corrected.name] = corrected
        return json_response(201, corrected.json())

    async def _copied(self, request: Request, run: RunRecord) -> _CorrectedFile:
        body = await _json_object(request)
        source = body.get("outputFileName")
        if not isinstance(source, str) or not source:
            fail(400, "outputFileName is required", "required", "outputFileName")
        artifact = next(
            (item for item in run.artifacts if item.role == "output" and source in (item.name, item.path)), None
        )
        engine = self._engine()
        content = None if artifact is None else engine.artifact_content(run, artifact.path)
        if artifact is None or content is None:
            fail(404, f"run {run.id} has no output file {source!r}", "artifact_not_found", "outputFileName")
        name = _name(body.get("expectedName", artifact.name), "expectedName")
        return _CorrectedFile(name, artifact.content_type, content)

    def _expected(self, request: Request) -> tuple[RunRecord, str, _CorrectedFile]:
        raw_path: bytes = request.scope.get("raw_path") or request.url.path.encode()
        if b"/" in raw_path.partition(b"/reviews/expected/")[2]:
            # `{filename}` is one path segment: a slash-delimited name travels with its slashes encoded, as an
            # artifact path does.
            fail(404, f"no route {request.method} {request.url.path}; encode the name's slashes as %2F", "not_found")
        run = self._run(request)
        filename = request.path_params["filename"]
        corrected = self._review(run).files.get(filename)
        if corrected is None:
            fail(404, f"run {run.id} has no corrected file {filename!r}", "file_not_found", "filename")
        return run, filename, corrected

    async def get_expected(self, request: Request) -> Response:
        """The corrected file's bytes (`application/octet-stream`, as the document has it)."""
        _, _, corrected = self._expected(request)
        return Response(corrected.content, media_type="application/octet-stream")

    async def rename_expected(self, request: Request) -> Response:
        """`PATCH`: 200 `RunFile` under its new name; a name another file has is a 400 (a guess)."""
        run, filename, corrected = self._expected(request)
        body = await _json_object(request)
        name = _name(body.get("name"), "name")
        files = self._review(run).files
        if name != filename and name in files:
            fail(400, f"a corrected file is already named {name!r}", "name_taken", "name")
        del files[filename]
        corrected.name = name
        files[name] = corrected
        return json_response(200, corrected.json())

    async def delete_expected(self, request: Request) -> Response:
        """204, no body."""
        run, filename, _ = self._expected(request)
        del self._review(run).files[filename]
        return Response(status_code=204)


def _trace_event(event: dict[str, Any]) -> dict[str, Any]:
    """A recorded event as a `RunTraceEvent`: a run's phase (`run.running` is phase `running`) or a step's."""
    kind: str = event["type"]
    body: dict[str, Any] = {"type": kind, "startedAt": format_timestamp(event["timestamp"]), "completedAt": None}
    if kind.startswith("run."):
        body["phase"] = kind.removeprefix("run.")
    step = (event.get("metadata") or {}).get("step")
    if isinstance(step, str):
        body["stepName"] = step
    if "status" in event:
        body["status"] = event["status"]
    body["message"] = event.get("message")
    return body


async def _json_object(request: Request) -> dict[str, Any]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type != "application/json" and not content_type.endswith("+json"):
        fail(400, "send application/json", "unsupported_content_type")
    body = await read_json_body(request)
    if not isinstance(body, dict):
        fail(400, "the body must be a JSON object", "invalid_type")
    return body


def _name(value: object, field_name: str) -> str:
    if not isinstance(value, str) or not value.strip() or value in (".", "..") or "\0" in value:
        fail(400, f"{field_name} must be a file name", "invalid_value", field_name)
    return value


async def _uploaded(request: Request) -> _CorrectedFile:
    async with request.form(max_files=1, max_fields=10) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            fail(400, "file is required (a file part)", "required", "file")
        given = form.get("name")
        name = _name(given if isinstance(given, str) and given else upload.filename, "name")
        content = await upload.read()
        return _CorrectedFile(name, upload.content_type or "application/octet-stream", content)


def _text_or_null(value: object, field_name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        fail(400, f"{field_name} must be a string or null", "invalid_type", field_name)
    return value


def _corrections(value: object, now: str) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        fail(400, "corrections must be an array", "invalid_type", "corrections")
    corrections = []
    for index, item in enumerate(value):
        where = f"corrections[{index}]"
        if not isinstance(item, dict):
            fail(400, f"{where} must be an object", "invalid_type", where)
        if item.get("kind") not in _CORRECTION_KINDS:
            fail(400, f"{where}.kind must be field or file", "invalid_value", f"{where}.kind")
        if not isinstance(item.get("path"), str) or not item["path"]:
            fail(400, f"{where}.path is required", "required", f"{where}.path")
        artifact_path = _text_or_null(item.get("correctedArtifactPath"), f"{where}.correctedArtifactPath")
        corrections.append(
            {
                "id": item.get("id") if isinstance(item.get("id"), str) else f"cor_{index + 1}",
                "kind": item["kind"],
                "path": item["path"],
                "label": _text_or_null(item.get("label"), f"{where}.label"),
                "originalValue": item.get("originalValue"),
                "correctedValue": item.get("correctedValue"),
                "note": _text_or_null(item.get("note"), f"{where}.note") or "",
                "correctedArtifactPath": artifact_path,
                "createdAt": now,
                "updatedAt": now,
            }
        )
    return corrections


def _new_review(run: RunRecord, body: dict[str, Any], before: dict[str, Any] | None) -> dict[str, Any]:
    """`RunReview` after a `PUT`: verdict, status and note as sent (the status derived from the verdict when left
    out), corrected output and corrections as sent or, when left out, as they were; who reviewed is the key's user."""
    verdict = body.get("verdict")
    if verdict is not None and verdict not in _VERDICTS:
        fail(400, "verdict must be correct, incorrect or null", "invalid_value", "verdict")
    status = body.get("status", "closed" if verdict == "correct" else "open")
    if status not in _STATUSES:
        fail(400, "status must be open, closed or wont_fix", "invalid_value", "status")
    now = format_timestamp(now_ms())
    closing = status in _CLOSED
    was_closed = before is not None and before["status"] in _CLOSED
    user, email = LOCAL_USER["id"], LOCAL_USER["email"]
    earlier = before or {}
    return {
        "id": before["id"] if before is not None else f"rev_{run.id.removeprefix('run_')}",
        "verdict": verdict,
        "status": status,
        "note": _text_or_null(body.get("note"), "note") or "",
        "correctedOutput": body["correctedOutput"]
        if "correctedOutput" in body
        else (before or {}).get("correctedOutput"),
        "reviewedBy": user,
        "reviewedByEmail": email,
        "reviewedAt": now,
        "closedBy": user if closing else None,
        "closedByEmail": email if closing else None,
        "closedAt": (earlier.get("closedAt") if was_closed else now) if closing else None,
        "closedNote": None,
        "createdAt": before["createdAt"] if before is not None else now,
        "updatedAt": now,
        "corrections": _corrections(body["corrections"], now)
        if "corrections" in body
        else earlier.get("corrections", []),
    }
