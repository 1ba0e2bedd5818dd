"""Large inputs: which files of a start are uploaded first, and how an upload session's bytes are cut. Pure.

The cloud API refuses request bodies above about 4.5 MiB (413). A start whose files would not fit in
``multipart_max_bytes`` uploads the large ones through the files API's upload sessions first and names them in the
JSON body's ``files`` map as ``{"$fileId": id}`` (the published ``RunStartBody``); the document offers no file
reference inside a multipart start, so once one file is uploaded, the start goes as JSON and the other files ride
in it as ``{"$inline": {filename, mimeType, base64}}``, or are uploaded too when their base64 would not fit.

An upload session's answer names its transport, and the client follows it (the document: "the response transport
is authoritative"): ``http-chunked`` (PUT each chunk to the API), ``presigned-put`` (PUT the whole file to a storage
URL), ``presigned-multipart`` (presign each part, PUT it to storage) or ``multipart`` (``POST /v1/files``).
:func:`pieces` cuts the file as the session says and refuses a plan that does not add up to the file.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import attrs

from ._errors import APIResponseValidationError
from ._validation import check_text

__all__ = [
    "ENVELOPE_HEADROOM_BYTES",
    "RUN_INPUT",
    "STREAM_PIECE_BYTES",
    "FilePlan",
    "FileRef",
    "Piece",
    "inline_size",
    "pieces",
    "plan_files",
]

ENVELOPE_HEADROOM_BYTES = 256 * 1024
"""Room kept in ``multipart_max_bytes`` for the rest of the request (input JSON, tags, multipart framing), as the
official Python SDK keeps it."""

STREAM_PIECE_BYTES = 1024 * 1024
"""How much of a file is read at a time when one request streams it whole (a presigned PUT)."""

RUN_INPUT = "run-input"
"""The purpose of a file uploaded for one start: the server reaps it after 24 hours."""


def _checked_file_id(value: object) -> str:
    return check_text(value, "file_id")


@attrs.frozen
class FileRef:
    """A file already in the files API, as a run's input value: ``input={"doc": client.files.ref(file_id)}`` puts
    ``{"$fileId": file_id}`` in the start's ``files``, so one upload serves many runs.

    Attributes:
        file_id: The file's id (``File.id`` from ``client.files.upload``).
    """

    file_id: str = attrs.field(converter=_checked_file_id)


@attrs.frozen
class FilePlan:
    """How a start carries its files.

    Attributes:
        multipart: Send the start as multipart with every file inside (nothing to upload, no reference).
        upload: The input keys whose files are uploaded first and sent as ``$fileId``.
        inline: The input keys whose files go inside the JSON body as ``$inline`` base64.
    """

    multipart: bool
    upload: frozenset[str] = frozenset()
    inline: frozenset[str] = frozenset()


def inline_size(size: int) -> int:
    """How many bytes a file of ``size`` bytes takes as base64 text."""
    return 4 * math.ceil(size / 3)


def plan_files(sizes: Mapping[str, int], limit: int | None, *, has_refs: bool = False) -> FilePlan:
    """Decide how a start's files travel.

    Args:
        sizes: Each file input's size in bytes, by input key.
        limit: ``multipart_max_bytes``; ``None`` keeps every file in the request.
        has_refs: The input names files already uploaded (:class:`FileRef`), so the start goes as JSON anyway.

    Returns:
        Multipart when every file fits (the way starts have always gone); else a JSON start whose files above the
        budget are uploaded, the largest first, until the base64 of the rest fits. An empty file is uploaded
        rather than inlined (the document requires a non-empty ``base64``).
    """
    if limit is None:
        if not has_refs:
            return FilePlan(multipart=True)
        return FilePlan(
            multipart=False,
            upload=frozenset(key for key, size in sizes.items() if size == 0),
            inline=frozenset(key for key, size in sizes.items() if size > 0),
        )
    budget = max(0, limit - ENVELOPE_HEADROOM_BYTES)
    if not has_refs and sum(sizes.values()) <= budget:
        return FilePlan(multipart=True)
    upload = {key for key, size in sizes.items() if size > budget or size == 0}
    inline = sorted((key for key in sizes if key not in upload), key=lambda key: (-sizes[key], key))
    total = sum(inline_size(sizes[key]) for key in inline)
    while inline and total > budget:
        largest = inline.pop(0)
        upload.add(largest)
        total -= inline_size(sizes[largest])
    return FilePlan(multipart=False, upload=frozenset(upload), inline=frozenset(inline))


@attrs.frozen
class Piece:
    """One request's share of a file.

    Attributes:
        index: The chunk index (from 0) or part number (from 1), as the session counts.
        offset: Where the piece starts in the file.
        length: How many bytes it holds.
    """

    index: int
    offset: int
    length: int


def pieces(total: int, piece_size: object, count: object, *, first: int, what: str) -> list[Piece]:
    """Cut a file of ``total`` bytes as an upload session says: ``count`` pieces of ``piece_size`` bytes, the last
    one shorter.

    Args:
        total: The file's size.
        piece_size: The session's ``chunkSizeBytes`` or ``partSizeBytes``.
        count: The session's ``chunkCount`` or ``partCount``.
        first: The index of the first piece (0 for chunks, 1 for parts).
        what: The session's field names, for the error (``HttpChunkedFileUploadSession.chunkSizeBytes``).

    Raises:
        APIResponseValidationError: A size or count that is not a whole number above 0, or pieces that do not cover
            the file exactly: sending what the server did not plan would fail at completion, or store a wrong file.
    """
    if isinstance(piece_size, bool) or not isinstance(piece_size, int) or piece_size <= 0:
        raise APIResponseValidationError(f"the server's answer does not fit the API: {what} is {piece_size!r}")
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise APIResponseValidationError(f"the server's answer does not fit the API: the count is {count!r}")
    expected = max(1, math.ceil(total / piece_size))
    if count != expected and not (total == 0 and count == 0):
        raise APIResponseValidationError(
            f"the server's answer does not fit the API: {count} pieces of {piece_size} bytes for a file of "
            f"{total} bytes (expected {expected})"
        )
    return [
        Piece(first + number, number * piece_size, min(piece_size, total - number * piece_size))
        for number in range(count)
    ]
