"""Undoing an answer's ``Content-Encoding`` before it is written to a cassette, so that what is stored can be read,
and scrubbed, as text.

vcrpy decodes a body only when ``Content-Encoding`` is exactly one lower-case ``gzip``, ``deflate`` or ``br``;
anything else (``zstd``, ``GZIP``, ``gzip, gzip``) it stores still compressed, where no scan for a key can see what
is inside. Here every coding is undone, last applied first, names compared without case: ``gzip`` (and ``x-gzip``,
several members included), ``deflate`` (zlib or raw), ``br`` (with ``brotli`` or ``brotlicffi`` installed), ``zstd``
(with ``zstandard`` installed), ``identity``. An answer that cannot be decoded is not recorded at all: the recording
fails with :class:`UndecodableAnswer`, which says what to install or change.
"""

from __future__ import annotations

import importlib
import io
import zlib
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["MAX_DECODED_BYTES", "UndecodableAnswer", "decode_body"]

MAX_DECODED_BYTES = 256 * 1024 * 1024
"""The most a recorded body may decode to: a cassette is no place for more, and a server's bomb must not fill the
memory of the test that records it."""


class UndecodableAnswer(RuntimeError):
    """An answer's ``Content-Encoding`` cannot be undone here, so it cannot be checked for credentials: it is not
    recorded."""


def _too_big() -> UndecodableAnswer:
    return UndecodableAnswer(f"the answer decodes to more than {MAX_DECODED_BYTES} bytes; it is not recorded")


def _inflate(data: bytes, wbits: int) -> bytes:
    """zlib-decode every member of ``data`` (gzip allows several, one after another), bounded."""
    out = bytearray()
    while data:
        decoder = zlib.decompressobj(wbits)
        out += decoder.decompress(data, MAX_DECODED_BYTES + 1 - len(out))
        if len(out) > MAX_DECODED_BYTES or decoder.unconsumed_tail:
            raise _too_big()
        if not decoder.eof:
            raise zlib.error("the compressed body ends early")
        data = decoder.unused_data
    return bytes(out)


def _gzip(data: bytes) -> bytes:
    return _inflate(data, 16 + zlib.MAX_WBITS)


def _deflate(data: bytes) -> bytes:
    try:
        return _inflate(data, zlib.MAX_WBITS)
    except zlib.error:  # servers send raw deflate under this name too
        return _inflate(data, -zlib.MAX_WBITS)


def _module(*names: str) -> Any:
    for name in names:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


def _brotli(data: bytes) -> bytes:
    module = _module("brotli", "brotlicffi")
    if module is None:
        raise UndecodableAnswer("decoding br needs brotli: pip install brotli")
    decoded: bytes = module.decompress(data)
    if len(decoded) > MAX_DECODED_BYTES:
        raise _too_big()
    return decoded


def _zstd(data: bytes) -> bytes:
    module = _module("zstandard")
    if module is None:
        raise UndecodableAnswer("decoding zstd needs zstandard: pip install zstandard")
    reader = module.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True)
    decoded: bytes = reader.read(MAX_DECODED_BYTES + 1)
    if len(decoded) > MAX_DECODED_BYTES:
        raise _too_big()
    return decoded


_DECODERS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": _gzip,
    "x-gzip": _gzip,
    "deflate": _deflate,
    "br": _brotli,
    "zstd": _zstd,
}


def decode_body(body: bytes, encodings: Sequence[str]) -> bytes:
    """``body`` with every coding named in ``encodings`` (``Content-Encoding`` values, each possibly a list) undone.

    Raises:
        UndecodableAnswer: A coding is unknown, needs a package that is not installed, or does not decode.
    """
    codings = [token.strip().lower() for value in encodings for token in value.split(",")]
    for coding in reversed([coding for coding in codings if coding not in ("", "identity")]):
        decoder = _DECODERS.get(coding)
        if decoder is None:
            raise UndecodableAnswer(f"Content-Encoding {coding!r} is unknown; the answer is not recorded")
        try:
            body = decoder(body)
        except UndecodableAnswer:
            raise
        except Exception as exc:  # zlib.error, brotli.error, zstandard.ZstdError: each derives from Exception only
            raise UndecodableAnswer(f"the answer's {coding} body does not decode ({exc}); it is not recorded") from exc
    return body
