"""Run handles: one run, bound to its client, with the operations on it (like n8n's ``ExecutionResource``).

``client.runs.handle(run_id)`` makes one without a request; ``client.runs.get_handle(run_id, expand=[...])`` reads
the run first. A handle keeps the last state it saw (``handle.run``) and its ``expand``, which every refresh and wait
reuses.
"""

from __future__ import annotations

import builtins
import copy
from collections.abc import Callable, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Unpack, overload

from eigenpal_ext import _generated as gen
from eigenpal_ext._config import (
    DEFAULT_POLL_INTERVAL_SECONDS,
    DEFAULT_WAIT_SECONDS,
    CallOptions,
    RequestOptions,
    WaitOptions,
)
from eigenpal_ext._handle import Snapshot

from ._waiter import AsyncWaiter

if TYPE_CHECKING:
    from ._resources import AsyncRuns

if TYPE_CHECKING:
    from eigenpal_api.models.artifact import Artifact
    from eigenpal_api.models.cancel_result import CancelResult
    from eigenpal_api.models.event import Event
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_list_item import RunListItem
    from eigenpal_api.models.step_list import StepList
    from eigenpal_api.models.usage import Usage

__all__ = ["AsyncRunHandle"]


class AsyncRunHandle(Snapshot):
    """One run and the operations on it."""

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
        **options: Unpack[WaitOptions],
    ) -> Run:
        """Wait until the run ends and keep it, as ``runs.wait`` does; returns at once if it was seen finished.

        Raises:
            EigenpalTimeoutError: Time ran out; carries the last state seen.
            RunFailedError: The run did not complete and ``raise_on_failure`` is set.
        """
        settings = self._settings(timeout_seconds, poll_interval_seconds, cancel_on_timeout, raise_on_failure)
        run = await self._waiter.wait(
            self._id, settings, on_update=on_update, last_seen=self._run, options=RequestOptions.of(**options)
        )
        return self._keep(run)

    async def cancel(self, **options: Unpack[CallOptions]) -> CancelResult:
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

    async def delete(self, **options: Unpack[CallOptions]) -> None:
        """Delete the run (it must be finished); the handle forgets what it saw."""
        await self._runs.delete(self._id, **options)
        self._run = None

    async def tags(self, **options: Unpack[CallOptions]) -> builtins.list[str]:
        """The run's tags."""
        return await self._runs.tags.get(self._id, **options)

    async def update_tags(self, tags: Sequence[str], **options: Unpack[CallOptions]) -> builtins.list[str]:
        """Replace the run's tags; the new set, which ``handle.run`` shows too."""
        updated = await self._runs.tags.update(self._id, tags, **options)
        if self._run is not None:
            run = copy.copy(self._run)  # a copy, not attrs.evolve: evolve would drop the unknown fields
            run.tags = builtins.list(updated)
            self._run = run
        return updated

    async def artifacts(self, **options: Unpack[CallOptions]) -> builtins.list[Artifact]:
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

    async def usage(self, **options: Unpack[CallOptions]) -> Usage:
        """What the run used so far."""
        return await self._runs.usage(self._id, **options)

    async def steps(self, **options: Unpack[CallOptions]) -> StepList:
        """The run's steps."""
        return await self._runs.steps(self._id, **options)

    async def events(self, **options: Unpack[CallOptions]) -> builtins.list[Event]:
        """What happened to the run, oldest first."""
        return await self._runs.events(self._id, **options)
