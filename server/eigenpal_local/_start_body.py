"""Reading a start request's body (`POST /v1/runs`), JSON or multipart, into a checked `StartRequest`.

The target is checked first (an unknown one is a 404 whatever the rest is); files come inline (base64), by an uploaded
file's id (`$fileId`), or as multipart parts; JSON text in a multipart part is measured for depth before it is parsed
(`_nesting`). As in `_params`, a malformed body is answered 400 through `fail`, never seen by the handler.
"""

from __future__ import annotations

import base64
import binascii
import json
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request

from ._automations import AUTOMATIONS, find_automation
from ._errors import ApiError, fail
from ._nesting import MAX_JSON_DEPTH, nesting_depth
from ._params import object_value, read_json_body, tags_value, too_deep
from ._records import FileInput, FileInputs, Issue


@dataclass
class StartRequest:
    """A start request's body, checked: the target exists, the files are read."""

    target: str
    run_input: dict[str, Any]
    files: FileInputs
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


FileLookup = Callable[[str], tuple[str, str, bytes] | None]
"""A file id -> (filename, content type, bytes) of the uploaded file, or None when there is none by that id."""


def _file_reference(
    value: object, key: str, index: int | None, field_name: str, lookup: FileLookup | None
) -> FileInput:
    """One file of a JSON body's `files`: `{"$inline": {filename, mimeType, base64}}` or `{"$fileId": ...}`."""
    if isinstance(value, dict) and "$inline" in value:
        inline = value["$inline"]
        if not isinstance(inline, dict) or not all(
            isinstance(inline.get(name), str) and inline[name] for name in ("filename", "mimeType", "base64")
        ):
            fail(
                400, "$inline needs filename, mimeType and base64, each a non-empty string", "invalid_file", field_name
            )
        try:
            content = base64.b64decode(inline["base64"], validate=True)
        except binascii.Error:
            fail(400, "base64 is not valid base64", "invalid_file", f"{field_name}.$inline.base64")
        return FileInput(key, _safe_filename(inline["filename"], key), inline["mimeType"], content, index)
    if isinstance(value, dict) and "$fileId" in value:
        file_id = value["$fileId"]
        if not isinstance(file_id, str) or not file_id:
            fail(400, "$fileId must be a non-empty string", "invalid_file", f"{field_name}.$fileId")
        found = None if lookup is None else lookup(file_id)
        if found is None:  # 404, as for an unknown target: the document lists no other status for it
            raise ApiError(404, [Issue(f"no file {file_id!r}", "file_not_found", f"{field_name}.$fileId")])
        filename, content_type, content = found
        return FileInput(key, filename, content_type, content, index)
    shapes = 'a file is {"$inline": {filename, mimeType, base64}} or {"$fileId": "file_..."}'
    raise ApiError(400, [Issue(shapes, "invalid_file", field_name)])


def _json_files(value: object, lookup: FileLookup | None) -> FileInputs:
    """The `files` of a JSON start body: one file reference or a list of them per input key."""
    if not isinstance(value, dict):
        fail(400, "files must be a JSON object of file references", "invalid_type", "files")
    files: FileInputs = {}
    for key, given in value.items():
        field_name = f"files.{key}"
        if isinstance(given, list):
            files[key] = [
                _file_reference(item, key, index, f"{field_name}[{index}]", lookup) for index, item in enumerate(given)
            ]
        else:
            files[key] = [_file_reference(given, key, None, field_name, lookup)]
    return files


def _json_text(value: object, field_name: str) -> object:
    if not isinstance(value, str):
        fail(400, f"{field_name} must be JSON text", "invalid_type", field_name)
    if nesting_depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:  # before json.loads, which would recurse
        too_deep(field_name, MAX_JSON_DEPTH)
    try:
        return json.loads(value)
    except ValueError:
        fail(400, f"{field_name} is not valid JSON", "malformed_json", field_name)


