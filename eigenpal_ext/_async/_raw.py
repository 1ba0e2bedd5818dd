"""``client.with_raw_response``: the same calls, answering a :class:`~eigenpal_ext.RawResponse` around their result.

Every method that makes requests and returns a value is here under its usual name (``with_raw_response.runs.get``),
typed as the original with ``RawResponse[...]`` around the result; the iterators (``iter``, ``poll``,
``as_completed``) are not, since they answer many times.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from eigenpal_ext._transport._raw import RawResponse, capturing
from eigenpal_ext._typing import AsyncCall

if TYPE_CHECKING:
    from ._client import AsyncEigenpalClient
    from ._resources import AsyncRuns
    from ._run_parts import AsyncArtifacts

__all__ = ["AsyncRawArtifacts", "AsyncRawClient", "AsyncRawRuns", "with_raw"]

P = ParamSpec("P")
T = TypeVar("T")


def with_raw(method: Callable[P, AsyncCall[T]]) -> Callable[P, AsyncCall[RawResponse[T]]]:
    """``method``, answering a :class:`RawResponse` with its result and the HTTP answers it came from."""

    @functools.wraps(method)
    async def call(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        with capturing() as responses:
            parsed = await method(*args, **kwargs)
        return RawResponse(parsed, tuple(responses))

    return call


class AsyncRawArtifacts:
    """``with_raw_response.runs.artifacts``."""

    def __init__(self, artifacts: AsyncArtifacts) -> None:
        self.list = with_raw(artifacts.list)
        """Raw ``runs.artifacts.list``."""
        self.download = with_raw(artifacts.download)
        """Raw ``runs.artifacts.download``."""


class AsyncRawRuns:
    """``with_raw_response.runs``: the calls of ``client.runs``, answering a :class:`RawResponse`."""

    def __init__(self, runs: AsyncRuns) -> None:
        self.artifacts = AsyncRawArtifacts(runs.artifacts)
        """Raw ``runs.artifacts``."""
        self.start = with_raw(runs.start)
        """Raw ``runs.start``."""
        self.rerun = with_raw(runs.rerun)
        """Raw ``runs.rerun``."""
        self.get = with_raw(runs.get)
        """Raw ``runs.get``."""
        self.list = with_raw(runs.list)
        """Raw ``runs.list``."""
        self.usage = with_raw(runs.usage)
        """Raw ``runs.usage``."""
        self.steps = with_raw(runs.steps)
        """Raw ``runs.steps``."""
        self.events = with_raw(runs.events)
        """Raw ``runs.events``."""
        self.cancel = with_raw(runs.cancel)
        """Raw ``runs.cancel``."""
        self.cancel_many = with_raw(runs.cancel_many)
        """Raw ``runs.cancel_many``."""
        self.wait = with_raw(runs.wait)
        """Raw ``runs.wait``: ``responses`` holds every read of the wait."""
        self.wait_all = with_raw(runs.wait_all)
        """Raw ``runs.wait_all``."""


class AsyncRawClient:
    """``client.with_raw_response``: the calls of the client, answering a :class:`RawResponse` (status, headers,
    request id and every HTTP answer) around their usual result::

        raw = await client.with_raw_response.runs.get(run_id)
        print(raw.request_id, raw.status_code, raw.parsed.execution.status)
    """

    def __init__(self, client: AsyncEigenpalClient) -> None:
        self.runs = AsyncRawRuns(client.runs)
        """Raw ``client.runs``."""
        self.run = with_raw(client.runs.start)
        """Raw ``client.run``."""
        self.run_and_wait = with_raw(client.run_and_wait.__call__)
        """Raw ``client.run_and_wait``: ``responses`` holds the start and every read."""
