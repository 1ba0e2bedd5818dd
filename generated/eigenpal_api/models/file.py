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
    _union,
)

T = TypeVar("T", bound="File")


@_attrs_define
class File:
    """
    Attributes:
        id (str):
        filename (str):
        content_type (None | str):
        size (int | None):
        created_at (str):
        purpose (None | str): Optional lifecycle marker. `run-input` marks a retry-safe temporary run pre-upload reaped
            after 24 hours. `builder-attachment` marks a Studio builder intermediary (any MIME) with the same TTL.
            Omitted/null means a durable reusable file.
    """

    id: str
    filename: str
    content_type: None | str
    size: int | None
    created_at: str
    purpose: None | str = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["filename"] = _to_json(self.filename)
        field_dict["contentType"] = _to_json(self.content_type)
        field_dict["size"] = _to_json(self.size)
        field_dict["createdAt"] = _to_json(self.created_at)
        if self.purpose is not None:
            field_dict["purpose"] = _to_json(self.purpose)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("File", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("File.id")
        if "filename" not in d:
            raise _missing("File.filename")
        if "contentType" not in d:
            raise _missing("File.contentType")
        if "size" not in d:
            raise _missing("File.size")
        if "createdAt" not in d:
            raise _missing("File.createdAt")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("File.id", _id, mismatch_)

        _filename = d.pop("filename")
        filename: str
        try:
            filename = _as_str(_filename)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            filename = _drifted("File.filename", _filename, mismatch_)

        _content_type = d.pop("contentType")
        content_type: None | str
        try:
            content_type = None if _content_type is None else _as_str(_content_type)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            content_type = _drifted("File.contentType", _content_type, mismatch_)

        _size = d.pop("size")
        size: int | None
        try:
            size = None if _size is None else _as_int(_size)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            size = _drifted("File.size", _size, mismatch_)

        _created_at = d.pop("createdAt")
        created_at: str
        try:
            created_at = _union(_created_at, (lambda value: _as_str(value),))
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            created_at = _drifted("File.createdAt", _created_at, mismatch_)

        _purpose = d.pop("purpose", None)
        purpose: None | str
        if _purpose is None:
            purpose = None
        else:
            try:
                purpose = None if _purpose is None else _as_str(_purpose)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                purpose = _drifted("File.purpose", _purpose, mismatch_)

        file = cls(
            id=id,
            filename=filename,
            content_type=content_type,
            size=size,
            created_at=created_at,
            purpose=purpose,
        )
        file.additional_properties = d
        return file

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
