"""Turning a run's input into a request body: JSON when it holds no files, multipart when it does.

A file input is a top-level input field whose value is one of:

- a :class:`pathlib.Path` (opened here, streamed, closed after the call),
- a binary file object (``open(..., "rb")``, ``io.BytesIO``; streamed from its start, never closed here),
- ``bytes`` (named after the input field),
- a ``(filename, content)`` or ``(filename, content, mime_type)`` tuple, or
- a mapping ``{"content": ..., "filename": ..., "mime_type": ...}`` (``filename`` and ``mime_type`` optional),

where ``content`` is bytes, a binary file object or a Path; or a :class:`~eigenpal_ext.FileRef`
(``client.files.ref(file_id)``), a file already uploaded. Each file goes out as one multipart part named
``files.<inputKey>``; the rest of the input goes out as JSON text in the ``input`` field. httpx streams file objects
in chunks, so a large file is never read into memory whole.

Large inputs (``multipart_max_bytes``, :mod:`eigenpal_ext._core._uploads`): when the files would make the start larger
than that, the larger ones are uploaded first (the caller does it: :attr:`PreparedBody.uploads`) and the start goes as
JSON with a ``files`` map of ``{"$fileId": ...}`` and ``{"$inline": ...}`` entries. To know its size, a stream that
cannot seek (a pipe) is then first copied to a temporary file, in memory up to ``multipart_max_bytes`` and on disk
beyond, which also lets it be sent again after a lost answer."""

from __future__ import annotations

import base64
import io
import mimetypes
import os
import shutil
import tempfile
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, cast

import attrs
from eigenpal_api.types import File

from eigenpal_ext import _generated as gen
from eigenpal_ext._core._errors import EigenpalError, InvalidArgumentError
from eigenpal_ext._core._json_input import (
    FILE_MAPPING_KEYS,
    check_json,
    check_mapping,
    dumps_json,
    is_file_content,
)
from eigenpal_ext._core._start_body import FileSource, PreparedBody
from eigenpal_ext._core._uploads import STREAM_PIECE_BYTES, FileRef, plan_files

__all__ = [
    "file_source",
    "prepare_start_body",
    "read_piece",
]

_DEFAULT_MIME_TYPE = "application/octet-stream"
_SPOOL_IN_MEMORY_BYTES = 4 * 1024 * 1024
"""How much of a stream that cannot seek is copied into memory before its copy moves to disk."""


@attrs.frozen
class _FilePart:
    filename: str
    payload: IO[bytes]
    mime_type: str
    rewindable: bool
    size: int | None = None


def prepare_start_body(
    target: str,
    input: Mapping[str, object] | None,
    *,
    overrides: Mapping[str, object] | None,
    metadata: Mapping[str, object] | None,
    tags: list[str] | None,
    files: ExitStack,
    multipart_max_bytes: int | None = None,
) -> PreparedBody:
    """Check a run's input and build the body that starts it.

    Args:
        target: The checked target.
        input: The run's input; top-level values may be file inputs.
        overrides: Overrides, JSON-serialisable.
        metadata: Metadata, JSON-serialisable.
        tags: The checked tags.
        files: Files opened here (from a Path) are registered on it, so they close when it does.
        multipart_max_bytes: The largest request that carries its files inside; files that would make it larger
            are left in :attr:`PreparedBody.uploads` for the caller to upload. ``None``: every file goes inside.

    Raises:
        InvalidArgumentError: On input that is not a mapping with string keys, a value that cannot be serialised to
            JSON (named by its path, e.g. ``input.items[2]``: nested deeper than
            :data:`~eigenpal_ext._core._json_input.MAX_JSON_DEPTH`, holding itself, not JSON at all), or a file that
            does not exist.
    """
    plain: dict[str, Any] = {}
    parts: dict[str, _FilePart] = {}
    refs: dict[str, str] = {}
    input_mapping = check_mapping(input, "input")
    measure = multipart_max_bytes is not None or any(isinstance(value, FileRef) for value in input_mapping.values())
    for key, value in input_mapping.items():
        if isinstance(value, FileRef):
            refs[key] = value.file_id
            continue
        part = _file_part(
            value, f"input.{key}", default_name=key, files=files, measure=measure, spool_bytes=multipart_max_bytes
        )
        if part is None:
            check_json(value, f"input.{key}", depth=2, within=(input, "input"))
            plain[key] = value
        else:
            parts[key] = part
    extra = {
        name: check_json(dict(check_mapping(value, name)), name, within=(value, name))
        for name, value in (("overrides", overrides), ("metadata", metadata))
        if value is not None
    }
    fields: dict[str, Any] = {"target": target, **extra}
    if input is not None:
        fields["input"] = plain
    if tags is not None:
        fields["tags"] = list(tags)
    if not parts and not refs:
        return PreparedBody(gen.RunStartBody.from_dict(fields))
    sizes = {key: part.size for key, part in parts.items() if part.size is not None}
    plan = plan_files(sizes, multipart_max_bytes, has_refs=bool(refs)) if len(sizes) == len(parts) else None
    if plan is not None and not plan.multipart:
        fields["files"] = {key: {"$fileId": file_id} for key, file_id in refs.items()}
        fields["files"].update({key: _inline(parts[key]) for key in sorted(plan.inline)})
        uploads = {key: _source(parts[key]) for key in sorted(plan.upload)}
        return PreparedBody(gen.RunStartBody.from_dict(fields), uploads=uploads, fields=fields)
    multipart = gen.RunStartMultipartRequest(target=target, input_=dumps_json(plain))
    if "overrides" in extra:
        multipart.overrides = dumps_json(extra["overrides"])
    if "metadata" in extra:
        multipart.metadata = dumps_json(extra["metadata"])
    if tags is not None:
        multipart.tags = dumps_json(tags)
    for key, part in parts.items():
        multipart[f"files.{key}"] = File(payload=part.payload, file_name=part.filename, mime_type=part.mime_type)  # type: ignore[arg-type]
    return PreparedBody(multipart, rewindable=all(part.rewindable for part in parts.values()))


