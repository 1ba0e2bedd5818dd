"""Request building, pure and shared by the sync and the async resources.

Each ``plan_*`` function checks its arguments (see :mod:`._validation`) and returns a :class:`~._http.Plan`: the
keyword arguments for the generated operation and the facts the retry rules need. The sync and async resource
methods then only hand the plan to the generated ``sync_detailed`` or ``asyncio_detailed``.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import httpx
from eigenpal_api.models.cancel_many_request import CancelManyRequest
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.tag_list import TagList
from eigenpal_api.models.trigger_type import TriggerType

from . import _validation as check
from ._errors import InvalidArgumentError, RunFailedError
from ._files import PreparedBody
from ._http import Plan
from ._polling import WaitSettings
from ._retry import CallSpec
from ._status import is_failure, is_terminal

if TYPE_CHECKING:
    from ._typed import TypedRun

__all__ = [
    "READ",
    "expand_values",
    "first_hold",
    "list_filters",
    "plan_cancel",
    "plan_cancel_many",
    "plan_delete",
    "plan_download",
    "plan_get",
    "plan_list",
    "plan_read_many",
    "plan_rerun",
    "plan_run_id",
    "plan_start",
    "plan_update_tags",
    "poll_after_seconds",
    "remaining",
    "settled_start",
    "shaped",
    "start_args",
    "wait_settings",
]

READ = CallSpec("GET")
_CANCEL = CallSpec("POST", idempotent=True)  # cancelling twice is the same as once (CONTRACT: idempotent)
_DELETE = CallSpec("DELETE", gone_means_done=True)
_PUT = CallSpec("PUT")

T = TypeVar("T")

StatusFilter = str | Sequence[str] | None
TimeFilter = str | datetime | None


def plan_run_id(run_id: str) -> Plan:
    """A read of one of a run's sub-resources (tags, usage, steps, events, artifacts)."""
    return Plan({"id": check.check_run_id(run_id)}, READ)


def plan_download(run_id: str, path: str) -> Plan:
    """``GET /v1/runs/{id}/artifacts/{path}``; ``path`` as the artifact list gave it."""
    return Plan({"id": check.check_run_id(run_id), "path": check.check_text(path, "path")}, READ)


def plan_get(run_id: str, expand: str | Iterable[str] | None = None, hold_seconds: int | None = None) -> Plan:
    """``GET /v1/runs/{id}``, held up to ``hold_seconds`` (0..60) when given and above 0."""
    kwargs: dict[str, Any] = {"id": check.check_run_id(run_id)}
    tokens = check.check_expand(expand)
    if tokens:
        kwargs["expand"] = tokens
    hold = check.check_hold(hold_seconds, check.MAX_HOLD_GET_SECONDS, "hold_seconds")
    if hold:
        kwargs["wait_for_completion"] = hold
    return Plan(kwargs, READ)


def list_filters(
    *,
    type: str | None = None,
    source: str | None = None,
    status: StatusFilter = None,
    tag: str | None = None,
    ids: Sequence[str] | None = None,
    from_date: TimeFilter = None,
    to_date: TimeFilter = None,
) -> dict[str, Any]:
    """The list filters as keyword arguments of the generated ``list_runs`` / ``CancelManyRequest``."""
    filters = {
        "type_": check.check_run_type(type),
        "source": None if source is None else check.check_text(source, "source"),
        "status": check.check_statuses(status),
        "tag": None if tag is None else check.check_tag(tag),
        "ids": check.check_ids(ids),
        "from_": check.check_time(from_date, "from_date"),
        "to": check.check_time(to_date, "to_date"),
    }
    return {name: value for name, value in filters.items() if value is not None}


def plan_list(filters: Mapping[str, Any], cursor: str | None = None, limit: int | None = None) -> Plan:
    """``GET /v1/runs`` for one page; ``filters`` from :func:`list_filters`."""
    kwargs = dict(filters)
    if cursor is not None:
        kwargs["cursor"] = check.check_cursor(cursor)
    if limit is not None:
        kwargs["limit"] = check.check_limit(limit)
    return Plan(kwargs, READ)


def plan_read_many(run_ids: Sequence[str]) -> Plan:
    """One ``GET /v1/runs?ids=...`` for up to 100 runs."""
    ids = check.check_ids(run_ids, "run_ids") or []
    return Plan({"ids": ids, "limit": max(1, min(len(ids), check.MAX_LIMIT))}, READ)


def plan_cancel(run_id: str) -> Plan:
    """``POST /v1/runs/{id}/cancel``."""
    return Plan({"id": check.check_run_id(run_id)}, _CANCEL)


def plan_cancel_many(filters: Mapping[str, Any]) -> Plan:
    """``POST /v1/runs/cancel``; at least one filter is required."""
    if not filters:
        raise InvalidArgumentError("filters", "name at least one filter (status, source, type, tag, ids, dates)")
    return Plan({"body": CancelManyRequest(**filters)}, _CANCEL)


