"""Request building for a run's other operations, pure: trace, scores, one step, promote, the review and its
corrected files.

Like :mod:`._plans`, each ``plan_*`` function checks its arguments (refusing them before any request) and returns
a :class:`~._calls.Plan` for the generated operation (the downloads, which check the disk, are planned in
:mod:`eigenpal_ext._transport._download_plans`).

Which calls are retried (:mod:`._retry`): the reads always; the review's ``PUT`` (it replaces the review) and its
``DELETE`` (clearing twice is clearing once), and the deletion of a corrected file (a 404 after a lost answer
means the lost attempt deleted it). Never retried: a promote without a ``name`` (each makes another dataset example),
the creation of a corrected file and its rename (after the first, the old name is gone). A promote with a ``name``
creates or updates that one example, so it is repeated like a ``PUT``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, Final, Literal, cast

from . import _validation as check
from ._calls import Plan
from ._errors import APIResponseValidationError, InvalidArgumentError
from ._plans import READ
from ._retry import CallSpec

if TYPE_CHECKING:
    from eigenpal_api.models.eval_result import EvalResult

__all__ = [
    "UNCHANGED",
    "ZIP_MAGIC",
    "FileContent",
    "Unchanged",
    "check_filename",
    "check_scores",
    "check_step",
    "check_step_id",
    "plan_expected_copy",
    "plan_expected_delete",
    "plan_expected_rename",
    "plan_expected_upload",
    "plan_promote",
    "plan_review_clear",
    "plan_review_update",
    "plan_run_read",
    "plan_step",
    "upload_source",
]

_REPLACE = CallSpec("PUT")  # the review is replaced as a whole: sending it twice leaves the same review
_CLEAR = CallSpec("DELETE")  # answers 200 with the empty state every time
_ONCE_POST = CallSpec("POST")  # not repeatable: never sent a second time
_ONCE_PATCH = CallSpec("PATCH")  # a rename: after the first, the old name is gone
_REMOVE = CallSpec("DELETE", gone_means_done=True)
_PROMOTE_NAMED = CallSpec("POST", idempotent=True)  # CONTRACT: "name ... to create or update"

MAX_EXAMPLE_NAME_LENGTH: Final = 128
"""``PromoteRunRequest.name``: 1 to 128 characters."""
ZIP_MAGIC: Final = b"PK"
"""How every ZIP archive begins (a local file header, or the end record of an empty one)."""

_VERDICTS = frozenset({"correct", "incorrect"})
_REVIEW_STATUSES = frozenset({"open", "closed", "wont_fix"})
_CORRECTION_KINDS = frozenset({"field", "file"})
_CORRECTION_FIELDS = frozenset(
    {"id", "kind", "path", "label", "originalValue", "correctedValue", "note", "correctedArtifactPath"}
)


class Unchanged:
    """The type of :data:`UNCHANGED`."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = Unchanged()
"""Leave this part of the review as it is (``corrected_output``, ``corrections``); ``None`` clears it instead."""


def check_step_id(value: object) -> str:
    """A step execution id: one URL path segment as it is, as a run id (no ``/``, ``\\``, ``.`` or ``..``)."""
    step_id = check._check_segment(check.check_text(value, "step_execution_id"), "step_execution_id", "a step id")
    if "/" in step_id or "\\" in step_id:
        raise InvalidArgumentError("step_execution_id", f"a step id holds no slash or backslash, as {step_id!r} does")
    return step_id


def check_filename(value: object, argument: str = "filename") -> str:
    """A corrected file's name as the review lists it: a name or a slash-delimited path, sent as one quoted
    segment (as an artifact path), so ``a/b.json`` is kept; ``.`` and ``..`` would leave the route."""
    return check._check_segment(check.check_text(value, argument), argument, "a file name")


def plan_run_read(run_id: str) -> Plan:
    """A read about one run: ``/trace``, ``/scores``, ``/reviews``, ``/reviews/expected``."""
    return Plan({"id": check.check_run_id(run_id)}, READ)


def plan_step(run_id: str, step_execution_id: str) -> Plan:
    """``GET /v1/runs/{id}/steps/{stepExecutionId}``."""
    return Plan({"id": check.check_run_id(run_id), "step_execution_id": check_step_id(step_execution_id)}, READ)


