from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_bool,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="DeleteFileResponse")


@_attrs_define
class DeleteFileResponse:
    """
    Attributes:
        deleted (bool):
    """

    deleted: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["deleted"] = _to_json(self.deleted)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("DeleteFileResponse", src_dict)
        d = dict(src_dict)
        if "deleted" not in d:
            raise _missing("DeleteFileResponse.deleted")
        _deleted = d.pop("deleted")
        deleted: bool
        try:
            deleted = _as_bool(_deleted)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            deleted = _drifted("DeleteFileResponse.deleted", _deleted, mismatch_)

        delete_file_response = cls(
            deleted=deleted,
        )
        delete_file_response.additional_properties = d
        return delete_file_response

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
