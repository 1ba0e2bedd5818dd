"""The waiter's view of the API: each read sent once, within the wait's deadline (the wait retries)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from eigenpal_ext import _generated as gen
from eigenpal_ext._core import _plans as plans
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._options import RequestOptions
from eigenpal_ext._core._wait_rules import poll_after_seconds
from eigenpal_ext._transport._error_translation import expect

from ._requester import AsyncRequester

if TYPE_CHECKING:
    from eigenpal_api.models.run_list_item import RunListItem
    from eigenpal_api.types import Response

    from eigenpal_ext._core._waiting._steps import Observation

__all__ = ["AsyncApiReader", "AsyncRunReader"]


class AsyncRunReader(Protocol):
    """Where the waits read runs from; :class:`AsyncApiReader` over the client's requests, or a fake in tests.

    Every method sends its request once (the wait retries) and raises eigenpal_ext errors.
    """

    async def read(
        self,
        run_id: str,
        *,
        expand: Sequence[str],
        deadline: Deadline | None,
        options: RequestOptions | None = None,
    ) -> Observation:
        """Read one run (``GET /v1/runs/{id}``), once, within ``deadline``; the real API answers at once.

        Args:
            run_id: The run to read.
            expand: The ``expand`` tokens to send, if any.
            deadline: When the request must be over; ``None`` for the client's per-call timeout.
            options: The call's extra headers and query parameters.
        """
        ...

    async def read_many(
        self, run_ids: Sequence[str], *, deadline: Deadline, options: RequestOptions | None = None
    ) -> list[RunListItem]:
        """List up to 100 runs by id in one request (``GET /v1/runs?ids=...``), once; items have no output or
        files."""
        ...

    async def cancel(self, run_id: str, *, deadline: Deadline, options: RequestOptions | None = None) -> None:
        """Ask the server to cancel a run (``POST /v1/runs/{id}/cancel``), within ``deadline``."""
        ...


def _observation(response: Response[Any]) -> Observation:
    from eigenpal_ext._core._waiting._steps import Observation  # here: a client that never waits never loads the flows

    return Observation(run=expect(response, gen.Run), poll_after_seconds=poll_after_seconds(response.headers))


@attrs.frozen
class AsyncApiReader:
    """The waiter's view of the API: each read sent once, within the wait's deadline (the wait retries)."""

    requester: AsyncRequester

    async def read(
        self,
        run_id: str,
        *,
        expand: Sequence[str],
        deadline: Deadline | None,
        options: RequestOptions | None = None,
    ) -> Observation:
        """Read one run (the real API holds no read: every answer comes at once)."""
        plan = plans.plan_wait_read(run_id, expand)
        response = await self.requester.call(gen.runs_get.asyncio_detailed, plan, deadline, options=options)
        return _observation(response)

    async def read_many(
        self, run_ids: Sequence[str], *, deadline: Deadline, options: RequestOptions | None = None
    ) -> list[RunListItem]:
        """List up to 100 runs by id in one request."""
        plan = plans.plan_read_many(run_ids)
        return expect(
            await self.requester.call(gen.runs_list.asyncio_detailed, plan, deadline, options=options),
            gen.RunsListResponse,
        ).runs

    async def cancel(self, run_id: str, *, deadline: Deadline, options: RequestOptions | None = None) -> None:
        """Ask the server to cancel a run."""
        await self.requester.call(
            gen.runs_cancel.asyncio_detailed, plans.plan_cancel(run_id), deadline, options=options
        )
