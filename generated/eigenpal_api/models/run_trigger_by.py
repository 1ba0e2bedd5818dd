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

T = TypeVar("T", bound="RunTriggerBy")


@_attrs_define
class RunTriggerBy:
    """
    Attributes:
        id (str):
        name (None | str):
        email (str):
    """

    id: str
    name: None | str
    email: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["name"] = _to_json(self.name)
        field_dict["email"] = _to_json(self.email)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunTriggerBy", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("RunTriggerBy.id")
        if "name" not in d:
            raise _missing("RunTriggerBy.name")
        if "email" not in d:
            raise _missing("RunTriggerBy.email")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("RunTriggerBy.id", _id, mismatch_)

        _name = d.pop("name")
        name: None | str
        try:
            name = None if _name is None else _as_str(_name)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            name = _drifted("RunTriggerBy.name", _name, mismatch_)

        _email = d.pop("email")
        email: str
        try:
            email = _as_str(_email)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            email = _drifted("RunTriggerBy.email", _email, mismatch_)

        run_trigger_by = cls(
            id=id,
            name=name,
            email=email,
        )
        run_trigger_by.additional_properties = d
        return run_trigger_by

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
