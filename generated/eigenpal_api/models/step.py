from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_status import StepStatus
from ..types import UNSET, _type_error, _value_error

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
        error (str | None): Why the step failed.
    """

    id: str
    name: str
    type_: str
    status: StepStatus | str
    order: int
    started_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    error: str | None = None
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
        if error is not None:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Step", "an object", src_dict)
        d = dict(src_dict)
        id = d.pop("id", UNSET)
        if not isinstance(id, str):
            raise _type_error("Step.id", "a string", id)

        name = d.pop("name", UNSET)
        if not isinstance(name, str):
            raise _type_error("Step.name", "a string", name)

        type_ = d.pop("type", UNSET)
        if not isinstance(type_, str):
            raise _type_error("Step.type", "a string", type_)

        _status = d.pop("status", UNSET)
        status: StepStatus | str
        if isinstance(_status, str):
            try:
                status = StepStatus(_status)
            except ValueError:
                status = _status
        else:
            raise _type_error("Step.status", "a string", _status)

        order = d.pop("order", UNSET)
        if not isinstance(order, int) or isinstance(order, bool):
            raise _type_error("Step.order", "an integer", order)

        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | None
        if _started_at is None:
            started_at = None
        elif isinstance(_started_at, str):
            try:
                started_at = datetime.datetime.fromisoformat(_started_at)
            except ValueError:
                raise _value_error("Step.startedAt", "an ISO 8601 date-time", _started_at) from None
        else:
            raise _type_error("Step.startedAt", "a date-time string or null", _started_at)

        _completed_at = d.pop("completedAt", UNSET)
        completed_at: datetime.datetime | None
        if _completed_at is None:
            completed_at = None
        elif isinstance(_completed_at, str):
            try:
                completed_at = datetime.datetime.fromisoformat(_completed_at)
            except ValueError:
                raise _value_error("Step.completedAt", "an ISO 8601 date-time", _completed_at) from None
        else:
            raise _type_error("Step.completedAt", "a date-time string or null", _completed_at)

        _error = d.pop("error", None)
        error: str | None = None
        if _error is not None:
            if not isinstance(_error, str):
                raise _type_error("Step.error", "a string", _error)
            error = _error

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
