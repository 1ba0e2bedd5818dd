"""``client.with_raw_response``: the same calls, answering a :class:`~eigenpal_ext.RawResponse` around their result.

Every method that makes requests and returns a value is here under its usual name (``with_raw_response.runs.get``),
typed as the original with ``RawResponse[...]`` around the result; the iterators (``iter``, ``poll``,
``as_completed``) are not, since they answer many times.

Each wrapped method is a ``Final`` attribute: its type is the original's signature, read by every type checker from
:func:`with_raw`, and that signature cannot be written out here without a second copy to keep in step.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, ParamSpec, TypeVar

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
        self.list: Final = with_raw(artifacts.list)
        """Raw ``runs.artifacts.list``."""
        self.download: Final = with_raw(artifacts.download)
        """Raw ``runs.artifacts.download``."""


class AsyncRawRuns:
    """``with_raw_response.runs``: the calls of ``client.runs``, answering a :class:`RawResponse`."""

    artifacts: AsyncRawArtifacts
    """Raw ``runs.artifacts``."""

    def __init__(self, runs: AsyncRuns) -> None:
        self.artifacts = AsyncRawArtifacts(runs.artifacts)
        self.start: Final = with_raw(runs.start)
        """Raw ``runs.start``."""
        self.rerun: Final = with_raw(runs.rerun)
        """Raw ``runs.rerun``."""
        self.get: Final = with_raw(runs.get)
        """Raw ``runs.get``."""
        self.list: Final = with_raw(runs.list)
        """Raw ``runs.list``."""
        self.usage: Final = with_raw(runs.usage)
        """Raw ``runs.usage``."""
        self.steps: Final = with_raw(runs.steps)
        """Raw ``runs.steps``."""
        self.events: Final = with_raw(runs.events)
        """Raw ``runs.events``."""
        self.cancel: Final = with_raw(runs.cancel)
        """Raw ``runs.cancel``."""
        self.cancel_many: Final = with_raw(runs.cancel_many)
        """Raw ``runs.cancel_many``."""
        self.wait: Final = with_raw(runs.wait)
        """Raw ``runs.wait``: ``responses`` holds every read of the wait."""
        self.wait_all: Final = with_raw(runs.wait_all)
        """Raw ``runs.wait_all``."""


class AsyncRawClient:
    """``client.with_raw_response``: the calls of the client, answering a :class:`RawResponse` (status, headers,
    request id and every HTTP answer) around their usual result::

        raw = await client.with_raw_response.runs.get(run_id)
        print(raw.request_id, raw.status_code, raw.parsed.execution.status)
    """

    runs: AsyncRawRuns
    """Raw ``client.runs``."""

    def __init__(self, client: AsyncEigenpalClient) -> None:
        self.runs = AsyncRawRuns(client.runs)
        self.run: Final = with_raw(client.run)
        """Raw ``client.run``."""
        self.run_and_wait: Final = with_raw(client.run_and_wait)
        """Raw ``client.run_and_wait``: ``responses`` holds the start and every read."""
