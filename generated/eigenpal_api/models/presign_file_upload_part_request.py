from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_int,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="PresignFileUploadPartRequest")


@_attrs_define
class PresignFileUploadPartRequest:
    """
    Attributes:
        part_number (int):
    """

    part_number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["partNumber"] = _to_json(self.part_number)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("PresignFileUploadPartRequest", src_dict)
        d = dict(src_dict)
        if "partNumber" not in d:
            raise _missing("PresignFileUploadPartRequest.partNumber")
        _part_number = d.pop("partNumber")
        part_number: int
        try:
            part_number = _as_int(_part_number)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            part_number = _drifted("PresignFileUploadPartRequest.partNumber", _part_number, mismatch_)

        presign_file_upload_part_request = cls(
            part_number=part_number,
        )
        presign_file_upload_part_request.additional_properties = d
        return presign_file_upload_part_request

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
