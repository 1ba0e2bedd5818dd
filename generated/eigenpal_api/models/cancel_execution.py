from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..types import (
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

T = TypeVar("T", bound="CancelExecution")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_RUN_STATUS_BY_VALUE: dict[str, RunStatus] = {member.value: member for member in RunStatus}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"status"})


@_attrs_define
class CancelExecution(_LazyModel):
    """The run's status after the cancel.

    Attributes:
        status (RunStatus | str): The run's status; a status this client does not know is kept as text and is non-
            terminal.
    """

    status: RunStatus | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str
        if isinstance(self.status, RunStatus):
            status = self.status.value
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelExecution", "an object", src_dict)
        try:
            _status = src_dict["status"]
        except KeyError:
            raise _missing("CancelExecution", src_dict, ("status",)) from None

        status: RunStatus | str
        if isinstance(_status, str):
            status = _RUN_STATUS_BY_VALUE.get(_status, _status)
        else:
            raise _type_error("CancelExecution.status", "a string", _status)

        cancel_execution = _new_model(cls)
        cancel_execution.status = status
        if len(src_dict) > 1:
            cancel_execution.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            cancel_execution.additional_properties = {}
        return cancel_execution

    @staticmethod
    def _from_json(src_dict: Any) -> CancelExecution:
        CancelExecution._check(src_dict)
        return CancelExecution._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelExecution", "an object", src_dict)
        try:
            _status = src_dict["status"]
        except KeyError:
            raise _missing("CancelExecution", src_dict, ("status",)) from None

        if isinstance(_status, str):
            pass
        else:
            raise _type_error("CancelExecution.status", "a string", _status)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> CancelExecution:
        _status = src_dict["status"]
        status: RunStatus | str
        if isinstance(_status, str):
            status = _RUN_STATUS_BY_VALUE.get(_status, _status)
        else:
            raise _type_error("CancelExecution.status", "a string", _status)

        cancel_execution = _new_model(CancelExecution)
        cancel_execution.status = status
        if len(src_dict) > 1:
            cancel_execution.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return cancel_execution

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