def plan_promote(run_id: str, name: str | None) -> Plan:
    """``POST /v1/runs/{id}/promote``; retried only with a ``name`` (it then creates or updates that example)."""
    from eigenpal_api.models.promote_run_request import PromoteRunRequest

    run_id = check.check_run_id(run_id)
    if name is None:
        return Plan({"id": run_id, "body": PromoteRunRequest()}, _ONCE_POST)
    name = check.check_text(name, "name", max_length=MAX_EXAMPLE_NAME_LENGTH)
    return Plan({"id": run_id, "body": PromoteRunRequest(name=name)}, _PROMOTE_NAMED)


def _json_value(value: object, argument: str) -> object:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        raise InvalidArgumentError(argument, f"must be JSON (dicts, lists, text, finite numbers): {exc}") from exc
    return value


def _correction(item: object, index: int) -> dict[str, Any]:
    argument = f"corrections[{index}]"
    if not isinstance(item, Mapping):
        raise InvalidArgumentError(argument, f"must be a mapping, not {type(item).__name__}")
    unknown = sorted(str(key) for key in item if key not in _CORRECTION_FIELDS)
    if unknown:
        raise InvalidArgumentError(argument, f"unknown keys {unknown}; known: {sorted(_CORRECTION_FIELDS)}")
    if item.get("kind") not in _CORRECTION_KINDS:
        raise InvalidArgumentError(f"{argument}.kind", f"must be 'field' or 'file', not {item.get('kind')!r}")
    check.check_text(item.get("path"), f"{argument}.path")
    if item.get("id") is not None:
        check.check_text(item["id"], f"{argument}.id")
    for key in ("label", "note", "correctedArtifactPath"):
        if item.get(key) is not None:
            _text_or_empty(item[key], f"{argument}.{key}")
    return {str(key): _json_value(value, f"{argument}.{key}") for key, value in item.items()}


def _text_or_empty(value: object, argument: str) -> str:
    if not isinstance(value, str):
        raise InvalidArgumentError(argument, f"must be a string or None, not {type(value).__name__}")
    return check.check_encodable(value, argument)


def plan_review_update(
    run_id: str,
    *,
    verdict: Literal["correct", "incorrect"] | None,
    status: Literal["open", "closed", "wont_fix"] | None,
    note: str | None,
    corrected_output: object,
    corrections: Sequence[Mapping[str, object]] | Unchanged | None,
) -> Plan:
    """``PUT /v1/runs/{id}/reviews``: the body the arguments make (see ``runs.reviews.update``)."""
    from eigenpal_api.models.run_review_request import RunReviewRequest

    run_id = check.check_run_id(run_id)
    body: dict[str, Any] = {}
    if verdict is not None:
        if verdict not in _VERDICTS:
            raise InvalidArgumentError("verdict", f"must be 'correct', 'incorrect' or None, not {verdict!r}")
        body["verdict"] = verdict
    if status is not None:
        if status not in _REVIEW_STATUSES:
            raise InvalidArgumentError("status", f"must be 'open', 'closed' or 'wont_fix', not {status!r}")
        body["status"] = status
    if note is not None:
        body["note"] = _text_or_empty(note, "note")
    if not isinstance(corrected_output, Unchanged):
        body["correctedOutput"] = _json_value(corrected_output, "corrected_output")
    if not isinstance(corrections, Unchanged):
        if isinstance(corrections, str | bytes | Mapping) or not isinstance(corrections, Sequence | None):
            raise InvalidArgumentError("corrections", "must be a list of corrections (mappings)")
        body["corrections"] = [_correction(item, index) for index, item in enumerate(corrections or ())]
    return Plan({"id": run_id, "body": RunReviewRequest.from_dict(body)}, _REPLACE)


def plan_review_clear(run_id: str) -> Plan:
    """``DELETE /v1/runs/{id}/reviews``: the review, its corrections and its corrected files."""
    return Plan({"id": check.check_run_id(run_id)}, _CLEAR)


