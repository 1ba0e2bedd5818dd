"""Decompression bombs and answers that cost more to parse than the deadline allows (issue 21, items 2 and 6).

The cases of the issue, with default client settings and ``timeout=2``:

- a 2 KiB ``runs.get`` answer, ``Content-Encoding: gzip, gzip``, whose ``output`` inflates to 1 GiB;
- a 2 KiB ``403`` in stacked gzip that inflates to 1 GiB (error answers are "read only from their start");
- ``artifacts.download(to=None)`` of a 1 MiB gzip answer that inflates to 1 GiB, against the default 256 MiB
  ``max_bytes``;
- a 4 MiB gzip answer to ``runs.get`` that inflates to 4 GiB;
- 32 MiB (just under the default ``max_response_bytes``) of nested lists, ``[[[[0]]]],`` over and over;
- a gzipped page of 1,000,000 runs for ``runs.list(limit=100)`` (the issue asked for 250, which both trees refuse
  before sending: the API's largest page is 100).

The bodies are built in the child before it is measured, without ever holding the inflated bytes: the body is
compressed once with a full flush after each repeated chunk, so every chunk compresses to the same bytes, which are
repeated (:func:`_gzip_repeated`).
"""

from __future__ import annotations

import gzip
import json
import struct
import zlib
from collections.abc import Callable
from typing import Any

from benchmarks.attacks._kit import Attack
from tests.hostile.server import DEFAULT_RUN_ID, ERROR_ENVELOPE, HostileServer, RecordedRequest, Scripted, normal_answer

__all__ = ["ATTACKS"]

GIB = 1 << 30
MIB = 1 << 20


def _gzip_repeated(prefix: bytes, chunk: bytes, count: int, suffix: bytes, layers: int = 1) -> bytes:
    """The gzip of ``prefix + chunk * count + suffix``, made without the inflated bytes; then gzipped again until
    ``layers`` deep."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    head = packer.compress(prefix) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)  # a full flush resets the state: same bytes
    tail = packer.compress(suffix) + packer.flush()
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    size = (len(prefix) + len(chunk) * count + len(suffix)) & 0xFFFFFFFF
    body = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + head + block * count + tail + struct.pack("<II", crc, size)
    for _ in range(layers - 1):
        body = gzip.compress(body, 9)
    return body


def _around(document: dict[str, Any]) -> tuple[bytes, bytes]:
    """The JSON of ``document`` cut where its one string ``"@"`` is, each side keeping its quote (the bomb's letters
    go between)."""
    before, after = json.dumps(document).encode().split(b'"@"')
    return before + b'"', b'"' + after


def _serving(status: int, encoding: str | None, body: bytes, *, on: str | None = None) -> Callable[[], list[Any]]:
    """Starts a server that answers ``body`` to every request (``on``: to requests of that path; the others as the
    API would)."""

    def start() -> list[Any]:
        headers = {"Content-Type": "application/json"}
        if encoding is not None:
            headers["Content-Encoding"] = encoding

        def script(request: RecordedRequest, _number: int) -> Scripted:
            if on is None or request.path == on:
                return Scripted(status, headers, body)
            code, normal = normal_answer(request.method, request.path, request.query)
            return Scripted(code, {"Content-Type": "application/json"}, json.dumps(normal).encode())

        return [HostileServer("scripted", script=script, max_seconds=120).start()]

    return start


def _run_bomb(layers: int, total: int) -> Callable[[], list[Any]]:
    def start() -> list[Any]:
        _, run = normal_answer("GET", f"/v1/runs/{DEFAULT_RUN_ID}", {})
        before, after = _around({**run, "output": {"text": "@"}})  # in `output`, where the answer had it
        body = _gzip_repeated(before, b"a" * MIB, total // MIB, after, layers)
        return _serving(200, "gzip, gzip" if layers == 2 else "gzip", body)()

    return start


def _error_bomb() -> list[Any]:
    before, after = _around({**ERROR_ENVELOPE, "padding": "@"})
    return _serving(403, "gzip, gzip", _gzip_repeated(before, b"a" * MIB, GIB // MIB, after, 2))()


def _download_bomb() -> list[Any]:
    return _serving(200, "gzip", _gzip_repeated(b"", bytes(MIB), GIB // MIB, b""))()


def _nested_lists() -> list[Any]:
    limit = 32 * MIB
    unit = b"[[[[0]]]],"
    body = b'{"x":[' + unit * ((limit - 9) // len(unit)) + b"0]}"
    return _serving(200, None, body)()


def _huge_page() -> list[Any]:
    _, page = normal_answer("GET", "/v1/runs", {})
    item = json.dumps(page["runs"][0]).encode()
    body = _gzip_repeated(b'{"runs":[', (item + b",") * 1000, 1000, item + b'],"nextCursor":null}')
    return _serving(200, "gzip", body)()


ATTACKS: list[Attack] = [
    Attack(
        "gzip,gzip 2 KiB -> 1 GiB output/runs.get",
        _run_bomb(2, GIB),
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
    ),
    Attack(
        "gzip,gzip 2 KiB 403 -> 1 GiB/runs.get",
        _error_bomb,
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
    ),
    Attack(
        "gzip 1 MiB -> 1 GiB/download(to=None), max_bytes 256 MiB",
        _download_bomb,
        lambda client, _s: client.runs.artifacts.download(DEFAULT_RUN_ID, "out.bin"),
        lambda client, _s: client.runs.artifacts.download(DEFAULT_RUN_ID, "out.bin"),
    ),
    Attack(
        "gzip 4 MiB -> 4 GiB output/runs.get",
        _run_bomb(1, 4 * GIB),
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
    ),
    Attack(
        "32 MiB nested lists/runs.get",
        _nested_lists,
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
    ),
    Attack(
        "gzip page of 1,000,000 runs/runs.list(limit=100)",
        _huge_page,
        lambda client, _s: client.runs.list(limit=100),
        lambda client, _s: client.runs.list(limit=100),
    ),
]
