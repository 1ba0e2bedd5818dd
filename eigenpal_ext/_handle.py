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
from eigenpal_api.models.run_status import RunStatus
from eigenpal_api.models.step_list import StepList
from eigenpal_api.models.usage import Usage

from ._plans import wait_settings
from ._polling import WaitSettings, async_wait_for_run, wait_for_run
from ._status import status_of

if TYPE_CHECKING:
    from ._resources import AsyncRuns, Runs

__all__ = ["AsyncRunHandle", "RunHandle"]

_DEFAULT_TIMEOUT_SECONDS = 300.0
_DEFAULT_POLL_INTERVAL_SECONDS = 2.0


class _Snapshot:
    """What both handles share: the run id, the last state seen and the ``expand`` to read with."""

    def __init__(self, run_id: str, *, expand: tuple[str, ...] = (), run: Run | None = None) -> None:
        self._id = run_id
        self._expand = expand
        self._run = run

    @property
    def id(self) -> str:
        """The run's id."""
        return self._id

    @property
    def run(self) -> Run | None:
        """The run as last read or waited for; ``None`` before the first read."""
        return self._run

    @property
    def status(self) -> RunStatus | str | None:
        """The last status seen (text for a status this client does not know), ``None`` before the first read."""
        return None if self._run is None else status_of(self._run)

    @property
    def finished(self) -> bool:
        """Whether the run was seen terminal."""
        return self._run is not None and self._run.finished

    def _settings(
        self, timeout_seconds: float, poll_interval_seconds: float, cancel_on_timeout: bool, raise_on_failure: bool
    ) -> WaitSettings:
        return wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=self._expand,
        )

    def _keep(self, run: Run) -> Run:
        self._run = run
        return run

    def __repr__(self) -> str:
        status = self.status
        shown = status.value if isinstance(status, RunStatus) else status
        return f"{type(self).__name__}(id={self._id!r}, status={shown!r})"


class RunHandle(_Snapshot):
    """One run and the operations on it, for the sync client."""

    def __init__(self, runs: Runs, run_id: str, *, expand: tuple[str, ...] = (), run: Run | None = None) -> None:
        super().__init__(run_id, expand=expand, run=run)
        self._runs = runs

    def refresh(self) -> Run:
        """Read the run again (with the handle's ``expand``) and keep it."""
        return self._keep(self._runs.get(self._id, expand=self._expand))

    def wait(
        self,
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: Callable[[Run], None] | None = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
    ) -> Run:
        """Wait until the run ends and keep it; see :meth:`Runs.wait`. Returns at once if it was seen finished."""
        settings = self._settings(timeout_seconds, poll_interval_seconds, cancel_on_timeout, raise_on_failure)
        run = wait_for_run(
            self._runs._source, self._id, settings, self._runs._clock, on_update=on_update, last_seen=self._run
        )
        return self._keep(run)

    def cancel(self) -> CancelResult:
        """Cancel the run; safe to repeat."""
        return self._runs.cancel(self._id)

    def rerun(
        self,
        *,
        wait_for_completion: float | None = None,
        version: str | None = None,
        idempotency_key: str | None = None,
    ) -> RunHandle:
        """Start a new run with the same target and input; a handle on the new run."""
        started = self._runs.rerun(
            self._id, wait_for_completion=wait_for_completion, version=version, idempotency_key=idempotency_key
        )
        return RunHandle(self._runs, started.id, expand=self._expand, run=started if isinstance(started, Run) else None)

    def delete(self) -> None:
        """Delete the run (it must be finished)."""
        self._runs.delete(self._id)

    def tags(self) -> builtins.list[str]:
        """The run's tags."""
        return self._runs.tags.get(self._id)

    def update_tags(self, tags: Sequence[str]) -> builtins.list[str]:
        """Replace the run's tags; the new set."""
        return self._runs.tags.update(self._id, tags)

    def artifacts(self) -> builtins.list[Artifact]:
        """The run's input and output files."""
        return self._runs.artifacts.list(self._id)

    @overload
    def download(self, path: str, *, to: None = None) -> bytes: ...
    @overload
    def download(self, path: str, *, to: str | PathLike[str]) -> Path: ...
    def download(self, path: str, *, to: str | PathLike[str] | None = None) -> bytes | Path:
        """Download one of the run's artifacts; see :meth:`Artifacts.download`."""
        if to is None:
            return self._runs.artifacts.download(self._id, path)
        return self._runs.artifacts.download(self._id, path, to=to)

    def usage(self) -> Usage:
        """What the run used so far."""
        return self._runs.usage(self._id)

    def steps(self) -> StepList:
        """The run's steps."""
        return self._runs.steps(self._id)

    def events(self) -> builtins.list[Event]:
        """What happened to the run, oldest first."""
        return self._runs.events(self._id)


class AsyncRunHandle(_Snapshot):
    """One run and the operations on it, for the async client; the methods of :class:`RunHandle`, awaitable."""

    def __init__(self, runs: AsyncRuns, run_id: str, *, expand: tuple[str, ...] = (), run: Run | None = None) -> None:
        super().__init__(run_id, expand=expand, run=run)
        self._runs = runs

    async def refresh(self) -> Run:
        """Read the run again (with the handle's ``expand``) and keep it."""
        return self._keep(await self._runs.get(self._id, expand=self._expand))

    async def wait(
        self,
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: Callable[[Run], None] | None = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
    ) -> Run:
        """Wait until the run ends and keep it. Returns at once if it was seen finished."""
        settings = self._settings(timeout_seconds, poll_interval_seconds, cancel_on_timeout, raise_on_failure)
        run = await async_wait_for_run(
            self._runs._source, self._id, settings, self._runs._clock, on_update=on_update, last_seen=self._run
        )
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
        return AsyncRunHandle(
            self._runs, started.id, expand=self._expand, run=started if isinstance(started, Run) else None
        )

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
        """Download one of the run's artifacts."""
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
