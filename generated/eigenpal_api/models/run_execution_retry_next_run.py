from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunExecutionRetryNextRun")


@_attrs_define
class RunExecutionRetryNextRun:
    """
    Attributes:
        id (str):
        status (str):
    """

    id: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["status"] = _to_json(self.status)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunExecutionRetryNextRun", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("RunExecutionRetryNextRun.id")
        if "status" not in d:
            raise _missing("RunExecutionRetryNextRun.status")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("RunExecutionRetryNextRun.id", _id, mismatch_)

        _status = d.pop("status")
        status: str
        try:
            status = _as_str(_status)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            status = _drifted("RunExecutionRetryNextRun.status", _status, mismatch_)

        run_execution_retry_next_run = cls(
            id=id,
            status=status,
        )
        run_execution_retry_next_run.additional_properties = d
        return run_execution_retry_next_run

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
