"""Reading requests: query parameters, headers, list filters and cursors, JSON bodies, checked before a handler acts.

Every function here either returns a value the handler can use as it is or answers 400 through `fail`: a handler
never sees a malformed request. JSON is measured for depth before `json.loads` sees it (`_nesting`). Nothing here
touches the run table. A start request's body (JSON or multipart, with its files) is read by `_start_body`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from starlette.requests import Request

from ._errors import fail
from ._nesting import MAX_JSON_DEPTH, deepest_member, nesting_depth
from ._records import RUN_STATUSES, RunFilter, RunRecord, now_ms, run_seq
from ._timeexpr import format_timestamp, parse_time_expression
from ._views import dumps

_EXPAND_TOKENS = frozenset({"input", "usage", "execution", "debug"})
_RUN_TYPES = frozenset({"workflow", "agent"})
_TRIGGERS = frozenset({"api", "cli"})
# Tags, as the official CLI and SDK bound them: up to 100 a run, each 1 to 256 characters.
_MAX_TAGS = 100
_MAX_TAG_LENGTH = 256
_MAX_IDS = 100
_MAX_OFFSET = 2**53 - 1
_DEFAULT_LIMIT = 50
_MAX_LIMIT = 100
_TRUE, _FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})

LIST_PARAMS = frozenset(
    {
        "type", "source", "status", "trigger", "triggeredBy", "sourceRef", "batchId", "exampleId",
        "exampleIdContains", "from", "to", "createdAfter", "createdBefore", "completedAfter", "completedBefore",
        "cursor", "offset", "limit", "ids", "experiments", "sort", "order", "reviewStatus", "reviewVerdict",
        "hasReview", "noReview", "hasCorrections", "reviewNoteContains", "reviewCreatedAfter", "reviewCreatedBefore",
        "reviewUpdatedAfter", "reviewUpdatedBefore", "reviewClosedAfter", "reviewClosedBefore", "sinceLastClosed",
        "sampleRate", "tag", "hasExample",
    }
)  # fmt: skip
"""The query parameters of `GET /v1/runs`, every one the document lists."""
# Filters on what no local run has (a batch, a dataset example, a review): any value matches no run.
_NOTHING_HAS = ("batchId", "exampleId", "exampleIdContains", "reviewStatus", "reviewVerdict", "reviewNoteContains")
_REVIEW_TIMES = (
    "reviewCreatedAfter",
    "reviewCreatedBefore",
    "reviewUpdatedAfter",
    "reviewUpdatedBefore",
    "reviewClosedAfter",
    "reviewClosedBefore",
)


# --- query parameters, headers and values ------------------------------------------------------------------------


def _query_value(request: Request, name: str) -> str | None:
    values = request.query_params.getlist(name)
    return values[-1] if values else None


def int_param(request: Request, name: str, low: int, high: int) -> int | None:
    """An integer query parameter from `low` to `high`, or None when it is absent."""
    raw = _query_value(request, name)
    if raw is None:
        return None
    if not re.fullmatch(r"\d{1,16}", raw.strip()):
        fail(400, f"{name} must be an integer from {low} to {high}", "invalid_parameter", name)
    value = int(raw)
    if not low <= value <= high:
        fail(400, f"{name} must be an integer from {low} to {high}", "out_of_range", name)
    return value


def _csv_param(request: Request, name: str) -> list[str] | None:
    values = request.query_params.getlist(name)
    if not values:
        return None
    tokens = [token.strip() for value in values for token in value.split(",")]
    if any(not token for token in tokens):
        fail(400, f"{name} must be a comma-separated list without empty entries", "invalid_parameter", name)
    return tokens


def nonempty_param(request: Request, name: str, max_length: int | None = None) -> str | None:
    """A query parameter that must not be empty (nor longer than `max_length`), or None when it is absent."""
    value = _query_value(request, name)
    if value is None:
        return None
    if not value or (max_length is not None and len(value) > max_length):
        limit = f" and at most {max_length} characters" if max_length else ""
        fail(400, f"{name} must not be empty{limit}", "invalid_parameter", name)
    return value


def version_param(request: Request) -> str | None:
    """The `version` asked for (a release or git ref), or None."""
    return nonempty_param(request, "version")


def expand_param(request: Request) -> frozenset[str]:
    """The sections `expand` names (input, usage, execution, debug)."""
    tokens = _csv_param(request, "expand")
    if tokens is None:
        return frozenset()
    unknown = sorted(set(tokens) - _EXPAND_TOKENS)
    if unknown:
        fail(
            400,
            f"unknown expand token(s) {', '.join(unknown)}; use input, usage, execution, debug",
            "invalid_expand",
            "expand",
        )
    return frozenset(tokens)


def idempotency_key(request: Request) -> str | None:
    """The `Idempotency-Key` header (1 to 255 characters), or None."""
    key = request.headers.get("idempotency-key")
    if key is None:
        return None
    if not 1 <= len(key) <= 255:
        fail(400, "Idempotency-Key must be 1 to 255 characters", "invalid_header", "Idempotency-Key")
    return key


def trigger_header(request: Request) -> str:
    """The provenance `X-Eigenpal-Trigger` declares, `api` (also when it is absent) or `cli`."""
    trigger = request.headers.get("x-eigenpal-trigger", "api")
    if trigger not in _TRIGGERS:
        fail(400, "X-Eigenpal-Trigger must be api or cli", "invalid_header", "X-Eigenpal-Trigger")
    return trigger


def tags_value(value: object, field_name: str) -> list[str]:
    """Tags given as one string or a list of them (at most 100, each 1 to 256 characters), duplicates dropped."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        fail(400, f"{field_name} must be a string or an array of strings", "invalid_type", field_name)
    if len(value) > _MAX_TAGS:
        fail(400, f"at most {_MAX_TAGS} tags", "too_many_tags", field_name)
    if any(not 1 <= len(tag) <= _MAX_TAG_LENGTH for tag in value):
        fail(400, f"each tag must be 1 to {_MAX_TAG_LENGTH} characters", "invalid_tag", field_name)
    return list(dict.fromkeys(value))


