from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import (
    UNSET,
    File,
    Unset,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunReviewExpectedFileUploadRequest")


@_attrs_define
class RunReviewExpectedFileUploadRequest:
    """
    Attributes:
        file (File): Corrected artifact file to upload.
        name (str | Unset): Optional stored corrected file name. Defaults to the uploaded filename.
    """

    file: File
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["file"] = _to_json(self.file)
        if self.name is not UNSET:
            field_dict["name"] = _to_json(self.name)
        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []
        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.name, Unset):
            files.append(("name", (None, str(self.name).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunReviewExpectedFileUploadRequest", src_dict)
        d = dict(src_dict)
        if "file" not in d:
            raise _missing("RunReviewExpectedFileUploadRequest.file")
        _file = d.pop("file")
        file: File
        try:
            file = _file
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            file = _drifted("RunReviewExpectedFileUploadRequest.file", _file, mismatch_)

        _name = d.pop("name", UNSET)
        name: str | Unset
        if _name is UNSET:
            name = UNSET
        else:
            try:
                name = _as_str(_name)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                name = _drifted("RunReviewExpectedFileUploadRequest.name", _name, mismatch_)

        run_review_expected_file_upload_request = cls(
            file=file,
            name=name,
        )
        run_review_expected_file_upload_request.additional_properties = d
        return run_review_expected_file_upload_request

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
