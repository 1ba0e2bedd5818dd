from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _date_time,
    _fromisoformat,
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

T = TypeVar("T", bound="RunTiming")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"createdAt", "startedAt", "completedAt", "durationMs", "cancelRequestedAt"})


@_attrs_define
class RunTiming(_LazyModel):
    """When the run reached each stage; null until it has.

    Attributes:
        created_at (datetime.datetime): When the run was created.
        started_at (datetime.datetime | None): When a worker picked the run up.
        completed_at (datetime.datetime | None): When the run turned terminal.
        duration_ms (int | None): Milliseconds from start to completion.
        cancel_requested_at (datetime.datetime | None): When a cancel was requested while the run was running.
    """

    created_at: datetime.datetime
    started_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    duration_ms: int | None
    cancel_requested_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        duration_ms: int | None
        duration_ms = self.duration_ms

        cancel_requested_at: None | str
        if isinstance(self.cancel_requested_at, datetime.datetime):
            cancel_requested_at = self.cancel_requested_at.isoformat()
        else:
            cancel_requested_at = self.cancel_requested_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "createdAt": created_at,
                "startedAt": started_at,
                "completedAt": completed_at,
                "durationMs": duration_ms,
                "cancelRequestedAt": cancel_requested_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunTiming", "an object", src_dict)
        try:
            _created_at = src_dict["createdAt"]
            _started_at = src_dict["startedAt"]
            _completed_at = src_dict["completedAt"]
            _duration_ms = src_dict["durationMs"]
            _cancel_requested_at = src_dict["cancelRequestedAt"]
        except KeyError:
            raise _missing(
                "RunTiming", src_dict, ("createdAt", "startedAt", "completedAt", "durationMs", "cancelRequestedAt")
            ) from None

        if type(_created_at) is not str and not isinstance(_created_at, str):
            raise _type_error("RunTiming.createdAt", "a date-time string", _created_at)
        try:
            created_at = _fromisoformat(_created_at)
            if created_at.tzinfo is None:
                raise ValueError
        except ValueError:
            created_at = _date_time("RunTiming.createdAt", _created_at)

        started_at: datetime.datetime | None
        if _started_at is None:
            started_at = None
        elif isinstance(_started_at, str):
            try:
                started_at = _fromisoformat(_started_at)
                if started_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                started_at = _date_time("RunTiming.startedAt", _started_at)
        else:
            raise _type_error("RunTiming.startedAt", "a date-time string or null", _started_at)

        completed_at: datetime.datetime | None
        if _completed_at is None:
            completed_at = None
        elif isinstance(_completed_at, str):
            try:
                completed_at = _fromisoformat(_completed_at)
                if completed_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                completed_at = _date_time("RunTiming.completedAt", _completed_at)
        else:
            raise _type_error("RunTiming.completedAt", "a date-time string or null", _completed_at)

        duration_ms: int | None
        if _duration_ms is None:
            duration_ms = None
        elif isinstance(_duration_ms, int) and not isinstance(_duration_ms, bool):
            duration_ms = _duration_ms
        else:
            raise _type_error("RunTiming.durationMs", "an integer or null", _duration_ms)

        cancel_requested_at: datetime.datetime | None
        if _cancel_requested_at is None:
            cancel_requested_at = None
        elif isinstance(_cancel_requested_at, str):
            try:
                cancel_requested_at = _fromisoformat(_cancel_requested_at)
                if cancel_requested_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                cancel_requested_at = _date_time("RunTiming.cancelRequestedAt", _cancel_requested_at)
        else:
            raise _type_error("RunTiming.cancelRequestedAt", "a date-time string or null", _cancel_requested_at)

        run_timing = _new_model(cls)
        run_timing.created_at = created_at
        run_timing.started_at = started_at
        run_timing.completed_at = completed_at
        run_timing.duration_ms = duration_ms
        run_timing.cancel_requested_at = cancel_requested_at
        if len(src_dict) > 5:
            run_timing.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run_timing.additional_properties = {}
        return run_timing

    @staticmethod
    def _from_json(src_dict: Any) -> RunTiming:
        RunTiming._check(src_dict)
        return RunTiming._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunTiming", "an object", src_dict)
        try:
            _created_at = src_dict["createdAt"]
            _started_at = src_dict["startedAt"]
            _completed_at = src_dict["completedAt"]
            _duration_ms = src_dict["durationMs"]
            _cancel_requested_at = src_dict["cancelRequestedAt"]
        except KeyError:
            raise _missing(
                "RunTiming", src_dict, ("createdAt", "startedAt", "completedAt", "durationMs", "cancelRequestedAt")
            ) from None

        if type(_created_at) is not str and not isinstance(_created_at, str):
            raise _type_error("RunTiming.createdAt", "a date-time string", _created_at)
        try:
            _ = _fromisoformat(_created_at)
            if _.tzinfo is None:
                raise ValueError
        except ValueError:
            _ = _date_time("RunTiming.createdAt", _created_at)

        if _started_at is None:
            _ = None
        elif isinstance(_started_at, str):
            try:
                _ = _fromisoformat(_started_at)
                if _.tzinfo is None:
                    raise ValueError
            except ValueError:
                _ = _date_time("RunTiming.startedAt", _started_at)
        else:
            raise _type_error("RunTiming.startedAt", "a date-time string or null", _started_at)

        if _completed_at is None:
            _ = None
        elif isinstance(_completed_at, str):
            try:
                _ = _fromisoformat(_completed_at)
                if _.tzinfo is None:
                    raise ValueError
            except ValueError:
                _ = _date_time("RunTiming.completedAt", _completed_at)
        else:
            raise _type_error("RunTiming.completedAt", "a date-time string or null", _completed_at)

        if _duration_ms is None:
            _ = None
        elif isinstance(_duration_ms, int) and not isinstance(_duration_ms, bool):
            pass
        else:
            raise _type_error("RunTiming.durationMs", "an integer or null", _duration_ms)

        if _cancel_requested_at is None:
            _ = None
        elif isinstance(_cancel_requested_at, str):
            try:
                _ = _fromisoformat(_cancel_requested_at)
                if _.tzinfo is None:
                    raise ValueError
            except ValueError:
                _ = _date_time("RunTiming.cancelRequestedAt", _cancel_requested_at)
        else:
            raise _type_error("RunTiming.cancelRequestedAt", "a date-time string or null", _cancel_requested_at)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> RunTiming:
        _created_at = src_dict["createdAt"]
        _started_at = src_dict["startedAt"]
        _completed_at = src_dict["completedAt"]
        _duration_ms = src_dict["durationMs"]
        _cancel_requested_at = src_dict["cancelRequestedAt"]
        try:
            created_at = _fromisoformat(_created_at)
            if created_at.tzinfo is None:
                raise ValueError
        except ValueError:
            created_at = _date_time("RunTiming.createdAt", _created_at)

        started_at: datetime.datetime | None
        if _started_at is None:
            started_at = None
        elif isinstance(_started_at, str):
            try:
                started_at = _fromisoformat(_started_at)
                if started_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                started_at = _date_time("RunTiming.startedAt", _started_at)
        else:
            raise _type_error("RunTiming.startedAt", "a date-time string or null", _started_at)

        completed_at: datetime.datetime | None
        if _completed_at is None:
            completed_at = None
        elif isinstance(_completed_at, str):
            try:
                completed_at = _fromisoformat(_completed_at)
                if completed_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                completed_at = _date_time("RunTiming.completedAt", _completed_at)
        else:
            raise _type_error("RunTiming.completedAt", "a date-time string or null", _completed_at)

        duration_ms: int | None
        if _duration_ms is None:
            duration_ms = None
        elif isinstance(_duration_ms, int) and not isinstance(_duration_ms, bool):
            duration_ms = _duration_ms
        else:
            raise _type_error("RunTiming.durationMs", "an integer or null", _duration_ms)

        cancel_requested_at: datetime.datetime | None
        if _cancel_requested_at is None:
            cancel_requested_at = None
        elif isinstance(_cancel_requested_at, str):
            try:
                cancel_requested_at = _fromisoformat(_cancel_requested_at)
                if cancel_requested_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                cancel_requested_at = _date_time("RunTiming.cancelRequestedAt", _cancel_requested_at)
        else:
            raise _type_error("RunTiming.cancelRequestedAt", "a date-time string or null", _cancel_requested_at)

        run_timing = _new_model(RunTiming)
        run_timing.created_at = created_at
        run_timing.started_at = started_at
        run_timing.completed_at = completed_at
        run_timing.duration_ms = duration_ms
        run_timing.cancel_requested_at = cancel_requested_at
        if len(src_dict) > 5:
            run_timing.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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
