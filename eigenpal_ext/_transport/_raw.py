"""Raw responses: a call's result with the HTTP answers behind it (``client.with_raw_response``).

While a raw call runs, the response hook of :mod:`._hooks` notes every answer it sees (retries and the reads of a
wait included) in a context variable; the call's :class:`RawResponse` carries them, the last one first in view.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, TypeVar

import attrs
import httpx

__all__ = ["RawResponse", "capturing", "note_response"]

T = TypeVar("T")

_SEEN: ContextVar[list[httpx.Response] | None] = ContextVar("eigenpal_raw_responses", default=None)


def note_response(response: httpx.Response) -> None:
    """Keep an answer for the raw call being made, if one is."""
    seen = _SEEN.get()
    if seen is not None:
        seen.append(response)


@contextmanager
def capturing() -> Iterator[list[httpx.Response]]:
    """Collect the answers of the calls made inside the block."""
    seen: list[httpx.Response] = []
    token = _SEEN.set(seen)
    try:
        yield seen
    finally:
        _SEEN.reset(token)


@attrs.frozen
class RawResponse(Generic[T]):
    """What a call returned, with the HTTP answers it came from.

    Attributes:
        parsed: What the call returns normally (a ``Run``, a ``RunsListResponse``, ...).
        responses: Every HTTP answer of the call, in order: retries and the reads of a wait included.
    """

    parsed: T
    responses: tuple[httpx.Response, ...]

    def parse(self) -> T:
        """What the call returns normally."""
        return self.parsed

    @property
    def http_response(self) -> httpx.Response | None:
        """The last HTTP answer (the one the result was read from); ``None`` when the call sent nothing."""
        return self.responses[-1] if self.responses else None

    @property
    def status_code(self) -> int | None:
        """The HTTP status of the last answer."""
        return None if self.http_response is None else self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        """The headers of the last answer (empty when the call sent nothing)."""
        return httpx.Headers() if self.http_response is None else self.http_response.headers

    @property
    def request_id(self) -> str | None:
        """The server's id of the last request (``X-Request-Id``), to quote when reporting a problem."""
        request_id: str | None = self.headers.get("x-request-id")
        return request_id

    def __repr__(self) -> str:
        return f"RawResponse(status_code={self.status_code}, request_id={self.request_id!r}, parsed={self.parsed!r})"
