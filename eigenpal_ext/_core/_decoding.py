"""Undoing an answer's ``Content-Encoding`` under the client's own control; pure (zlib only, no httpx).

httpx decodes a body for its caller, but a compressed chunk may inflate a thousandfold in one call, and stacked
encodings (``gzip, gzip``) multiply that again: a 2 KiB answer can become gigabytes before any size check sees a
byte. So the client decodes itself, a bounded piece at a time, and the size limits count what comes out:

- one coding is undone, ``gzip`` or ``deflate`` (names are case-insensitive, RFC 9110 section 8.4.1), and
  ``identity`` means none; this is exactly what the client asks for in ``Accept-Encoding``
  (:data:`ACCEPT_ENCODING`), whether or not ``brotli`` or ``zstandard`` happen to be installed;
- anything else, and more than one coding, is refused unread with a
  :class:`~eigenpal_ext.ContentEncodingError` naming the encoding;
- :meth:`Inflater.feed` yields pieces of at most :data:`PIECE_BYTES`, so the caller can stop as soon as its limit
  is passed, with at most one piece more in memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from ._errors import ContentEncodingError
from ._redact import redact

__all__ = ["ACCEPT_ENCODING", "PIECE_BYTES", "Inflater", "content_coding"]

ACCEPT_ENCODING = "gzip, deflate"
"""What the client advertises: only what :class:`Inflater` decodes (httpx would add ``br`` and ``zstd`` whenever
their packages are installed)."""

PIECE_BYTES = 64 * 1024
"""The most decoded bytes one step of :class:`Inflater` produces."""

_DECODED = ("gzip", "deflate")
_NONE = ("identity", "")
_SHOWN = 100


def content_coding(values: Iterable[str]) -> str | None:
    """The one coding to undo (``gzip`` or ``deflate``), or ``None`` for a body sent as is.

    Args:
        values: The ``Content-Encoding`` header values, each possibly a comma-separated list.

    Raises:
        ContentEncodingError: For an unknown coding, or more than one (stacked) coding.
    """
    given = [token.strip() for value in values for token in value.split(",")]
    codings = [token.lower() for token in given if token.lower() not in _NONE]
    if not codings:
        return None
    shown = redact(", ".join(given))[:_SHOWN]  # the server's own words: they may echo the key
    if len(codings) > 1:
        raise ContentEncodingError(
            shown, "stacked encodings are refused; this client undoes one coding, gzip or deflate"
        )
    if codings[0] not in _DECODED:
        raise ContentEncodingError(shown, f"this client decodes only {', '.join(_DECODED)} (its Accept-Encoding)")
    return codings[0]


class Inflater:
    """Decodes one body of a given coding, in bounded pieces.

    Args:
        coding: ``gzip``, ``deflate``, or ``None`` to pass the bytes through.
    """

    def __init__(self, coding: str | None) -> None:
        self._coding = coding
        self._raw_deflate = False  # deflate is zlib-wrapped by the standard, raw from some servers (as httpx allows)
        self._inflate = None if coding is None else self._new()

    def _new(self) -> zlib._Decompress:
        if self._coding == "gzip":
            return zlib.decompressobj(zlib.MAX_WBITS | 16)
        return zlib.decompressobj(-zlib.MAX_WBITS if self._raw_deflate else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of the next chunk of the body, each at most :data:`PIECE_BYTES`.

        Raises:
            ContentEncodingError: When the body is not valid in its coding.
        """
        inflate = self._inflate
        if inflate is None:
            if data:
                yield data
            return
        first = inflate.unused_data == b"" and not inflate.eof
        while data:
            try:
                piece = inflate.decompress(data, PIECE_BYTES)
            except zlib.error as exc:
                if self._coding == "deflate" and first and not self._raw_deflate:
                    self._raw_deflate = True
                    self._inflate = inflate = self._new()
                    first = False
                    continue
                raise ContentEncodingError(str(self._coding), f"the body is not valid {self._coding}: {exc}") from exc
            first = False
            if piece:
                yield piece
            if inflate.eof:
                # Another gzip member may follow (concatenated members are one valid gzip body); counted all the same.
                data = inflate.unused_data
                if self._coding != "gzip" or not data:
                    return
                self._inflate = inflate = self._new()
                continue
            data = inflate.unconsumed_tail

    def flush(self) -> Iterator[bytes]:
        """What is left once the body has ended (nothing, for a complete body)."""
        if self._inflate is None or self._inflate.eof:
            return
        try:
            rest = self._inflate.flush()
        except zlib.error as exc:
            raise ContentEncodingError(str(self._coding), f"the body is not valid {self._coding}: {exc}") from exc
        for start in range(0, len(rest), PIECE_BYTES):
            yield rest[start : start + PIECE_BYTES]
