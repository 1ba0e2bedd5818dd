"""An answer's body under a size limit: decoded here a bounded piece at a time, counted as it arrives, and its
JSON checked before the generated parser builds models of it. The response hook (:mod:`._hooks`) wraps every
body it lets through in a :class:`CappedStream`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

from eigenpal_ext._core._answers import check_json_values, check_page_length, page_limit, value_budget
from eigenpal_ext._core._decoding import Inflater
from eigenpal_ext._core._errors import ResponseTooLargeError

from ._network import time_left

__all__ = ["CappedStream", "answer_to", "check_json_before_models", "declared_size"]


def declared_size(response: httpx.Response) -> int | None:
    raw = response.headers.get("content-length")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw)


def answer_to(request: httpx.Request) -> str:
    """How a size error names the answer (built only then: copying a URL costs more than the rest of the check)."""
    return f"the answer to {request.method} {request.url.copy_with(query=None)}"


class CappedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body, decoded here a bounded piece at a time (:mod:`eigenpal_ext._core._decoding`), that raises
    once more than ``limit`` decoded bytes came out (``None``: no limit), or the call's deadline passed.

    Counting decoded bytes is the point: a few kilobytes of ``gzip`` can inflate a thousandfold, and httpx would
    inflate a whole chunk in one go before any count saw it.
    """

    def __init__(
        self,
        inner: httpx.SyncByteStream | httpx.AsyncByteStream,
        limit: int | None,
        request: httpx.Request,
        coding: str | None,
    ) -> None:
        self._inner = inner
        self._limit = limit
        self._request = request
        self._inflater = Inflater(coding)
        self._seen = 0

    def _count(self, piece: bytes) -> bytes:
        self._seen += len(piece)
        if self._limit is not None and self._seen > self._limit:
            raise ResponseTooLargeError(answer_to(self._request), limit=self._limit)
        left = time_left()
        if left is not None and left <= 0:  # an http_client of the caller's, whose network is not bounded by _network
            raise httpx.ReadTimeout("the call's deadline passed while the answer was arriving")
        return piece

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._inner, httpx.SyncByteStream)
        for chunk in self._inner:
            for piece in self._inflater.feed(chunk):
                yield self._count(piece)
        for piece in self._inflater.flush():
            yield self._count(piece)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._inner, httpx.AsyncByteStream)
        async for chunk in self._inner:
            for piece in self._inflater.feed(chunk):
                yield self._count(piece)
        for piece in self._inflater.flush():
            yield self._count(piece)

    def close(self) -> None:
        if isinstance(self._inner, httpx.SyncByteStream):
            self._inner.close()

    async def aclose(self) -> None:
        if isinstance(self._inner, httpx.AsyncByteStream):
            await self._inner.aclose()


def check_json_before_models(response: httpx.Response, limit: int) -> None:
    """Make ``response.json()`` refuse a body of more JSON values than its size limit allows
    (:mod:`eigenpal_ext._core._answers`) before parsing it, and a page of runs longer than the request asked for
    before any model is made of it.

    Parsing costs far more memory and time than the body's bytes when the values are tiny (a 32 MiB body of nested
    lists: 6 s and 1.3 GB), and the generated parser builds a model for every item of what ``json()`` returns, so a
    page of a million runs (asked: 50) would become a million models. Only this response's ``json`` is replaced:
    the generated layer offers no other seam between the bytes, the JSON and the models.
    """
    request = response.request
    most = page_limit(request.method, request.url.path, request.url.params.get("limit"))
    parse = response.json

    def json_checked(**kwargs: Any) -> Any:
        check_json_values(response.content, value_budget(limit))
        document = parse(**kwargs)
        if most is not None:
            check_page_length(document, most)
        return document

    response.__dict__["json"] = json_checked
