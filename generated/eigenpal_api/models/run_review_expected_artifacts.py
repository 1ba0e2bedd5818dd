from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_list,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_file import RunFile


T = TypeVar("T", bound="RunReviewExpectedArtifacts")


@_attrs_define
class RunReviewExpectedArtifacts:
    """
    Attributes:
        files (list[RunFile]): Corrected artifact files attached to the run review. Corrected JSON output lives on the
            review object at GET /runs/{id}/reviews.
    """

    files: list[RunFile]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["files"] = _to_json(self.files)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_file import RunFile  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunReviewExpectedArtifacts", src_dict)
        d = dict(src_dict)
        if "files" not in d:
            raise _missing("RunReviewExpectedArtifacts.files")
        _files = d.pop("files")
        files: list[RunFile]
        try:
            files = [RunFile.from_dict(item) for item in _as_list(_files)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            files = _drifted("RunReviewExpectedArtifacts.files", _files, mismatch_)

        run_review_expected_artifacts = cls(
            files=files,
        )
        run_review_expected_artifacts.additional_properties = d
        return run_review_expected_artifacts

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
