"""The typed events of a delivery's body: ``run.created``, ``run.status_changed``, and any other type kept as it came.

Tolerant of what it does not read (unknown fields are kept in ``extra``), strict on what it reads: a field it needs
that is missing or of the wrong type is a :class:`~eigenpal_ext.MalformedPayloadError` naming the field.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import attrs

from eigenpal_ext._core._status import RunStatus, status_of
from eigenpal_ext._core._webhook_errors import MalformedPayloadError

__all__ = ["EventRun", "RunCreated", "RunEventData", "RunStatusChanged", "UnknownEvent", "WebhookEvent", "parse_event"]

_ENVELOPE_FIELDS = frozenset({"id", "type", "apiVersion", "createdAt", "test", "data"})
_RUN_FIELDS = frozenset({"id", "automationId", "type", "status", "triggerType", "tags", "output", "outputOmitted"})
_DATA_FIELDS = frozenset({"run", "previousStatus", "currentStatus"})


@attrs.frozen
class EventRun:
    """The run an event is about, as the event carried it.

    Attributes:
        id: The run's id.
        automation_id: The workflow or agent the run belongs to.
        type: The run's type (``workflow``, ``agent``).
        status: Its status when the event was made.
        trigger_type: What started it (``api``, ``manual``, ...).
        tags: Its tags.
        output: Its output, when the run has one and it fit in the delivery.
        output_omitted: Whether the output was left out for size (over 1 MiB): read the run to get it.
        extra: Fields of the run this client does not read, as they came.
    """

    id: str
    automation_id: str | None
    type: str | None
    status: RunStatus | str
    trigger_type: str | None
    tags: tuple[str, ...]
    output: Any = None
    output_omitted: bool = False
    extra: dict[str, Any] = attrs.field(factory=dict, eq=False)


@attrs.frozen
class RunEventData:
    """The ``data`` of a run event.

    Attributes:
        run: The run.
        previous_status: On ``run.status_changed``: the status before.
        current_status: On ``run.status_changed``: the status after.
        extra: Fields of ``data`` this client does not read.
    """

    run: EventRun
    previous_status: RunStatus | str | None = None
    current_status: RunStatus | str | None = None
    extra: dict[str, Any] = attrs.field(factory=dict, eq=False)


@attrs.frozen
class _Envelope:
    id: str
    type: str
    api_version: str | None
    created_at: datetime
    test: bool
    extra: dict[str, Any] = attrs.field(factory=dict, eq=False, kw_only=True)


@attrs.frozen
class RunCreated(_Envelope):
    """``run.created``: a run was announced, in its first status (once its inputs were ready).

    Attributes:
        id: The event's id (``whev_...``): the same on every delivery and redelivery of it; deduplicate by it.
        type: ``run.created``.
        api_version: The version of the envelope (``2026-07-01``).
        created_at: When the event was made (aware, UTC).
        test: Whether it was sent by "Send test" in Eigenpal Studio.
        data: The run.
        extra: Fields of the envelope this client does not read.
    """

    data: RunEventData


@attrs.frozen
class RunStatusChanged(_Envelope):
    """``run.status_changed``: a run moved from ``previous_status`` to ``current_status``.

    Deliveries are not ordered: see :class:`~eigenpal_ext.webhooks.LatestRunStates` to ignore stale ones.
    """

    data: RunEventData

    @property
    def previous_status(self) -> RunStatus | str | None:
        """The status before the change."""
        return self.data.previous_status

    @property
    def current_status(self) -> RunStatus | str:
        """The status after the change."""
        return self.data.current_status if self.data.current_status is not None else self.data.run.status


@attrs.frozen
class UnknownEvent(_Envelope):
    """An event of a type this client does not know, kept as it came: answer it with 2xx and move on.

    Attributes:
        data: Its ``data``, as decoded JSON.
    """

    data: Any


WebhookEvent = RunCreated | RunStatusChanged | UnknownEvent
"""Any event :meth:`Webhook.unwrap` returns."""


def _field(mapping: dict[str, Any], name: str, kind: type | tuple[type, ...], where: str) -> Any:
    if name not in mapping:
        raise MalformedPayloadError(f"{where}{name}", "missing")
    value = mapping[name]
    if not isinstance(value, kind) or (kind is str and not value):
        raise MalformedPayloadError(f"{where}{name}", "not of the expected type")
    return value


def _optional(mapping: dict[str, Any], name: str, kind: type, where: str) -> Any:
    if mapping.get(name) is None:
        return None
    return _field(mapping, name, kind, where)


def _status(value: Any, field: str) -> RunStatus | str:
    if not isinstance(value, str) or not value:
        raise MalformedPayloadError(field, "not a status")
    return status_of(value)


def _run(raw: dict[str, Any]) -> EventRun:
    where = "data.run."
    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise MalformedPayloadError("data.run.tags", "not a list of strings")
    omitted = raw.get("outputOmitted", False)
    if not isinstance(omitted, bool):
        raise MalformedPayloadError("data.run.outputOmitted", "not a boolean")
    return EventRun(
        id=_field(raw, "id", str, where),
        automation_id=_optional(raw, "automationId", str, where),
        type=_optional(raw, "type", str, where),
        status=_status(raw.get("status"), "data.run.status"),
        trigger_type=_optional(raw, "triggerType", str, where),
        tags=tuple(tags),
        output=raw.get("output"),
        output_omitted=omitted,
        extra={name: value for name, value in raw.items() if name not in _RUN_FIELDS},
    )


def _data(raw: dict[str, Any], changed: bool) -> RunEventData:
    run = _field(raw, "run", dict, "data.")
    previous = current = None
    if changed:
        previous = _status(raw.get("previousStatus"), "data.previousStatus")
        current = _status(raw.get("currentStatus"), "data.currentStatus")
    return RunEventData(
        run=_run(run),
        previous_status=previous,
        current_status=current,
        extra={name: value for name, value in raw.items() if name not in _DATA_FIELDS},
    )


def _created_at(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)  # Python 3.11 reads the trailing `Z`
    except ValueError:
        raise MalformedPayloadError("createdAt", "not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise MalformedPayloadError("createdAt", "has no time zone")
    return moment


def parse_event(payload: bytes) -> WebhookEvent:
    """The typed event of a verified body.

    Raises:
        MalformedPayloadError: The body is not JSON, not an object, or a field read is missing or of the wrong type.
    """
    try:
        raw = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        raise MalformedPayloadError(None, "the body is not JSON") from None
    if not isinstance(raw, dict):
        raise MalformedPayloadError(None, "the body is not a JSON object")
    event_type = _field(raw, "type", str, "")
    test = raw.get("test", False)
    if not isinstance(test, bool):
        raise MalformedPayloadError("test", "not a boolean")
    envelope: dict[str, Any] = {
        "id": _field(raw, "id", str, ""),
        "type": event_type,
        "api_version": _optional(raw, "apiVersion", str, ""),
        "created_at": _created_at(_field(raw, "createdAt", str, "")),
        "test": test,
        "extra": {name: value for name, value in raw.items() if name not in _ENVELOPE_FIELDS},
    }
    if event_type == "run.created":
        return RunCreated(**envelope, data=_data(_field(raw, "data", dict, ""), changed=False))
    if event_type == "run.status_changed":
        return RunStatusChanged(**envelope, data=_data(_field(raw, "data", dict, ""), changed=True))
    return UnknownEvent(**envelope, data=raw.get("data"))
