from __future__ import annotations

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
    _as_int,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="MultipartFileUploadFallback")


@_attrs_define
class MultipartFileUploadFallback:
    """
    Attributes:
        transport (Literal['multipart']):
        url (str):
        max_file_size_bytes (int):
    """

    transport: Literal["multipart"]
    url: str
    max_file_size_bytes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["transport"] = _to_json(self.transport)
        field_dict["url"] = _to_json(self.url)
        field_dict["maxFileSizeBytes"] = _to_json(self.max_file_size_bytes)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("MultipartFileUploadFallback", src_dict)
        d = dict(src_dict)
        if "transport" not in d:
            raise _missing("MultipartFileUploadFallback.transport")
        if "url" not in d:
            raise _missing("MultipartFileUploadFallback.url")
        if "maxFileSizeBytes" not in d:
            raise _missing("MultipartFileUploadFallback.maxFileSizeBytes")
        _transport = d.pop("transport")
        transport: Literal["multipart"]
        try:
            transport = _as_const(_transport, "multipart")
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            transport = _drifted("MultipartFileUploadFallback.transport", _transport, mismatch_)

        _url = d.pop("url")
        url: str
        try:
            url = _as_str(_url)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            url = _drifted("MultipartFileUploadFallback.url", _url, mismatch_)

        _max_file_size_bytes = d.pop("maxFileSizeBytes")
        max_file_size_bytes: int
        try:
            max_file_size_bytes = _as_int(_max_file_size_bytes)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            max_file_size_bytes = _drifted(
                "MultipartFileUploadFallback.maxFileSizeBytes", _max_file_size_bytes, mismatch_
            )

        multipart_file_upload_fallback = cls(
            transport=transport,
            url=url,
            max_file_size_bytes=max_file_size_bytes,
        )
        multipart_file_upload_fallback.additional_properties = d
        return multipart_file_upload_fallback

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