def plan_expected_copy(run_id: str, output_file_name: str, name: str | None) -> Plan:
    """``POST /v1/runs/{id}/reviews/expected`` (JSON): copy one of the run's output files into the corrected set."""
    from eigenpal_api.models.run_review_expected_file_copy_request import RunReviewExpectedFileCopyRequest

    run_id = check.check_run_id(run_id)
    body = RunReviewExpectedFileCopyRequest(output_file_name=check.check_text(output_file_name, "output_file_name"))
    if name is not None:
        body.expected_name = check_filename(name, "name")
    return Plan({"id": run_id, "body": body}, _ONCE_POST)


FileContent = bytes | str | PathLike[str] | IO[bytes]
"""A corrected file to upload: its bytes, a path to it, or a binary file open for reading."""


def plan_expected_upload(run_id: str, stream: IO[bytes], filename: str, name: str | None) -> Plan:
    """``POST /v1/runs/{id}/reviews/expected`` (multipart): upload a corrected file, read from ``stream`` once."""
    from eigenpal_api.models.run_review_expected_file_upload_request import RunReviewExpectedFileUploadRequest
    from eigenpal_api.types import File

    run_id = check.check_run_id(run_id)
    # httpx reads any binary file object; the generated File names the narrower BinaryIO.
    body = RunReviewExpectedFileUploadRequest(file=File(payload=cast(BinaryIO, stream), file_name=filename))
    if name is not None:
        body.name = check_filename(name, "name")
    return Plan({"id": run_id, "body": body}, _ONCE_POST)


def upload_source(file: FileContent, filename: str | None) -> tuple[Path | bytes | IO[bytes], str]:
    """What to upload and under which file name, checked before anything is opened.

    Raises:
        InvalidArgumentError: Not bytes, a path or a binary file; a path that is no file; no name for bytes.
    """
    if isinstance(file, bytes | bytearray):
        if filename is None:
            raise InvalidArgumentError("filename", "name the file when uploading bytes")
        return bytes(file), check_filename(filename)
    if isinstance(file, str | PathLike):
        path = Path(file)
        if not path.is_file():
            raise InvalidArgumentError("file", f"no such file: {os.fspath(path)!r}")
        return path, check_filename(filename if filename is not None else path.name)
    if not callable(getattr(file, "read", None)):
        raise InvalidArgumentError("file", f"must be bytes, a path or a binary file, not {type(file).__name__}")
    shown = filename if filename is not None else os.path.basename(str(getattr(file, "name", "") or ""))
    if not shown:
        raise InvalidArgumentError("filename", "name the file: this file object has no name")
    return file, check_filename(shown)


def plan_expected_rename(run_id: str, filename: str, name: str) -> Plan:
    """``PATCH /v1/runs/{id}/reviews/expected/{filename}``."""
    from eigenpal_api.models.run_review_expected_file_update_request import RunReviewExpectedFileUpdateRequest

    kwargs = {"id": check.check_run_id(run_id), "filename": check_filename(filename)}
    return Plan({**kwargs, "body": RunReviewExpectedFileUpdateRequest(name=check_filename(name, "name"))}, _ONCE_PATCH)


def plan_expected_delete(run_id: str, filename: str) -> Plan:
    """``DELETE /v1/runs/{id}/reviews/expected/{filename}``."""
    return Plan({"id": check.check_run_id(run_id), "filename": check_filename(filename)}, _REMOVE)


def check_scores(scores: list[EvalResult], run_id: str) -> list[EvalResult]:
    """The scores of a run, each checked to be about it (``runId``).

    Raises:
        APIResponseValidationError: A score about another run, or a list that is not one.
    """
    from ._answers import about_another_run

    if not isinstance(scores, list):
        raise APIResponseValidationError("the server's answer does not fit the API: RunScoresResponse.scores")
    for score in scores:
        answered = getattr(score, "run_id", None)
        if answered != run_id:
            raise about_another_run(run_id, answered)
    return scores


def check_step(step: object) -> dict[str, Any]:
    """A step as the server gave it: the document leaves its shape free, but it is one JSON object.

    Raises:
        APIResponseValidationError: Anything else.
    """
    if not isinstance(step, dict):
        raise APIResponseValidationError(
            f"the server's answer does not fit the API: a step is an object, not {type(step).__name__}"
        )
    return step
