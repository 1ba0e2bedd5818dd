"""Run handles: one run, bound to its client, with the operations on it (like n8n's ``ExecutionResource``).

``client.runs.handle(run_id)`` makes one without a request; ``client.runs.get_handle(run_id, expand=[...])`` reads
the run first. A handle keeps the last state it saw (``handle.run``) and its ``expand``, which every refresh and wait
reuses.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Unpack, overload

from eigenpal_ext import _generated as gen
from eigenpal_ext._core._options import (
    DEFAULT_POLL_INTERVAL_SECONDS,
    DEFAULT_WAIT_SECONDS,
    CallOptions,
    RequestOptions,
    WaitOptions,
)
from eigenpal_ext._core._wait_rules import wait_deadline
from eigenpal_ext._handle import Snapshot

from ._waiter import AsyncWaiter

if TYPE_CHECKING:
    from eigenpal_ext.webhooks import RunEvents

    from ._resources import AsyncRuns

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_artifact import RunArtifact
    from eigenpal_api.models.run_cancel_response import RunCancelResponse
    from eigenpal_api.models.run_event import RunEvent
    from eigenpal_api.models.run_list_item import RunListItem
    from eigenpal_api.models.run_steps_response import RunStepsResponse
    from eigenpal_api.models.run_usage import RunUsage

__all__ = ["AsyncRunHandle"]


class AsyncRunHandle(Snapshot):
    """One run and the operations on it."""

    _runs: AsyncRuns
    _waiter: AsyncWaiter

    def __init__(
        self,
        runs: AsyncRuns,
        waiter: AsyncWaiter,
        run_id: str,
        *,
        expand: tuple[str, ...] = (),
        run: Run | None = None,
        item: RunListItem | None = None,
    ) -> None:
        super().__init__(run_id, expand=expand, run=run, item=item)
        self._runs = runs
        self._waiter = waiter

    async def refresh(self, **options: Unpack[CallOptions]) -> Run:
        """Read the run again (with the handle's ``expand``) and keep it."""
        return self._keep(await self._runs.get(self._id, expand=self._expand, **options))

    async def wait(
        self,
        *,
        timeout_seconds: float = DEFAULT_WAIT_SECONDS,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: Callable[[Run], None] | None = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        stop_on_human_review: bool = False,
        events: RunEvents | None = None,
        **options: Unpack[WaitOptions],
    ) -> Run:
        """Wait until the run ends and keep it, as ``runs.wait`` does; returns at once if it was seen finished.

        With ``stop_on_human_review`` it returns (and keeps) the run as soon as it is seen waiting on a person.
        With ``events`` (a :class:`~eigenpal_ext.webhooks.RunEvents` your webhook receiver feeds) it sleeps until
        the run's terminal event arrives, confirms it with one read and returns at once; it reads the run only as a
        fallback, every four poll intervals (at least 5 s), as ``runs.wait`` does.

        Raises:
            EigenpalTimeoutError: Time ran out; carries the last state seen.
            RunFailedError: The run did not complete and ``raise_on_failure`` is set.
        """
        deadline = wait_deadline(self._waiter.clock, timeout_seconds)
        settings = self._settings(poll_interval_seconds, cancel_on_timeout, raise_on_failure, stop_on_human_review)
        run = await self._waiter.wait(
            self._id,
            settings,
            deadline=deadline,
            on_update=on_update,
            last_seen=self._run,
            options=RequestOptions.of(**options),
            events=events,
        )
        return self._keep(run)

    async def cancel(self, **options: Unpack[CallOptions]) -> RunCancelResponse:
        """Cancel the run (safe to repeat), then read it again so that ``handle.run`` shows what the cancel did."""
        result = await self._runs.cancel(self._id, **options)
        await self.refresh(**options)
        return result

    async def rerun(
        self,
        *,
        wait_for_completion: float | None = None,
        version: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncRunHandle:
        """Start a new run with the same target and input; a handle on the new run."""
        started = await self._runs.rerun(
            self._id,
            wait_for_completion=wait_for_completion,
            version=version,
            idempotency_key=idempotency_key,
            **options,
        )
        run = started if isinstance(started, gen.Run) else None
        return AsyncRunHandle(self._runs, self._waiter, started.id, expand=self._expand, run=run)

    async def tags(self, **options: Unpack[CallOptions]) -> builtins.list[str]:
        """The run's tags, read afresh (tags are set at start; the real API has no route to change them)."""
        return (await self.refresh(**options)).tags or []

    async def artifacts(self, **options: Unpack[CallOptions]) -> builtins.list[RunArtifact]:
        """The run's input and output files."""
        return await self._runs.artifacts.list(self._id, **options)

    @overload
    async def download(self, path: str, *, to: None = None, **options: Unpack[CallOptions]) -> bytes: ...
    @overload
    async def download(self, path: str, *, to: str | PathLike[str], **options: Unpack[CallOptions]) -> Path: ...
    async def download(
        self, path: str, *, to: str | PathLike[str] | None = None, **options: Unpack[CallOptions]
    ) -> bytes | Path:
        """Download one of the run's artifacts: its bytes, or into the folder ``to`` (see ``artifacts.download``)."""
        if to is None:
            return await self._runs.artifacts.download(self._id, path, **options)
        return await self._runs.artifacts.download(self._id, path, to=to, **options)

    async def usage(self, **options: Unpack[CallOptions]) -> RunUsage | None:
        """What the run used so far; None for a run without telemetry."""
        return await self._runs.usage(self._id, **options)

    async def steps(self, **options: Unpack[CallOptions]) -> RunStepsResponse:
        """The run's steps."""
        return await self._runs.steps(self._id, **options)

    async def events(self, **options: Unpack[CallOptions]) -> builtins.list[RunEvent]:
        """What happened to the run, oldest first."""
        return await self._runs.events(self._id, **options)
