from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_float,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunTiming")


@_attrs_define
class RunTiming:
    """
    Attributes:
        created_at (str):
        started_at (None | str):
        completed_at (None | str):
        duration_ms (float | None):
        cancel_requested_at (None | str): When the user requested cancel; status may still be `running` until the worker
            stops.
    """

    created_at: str
    started_at: None | str
    completed_at: None | str
    duration_ms: float | None
    cancel_requested_at: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["createdAt"] = _to_json(self.created_at)
        field_dict["startedAt"] = _to_json(self.started_at)
        field_dict["completedAt"] = _to_json(self.completed_at)
        field_dict["durationMs"] = _to_json(self.duration_ms)
        field_dict["cancelRequestedAt"] = _to_json(self.cancel_requested_at)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunTiming", src_dict)
        d = dict(src_dict)
        if "createdAt" not in d:
            raise _missing("RunTiming.createdAt")
        if "startedAt" not in d:
            raise _missing("RunTiming.startedAt")
        if "completedAt" not in d:
            raise _missing("RunTiming.completedAt")
        if "durationMs" not in d:
            raise _missing("RunTiming.durationMs")
        if "cancelRequestedAt" not in d:
            raise _missing("RunTiming.cancelRequestedAt")
        _created_at = d.pop("createdAt")
        created_at: str
        try:
            created_at = _as_str(_created_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            created_at = _drifted("RunTiming.createdAt", _created_at, mismatch_)

        _started_at = d.pop("startedAt")
        started_at: None | str
        try:
            started_at = None if _started_at is None else _as_str(_started_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            started_at = _drifted("RunTiming.startedAt", _started_at, mismatch_)

        _completed_at = d.pop("completedAt")
        completed_at: None | str
        try:
            completed_at = None if _completed_at is None else _as_str(_completed_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            completed_at = _drifted("RunTiming.completedAt", _completed_at, mismatch_)

        _duration_ms = d.pop("durationMs")
        duration_ms: float | None
        try:
            duration_ms = None if _duration_ms is None else _as_float(_duration_ms)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            duration_ms = _drifted("RunTiming.durationMs", _duration_ms, mismatch_)

        _cancel_requested_at = d.pop("cancelRequestedAt")
        cancel_requested_at: None | str
        try:
            cancel_requested_at = None if _cancel_requested_at is None else _as_str(_cancel_requested_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            cancel_requested_at = _drifted("RunTiming.cancelRequestedAt", _cancel_requested_at, mismatch_)

        run_timing = cls(
            created_at=created_at,
            started_at=started_at,
            completed_at=completed_at,
            duration_ms=duration_ms,
            cancel_requested_at=cancel_requested_at,
        )
        run_timing.additional_properties = d
        return run_timing

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
