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
    _as_list,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.list_file_upload_parts_response_parts_item import (
        ListFileUploadPartsResponsePartsItem,
    )


T = TypeVar("T", bound="ListFileUploadPartsResponse")


@_attrs_define
class ListFileUploadPartsResponse:
    """
    Attributes:
        transport (Literal['presigned-multipart']):
        upload_id (str):
        file_id (str):
        part_size_bytes (int):
        part_count (int):
        expires_at (datetime.datetime):
        parts (list[ListFileUploadPartsResponsePartsItem]):
    """

    transport: Literal["presigned-multipart"]
    upload_id: str
    file_id: str
    part_size_bytes: int
    part_count: int
    expires_at: datetime.datetime
    parts: list[ListFileUploadPartsResponsePartsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["transport"] = _to_json(self.transport)
        field_dict["uploadId"] = _to_json(self.upload_id)
        field_dict["fileId"] = _to_json(self.file_id)
        field_dict["partSizeBytes"] = _to_json(self.part_size_bytes)
        field_dict["partCount"] = _to_json(self.part_count)
        field_dict["expiresAt"] = _to_json(self.expires_at)
        field_dict["parts"] = _to_json(self.parts)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.list_file_upload_parts_response_parts_item import (
            ListFileUploadPartsResponsePartsItem,  # noqa: PLC0415
        )

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("ListFileUploadPartsResponse", src_dict)
        d = dict(src_dict)
        if "transport" not in d:
            raise _missing("ListFileUploadPartsResponse.transport")
        if "uploadId" not in d:
            raise _missing("ListFileUploadPartsResponse.uploadId")
        if "fileId" not in d:
            raise _missing("ListFileUploadPartsResponse.fileId")
        if "partSizeBytes" not in d:
            raise _missing("ListFileUploadPartsResponse.partSizeBytes")
        if "partCount" not in d:
            raise _missing("ListFileUploadPartsResponse.partCount")
        if "expiresAt" not in d:
            raise _missing("ListFileUploadPartsResponse.expiresAt")
        if "parts" not in d:
            raise _missing("ListFileUploadPartsResponse.parts")
        _transport = d.pop("transport")
        transport: Literal["presigned-multipart"]
        try:
            transport = _as_const(_transport, "presigned-multipart")
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            transport = _drifted("ListFileUploadPartsResponse.transport", _transport, mismatch_)

        _upload_id = d.pop("uploadId")
        upload_id: str
        try:
            upload_id = _as_str(_upload_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            upload_id = _drifted("ListFileUploadPartsResponse.uploadId", _upload_id, mismatch_)

        _file_id = d.pop("fileId")
        file_id: str
        try:
            file_id = _as_str(_file_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            file_id = _drifted("ListFileUploadPartsResponse.fileId", _file_id, mismatch_)

        _part_size_bytes = d.pop("partSizeBytes")
        part_size_bytes: int
        try:
            part_size_bytes = _as_int(_part_size_bytes)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            part_size_bytes = _drifted("ListFileUploadPartsResponse.partSizeBytes", _part_size_bytes, mismatch_)

        _part_count = d.pop("partCount")
        part_count: int
        try:
            part_count = _as_int(_part_count)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            part_count = _drifted("ListFileUploadPartsResponse.partCount", _part_count, mismatch_)

        _expires_at = d.pop("expiresAt")
        expires_at: datetime.datetime
        try:
            expires_at = _as_datetime(_expires_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            expires_at = _drifted("ListFileUploadPartsResponse.expiresAt", _expires_at, mismatch_)

        _parts = d.pop("parts")
        parts: list[ListFileUploadPartsResponsePartsItem]
        try:
            parts = [ListFileUploadPartsResponsePartsItem.from_dict(item) for item in _as_list(_parts)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            parts = _drifted("ListFileUploadPartsResponse.parts", _parts, mismatch_)

        list_file_upload_parts_response = cls(
            transport=transport,
            upload_id=upload_id,
            file_id=file_id,
            part_size_bytes=part_size_bytes,
            part_count=part_count,
            expires_at=expires_at,
            parts=parts,
        )
        list_file_upload_parts_response.additional_properties = d
        return list_file_upload_parts_response

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
