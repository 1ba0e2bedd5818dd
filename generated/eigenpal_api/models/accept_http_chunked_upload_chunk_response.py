from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_bool,
    _as_int,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="AcceptHttpChunkedUploadChunkResponse")


@_attrs_define
class AcceptHttpChunkedUploadChunkResponse:
    """
    Attributes:
        accepted (bool):
        chunk_index (int):
        size (int):
    """

    accepted: bool
    chunk_index: int
    size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["accepted"] = _to_json(self.accepted)
        field_dict["chunkIndex"] = _to_json(self.chunk_index)
        field_dict["size"] = _to_json(self.size)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("AcceptHttpChunkedUploadChunkResponse", src_dict)
        d = dict(src_dict)
        if "accepted" not in d:
            raise _missing("AcceptHttpChunkedUploadChunkResponse.accepted")
        if "chunkIndex" not in d:
            raise _missing("AcceptHttpChunkedUploadChunkResponse.chunkIndex")
        if "size" not in d:
            raise _missing("AcceptHttpChunkedUploadChunkResponse.size")
        _accepted = d.pop("accepted")
        accepted: bool
        try:
            accepted = _as_bool(_accepted)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            accepted = _drifted("AcceptHttpChunkedUploadChunkResponse.accepted", _accepted, mismatch_)

        _chunk_index = d.pop("chunkIndex")
        chunk_index: int
        try:
            chunk_index = _as_int(_chunk_index)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            chunk_index = _drifted("AcceptHttpChunkedUploadChunkResponse.chunkIndex", _chunk_index, mismatch_)

        _size = d.pop("size")
        size: int
        try:
            size = _as_int(_size)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            size = _drifted("AcceptHttpChunkedUploadChunkResponse.size", _size, mismatch_)

        accept_http_chunked_upload_chunk_response = cls(
            accepted=accepted,
            chunk_index=chunk_index,
            size=size,
        )
        accept_http_chunked_upload_chunk_response.additional_properties = d
        return accept_http_chunked_upload_chunk_response

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
