from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_const,
    _as_datetime,
    _as_int,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.presign_file_upload_part_response_headers import (
        PresignFileUploadPartResponseHeaders,
    )


T = TypeVar("T", bound="PresignFileUploadPartResponse")


@_attrs_define
class PresignFileUploadPartResponse:
    """
    Attributes:
        transport (Literal['presigned-multipart']):
        part_number (int):
        url (str):
        headers (PresignFileUploadPartResponseHeaders):
        expires_at (datetime.datetime):
        part_size_bytes (int):
    """

    transport: Literal["presigned-multipart"]
    part_number: int
    url: str
    headers: PresignFileUploadPartResponseHeaders
    expires_at: datetime.datetime
    part_size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["transport"] = _to_json(self.transport)
        field_dict["partNumber"] = _to_json(self.part_number)
        field_dict["url"] = _to_json(self.url)
        field_dict["headers"] = _to_json(self.headers)
        field_dict["expiresAt"] = _to_json(self.expires_at)
        field_dict["partSizeBytes"] = _to_json(self.part_size_bytes)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.presign_file_upload_part_response_headers import (
            PresignFileUploadPartResponseHeaders,  # noqa: PLC0415
        )

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("PresignFileUploadPartResponse", src_dict)
        d = dict(src_dict)
        if "transport" not in d:
            raise _missing("PresignFileUploadPartResponse.transport")
        if "partNumber" not in d:
            raise _missing("PresignFileUploadPartResponse.partNumber")
        if "url" not in d:
            raise _missing("PresignFileUploadPartResponse.url")
        if "headers" not in d:
            raise _missing("PresignFileUploadPartResponse.headers")
        if "expiresAt" not in d:
            raise _missing("PresignFileUploadPartResponse.expiresAt")
        if "partSizeBytes" not in d:
            raise _missing("PresignFileUploadPartResponse.partSizeBytes")
        _transport = d.pop("transport")
        transport: Literal["presigned-multipart"]
        try:
            transport = _as_const(_transport, "presigned-multipart")
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            transport = _drifted("PresignFileUploadPartResponse.transport", _transport, mismatch_)

        _part_number = d.pop("partNumber")
        part_number: int
        try:
            part_number = _as_int(_part_number)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            part_number = _drifted("PresignFileUploadPartResponse.partNumber", _part_number, mismatch_)

        _url = d.pop("url")
        url: str
        try:
            url = _as_str(_url)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            url = _drifted("PresignFileUploadPartResponse.url", _url, mismatch_)

        _headers = d.pop("headers")
        headers: PresignFileUploadPartResponseHeaders
        try:
            headers = PresignFileUploadPartResponseHeaders.from_dict(_headers)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            headers = _drifted("PresignFileUploadPartResponse.headers", _headers, mismatch_)

        _expires_at = d.pop("expiresAt")
        expires_at: datetime.datetime
        try:
            expires_at = _as_datetime(_expires_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            expires_at = _drifted("PresignFileUploadPartResponse.expiresAt", _expires_at, mismatch_)

        _part_size_bytes = d.pop("partSizeBytes")
        part_size_bytes: int
        try:
            part_size_bytes = _as_int(_part_size_bytes)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            part_size_bytes = _drifted("PresignFileUploadPartResponse.partSizeBytes", _part_size_bytes, mismatch_)

        presign_file_upload_part_response = cls(
            transport=transport,
            part_number=part_number,
            url=url,
            headers=headers,
            expires_at=expires_at,
            part_size_bytes=part_size_bytes,
        )
        presign_file_upload_part_response.additional_properties = d
        return presign_file_upload_part_response

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
