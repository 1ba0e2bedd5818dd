from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.file_upload_session_transport import FileUploadSessionTransport
from ..types import (
    _as_datetime,
    _as_int,
    _as_list,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.file_upload_session_parts_item import FileUploadSessionPartsItem


T = TypeVar("T", bound="FileUploadSession")


@_attrs_define
class FileUploadSession:
    """
    Attributes:
        upload_id (str):
        file_id (str):
        transport (FileUploadSessionTransport):
        status (str):
        expires_at (datetime.datetime):
        part_size_bytes (int | None):
        part_count (int | None):
        chunk_size_bytes (int | None):
        chunk_count (int | None):
        parts (list[FileUploadSessionPartsItem] | None):
    """

    upload_id: str
    file_id: str
    transport: FileUploadSessionTransport
    status: str
    expires_at: datetime.datetime
    part_size_bytes: int | None = None
    part_count: int | None = None
    chunk_size_bytes: int | None = None
    chunk_count: int | None = None
    parts: list[FileUploadSessionPartsItem] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["uploadId"] = _to_json(self.upload_id)
        field_dict["fileId"] = _to_json(self.file_id)
        field_dict["transport"] = _to_json(self.transport)
        field_dict["status"] = _to_json(self.status)
        field_dict["expiresAt"] = _to_json(self.expires_at)
        if self.part_size_bytes is not None:
            field_dict["partSizeBytes"] = _to_json(self.part_size_bytes)
        if self.part_count is not None:
            field_dict["partCount"] = _to_json(self.part_count)
        if self.chunk_size_bytes is not None:
            field_dict["chunkSizeBytes"] = _to_json(self.chunk_size_bytes)
        if self.chunk_count is not None:
            field_dict["chunkCount"] = _to_json(self.chunk_count)
        if self.parts is not None:
            field_dict["parts"] = _to_json(self.parts)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.file_upload_session_parts_item import FileUploadSessionPartsItem  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("FileUploadSession", src_dict)
        d = dict(src_dict)
        if "uploadId" not in d:
            raise _missing("FileUploadSession.uploadId")
        if "fileId" not in d:
            raise _missing("FileUploadSession.fileId")
        if "transport" not in d:
            raise _missing("FileUploadSession.transport")
        if "status" not in d:
            raise _missing("FileUploadSession.status")
        if "expiresAt" not in d:
            raise _missing("FileUploadSession.expiresAt")
        _upload_id = d.pop("uploadId")
        upload_id: str
        try:
            upload_id = _as_str(_upload_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            upload_id = _drifted("FileUploadSession.uploadId", _upload_id, mismatch_)

        _file_id = d.pop("fileId")
        file_id: str
        try:
            file_id = _as_str(_file_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            file_id = _drifted("FileUploadSession.fileId", _file_id, mismatch_)

        _transport = d.pop("transport")
        transport: FileUploadSessionTransport
        try:
            transport = FileUploadSessionTransport(_transport)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            transport = _drifted("FileUploadSession.transport", _transport, mismatch_)

        _status = d.pop("status")
        status: str
        try:
            status = _as_str(_status)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            status = _drifted("FileUploadSession.status", _status, mismatch_)

        _expires_at = d.pop("expiresAt")
        expires_at: datetime.datetime
        try:
            expires_at = _as_datetime(_expires_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            expires_at = _drifted("FileUploadSession.expiresAt", _expires_at, mismatch_)

        _part_size_bytes = d.pop("partSizeBytes", None)
        part_size_bytes: int | None
        if _part_size_bytes is None:
            part_size_bytes = None
        else:
            try:
                part_size_bytes = None if _part_size_bytes is None else _as_int(_part_size_bytes)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                part_size_bytes = _drifted("FileUploadSession.partSizeBytes", _part_size_bytes, mismatch_)

        _part_count = d.pop("partCount", None)
        part_count: int | None
        if _part_count is None:
            part_count = None
        else:
            try:
                part_count = None if _part_count is None else _as_int(_part_count)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                part_count = _drifted("FileUploadSession.partCount", _part_count, mismatch_)

        _chunk_size_bytes = d.pop("chunkSizeBytes", None)
        chunk_size_bytes: int | None
        if _chunk_size_bytes is None:
            chunk_size_bytes = None
        else:
            try:
                chunk_size_bytes = None if _chunk_size_bytes is None else _as_int(_chunk_size_bytes)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                chunk_size_bytes = _drifted("FileUploadSession.chunkSizeBytes", _chunk_size_bytes, mismatch_)

        _chunk_count = d.pop("chunkCount", None)
        chunk_count: int | None
        if _chunk_count is None:
            chunk_count = None
        else:
            try:
                chunk_count = None if _chunk_count is None else _as_int(_chunk_count)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                chunk_count = _drifted("FileUploadSession.chunkCount", _chunk_count, mismatch_)

        _parts = d.pop("parts", None)
        parts: list[FileUploadSessionPartsItem] | None
        if _parts is None:
            parts = None
        else:
            try:
                parts = [FileUploadSessionPartsItem.from_dict(item) for item in _as_list(_parts)]
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                parts = _drifted("FileUploadSession.parts", _parts, mismatch_)

        file_upload_session = cls(
            upload_id=upload_id,
            file_id=file_id,
            transport=transport,
            status=status,
            expires_at=expires_at,
            part_size_bytes=part_size_bytes,
            part_count=part_count,
            chunk_size_bytes=chunk_size_bytes,
            chunk_count=chunk_count,
            parts=parts,
        )
        file_upload_session.additional_properties = d
        return file_upload_session

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
