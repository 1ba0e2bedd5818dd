from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_str,
    _drifted,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunTraceEvent")


@_attrs_define
class RunTraceEvent:
    """Trace event emitted by a workflow or agent run. Extra fields depend on the run type and event source.

    Attributes:
        type_ (str | None): Event type when present. Agent traces mirror trace.jsonl events; workflow traces use
            execution phase or step records.
        phase (str | None): Workflow execution phase, when present.
        step_name (str | None): Workflow step name, when present.
        status (str | None): Event or execution status, when present.
        started_at (None | str): Event start timestamp.
        completed_at (None | str): Event completion timestamp.
        message (None | str): Human-readable event message.
    """

    type_: str | None = None
    phase: str | None = None
    step_name: str | None = None
    status: str | None = None
    started_at: None | str = None
    completed_at: None | str = None
    message: None | str = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        if self.type_ is not None:
            field_dict["type"] = _to_json(self.type_)
        if self.phase is not None:
            field_dict["phase"] = _to_json(self.phase)
        if self.step_name is not None:
            field_dict["stepName"] = _to_json(self.step_name)
        if self.status is not None:
            field_dict["status"] = _to_json(self.status)
        if self.started_at is not None:
            field_dict["startedAt"] = _to_json(self.started_at)
        if self.completed_at is not None:
            field_dict["completedAt"] = _to_json(self.completed_at)
        if self.message is not None:
            field_dict["message"] = _to_json(self.message)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunTraceEvent", src_dict)
        d = dict(src_dict)
        _type_ = d.pop("type", None)
        type_: str | None
        if _type_ is None:
            type_ = None
        else:
            try:
                type_ = _as_str(_type_)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                type_ = _drifted("RunTraceEvent.type", _type_, mismatch_)

        _phase = d.pop("phase", None)
        phase: str | None
        if _phase is None:
            phase = None
        else:
            try:
                phase = _as_str(_phase)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                phase = _drifted("RunTraceEvent.phase", _phase, mismatch_)

        _step_name = d.pop("stepName", None)
        step_name: str | None
        if _step_name is None:
            step_name = None
        else:
            try:
                step_name = _as_str(_step_name)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                step_name = _drifted("RunTraceEvent.stepName", _step_name, mismatch_)

        _status = d.pop("status", None)
        status: str | None
        if _status is None:
            status = None
        else:
            try:
                status = _as_str(_status)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                status = _drifted("RunTraceEvent.status", _status, mismatch_)

        _started_at = d.pop("startedAt", None)
        started_at: None | str
        if _started_at is None:
            started_at = None
        else:
            try:
                started_at = None if _started_at is None else _as_str(_started_at)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                started_at = _drifted("RunTraceEvent.startedAt", _started_at, mismatch_)

        _completed_at = d.pop("completedAt", None)
        completed_at: None | str
        if _completed_at is None:
            completed_at = None
        else:
            try:
                completed_at = None if _completed_at is None else _as_str(_completed_at)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                completed_at = _drifted("RunTraceEvent.completedAt", _completed_at, mismatch_)

        _message = d.pop("message", None)
        message: None | str
        if _message is None:
            message = None
        else:
            try:
                message = None if _message is None else _as_str(_message)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                message = _drifted("RunTraceEvent.message", _message, mismatch_)

        run_trace_event = cls(
            type_=type_,
            phase=phase,
            step_name=step_name,
            status=status,
            started_at=started_at,
            completed_at=completed_at,
            message=message,
        )
        run_trace_event.additional_properties = d
        return run_trace_event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
