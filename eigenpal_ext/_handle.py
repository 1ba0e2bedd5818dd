"""What both run handles keep: the run id, the last state seen and the ``expand`` to read with.

The handles themselves are ``_async/_handle.py`` (``AsyncRunHandle``) and its generated sync twin (``RunHandle``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eigenpal_api.models.execution_status import ExecutionStatus as RunStatus

from ._core._status import status_of
from ._core._wait_rules import WaitSettings, wait_settings

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_list_item import RunListItem

__all__ = ["Snapshot"]


class Snapshot:
    """What both handles share: the run id, the last state seen and the ``expand`` to read with."""

    _id: str
    _expand: tuple[str, ...]
    _run: Run | None
    _item: RunListItem | None
    """The run as a list showed it (no output), until it is read in full."""

    def __init__(
        self, run_id: str, *, expand: tuple[str, ...] = (), run: Run | None = None, item: RunListItem | None = None
    ) -> None:
        self._id = run_id
        self._expand = expand
        self._run = run
        self._item = item

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
        seen = self._run or self._item
        return None if seen is None else status_of(seen)

    @property
    def finished(self) -> bool:
        """Whether the run was seen terminal."""
        seen = self._run or self._item
        return seen is not None and seen.finished

    def _settings(
        self,
        poll_interval_seconds: float,
        cancel_on_timeout: bool,
        raise_on_failure: bool,
        stop_on_human_review: bool = False,
    ) -> WaitSettings:
        return wait_settings(
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=self._expand,
            stop_on_human_review=stop_on_human_review,
        )

    def _keep(self, run: Run) -> Run:
        self._run = run
        return run

    def __repr__(self) -> str:
        status = self.status
        shown = status.value if isinstance(status, RunStatus) else status
        return f"{type(self).__name__}(id={self._id!r}, status={shown!r})"
