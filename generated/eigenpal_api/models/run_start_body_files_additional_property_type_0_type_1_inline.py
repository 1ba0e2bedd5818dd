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

T = TypeVar("T", bound="RunStartBodyFilesAdditionalPropertyType0Type1Inline")


@_attrs_define
class RunStartBodyFilesAdditionalPropertyType0Type1Inline:
    """
    Attributes:
        filename (str): Original filename for the materialized artifact
        mime_type (str): MIME type for the materialized artifact
        base64 (str): Base64-encoded file bytes
    """

    filename: str
    mime_type: str
    base64: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["filename"] = _to_json(self.filename)
        field_dict["mimeType"] = _to_json(self.mime_type)
        field_dict["base64"] = _to_json(self.base64)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunStartBodyFilesAdditionalPropertyType0Type1Inline", src_dict)
        d = dict(src_dict)
        if "filename" not in d:
            raise _missing("RunStartBodyFilesAdditionalPropertyType0Type1Inline.filename")
        if "mimeType" not in d:
            raise _missing("RunStartBodyFilesAdditionalPropertyType0Type1Inline.mimeType")
        if "base64" not in d:
            raise _missing("RunStartBodyFilesAdditionalPropertyType0Type1Inline.base64")
        _filename = d.pop("filename")
        filename: str
        try:
            filename = _as_str(_filename)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            filename = _drifted("RunStartBodyFilesAdditionalPropertyType0Type1Inline.filename", _filename, mismatch_)

        _mime_type = d.pop("mimeType")
        mime_type: str
        try:
            mime_type = _as_str(_mime_type)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            mime_type = _drifted("RunStartBodyFilesAdditionalPropertyType0Type1Inline.mimeType", _mime_type, mismatch_)

        _base64 = d.pop("base64")
        base64: str
        try:
            base64 = _as_str(_base64)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            base64 = _drifted("RunStartBodyFilesAdditionalPropertyType0Type1Inline.base64", _base64, mismatch_)

        run_start_body_files_additional_property_type_0_type_1_inline = cls(
            filename=filename,
            mime_type=mime_type,
            base64=base64,
        )
        run_start_body_files_additional_property_type_0_type_1_inline.additional_properties = d
        return run_start_body_files_additional_property_type_0_type_1_inline

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
