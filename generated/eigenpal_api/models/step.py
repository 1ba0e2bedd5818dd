from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_status import StepStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Step")


@_attrs_define
class Step:
    """One step of a run.

    Attributes:
        id (str): The step's id.
        name (str): The step's name.
        type_ (str): What kind of step it is.
        status (StepStatus | str):
        order (int): Its place in the run, from 0.
        started_at (datetime.datetime | None):
        completed_at (datetime.datetime | None):
        error (str | Unset): Why the step failed.
    """

    id: str
    name: str
    type_: str
    status: StepStatus | str
    order: int
    started_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    error: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        type_ = self.type_

        status: str
        if isinstance(self.status, StepStatus):
            status = self.status.value
        else:
            status = self.status

        order = self.order

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

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "type": type_,
                "status": status,
                "order": order,
                "startedAt": started_at,
                "completedAt": completed_at,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        type_ = d.pop("type")

        _status_data = d.pop("status")
        status: StepStatus | str
        try:
            if not isinstance(_status_data, str):
                raise TypeError()
            status_type_0 = StepStatus(_status_data)

            status = status_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            status = cast(StepStatus | str, _status_data)

        order = d.pop("order")

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

        error = d.pop("error", UNSET)

        step = cls(
            id=id,
            name=name,
            type_=type_,
            status=status,
            order=order,
            started_at=started_at,
            completed_at=completed_at,
            error=error,
        )

        step.additional_properties = d
        return step

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
