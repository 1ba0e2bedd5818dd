from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus

T = TypeVar("T", bound="CancelExecution")


@_attrs_define
class CancelExecution:
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
        d = dict(src_dict)
        _status_data = d.pop("status")
        status: RunStatus | str
        try:
            if not isinstance(_status_data, str):
                raise TypeError()
            componentsschemas_run_status_value_type_0 = RunStatus(_status_data)

            status = componentsschemas_run_status_value_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            status = cast(RunStatus | str, _status_data)

        cancel_execution = cls(
            status=status,
        )

        cancel_execution.additional_properties = d
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