def _source(part: _FilePart) -> FileSource:
    assert part.size is not None, "only a measured file is planned"
    return FileSource(part.filename, part.mime_type, part.payload, part.size)


def _inline(part: _FilePart) -> dict[str, Any]:
    content = read_piece(part.payload, 0, part.size or 0)
    encoded = base64.b64encode(content).decode("ascii")
    return {"$inline": {"filename": part.filename, "mimeType": part.mime_type, "base64": encoded}}


def read_piece(stream: IO[bytes], offset: int, length: int) -> bytes:
    """``length`` bytes of ``stream`` from ``offset`` (one chunk or part of an upload).

    Raises:
        EigenpalError: The file ended early: it shrank since it was measured.
    """
    stream.seek(offset)
    pieces: list[bytes] = []
    left = length
    while left > 0:
        piece = stream.read(left)
        if not piece:
            raise EigenpalError(f"the file ended {left} bytes early: it changed while it was being uploaded")
        pieces.append(piece)
        left -= len(piece)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def _measured(payload: IO[bytes], rewindable: bool, files: ExitStack, limit: int) -> tuple[IO[bytes], int]:
    """The stream and its size from offset 0; one that cannot seek is copied to a temporary file first."""
    if rewindable:
        try:
            return payload, os.fstat(payload.fileno()).st_size
        except (AttributeError, OSError, io.UnsupportedOperation):
            pass
        position = payload.tell()
        size = payload.seek(0, io.SEEK_END)
        payload.seek(position)
        return payload, size
    spool: IO[bytes] = files.enter_context(tempfile.SpooledTemporaryFile(max_size=limit))  # noqa: SIM115
    shutil.copyfileobj(payload, spool, STREAM_PIECE_BYTES)
    size = spool.tell()
    spool.seek(0)
    return spool, size


def file_source(
    value: object, files: ExitStack, *, filename: str | None, mime_type: str | None, spool_bytes: int
) -> FileSource:
    """A file given to ``client.files.upload`` in any form a file input takes, measured.

    Raises:
        InvalidArgumentError: Not a file, a missing file, or a blank name or type.
    """
    part = _file_part(value, "file", default_name="file", files=files, measure=True, spool_bytes=spool_bytes)
    if part is None:
        raise InvalidArgumentError(
            "file", f"a {type(value).__name__} is not a file: pass a Path, bytes or a binary file"
        )
    return FileSource(
        _optional_text(filename, "filename") or part.filename,
        _optional_text(mime_type, "mime_type") or part.mime_type,
        part.payload,
        part.size or 0,
    )


def _file_part(
    value: object,
    argument: str,
    *,
    default_name: str,
    files: ExitStack,
    measure: bool = False,
    spool_bytes: int | None = None,
) -> _FilePart | None:
    filename: str | None = None
    mime_type: str | None = None
    content: object
    if isinstance(value, Mapping) and "content" in value and set(value) <= FILE_MAPPING_KEYS:
        content = value["content"]
        if not is_file_content(content):
            return None  # an ordinary JSON object that happens to use these keys
        filename = _optional_text(value.get("filename"), f"{argument}.filename")
        mime_type = _optional_text(value.get("mime_type"), f"{argument}.mime_type")
    elif (
        isinstance(value, tuple)
        and len(value) in (2, 3)
        and isinstance(value[0], str)
        and is_file_content(value[1])
        and (len(value) == 2 or isinstance(value[2], str))
    ):
        filename, content = value[0], value[1]
        mime_type = value[2] if len(value) == 3 else None
    elif is_file_content(value):
        content = value
    else:
        return None
    payload, rewindable, own_name = _open_content(content, argument, files)
    name = filename or own_name or default_name
    size: int | None = None
    if measure:
        payload, size = _measured(payload, rewindable, files, spool_bytes or _SPOOL_IN_MEMORY_BYTES)
        rewindable = True
    return _FilePart(
        filename=name,
        payload=payload,
        mime_type=mime_type or mimetypes.guess_type(name)[0] or _DEFAULT_MIME_TYPE,
        rewindable=rewindable,
        size=size,
    )


def _optional_text(value: object, argument: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgumentError(argument, "must be a non-empty string")
    return value


def _open_content(content: object, argument: str, files: ExitStack) -> tuple[IO[bytes], bool, str | None]:
    """The stream to send, whether it can be rewound, and the file's own name if it has one."""
    if isinstance(content, bytes | bytearray | memoryview):
        return io.BytesIO(bytes(content)), True, None
    if isinstance(content, os.PathLike):
        path = Path(os.fspath(content))
        if not path.is_file():
            raise InvalidArgumentError(argument, f"no such file: {path}")
        try:
            opened: IO[bytes] = files.enter_context(path.open("rb"))
        except OSError as exc:
            raise InvalidArgumentError(argument, f"cannot open {path}: {exc.strerror}") from exc
        return opened, True, path.name
    if isinstance(content, io.TextIOBase):
        raise InvalidArgumentError(argument, "a file opened in text mode; open it in binary mode ('rb')")
    # Anything else with a `read` method is taken as a binary stream (see _is_file_object).
    binary = cast(IO[bytes], content)
    name = getattr(binary, "name", None)
    seekable = getattr(binary, "seekable", None)
    rewindable = bool(seekable()) if callable(seekable) else False
    own_name = os.path.basename(name) if isinstance(name, str) and name else None
    return binary, rewindable, own_name
