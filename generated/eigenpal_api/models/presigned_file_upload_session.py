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
    from ..models.presigned_file_upload_session_headers import (
        PresignedFileUploadSessionHeaders,
    )


T = TypeVar("T", bound="PresignedFileUploadSession")


@_attrs_define
class PresignedFileUploadSession:
    """
    Attributes:
        transport (Literal['presigned-put']):
        upload_id (str):
        file_id (str):
        url (str):
        headers (PresignedFileUploadSessionHeaders):
        expires_at (datetime.datetime):
        max_file_size_bytes (int):
    """

    transport: Literal["presigned-put"]
    upload_id: str
    file_id: str
    url: str
    headers: PresignedFileUploadSessionHeaders
    expires_at: datetime.datetime
    max_file_size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["transport"] = _to_json(self.transport)
        field_dict["uploadId"] = _to_json(self.upload_id)
        field_dict["fileId"] = _to_json(self.file_id)
        field_dict["url"] = _to_json(self.url)
        field_dict["headers"] = _to_json(self.headers)
        field_dict["expiresAt"] = _to_json(self.expires_at)
        field_dict["maxFileSizeBytes"] = _to_json(self.max_file_size_bytes)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.presigned_file_upload_session_headers import (
            PresignedFileUploadSessionHeaders,  # noqa: PLC0415
        )

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("PresignedFileUploadSession", src_dict)
        d = dict(src_dict)
        if "transport" not in d:
            raise _missing("PresignedFileUploadSession.transport")
        if "uploadId" not in d:
            raise _missing("PresignedFileUploadSession.uploadId")
        if "fileId" not in d:
            raise _missing("PresignedFileUploadSession.fileId")
        if "url" not in d:
            raise _missing("PresignedFileUploadSession.url")
        if "headers" not in d:
            raise _missing("PresignedFileUploadSession.headers")
        if "expiresAt" not in d:
            raise _missing("PresignedFileUploadSession.expiresAt")
        if "maxFileSizeBytes" not in d:
            raise _missing("PresignedFileUploadSession.maxFileSizeBytes")
        _transport = d.pop("transport")
        transport: Literal["presigned-put"]
        try:
            transport = _as_const(_transport, "presigned-put")
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            transport = _drifted("PresignedFileUploadSession.transport", _transport, mismatch_)

        _upload_id = d.pop("uploadId")
        upload_id: str
        try:
            upload_id = _as_str(_upload_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            upload_id = _drifted("PresignedFileUploadSession.uploadId", _upload_id, mismatch_)

        _file_id = d.pop("fileId")
        file_id: str
        try:
            file_id = _as_str(_file_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            file_id = _drifted("PresignedFileUploadSession.fileId", _file_id, mismatch_)

        _url = d.pop("url")
        url: str
        try:
            url = _as_str(_url)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            url = _drifted("PresignedFileUploadSession.url", _url, mismatch_)

        _headers = d.pop("headers")
        headers: PresignedFileUploadSessionHeaders
        try:
            headers = PresignedFileUploadSessionHeaders.from_dict(_headers)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            headers = _drifted("PresignedFileUploadSession.headers", _headers, mismatch_)

        _expires_at = d.pop("expiresAt")
        expires_at: datetime.datetime
        try:
            expires_at = _as_datetime(_expires_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            expires_at = _drifted("PresignedFileUploadSession.expiresAt", _expires_at, mismatch_)

        _max_file_size_bytes = d.pop("maxFileSizeBytes")
        max_file_size_bytes: int
        try:
            max_file_size_bytes = _as_int(_max_file_size_bytes)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            max_file_size_bytes = _drifted(
                "PresignedFileUploadSession.maxFileSizeBytes", _max_file_size_bytes, mismatch_
            )

        presigned_file_upload_session = cls(
            transport=transport,
            upload_id=upload_id,
            file_id=file_id,
            url=url,
            headers=headers,
            expires_at=expires_at,
            max_file_size_bytes=max_file_size_bytes,
        )
        presigned_file_upload_session.additional_properties = d
        return presigned_file_upload_session

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
