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

T = TypeVar("T", bound="RunStartBodyFilesAdditionalPropertyType0Type0")


@_attrs_define
class RunStartBodyFilesAdditionalPropertyType0Type0:
    """
    Attributes:
        file_id (str): Reusable file-pool id to materialize
    """

    file_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["$fileId"] = _to_json(self.file_id)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunStartBodyFilesAdditionalPropertyType0Type0", src_dict)
        d = dict(src_dict)
        if "$fileId" not in d:
            raise _missing("RunStartBodyFilesAdditionalPropertyType0Type0.$fileId")
        _file_id = d.pop("$fileId")
        file_id: str
        try:
            file_id = _as_str(_file_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            file_id = _drifted("RunStartBodyFilesAdditionalPropertyType0Type0.$fileId", _file_id, mismatch_)

        run_start_body_files_additional_property_type_0_type_0 = cls(
            file_id=file_id,
        )
        run_start_body_files_additional_property_type_0_type_0.additional_properties = d
        return run_start_body_files_additional_property_type_0_type_0

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
