"""Reading requests: query parameters, headers, JSON and multipart bodies, checked before a handler acts.

Every function here either returns a value the handler can use as it is or answers 400 (404 for an unknown target,
422 for a file that is not base64) through `fail`: a handler never sees a malformed request. JSON is measured for
depth before `json.loads` sees it (`_nesting`). Nothing here touches the run table.
"""

from __future__ import annotations

import base64
import binascii
import json
import mimetypes
import re
from dataclasses import dataclass
from typing import Any, NoReturn

from starlette.datastructures import UploadFile
from starlette.requests import Request

from ._automations import AUTOMATIONS
from ._errors import ApiError, fail
from ._nesting import MAX_JSON_DEPTH, deepest_member, nesting_depth
from ._records import RUN_STATUSES, FileInput, Issue, RunFilter, RunRecord, now_ms, run_seq
from ._timeexpr import format_timestamp, parse_time_expression
from ._views import dumps

_TARGET = re.compile(r"^(workflows|agents)\.[A-Za-z0-9][A-Za-z0-9_-]*$")
_EXPAND_TOKENS = frozenset({"input", "usage", "execution", "debug"})
_RUN_TYPES = frozenset({"workflow", "agent"})
_MAX_TAGS = 20
_MAX_TAG_LENGTH = 64
_MAX_IDS = 100


# --- query parameters, headers and values ------------------------------------------------------------------------


def _query_value(request: Request, name: str) -> str | None:
    values = request.query_params.getlist(name)
    return values[-1] if values else None


def int_param(request: Request, name: str, low: int, high: int) -> int | None:
    """An integer query parameter from `low` to `high`, or None when it is absent."""
    raw = _query_value(request, name)
    if raw is None:
        return None
    if not re.fullmatch(r"\d{1,9}", raw.strip()):
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


def trigger_header(request: Request) -> None:
    """Checks `X-Eigenpal-Trigger`, which may only say `api`."""
    trigger = request.headers.get("x-eigenpal-trigger")
    if trigger is not None and trigger != "api":
        fail(400, "X-Eigenpal-Trigger must be api", "invalid_header", "X-Eigenpal-Trigger")


def tags_value(value: object, field_name: str) -> list[str]:
    """A set of tags (at most 20, each 1 to 64 characters), duplicates dropped, order kept."""
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        fail(400, f"{field_name} must be an array of strings", "invalid_type", field_name)
    if len(value) > _MAX_TAGS:
        fail(400, f"at most {_MAX_TAGS} tags", "too_many_tags", field_name)
    if any(not 1 <= len(tag) <= _MAX_TAG_LENGTH for tag in value):
        fail(400, f"each tag must be 1 to {_MAX_TAG_LENGTH} characters", "invalid_tag", field_name)
    return list(dict.fromkeys(value))


def _object_value(value: object, field_name: str) -> dict[str, Any]:
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


def list_filter(request: Request) -> RunFilter:
    """The filters of a list request, from its query."""
    run_type = _query_value(request, "type")
    if run_type is not None and run_type not in _RUN_TYPES:
        fail(400, "type must be workflow or agent", "invalid_type", "type")
    statuses = _csv_param(request, "status")
    ids = _csv_param(request, "ids")
    raw_from, raw_to = _query_value(request, "from"), _query_value(request, "to")
    return RunFilter(
        run_type=run_type,
        source=nonempty_param(request, "source"),
        statuses=None if statuses is None else _statuses_value(statuses, "status"),
        tag=nonempty_param(request, "tag", _MAX_TAG_LENGTH),
        ids=None if ids is None else _ids_value(ids, "ids"),
        from_ms=None if raw_from is None else _time_value(raw_from, "from"),
        to_ms=None if raw_to is None else _time_value(raw_to, "to"),
    )


