from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
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

T = TypeVar("T", bound="PresignedMultipartFileUploadSession")


@_attrs_define
class PresignedMultipartFileUploadSession:
    """
    Attributes:
        transport (Literal['presigned-multipart']):
        upload_id (str):
        file_id (str):
        part_size_bytes (int):
        part_count (int):
        parts_url (str):
        complete_url (str):
        expires_at (datetime.datetime):
        max_file_size_bytes (int):
    """

    transport: Literal["presigned-multipart"]
    upload_id: str
    file_id: str
    part_size_bytes: int
    part_count: int
    parts_url: str
    complete_url: str
    expires_at: datetime.datetime
    max_file_size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["transport"] = _to_json(self.transport)
        field_dict["uploadId"] = _to_json(self.upload_id)
        field_dict["fileId"] = _to_json(self.file_id)
        field_dict["partSizeBytes"] = _to_json(self.part_size_bytes)
        field_dict["partCount"] = _to_json(self.part_count)
        field_dict["partsUrl"] = _to_json(self.parts_url)
        field_dict["completeUrl"] = _to_json(self.complete_url)
        field_dict["expiresAt"] = _to_json(self.expires_at)
        field_dict["maxFileSizeBytes"] = _to_json(self.max_file_size_bytes)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("PresignedMultipartFileUploadSession", src_dict)
        d = dict(src_dict)
        if "transport" not in d:
            raise _missing("PresignedMultipartFileUploadSession.transport")
        if "uploadId" not in d:
            raise _missing("PresignedMultipartFileUploadSession.uploadId")
        if "fileId" not in d:
            raise _missing("PresignedMultipartFileUploadSession.fileId")
        if "partSizeBytes" not in d:
            raise _missing("PresignedMultipartFileUploadSession.partSizeBytes")
        if "partCount" not in d:
            raise _missing("PresignedMultipartFileUploadSession.partCount")
        if "partsUrl" not in d:
            raise _missing("PresignedMultipartFileUploadSession.partsUrl")
        if "completeUrl" not in d:
            raise _missing("PresignedMultipartFileUploadSession.completeUrl")
        if "expiresAt" not in d:
            raise _missing("PresignedMultipartFileUploadSession.expiresAt")
        if "maxFileSizeBytes" not in d:
            raise _missing("PresignedMultipartFileUploadSession.maxFileSizeBytes")
        _transport = d.pop("transport")
        transport: Literal["presigned-multipart"]
        try:
            transport = _as_const(_transport, "presigned-multipart")
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            transport = _drifted("PresignedMultipartFileUploadSession.transport", _transport, mismatch_)

        _upload_id = d.pop("uploadId")
        upload_id: str
        try:
            upload_id = _as_str(_upload_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            upload_id = _drifted("PresignedMultipartFileUploadSession.uploadId", _upload_id, mismatch_)

        _file_id = d.pop("fileId")
        file_id: str
        try:
            file_id = _as_str(_file_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            file_id = _drifted("PresignedMultipartFileUploadSession.fileId", _file_id, mismatch_)

        _part_size_bytes = d.pop("partSizeBytes")
        part_size_bytes: int
        try:
            part_size_bytes = _as_int(_part_size_bytes)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            part_size_bytes = _drifted("PresignedMultipartFileUploadSession.partSizeBytes", _part_size_bytes, mismatch_)

        _part_count = d.pop("partCount")
        part_count: int
        try:
            part_count = _as_int(_part_count)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            part_count = _drifted("PresignedMultipartFileUploadSession.partCount", _part_count, mismatch_)

        _parts_url = d.pop("partsUrl")
        parts_url: str
        try:
            parts_url = _as_str(_parts_url)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            parts_url = _drifted("PresignedMultipartFileUploadSession.partsUrl", _parts_url, mismatch_)

        _complete_url = d.pop("completeUrl")
        complete_url: str
        try:
            complete_url = _as_str(_complete_url)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            complete_url = _drifted("PresignedMultipartFileUploadSession.completeUrl", _complete_url, mismatch_)

        _expires_at = d.pop("expiresAt")
        expires_at: datetime.datetime
        try:
            expires_at = _as_datetime(_expires_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            expires_at = _drifted("PresignedMultipartFileUploadSession.expiresAt", _expires_at, mismatch_)

        _max_file_size_bytes = d.pop("maxFileSizeBytes")
        max_file_size_bytes: int
        try:
            max_file_size_bytes = _as_int(_max_file_size_bytes)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            max_file_size_bytes = _drifted(
                "PresignedMultipartFileUploadSession.maxFileSizeBytes", _max_file_size_bytes, mismatch_
            )

        presigned_multipart_file_upload_session = cls(
            transport=transport,
            upload_id=upload_id,
            file_id=file_id,
            part_size_bytes=part_size_bytes,
            part_count=part_count,
            parts_url=parts_url,
            complete_url=complete_url,
            expires_at=expires_at,
            max_file_size_bytes=max_file_size_bytes,
        )
        presigned_multipart_file_upload_session.additional_properties = d
        return presigned_multipart_file_upload_session

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
