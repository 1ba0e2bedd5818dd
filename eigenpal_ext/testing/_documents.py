"""Keeping uploaded documents out of cassettes: each file a request carries is stored as a digest placeholder.

A cassette holds every request a test sent, and a run's input files go out inside requests: as the file parts of a
multipart start (or of ``POST /v1/files``), as the ``base64`` of a JSON ``{"$inline": {...}}`` input, or as the
raw body of an upload (``application/octet-stream`` and other non-text types). Stored verbatim they would put the
test's documents, a customer's invoice perhaps, in a file that is committed and shared. Here each such file is
replaced by ``<document sha256:HEX, N bytes>``: a replay still matches (the matcher puts both sides through the same
replacement, so a cassette recorded before this still matches too), and a replay with a different document fails.

What the answers hold (extracted fields, a downloaded artifact) is stored as received: a replay needs it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from typing import Any

__all__ = ["boundary_of", "placeholder", "without_documents"]

_PLACEHOLDER = re.compile(rb"^<document sha256:[0-9a-f]{64}, \d+ bytes>$")
_TEXT_TYPES = ("json", "multipart/", "x-www-form-urlencoded", "text/")


def placeholder(content: bytes) -> bytes:
    """What a file's bytes are stored as: their SHA-256 and length (a placeholder stays as it is)."""
    if _PLACEHOLDER.match(content):
        return content
    return f"<document sha256:{hashlib.sha256(content).hexdigest()}, {len(content)} bytes>".encode()


def boundary_of(content_type: str) -> str | None:
    """A multipart body's boundary, from its ``Content-Type``; ``None`` for any other body."""
    if "multipart/" not in content_type or "boundary=" not in content_type:
        return None
    return content_type.split("boundary=", 1)[1].split(";", 1)[0].strip().strip('"') or None


def _multipart(body: bytes, boundary: str) -> bytes:
    delimiter = b"--" + boundary.encode()
    pieces = body.split(delimiter)
    for index, piece in enumerate(pieces):
        head, separator, content = piece.partition(b"\r\n\r\n")
        if not separator or b"filename=" not in head.lower():
            continue  # the preamble, the closing "--", or a form field: kept as sent
        ending = b"\r\n" if content.endswith(b"\r\n") else b""
        pieces[index] = head + separator + placeholder(content[: len(content) - len(ending)]) + ending
    return delimiter.join(pieces)


def _inline(value: Any) -> tuple[Any, bool]:
    """``value`` (parsed JSON) with the ``base64`` of every ``{"$inline": {...}}`` replaced, and whether any was."""
    if isinstance(value, dict):
        inline = value.get("$inline")
        if isinstance(inline, dict) and isinstance(inline.get("base64"), str):
            try:
                content = base64.b64decode(inline["base64"], validate=True)
            except (binascii.Error, ValueError):
                content = inline["base64"].encode()
            return {**value, "$inline": {**inline, "base64": placeholder(content).decode()}}, True
        changed = False
        out = {}
        for key, item in value.items():
            out[key], found = _inline(item)
            changed = changed or found
        return out, changed
    if isinstance(value, list):
        results = [_inline(item) for item in value]
        return [item for item, _ in results], any(found for _, found in results)
    return value, False


def without_documents(body: bytes, content_type: str) -> bytes:
    """``body`` with every file it carries replaced by :func:`placeholder` (``content_type`` says how to read it)."""
    if not body:
        return body
    boundary = boundary_of(content_type)
    if boundary is not None:
        return _multipart(body, boundary)
    lowered = content_type.lower()
    if "json" in lowered:
        try:
            parsed = json.loads(body)
        except ValueError:
            return body
        replaced, found = _inline(parsed)
        return json.dumps(replaced, separators=(",", ":")).encode() if found else body
    if lowered and not any(kind in lowered for kind in _TEXT_TYPES):
        return placeholder(body)  # a raw upload: the body is the file
    return body