def body_filter(body: dict[str, Any]) -> RunFilter:
    """The filters of a cancel-many request, from its JSON body."""

    def strings(name: str) -> list[str] | None:
        if name not in body:
            return None
        value = body[name]
        if not isinstance(value, list) or not value or not all(isinstance(item, str) and item for item in value):
            fail(400, f"{name} must be a non-empty array of non-empty strings", "invalid_type", name)
        return value

    def text(name: str, max_length: int | None = None) -> str | None:
        if name not in body:
            return None
        value = body[name]
        if not isinstance(value, str) or not value or (max_length is not None and len(value) > max_length):
            fail(400, f"{name} must be a non-empty string", "invalid_type", name)
        return value

    run_type = text("type")
    if run_type is not None and run_type not in _RUN_TYPES:
        fail(400, "type must be workflow or agent", "invalid_type", "type")
    statuses, ids = strings("status"), strings("ids")
    return RunFilter(
        run_type=run_type,
        source=text("source"),
        statuses=None if statuses is None else _statuses_value(statuses, "status"),
        tag=text("tag", _MAX_TAG_LENGTH),
        ids=None if ids is None else _ids_value(ids, "ids"),
        from_ms=None if "from" not in body else _time_value(body["from"], "from"),
        to_ms=None if "to" not in body else _time_value(body["to"], "to"),
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


# --- start bodies ------------------------------------------------------------------------------------------------


@dataclass
class StartRequest:
    """A start request's body, checked: the target exists, file inputs are taken out of the input."""

    target: str
    run_input: dict[str, Any]
    files: dict[str, FileInput]
    overrides: dict[str, Any] | None
    metadata: dict[str, Any] | None
    tags: list[str] | None


def _safe_filename(name: str, fallback: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return base if base not in ("", ".", "..") else fallback


def _content_type_for(filename: str, given: str | None) -> str:
    if given:
        return given
    guessed, _ = mimetypes.guess_type(filename)
    return guessed or "application/octet-stream"


def _inline_files(run_input: dict[str, Any]) -> tuple[dict[str, Any], dict[str, FileInput]]:
    """Takes files given inline in JSON input (`{"content_base64": ..., "filename": ...}`) out of the input."""
    plain: dict[str, Any] = {}
    files: dict[str, FileInput] = {}
    for key, value in run_input.items():
        encoded = value.get("content_base64", value.get("base64")) if isinstance(value, dict) else None
        if not isinstance(value, dict) or not isinstance(encoded, str) or not isinstance(value.get("filename"), str):
            plain[key] = value
            continue
        try:
            content = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise ApiError(422, [Issue("the file is not valid base64", "invalid_file", f"input.{key}")]) from None
        filename = _safe_filename(value["filename"], key)
        given = value.get("mimeType", value.get("mime_type", value.get("contentType")))
        files[key] = FileInput(
            key, filename, _content_type_for(filename, given if isinstance(given, str) else None), content
        )
    return plain, files


def _too_deep(field_name: str, limit: int) -> NoReturn:
    fail(400, f"{field_name} nests deeper than {limit} levels of arrays and objects", "too_deep", field_name)


def _json_text(value: object, field_name: str) -> object:
    if not isinstance(value, str):
        fail(400, f"{field_name} must be JSON text", "invalid_type", field_name)
    if nesting_depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:  # before json.loads, which would recurse
        _too_deep(field_name, MAX_JSON_DEPTH)
    try:
        return json.loads(value)
    except ValueError:
        fail(400, f"{field_name} is not valid JSON", "malformed_json", field_name)


def _target_value(value: object) -> str:
    """The target, checked before anything else in the body: an unknown target is a 404 whatever the input is."""
    if not isinstance(value, str) or not _TARGET.match(value):
        fail(400, "target must be workflows.<slug> or agents.<slug>", "invalid_target", "target")
    if value not in AUTOMATIONS:
        known = ", ".join(sorted(AUTOMATIONS))
        raise ApiError(
            404, [Issue(f"no automation {value!r}", "target_not_found", "target")], hint=f"known targets: {known}"
        )
    return value


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
        _too_deep(member, MAX_JSON_DEPTH)
    try:
        return json.loads(text)
    except ValueError:
        fail(400, "the body is not valid JSON", "malformed_json")


async def read_start_body(request: Request, max_body_bytes: int) -> StartRequest:
    """The body of a start request, JSON or multipart; the target is checked first (404 when unknown)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        return await _read_multipart(request, max_body_bytes)
    if content_type and content_type != "application/json" and not content_type.endswith("+json"):
        fail(400, "send application/json or multipart/form-data", "unsupported_content_type")
    body = await read_json_body(request)
    if not isinstance(body, dict):
        fail(400, "the body must be a JSON object", "invalid_type")
    if "target" not in body:
        fail(400, "target is required", "required", "target")
    target = _target_value(body["target"])
    run_input = _object_value(body.get("input", {}), "input")
    plain, files = _inline_files(run_input)
    return StartRequest(
        target=target,
        run_input=plain,
        files=files,
        overrides=_object_value(body["overrides"], "overrides") if "overrides" in body else None,
        metadata=_object_value(body["metadata"], "metadata") if "metadata" in body else None,
        tags=tags_value(body["tags"], "tags") if "tags" in body else None,
    )


async def _read_multipart(request: Request, max_body_bytes: int) -> StartRequest:
    async with request.form(max_files=100, max_fields=100, max_part_size=max_body_bytes) as form:
        if "target" not in form:
            fail(400, "target is required", "required", "target")
        target = _target_value(form["target"])
        parsed: dict[str, object] = {}
        for name in ("input", "overrides", "metadata", "tags"):
            # An empty part is taken as an absent one: form encoders send empty fields they have no value for.
            if name in form and form[name] != "":
                parsed[name] = _json_text(form[name], name)
        run_input = _object_value(parsed.get("input", {}), "input")
        plain, files = _inline_files(run_input)
        for name, value in form.multi_items():
            if not name.startswith("files.") or len(name) == len("files."):
                continue
            key = name[len("files.") :]
            if isinstance(value, UploadFile):
                filename = _safe_filename(value.filename or key, key)
                content = await value.read()
                files[key] = FileInput(key, filename, _content_type_for(filename, value.content_type), content)
            else:
                files[key] = FileInput(key, key, "text/plain", value.encode())
        return StartRequest(
            target=target,
            run_input=plain,
            files=files,
            overrides=_object_value(parsed["overrides"], "overrides") if "overrides" in parsed else None,
            metadata=_object_value(parsed["metadata"], "metadata") if "metadata" in parsed else None,
            tags=tags_value(parsed["tags"], "tags") if "tags" in parsed else None,
        )
