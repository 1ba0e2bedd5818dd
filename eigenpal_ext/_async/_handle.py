"""Run handles: one run, bound to its client, with the operations on it (like n8n's ``ExecutionResource``).

``client.runs.handle(run_id)`` makes one without a request; ``client.runs.get_handle(run_id, expand=[...])`` reads
the run first. A handle keeps the last state it saw (``handle.run``) and its ``expand``, which every refresh and wait
reuses.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, overload

from eigenpal_api.models.artifact import Artifact
from eigenpal_api.models.cancel_result import CancelResult
from eigenpal_api.models.event import Event
from eigenpal_api.models.run import Run
from eigenpal_api.models.step_list import StepList
from eigenpal_api.models.usage import Usage

from eigenpal_ext._config import DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_WAIT_SECONDS
from eigenpal_ext._handle import Snapshot

from ._waiter import AsyncWaiter

if TYPE_CHECKING:
    from ._resources import AsyncRuns

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
    ) -> None:
        super().__init__(run_id, expand=expand, run=run)
        self._runs = runs
        self._waiter = waiter

    async def refresh(self) -> Run:
        """Read the run again (with the handle's ``expand``) and keep it."""
        return self._keep(await self._runs.get(self._id, expand=self._expand))

    async def wait(
        self,
        *,
        timeout_seconds: float = DEFAULT_WAIT_SECONDS,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: Callable[[Run], None] | None = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
    ) -> Run:
        """Wait until the run ends and keep it, as ``runs.wait`` does; returns at once if it was seen finished.

        Raises:
            EigenpalTimeoutError: Time ran out; carries the last state seen.
            RunFailedError: The run did not complete and ``raise_on_failure`` is set.
        """
        settings = self._settings(timeout_seconds, poll_interval_seconds, cancel_on_timeout, raise_on_failure)
        run = await self._waiter.wait(self._id, settings, on_update=on_update, last_seen=self._run)
        return self._keep(run)

    async def cancel(self) -> CancelResult:
        """Cancel the run; safe to repeat."""
        return await self._runs.cancel(self._id)

    async def rerun(
        self,
        *,
        wait_for_completion: float | None = None,
        version: str | None = None,
        idempotency_key: str | None = None,
    ) -> AsyncRunHandle:
        """Start a new run with the same target and input; a handle on the new run."""
        started = await self._runs.rerun(
            self._id, wait_for_completion=wait_for_completion, version=version, idempotency_key=idempotency_key
        )
        run = started if isinstance(started, Run) else None
        return AsyncRunHandle(self._runs, self._waiter, started.id, expand=self._expand, run=run)

    async def delete(self) -> None:
        """Delete the run (it must be finished)."""
        await self._runs.delete(self._id)

    async def tags(self) -> builtins.list[str]:
        """The run's tags."""
        return await self._runs.tags.get(self._id)

    async def update_tags(self, tags: Sequence[str]) -> builtins.list[str]:
        """Replace the run's tags; the new set."""
        return await self._runs.tags.update(self._id, tags)

    async def artifacts(self) -> builtins.list[Artifact]:
        """The run's input and output files."""
        return await self._runs.artifacts.list(self._id)

    @overload
    async def download(self, path: str, *, to: None = None) -> bytes: ...
    @overload
    async def download(self, path: str, *, to: str | PathLike[str]) -> Path: ...
    async def download(self, path: str, *, to: str | PathLike[str] | None = None) -> bytes | Path:
        """Download one of the run's artifacts: its bytes, or into the folder ``to`` (see ``artifacts.download``)."""
        if to is None:
            return await self._runs.artifacts.download(self._id, path)
        return await self._runs.artifacts.download(self._id, path, to=to)

    async def usage(self) -> Usage:
        """What the run used so far."""
        return await self._runs.usage(self._id)

    async def steps(self) -> StepList:
        """The run's steps."""
        return await self._runs.steps(self._id)

    async def events(self) -> builtins.list[Event]:
        """What happened to the run, oldest first."""
        return await self._runs.events(self._id)
