"""Request building, pure and shared by the sync and the async resources.

Each ``plan_*`` function checks its arguments (see :mod:`._validation`) and returns a :class:`~._calls.Plan`: the
keyword arguments for the generated operation and the facts the retry rules need. The sync and async resource
methods then only hand the plan to the generated ``sync_detailed`` or ``asyncio_detailed``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from . import _validation as check
from ._calls import Plan
from ._clock import Clock
from ._deadline import Deadline
from ._errors import InvalidArgumentError
from ._filters import split_options
from ._options import CallOptions
from ._retry import CallSpec

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run

    from eigenpal_ext._typed import TypedRun

    from ._start_body import PreparedBody

__all__ = [
    "READ",
    "START_HOLD_SECONDS",
    "StartParts",
    "check_start_hold",
    "correlated_tags",
    "expand_values",
    "idempotency_key_for",
    "list_filters",
    "plan_cancel",
    "plan_get",
    "plan_list",
    "plan_lookup",
    "plan_next_page",
    "plan_read_many",
    "plan_rerun",
    "plan_run_id",
    "plan_start",
    "plan_wait_read",
    "shaped",
    "start_args",
    "start_deadline",
]

READ = CallSpec("GET")
_WAIT_READ = CallSpec("GET", max_retries=0)  # a wait sends each read once and waits out failures itself
_CANCEL = CallSpec("POST", idempotent=True)  # cancelling twice is the same as once (CONTRACT: idempotent)

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
"""Sent on every start and rerun. The real API does not document it (REAL-API.md): nothing relies on a server
honouring it; it is there for one that does."""
TRIGGER_HEADER = "X-Eigenpal-Trigger"
"""Provenance on every start and rerun, as the official SDKs send it: ``api`` from the library, ``cli`` from the
command line (the client's ``trigger``, :class:`~eigenpal_ext._transport._loop_policy.RequesterBase`)."""
API_TRIGGER = "api"
CLI_TRIGGER = "cli"

T = TypeVar("T")


def plan_run_id(run_id: str) -> Plan:
    """A read of one of a run's sub-resources (tags, usage, steps, events, artifacts)."""
    return Plan({"id": check.check_run_id(run_id)}, READ)


def plan_get(run_id: str, expand: str | Iterable[str] | None = None) -> Plan:
    """``GET /v1/runs/{id}`` (the real API holds no read: only a start or rerun waits for the run)."""
    kwargs: dict[str, Any] = {"id": check.check_run_id(run_id)}
    tokens = check.check_expand(expand)
    if tokens:
        kwargs["expand"] = ",".join(tokens)
    return Plan(kwargs, READ)


def list_filters(options: Mapping[str, object], method: str) -> tuple[dict[str, Any], CallOptions]:
    """A list method's keyword arguments split into its checked filters (keyword arguments of the generated
    ``runs_list``) and its per-call options; see :mod:`._filters`."""
    return split_options(options, method)


def plan_list(filters: Mapping[str, Any], cursor: str | None = None, limit: int | None = None) -> Plan:
    """``GET /v1/runs`` for one page; ``filters`` from :func:`list_filters`."""
    kwargs = dict(filters)
    if cursor is not None:
        kwargs["cursor"] = check.check_cursor(cursor)
    if limit is not None:
        kwargs["limit"] = check.check_limit(limit)
    return Plan(kwargs, READ)


def plan_next_page(plan: Plan, cursor: str) -> Plan:
    """The list request of the page after ``cursor`` in a walk: without the ``offset``, which the cursor already
    stands past (sent again, it would skip that many runs on every page)."""
    kwargs = {name: value for name, value in plan.kwargs.items() if name != "offset"}
    return attrs.evolve(plan, kwargs={**kwargs, "cursor": cursor})


def plan_lookup(tag: str) -> Plan:
    """``GET /v1/runs?tag=...``: the newest page of runs with a start's correlation tag (a lost start's run)."""
    return Plan({"tag": tag, "limit": check.MAX_LIMIT}, READ)


def plan_wait_read(run_id: str, expand: Sequence[str]) -> Plan:
    """One read of a run for a wait: ``GET /v1/runs/{id}``, sent once."""
    plan = plan_get(run_id, expand)
    return Plan(plan.kwargs, _WAIT_READ)


def plan_read_many(run_ids: Sequence[str]) -> Plan:
    """One ``GET /v1/runs?ids=...`` for up to 100 runs, for a wait: sent once."""
    ids = check.check_ids(run_ids, "run_ids") or []
    return Plan({"ids": ",".join(ids), "limit": max(1, min(len(ids), check.MAX_LIMIT))}, _WAIT_READ)


def plan_cancel(run_id: str) -> Plan:
    """``POST /v1/runs/{id}/cancel``."""
    return Plan({"id": check.check_run_id(run_id)}, _CANCEL)


@attrs.frozen
class StartParts:
    """What a start sends besides its target and input (the same for every run of a batch).

    Attributes:
        tags: Tags to put on the run.
        overrides: Overrides for the automation.
        metadata: Metadata to keep with the run.
        version: A release or git ref to run instead of the current one.
        correlation: Tags that name the batch the start is part of (:mod:`._correlation`).
    """

    tags: Sequence[str] | None = None
    overrides: Mapping[str, object] | None = None
    metadata: Mapping[str, object] | None = None
    version: str | None = None
    correlation: tuple[str, ...] = ()


START_HOLD_SECONDS = check.MAX_HOLD_START_SECONDS
"""The longest hold the start inside ``run_and_wait`` asks for: the real API's maximum, 600 s (each attempt asks for
less when less is left before the deadline), so a run under ten minutes costs one request."""


def idempotency_key_for(idempotency_key: str | None) -> str:
    """The key a start or rerun sends: the caller's, checked, else a fresh one.

    A POST that creates a run always carries a key, the same on every retry, so a lost answer never makes a second
    run; errors carry it so that the caller can resume (``exc.idempotency_key``).
    """
    return check.check_idempotency_key(idempotency_key) or str(uuid.uuid4())


def _creating(kwargs: dict[str, Any], hold: int | None, version: str | None, key: str, trigger: str) -> Plan:
    if version is not None:
        kwargs["version"] = check.check_text(version, "version")
    headers = {IDEMPOTENCY_KEY_HEADER: key, TRIGGER_HEADER: trigger}
    return Plan(kwargs, CallSpec("POST", creates=True), hold=hold, headers=headers)


def check_start_hold(wait_for_completion: float | None) -> int | None:
    """The hold a start or rerun asks for (0 to 600 s), as whole seconds."""
    return check.check_hold(wait_for_completion, check.MAX_HOLD_START_SECONDS)


def plan_start(
    prepared: PreparedBody, *, hold: int | None, version: str | None, key: str, trigger: str = API_TRIGGER
) -> Plan:
    """``POST /v1/runs``; a body whose file streams cannot be rewound is sent once, never retried. ``trigger``: the
    provenance the client declares (``api``, or ``cli`` from the command line)."""
    plan = _creating({"body": prepared.body}, hold, version, key, trigger)
    if prepared.rewindable:
        return plan
    return attrs.evolve(plan, spec=CallSpec("POST", creates=True, max_retries=0))


def plan_rerun(run_id: str, *, hold: int | None, version: str | None, key: str, trigger: str = API_TRIGGER) -> Plan:
    """``POST /v1/runs/{id}/rerun``; ``trigger`` as for :func:`plan_start`."""
    return _creating({"id": check.check_run_id(run_id)}, hold, version, key, trigger)


def start_deadline(
    clock: Clock, hold: int | None, call_timeout: float | None, *, within: Deadline | None = None
) -> Deadline:
    """The deadline of a plain start or rerun: the hold it asks for, plus the time any call may take; no later than
    ``within`` when given (the deadline of a batch the start is part of)."""
    own = Deadline.after(clock, None if call_timeout is None else (hold or 0) + call_timeout)
    return own if within is None or own.at <= within.at else Deadline(clock, own.started, within.at)


def expand_values(expand: str | Iterable[str] | None) -> tuple[str, ...]:
    """Checked ``expand`` tokens as text."""
    return tuple(check.check_expand(expand) or ())


def correlated_tags(tags: Sequence[str] | None, correlation: Sequence[str]) -> list[str] | None:
    """A start's tags: the caller's, then the correlation tags that name it (:mod:`._correlation`).

    Raises:
        InvalidArgumentError: More tags in all than a run may have.
    """
    from ._correlation import with_correlation

    merged = with_correlation(tags, correlation)
    if merged is not None and len(merged) > check.MAX_TAGS:
        room = check.MAX_TAGS - len(correlation)
        raise InvalidArgumentError(
            "tags",
            f"at most {room} tags beside the {len(correlation)} correlation tag(s) the client adds to find a lost "
            f"start (correlation_tags=False turns them off), not {len(tags or ())}",
        )
    return merged


def start_args(target: str, tags: Sequence[str] | None) -> tuple[str, list[str] | None]:
    """The checked target and tags of a start."""
    return check.check_target(target), check.check_tags(tags)


def shaped(run: Run, output_type: type[T] | None) -> Run | TypedRun[T]:
    """The run as it is, or wrapped with its output converted to ``output_type``."""
    if output_type is None:
        return run
    # Imported here so that cattrs loads only when typed outputs are used.
    from eigenpal_ext._typed import typed_run

    return typed_run(run, output_type)
