from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_int,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="ListFileUploadPartsResponsePartsItem")


@_attrs_define
class ListFileUploadPartsResponsePartsItem:
    """
    Attributes:
        part_number (int):
        etag (str):
        size (int | None):
    """

    part_number: int
    etag: str
    size: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["partNumber"] = _to_json(self.part_number)
        field_dict["etag"] = _to_json(self.etag)
        if self.size is not None:
            field_dict["size"] = _to_json(self.size)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("ListFileUploadPartsResponsePartsItem", src_dict)
        d = dict(src_dict)
        if "partNumber" not in d:
            raise _missing("ListFileUploadPartsResponsePartsItem.partNumber")
        if "etag" not in d:
            raise _missing("ListFileUploadPartsResponsePartsItem.etag")
        _part_number = d.pop("partNumber")
        part_number: int
        try:
            part_number = _as_int(_part_number)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            part_number = _drifted("ListFileUploadPartsResponsePartsItem.partNumber", _part_number, mismatch_)

        _etag = d.pop("etag")
        etag: str
        try:
            etag = _as_str(_etag)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            etag = _drifted("ListFileUploadPartsResponsePartsItem.etag", _etag, mismatch_)

        _size = d.pop("size", None)
        size: int | None
        if _size is None:
            size = None
        else:
            try:
                size = _as_int(_size)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                size = _drifted("ListFileUploadPartsResponsePartsItem.size", _size, mismatch_)

        list_file_upload_parts_response_parts_item = cls(
            part_number=part_number,
            etag=etag,
            size=size,
        )
        list_file_upload_parts_response_parts_item.additional_properties = d
        return list_file_upload_parts_response_parts_item

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
