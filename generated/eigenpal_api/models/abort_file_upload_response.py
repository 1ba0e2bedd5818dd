from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_bool,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="AbortFileUploadResponse")


@_attrs_define
class AbortFileUploadResponse:
    """
    Attributes:
        aborted (bool):
    """

    aborted: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["aborted"] = _to_json(self.aborted)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("AbortFileUploadResponse", src_dict)
        d = dict(src_dict)
        if "aborted" not in d:
            raise _missing("AbortFileUploadResponse.aborted")
        _aborted = d.pop("aborted")
        aborted: bool
        try:
            aborted = _as_bool(_aborted)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            aborted = _drifted("AbortFileUploadResponse.aborted", _aborted, mismatch_)

        abort_file_upload_response = cls(
            aborted=aborted,
        )
        abort_file_upload_response.additional_properties = d
        return abort_file_upload_response

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