def plan_delete(run_id: str) -> Plan:
    """``DELETE /v1/runs/{id}``."""
    return Plan({"id": check.check_run_id(run_id)}, _DELETE)


def plan_update_tags(run_id: str, tags: Sequence[str]) -> Plan:
    """``PUT /v1/runs/{id}/tags``."""
    checked = check.check_tags(tags)
    return Plan({"id": check.check_run_id(run_id), "body": TagList(tags=checked or [])}, _PUT)


def _creating(
    kwargs: dict[str, Any], wait_for_completion: float | None, version: str | None, idempotency_key: str | None
) -> Plan:
    hold = check.check_hold(wait_for_completion, check.MAX_HOLD_START_SECONDS)
    if hold is not None:
        kwargs["wait_for_completion"] = hold
    if version is not None:
        kwargs["version"] = check.check_text(version, "version")
    # A POST that creates a run always carries a key, the same on every retry, so a lost answer never makes a
    # second run.
    key = check.check_idempotency_key(idempotency_key) or str(uuid.uuid4())
    kwargs["idempotency_key"] = key
    kwargs["x_eigenpal_trigger"] = TriggerType.API
    return Plan(kwargs, CallSpec("POST", has_idempotency_key=True))


def plan_start(
    prepared: PreparedBody, *, wait_for_completion: float | None, version: str | None, idempotency_key: str | None
) -> Plan:
    """``POST /v1/runs``; a body whose file streams cannot be rewound is sent once, never retried."""
    plan = _creating({"body": prepared.body}, wait_for_completion, version, idempotency_key)
    return plan if prepared.rewindable else Plan(plan.kwargs, CallSpec("POST", has_idempotency_key=True, max_retries=0))


def plan_rerun(
    run_id: str, *, wait_for_completion: float | None, version: str | None, idempotency_key: str | None
) -> Plan:
    """``POST /v1/runs/{id}/rerun``."""
    return _creating({"id": check.check_run_id(run_id)}, wait_for_completion, version, idempotency_key)


def first_hold(timeout_seconds: float) -> int:
    """The server hold for the start of run-and-wait: the whole wait, in whole seconds, at most 60."""
    return min(math.ceil(timeout_seconds), check.MAX_HOLD_GET_SECONDS)


def settled_start(
    started: Run | RunAccepted, *, settings: WaitSettings, on_update: Callable[[Run], None] | None
) -> Run | None:
    """The finished run when the start answered with one that needs nothing more, else ``None`` (wait for it).

    A run that needs ``expand`` sections is read again by the wait, which answers at once for a finished run.

    Raises:
        RunFailedError: When it ended failed, cancelled or rejected and ``settings.raise_on_failure`` is set.
    """
    if not isinstance(started, Run) or not is_terminal(started) or settings.expand:
        return None
    if on_update is not None:
        on_update(started)
    if settings.raise_on_failure and is_failure(started):
        raise RunFailedError(started)
    return started


def remaining(settings: WaitSettings, began: float, now: float) -> WaitSettings:
    """The settings for the rest of a wait that began at ``began`` (monotonic seconds)."""
    return attrs.evolve(settings, timeout_seconds=max(0.0, settings.timeout_seconds - (now - began)))


def expand_values(expand: str | Iterable[str] | None) -> tuple[str, ...]:
    """Checked ``expand`` tokens as text."""
    return tuple(token.value for token in check.check_expand(expand) or ())


def start_args(target: str, tags: Sequence[str] | None) -> tuple[str, list[str] | None]:
    """The checked target and tags of a start."""
    return check.check_target(target), check.check_tags(tags)


def poll_after_seconds(headers: Mapping[str, str] | httpx.Headers) -> float | None:
    """The server's hint for the next poll, from ``X-Poll-After-Ms``; ``None`` when absent or unusable."""
    raw = headers.get("x-poll-after-ms")
    if raw is None:
        return None
    try:
        millis = float(raw)
    except ValueError:
        return None
    return millis / 1000.0 if math.isfinite(millis) and millis >= 0 else None


def wait_settings(
    *,
    timeout_seconds: float,
    poll_interval_seconds: float,
    cancel_on_timeout: bool = False,
    raise_on_failure: bool = False,
    expand: str | Iterable[str] | None = None,
) -> WaitSettings:
    """The checked settings of a wait."""
    return WaitSettings(
        timeout_seconds=check.check_seconds(timeout_seconds, "timeout_seconds"),
        poll_interval_seconds=check.check_seconds(poll_interval_seconds, "poll_interval_seconds", positive=True),
        cancel_on_timeout=bool(cancel_on_timeout),
        raise_on_failure=bool(raise_on_failure),
        expand=expand_values(expand),
    )


def shaped(run: Run, output_type: type[T] | None) -> Run | TypedRun[T]:
    """The run as it is, or wrapped with its output converted to ``output_type``."""
    if output_type is None:
        return run
    # Imported here so that cattrs loads only when typed outputs are used.
    from ._typed import typed_run

    return typed_run(run, output_type)