def _multipart_tags(value: object) -> list[str]:
    """A multipart `tags` field: a JSON string or array of strings; text that does not start as JSON is one tag."""
    if not isinstance(value, str):
        fail(400, "tags must be text", "invalid_type", "tags")
    if value.lstrip().startswith(("[", '"', "{")):
        return tags_value(_json_text(value, "tags"), "tags")
    return tags_value(value, "tags")


def _target_value(value: object) -> str:
    """The target, checked before anything else in the body: one that names no automation is a 404 whatever the
    rest is (`workflows.<slug>`, `agents.<slug>` or a bare workflow id name one)."""
    if not isinstance(value, str):
        fail(400, "target must be a string", "invalid_target", "target")
    automation = find_automation(value)
    if automation is None:
        known = ", ".join(sorted(AUTOMATIONS))
        raise ApiError(
            404, [Issue(f"no automation {value!r}", "target_not_found", "target")], hint=f"known targets: {known}"
        )
    return automation.target


async def read_start_body(
    request: Request, max_part_bytes: int, *, tags: bool = True, file_lookup: FileLookup | None = None
) -> StartRequest:
    """The body of a start request, JSON or multipart; the target is checked first (404 when unknown).

    Args:
        request: The start request.
        max_part_bytes: The largest part a multipart body may have.
        tags: Whether the server keeps tags; one that does not ignores `tags` (None), as a server that predates them
            would.
        file_lookup: Finds the uploaded file a `{"$fileId": ...}` names; without it every id is unknown (404).
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        return await _read_multipart(request, max_part_bytes, tags=tags)
    if content_type and content_type != "application/json" and not content_type.endswith("+json"):
        fail(400, "send application/json or multipart/form-data", "unsupported_content_type")
    body = await read_json_body(request)
    if not isinstance(body, dict):
        fail(400, "the body must be a JSON object", "invalid_type")
    if "target" not in body:
        fail(400, "target is required", "required", "target")
    target = _target_value(body["target"])
    return StartRequest(
        target=target,
        run_input=object_value(body.get("input", {}), "input"),
        files=_json_files(body["files"], file_lookup) if "files" in body else {},
        overrides=object_value(body["overrides"], "overrides") if "overrides" in body else None,
        metadata=object_value(body["metadata"], "metadata") if "metadata" in body else None,
        tags=tags_value(body["tags"], "tags") if tags and "tags" in body else None,
    )


async def _read_multipart(request: Request, max_part_bytes: int, *, tags: bool) -> StartRequest:
    async with request.form(max_files=100, max_fields=100, max_part_size=max_part_bytes) as form:
        if "target" not in form:
            fail(400, "target is required", "required", "target")
        target = _target_value(form["target"])
        parsed: dict[str, object] = {}
        for name in ("input", "overrides", "metadata"):
            # An empty part is taken as an absent one: form encoders send empty fields they have no value for.
            if name in form and form[name] != "":
                parsed[name] = _json_text(form[name], name)
        given_tags = _multipart_tags(form["tags"]) if tags and "tags" in form and form["tags"] != "" else None
        parts: dict[str, list[FileInput]] = {}
        for name, value in form.multi_items():
            if not name.startswith("files.") or len(name) == len("files."):
                continue
            key = name[len("files.") :]
            if isinstance(value, UploadFile):
                filename = _safe_filename(value.filename or key, key)
                content = await value.read()
                file_input = FileInput(key, filename, _content_type_for(filename, value.content_type), content)
            else:
                file_input = FileInput(key, key, "text/plain", value.encode())
            parts.setdefault(key, []).append(file_input)
        # A key sent once is one file; a key repeated is a list of files.
        files: FileInputs = {
            key: listed if len(listed) == 1 else [replace(part, index=n) for n, part in enumerate(listed)]
            for key, listed in parts.items()
        }
        return StartRequest(
            target=target,
            run_input=object_value(parsed.get("input", {}), "input"),
            files=files,
            overrides=object_value(parsed["overrides"], "overrides") if "overrides" in parsed else None,
            metadata=object_value(parsed["metadata"], "metadata") if "metadata" in parsed else None,
            tags=given_tags,
        )
