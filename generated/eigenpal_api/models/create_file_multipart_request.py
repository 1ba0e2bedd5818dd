from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.create_file_multipart_request_purpose import (
    CreateFileMultipartRequestPurpose,
)
from ..types import (
    UNSET,
    File,
    Unset,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="CreateFileMultipartRequest")


@_attrs_define
class CreateFileMultipartRequest:
    """
    Attributes:
        file (File): Binary file field
        purpose (CreateFileMultipartRequestPurpose | Unset): Optional lifecycle marker. `run-input` marks a retry-safe
            temporary run pre-upload reaped after 24 hours. `builder-attachment` marks a Studio builder intermediary (any
            MIME) with the same TTL.
    """

    file: File
    purpose: CreateFileMultipartRequestPurpose | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["file"] = _to_json(self.file)
        if self.purpose is not UNSET:
            field_dict["purpose"] = _to_json(self.purpose)
        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []
        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.purpose, Unset):
            files.append(("purpose", (None, str(self.purpose.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("CreateFileMultipartRequest", src_dict)
        d = dict(src_dict)
        if "file" not in d:
            raise _missing("CreateFileMultipartRequest.file")
        _file = d.pop("file")
        file: File
        try:
            file = _file
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            file = _drifted("CreateFileMultipartRequest.file", _file, mismatch_)

        _purpose = d.pop("purpose", UNSET)
        purpose: CreateFileMultipartRequestPurpose | Unset
        if _purpose is UNSET:
            purpose = UNSET
        else:
            try:
                purpose = CreateFileMultipartRequestPurpose(_purpose)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                purpose = _drifted("CreateFileMultipartRequest.purpose", _purpose, mismatch_)

        create_file_multipart_request = cls(
            file=file,
            purpose=purpose,
        )
        create_file_multipart_request.additional_properties = d
        return create_file_multipart_request

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
