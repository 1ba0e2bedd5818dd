from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RunTiming")


@_attrs_define
class RunTiming:
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
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        _started_at_data = d.pop("startedAt")
        started_at: datetime.datetime | None
        if _started_at_data is None:
            started_at = None
        else:
            try:
                if not isinstance(_started_at_data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(_started_at_data)

                started_at = started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                started_at = cast(datetime.datetime | None, _started_at_data)

        _completed_at_data = d.pop("completedAt")
        completed_at: datetime.datetime | None
        if _completed_at_data is None:
            completed_at = None
        else:
            try:
                if not isinstance(_completed_at_data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(_completed_at_data)

                completed_at = completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                completed_at = cast(datetime.datetime | None, _completed_at_data)

        duration_ms = cast(int | None, d.pop("durationMs"))

        _cancel_requested_at_data = d.pop("cancelRequestedAt")
        cancel_requested_at: datetime.datetime | None
        if _cancel_requested_at_data is None:
            cancel_requested_at = None
        else:
            try:
                if not isinstance(_cancel_requested_at_data, str):
                    raise TypeError()
                cancel_requested_at_type_0 = datetime.datetime.fromisoformat(_cancel_requested_at_data)

                cancel_requested_at = cancel_requested_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                cancel_requested_at = cast(datetime.datetime | None, _cancel_requested_at_data)

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
