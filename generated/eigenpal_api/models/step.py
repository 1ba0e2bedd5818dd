from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.step_status import StepStatus
from ..types import (
    _date_time,
    _fromisoformat,
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

T = TypeVar("T", bound="Step")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_STEP_STATUS_BY_VALUE: dict[str, StepStatus] = {member.value: member for member in StepStatus}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"id", "name", "type", "status", "order", "startedAt", "completedAt", "error"})


@_attrs_define
class Step(_LazyModel):
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
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Step", "an object", src_dict)
        try:
            id = src_dict["id"]
            name = src_dict["name"]
            type_ = src_dict["type"]
            _status = src_dict["status"]
            order = src_dict["order"]
            _started_at = src_dict["startedAt"]
            _completed_at = src_dict["completedAt"]
        except KeyError:
            raise _missing(
                "Step", src_dict, ("id", "name", "type", "status", "order", "startedAt", "completedAt")
            ) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("Step.id", "a string", id)

        if type(name) is not str and not isinstance(name, str):
            raise _type_error("Step.name", "a string", name)

        if type(type_) is not str and not isinstance(type_, str):
            raise _type_error("Step.type", "a string", type_)

        status: StepStatus | str
        if isinstance(_status, str):
            status = _STEP_STATUS_BY_VALUE.get(_status, _status)
        else:
            raise _type_error("Step.status", "a string", _status)

        if type(order) is not int and (not isinstance(order, int) or isinstance(order, bool)):
            raise _type_error("Step.order", "an integer", order)

        started_at: datetime.datetime | None
        if _started_at is None:
            started_at = None
        elif isinstance(_started_at, str):
            try:
                started_at = _fromisoformat(_started_at)
                if started_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                started_at = _date_time("Step.startedAt", _started_at)
        else:
            raise _type_error("Step.startedAt", "a date-time string or null", _started_at)

        completed_at: datetime.datetime | None
        if _completed_at is None:
            completed_at = None
        elif isinstance(_completed_at, str):
            try:
                completed_at = _fromisoformat(_completed_at)
                if completed_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                completed_at = _date_time("Step.completedAt", _completed_at)
        else:
            raise _type_error("Step.completedAt", "a date-time string or null", _completed_at)

        _error = src_dict.get("error")
        error: str | None = None
        if _error is not None:
            if type(_error) is not str and not isinstance(_error, str):
                raise _type_error("Step.error", "a string", _error)
            error = _error

        step = _new_model(cls)
        step.id = id
        step.name = name
        step.type_ = type_
        step.status = status
        step.order = order
        step.started_at = started_at
        step.completed_at = completed_at
        step.error = error
        if len(src_dict) > 7 and not _KNOWN_FIELDS.issuperset(src_dict):
            step.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            step.additional_properties = {}
        return step

    @staticmethod
    def _from_json(src_dict: Any) -> Step:
        Step._check(src_dict)
        return Step._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Step", "an object", src_dict)
        try:
            id = src_dict["id"]
            name = src_dict["name"]
            type_ = src_dict["type"]
            _status = src_dict["status"]
            order = src_dict["order"]
            _started_at = src_dict["startedAt"]
            _completed_at = src_dict["completedAt"]
        except KeyError:
            raise _missing(
                "Step", src_dict, ("id", "name", "type", "status", "order", "startedAt", "completedAt")
            ) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("Step.id", "a string", id)
        pass

        if type(name) is not str and not isinstance(name, str):
            raise _type_error("Step.name", "a string", name)
        pass

        if type(type_) is not str and not isinstance(type_, str):
            raise _type_error("Step.type", "a string", type_)
        pass

        if isinstance(_status, str):
            pass
        else:
            raise _type_error("Step.status", "a string", _status)

        if type(order) is not int and (not isinstance(order, int) or isinstance(order, bool)):
            raise _type_error("Step.order", "an integer", order)
        pass

        if _started_at is None:
            _ = None
        elif isinstance(_started_at, str):
            try:
                _ = _fromisoformat(_started_at)
                if _.tzinfo is None:
                    raise ValueError
            except ValueError:
                _ = _date_time("Step.startedAt", _started_at)
        else:
            raise _type_error("Step.startedAt", "a date-time string or null", _started_at)

        if _completed_at is None:
            _ = None
        elif isinstance(_completed_at, str):
            try:
                _ = _fromisoformat(_completed_at)
                if _.tzinfo is None:
                    raise ValueError
            except ValueError:
                _ = _date_time("Step.completedAt", _completed_at)
        else:
            raise _type_error("Step.completedAt", "a date-time string or null", _completed_at)

        _error = src_dict.get("error")
        if _error is not None:
            if type(_error) is not str and not isinstance(_error, str):
                raise _type_error("Step.error", "a string", _error)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> Step:
        id = src_dict["id"]
        name = src_dict["name"]
        type_ = src_dict["type"]
        _status = src_dict["status"]
        order = src_dict["order"]
        _started_at = src_dict["startedAt"]
        _completed_at = src_dict["completedAt"]

        status: StepStatus | str
        if isinstance(_status, str):
            status = _STEP_STATUS_BY_VALUE.get(_status, _status)
        else:
            raise _type_error("Step.status", "a string", _status)

        started_at: datetime.datetime | None
        if _started_at is None:
            started_at = None
        elif isinstance(_started_at, str):
            try:
                started_at = _fromisoformat(_started_at)
                if started_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                started_at = _date_time("Step.startedAt", _started_at)
        else:
            raise _type_error("Step.startedAt", "a date-time string or null", _started_at)

        completed_at: datetime.datetime | None
        if _completed_at is None:
            completed_at = None
        elif isinstance(_completed_at, str):
            try:
                completed_at = _fromisoformat(_completed_at)
                if completed_at.tzinfo is None:
                    raise ValueError
            except ValueError:
                completed_at = _date_time("Step.completedAt", _completed_at)
        else:
            raise _type_error("Step.completedAt", "a date-time string or null", _completed_at)

        _error = src_dict.get("error")
        error: str | None = None
        if _error is not None:
            error = _error

        step = _new_model(Step)
        step.id = id
        step.name = name
        step.type_ = type_
        step.status = status
        step.order = order
        step.started_at = started_at
        step.completed_at = completed_at
        step.error = error
        if len(src_dict) > 7 and not _KNOWN_FIELDS.issuperset(src_dict):
            step.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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