def object_value(value: object, field_name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        fail(400, f"{field_name} must be a JSON object", "invalid_type", field_name)
    return value


def _time_value(value: object, field_name: str) -> int:
    if not isinstance(value, str) or not value:
        fail(400, f"{field_name} must be ISO-8601 or now()-N[smhdw]", "invalid_time", field_name)
    try:
        return parse_time_expression(value, now_ms())
    except ValueError:
        fail(400, f"{field_name} must be ISO-8601 or now()-N[smhdw], not {value!r}", "invalid_time", field_name)


def _statuses_value(values: list[str], field_name: str) -> frozenset[str]:
    unknown = sorted(set(values) - set(RUN_STATUSES))
    if unknown:
        fail(400, f"unknown status(es) {', '.join(unknown)}", "invalid_status", field_name)
    return frozenset(values)


def _ids_value(values: list[str], field_name: str) -> frozenset[str]:
    if len(values) > _MAX_IDS:
        fail(400, f"at most {_MAX_IDS} ids", "too_many_ids", field_name)
    return frozenset(values)


# --- list filters and cursors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListQuery:
    """A checked list request: which runs, from where, how many, in which order."""

    run_filter: RunFilter
    after_seq: int | None
    limit: int
    offset: int
    ascending: bool


def _flag_param(request: Request, name: str) -> bool:
    """A boolean query parameter (`true`/`1` or `false`/`0`); absent is false."""
    raw = _query_value(request, name)
    if raw is None:
        return False
    if raw.lower() not in _TRUE | _FALSE:
        fail(400, f"{name} must be true or false", "invalid_parameter", name)
    return raw.lower() in _TRUE


def _time_param(request: Request, name: str) -> int | None:
    raw = _query_value(request, name)
    return None if raw is None else _time_value(raw, name)


def _bound(values: list[int | None], pick: Callable[[list[int]], int]) -> int | None:
    given = [value for value in values if value is not None]
    return pick(given) if given else None


def _sample_rate_param(request: Request) -> float | None:
    raw = _query_value(request, "sampleRate")
    if raw is None:
        return None
    try:
        rate = float(raw)
    except ValueError:
        rate = -1.0
    if not 0 <= rate <= 1:
        fail(400, "sampleRate must be a number from 0 to 1", "invalid_parameter", "sampleRate")
    return rate


def list_query(request: Request) -> ListQuery:
    """The filters, cursor, page size and order of a list request, from its query."""
    run_type = _query_value(request, "type")
    if run_type is not None and run_type not in _RUN_TYPES:
        fail(400, "type must be workflow or agent", "invalid_type", "type")
    statuses = _csv_param(request, "status")
    triggers = _csv_param(request, "trigger")
    ids = _csv_param(request, "ids")
    sort = _query_value(request, "sort")
    if sort is not None and sort != "createdAt":
        fail(400, "the local server sorts by createdAt only", "invalid_parameter", "sort")
    order = _query_value(request, "order")
    if order is not None and order not in ("asc", "desc"):
        fail(400, "order must be asc or desc", "invalid_parameter", "order")
    has_example = _query_value(request, "hasExample")
    if has_example is not None and has_example != "true":
        fail(400, "hasExample must be true", "invalid_parameter", "hasExample")
    # Every flag is read (and checked) before any decides: no local run has a review, so `noReview` keeps every run
    # and every run is newer than the last closed review (`sinceLastClosed`).
    flags = {
        name: _flag_param(request, name) for name in ("hasReview", "hasCorrections", "noReview", "sinceLastClosed")
    }
    review_times = [_time_param(request, name) for name in _REVIEW_TIMES]
    nothing = (
        any(_query_value(request, name) is not None for name in _NOTHING_HAS)
        or any(moment is not None for moment in review_times)
        or has_example is not None
        or flags["hasReview"]
        or flags["hasCorrections"]
    )
    experiments = _query_value(request, "experiments")
    if experiments is not None and not experiments:
        fail(400, "experiments must not be empty", "invalid_parameter", "experiments")
    run_filter = RunFilter(
        run_type=run_type,
        source=nonempty_param(request, "source"),
        statuses=None if statuses is None else _statuses_value(statuses, "status"),
        triggers=None if triggers is None else frozenset(triggers),
        triggered_by=nonempty_param(request, "triggeredBy"),
        source_ref=nonempty_param(request, "sourceRef"),
        tag=nonempty_param(request, "tag", _MAX_TAG_LENGTH),
        ids=None if ids is None else _ids_value(ids, "ids"),
        from_ms=_bound([_time_param(request, "from"), _time_param(request, "createdAfter")], max),
        to_ms=_bound([_time_param(request, "to"), _time_param(request, "createdBefore")], min),
        completed_from_ms=_time_param(request, "completedAfter"),
        completed_to_ms=_time_param(request, "completedBefore"),
        sample_rate=_sample_rate_param(request),
        nothing=nothing,
    )
    cursor = nonempty_param(request, "cursor")
    after_seq = None
    if cursor is not None:
        try:
            after_seq = decode_cursor(cursor)
        except ValueError:
            fail(400, "cursor is not a nextCursor this server gave", "invalid_cursor", "cursor")
    return ListQuery(
        run_filter=run_filter,
        after_seq=after_seq,
        limit=int_param(request, "limit", 1, _MAX_LIMIT) or _DEFAULT_LIMIT,
        offset=int_param(request, "offset", 0, _MAX_OFFSET) or 0,
        ascending=order == "asc",
    )


def encode_cursor(run: RunRecord) -> str:
    """An opaque cursor naming the last run of a page by its (createdAt, id)."""
    raw = dumps({"createdAt": format_timestamp(run.created_ms), "id": run.id})
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The creation sequence number of the run a cursor names.

    Raises:
        ValueError: Not a cursor this server made.
    """
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if nesting_depth(raw, limit=1) > 1:  # ours are one flat object; never let json.loads recurse on a fake
            raise ValueError("too deep")
        decoded = json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not a cursor") from exc
    seq = run_seq(decoded.get("id", "")) if isinstance(decoded, dict) and isinstance(decoded.get("id"), str) else None
    if seq is None:
        raise ValueError("not a cursor")
    return seq


# --- JSON bodies ---------------------------------------------------------------------------------------------------


def too_deep(field_name: str, limit: int) -> NoReturn:
    """Answers 400: the field nests deeper than `limit` levels."""
    fail(400, f"{field_name} nests deeper than {limit} levels of arrays and objects", "too_deep", field_name)


async def read_json_body(request: Request) -> object:
    """The body as JSON, measured for depth before it is parsed."""
    body = await request.body()
    try:
        # Decoded as json.loads would decode bytes (UTF-8, -16 or -32), so that the depth is measured on that text.
        text = body.decode(json.detect_encoding(body), "surrogatepass")
    except ValueError:
        fail(400, "the body is not valid JSON", "malformed_json")
    # The fields sit one level inside the body's object: each may nest MAX_JSON_DEPTH deep, as in a multipart part.
    limit = MAX_JSON_DEPTH + 1
    if nesting_depth(text, limit) > limit:  # before json.loads, which would recurse
        member = deepest_member(text, limit)
        if member is None:
            message = f"the body nests deeper than {limit} levels of arrays and objects ({MAX_JSON_DEPTH} in a field)"
            fail(400, message, "too_deep", "body")
        too_deep(member, MAX_JSON_DEPTH)
    try:
        return json.loads(text)
    except ValueError:
        fail(400, "the body is not valid JSON", "malformed_json")
