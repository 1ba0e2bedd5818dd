from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_file_upload_session_request_purpose import (
    CreateFileUploadSessionRequestPurpose,
)
from ..types import (
    UNSET,
    Unset,
    _as_int,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="CreateFileUploadSessionRequest")


@_attrs_define
class CreateFileUploadSessionRequest:
    """
    Attributes:
        filename (str):
        content_type (str):
        size (int):
        purpose (CreateFileUploadSessionRequestPurpose | Unset):
        idempotency_key (str | Unset):
    """

    filename: str
    content_type: str
    size: int
    purpose: CreateFileUploadSessionRequestPurpose | Unset = UNSET
    idempotency_key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["filename"] = _to_json(self.filename)
        field_dict["contentType"] = _to_json(self.content_type)
        field_dict["size"] = _to_json(self.size)
        if self.purpose is not UNSET:
            field_dict["purpose"] = _to_json(self.purpose)
        if self.idempotency_key is not UNSET:
            field_dict["idempotencyKey"] = _to_json(self.idempotency_key)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("CreateFileUploadSessionRequest", src_dict)
        d = dict(src_dict)
        if "filename" not in d:
            raise _missing("CreateFileUploadSessionRequest.filename")
        if "contentType" not in d:
            raise _missing("CreateFileUploadSessionRequest.contentType")
        if "size" not in d:
            raise _missing("CreateFileUploadSessionRequest.size")
        _filename = d.pop("filename")
        filename: str
        try:
            filename = _as_str(_filename)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            filename = _drifted("CreateFileUploadSessionRequest.filename", _filename, mismatch_)

        _content_type = d.pop("contentType")
        content_type: str
        try:
            content_type = _as_str(_content_type)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            content_type = _drifted("CreateFileUploadSessionRequest.contentType", _content_type, mismatch_)

        _size = d.pop("size")
        size: int
        try:
            size = _as_int(_size)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            size = _drifted("CreateFileUploadSessionRequest.size", _size, mismatch_)

        _purpose = d.pop("purpose", UNSET)
        purpose: CreateFileUploadSessionRequestPurpose | Unset
        if _purpose is UNSET:
            purpose = UNSET
        else:
            try:
                purpose = CreateFileUploadSessionRequestPurpose(_purpose)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                purpose = _drifted("CreateFileUploadSessionRequest.purpose", _purpose, mismatch_)

        _idempotency_key = d.pop("idempotencyKey", UNSET)
        idempotency_key: str | Unset
        if _idempotency_key is UNSET:
            idempotency_key = UNSET
        else:
            try:
                idempotency_key = _as_str(_idempotency_key)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                idempotency_key = _drifted("CreateFileUploadSessionRequest.idempotencyKey", _idempotency_key, mismatch_)

        create_file_upload_session_request = cls(
            filename=filename,
            content_type=content_type,
            size=size,
            purpose=purpose,
            idempotency_key=idempotency_key,
        )
        create_file_upload_session_request.additional_properties = d
        return create_file_upload_session_request

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
