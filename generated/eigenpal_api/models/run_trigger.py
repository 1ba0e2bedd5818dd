from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, _type_error

T = TypeVar("T", bound="RunTrigger")


@_attrs_define
class RunTrigger:
    """What started the run.

    Attributes:
        type_ (str): How the run was started (`api`, `rerun`, `schedule`).
        by (None | str): Who started it, when known.
    """

    type_: str
    by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        by: None | str
        by = self.by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "by": by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunTrigger", "an object", src_dict)
        d = dict(src_dict)
        type_ = d.pop("type", UNSET)
        if not isinstance(type_, str):
            raise _type_error("RunTrigger.type", "a string", type_)

        _by = d.pop("by", UNSET)
        by: None | str
        if _by is None:
            by = None
        elif isinstance(_by, str):
            by = _by
        else:
            raise _type_error("RunTrigger.by", "a string or null", _by)

        run_trigger = cls(
            type_=type_,
            by=by,
        )

        run_trigger.additional_properties = d
        return run_trigger

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
