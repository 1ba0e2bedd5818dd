"""The fields of an answer that the client's own logic reads, checked strictly; pure.

The generated models keep a value that does not fit the document as it came and report it once (the drift policy,
``openapi/templates/FORK.md``), so that a field nobody reads never fails a user's call. The fields the client acts on
are another matter: a run id that is not text, a ``finished`` that is not a boolean, a status that is not text, a
page whose runs are not a list would make a wait or a batch go wrong. :func:`check_answer` refuses those, naming the
field, before any of them is used; and an answer about another run than the call named (a read of ``run_1``
answered with ``run_2``: a cache, a proxy or a shared connection mixing answers up), or a ``nextCursor`` that no URL
can carry.
"""

from __future__ import annotations

import re
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
from ._validation import cursor_problem

__all__ = ["about_another_run", "check_answer", "check_json_values", "check_page_length", "page_limit", "value_budget"]

_LIST_PATH = "/v1/runs"
_API_MAX_LIMIT = 100
"""The real API's largest page (``limit`` 1 to 100; its default is 50)."""


def about_another_run(asked: str, answered: object) -> APIResponseValidationError:
    """The error for an answer about another run than the one the call named (never retried: not transient)."""
    return APIResponseValidationError(f"asked about run {asked!r}, the server answered about run {answered!r}")


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


def check_answer(parsed: Any, *, run_id: str | None = None, rerun_of: str | None = None) -> None:
    """Refuse an answer whose fields that the client reads do not fit the document, or that is about another run.

    Args:
        parsed: The parsed answer.
        run_id: The run the call named (a read or a cancel): the answer's ``id`` must be it.
        rerun_of: The source run of a rerun: the answer is the new run, so its ``id`` must not be the source's.

    Raises:
        APIResponseValidationError: Naming the first such field (``Run.execution.status``,
            ``RunsListResponse.runs[3].id``), or both run ids.
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
            problem = cursor_problem(parsed.next_cursor)
            if problem is not None:  # sent back as it is, it would fail in httpx (`InvalidURL`) or at the server
                raise APIResponseValidationError(
                    f"the server's answer does not fit the API: RunsListResponse.nextCursor {problem}"
                )
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
    _check_identity(parsed, run_id, rerun_of)


def _check_identity(parsed: Any, run_id: str | None, rerun_of: str | None) -> None:
    if run_id is None and rerun_of is None:
        return
    answered = getattr(parsed, "id", None)
    if run_id is not None and answered != run_id:
        raise about_another_run(run_id, answered)
    if rerun_of is not None and answered == rerun_of:
        raise APIResponseValidationError(
            f"a rerun of run {rerun_of!r} makes a new run, but the server answered with run {rerun_of!r} itself"
        )


def page_limit(method: str, path: str, limit: str | None) -> int | None:
    """The most runs an answer to this request may hold: its ``limit``, or the API's largest page when it sent none;
    ``None`` for a request that is not a list of runs.

    The response hook of :mod:`eigenpal_ext._transport._hooks` has :func:`check_page_length` check the JSON of such
    an answer before any model is made of it.

    Args:
        method: The request's method.
        path: The request's URL path (a base URL may put a prefix before ``/v1/runs``).
        limit: The request's ``limit`` query parameter, if any.
    """
    if method != "GET" or not path.endswith(_LIST_PATH):
        return None
    if limit is None or not limit.isdigit():
        return _API_MAX_LIMIT
    return max(int(limit), 1)


def check_page_length(document: object, most: int) -> None:
    """Refuse a page of runs (the JSON, before any model is made of it) that holds more than ``most`` runs.

    Raises:
        APIResponseValidationError: Saying how many came and how many were asked for.
    """
    runs = document.get("runs") if isinstance(document, dict) else None
    if isinstance(runs, list) and len(runs) > most:
        raise APIResponseValidationError(
            f"the server's answer does not fit the API: RunsListResponse.runs holds {len(runs)} runs, "
            f"and at most {most} were asked for"
        )


_BYTES_PER_VALUE = 32
"""The size limit over this is the most JSON values an answer may hold (a million for the default 32 MiB).
``json.loads`` spends 60 to 250 bytes of memory on each list, object or value it makes (a 32 MiB body of
``[[[[0]]]],`` took 6 s and 1.3 GB), while real answers spend well over 32 bytes of text on each value: a 100-run
page holds about 3,000."""
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
"""A JSON string, escapes included (the unrolled form: one pass, no backtracking per character)."""


def value_budget(max_response_bytes: int) -> int:
    """The most JSON values (roughly: containers and commas) an answer under ``max_response_bytes`` may hold."""
    return max(max_response_bytes // _BYTES_PER_VALUE, 1)


def _count_values(body: bytes, budget: int) -> int:
    values = body.count(b",")
    if values <= budget:
        values += body.count(b"[") + body.count(b"{")
    return values


def check_json_values(body: bytes, budget: int) -> None:
    """Refuse a JSON body that would make more than ``budget`` values, before it is parsed.

    Counts ``[``, ``{`` and ``,`` (a few fast passes over the bytes). Those inside strings count too at first, so the
    count is an upper bound; only when it is over the budget are the strings taken out and the count made again, so
    a long text full of commas (an extracted document) is never refused for them.

    Raises:
        APIResponseValidationError: Saying how many there are and how to accept more (``max_response_bytes``).
    """
    if _count_values(body, budget) > budget:
        body = _JSON_STRING.sub(b"", body)
    values = _count_values(body, budget)
    if values > budget:
        raise APIResponseValidationError(
            f"the server's answer holds about {values} JSON values, more than the {budget} this client reads "
            f"(one per {_BYTES_PER_VALUE} bytes of max_response_bytes): refused unparsed"
        )
