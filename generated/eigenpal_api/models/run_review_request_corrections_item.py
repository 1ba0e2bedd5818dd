from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_review_request_corrections_item_kind import (
    RunReviewRequestCorrectionsItemKind,
)
from ..types import (
    UNSET,
    Unset,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunReviewRequestCorrectionsItem")


@_attrs_define
class RunReviewRequestCorrectionsItem:
    """
    Attributes:
        kind (RunReviewRequestCorrectionsItemKind):
        path (str):
        id (str | Unset):
        label (None | str | Unset):
        original_value (Any | Unset):
        corrected_value (Any | Unset):
        note (None | str | Unset):
        corrected_artifact_path (None | str | Unset):
    """

    kind: RunReviewRequestCorrectionsItemKind
    path: str
    id: str | Unset = UNSET
    label: None | str | Unset = UNSET
    original_value: Any | Unset = UNSET
    corrected_value: Any | Unset = UNSET
    note: None | str | Unset = UNSET
    corrected_artifact_path: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["kind"] = _to_json(self.kind)
        field_dict["path"] = _to_json(self.path)
        if self.id is not UNSET:
            field_dict["id"] = _to_json(self.id)
        if self.label is not UNSET:
            field_dict["label"] = _to_json(self.label)
        if self.original_value is not UNSET:
            field_dict["originalValue"] = _to_json(self.original_value)
        if self.corrected_value is not UNSET:
            field_dict["correctedValue"] = _to_json(self.corrected_value)
        if self.note is not UNSET:
            field_dict["note"] = _to_json(self.note)
        if self.corrected_artifact_path is not UNSET:
            field_dict["correctedArtifactPath"] = _to_json(self.corrected_artifact_path)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunReviewRequestCorrectionsItem", src_dict)
        d = dict(src_dict)
        if "kind" not in d:
            raise _missing("RunReviewRequestCorrectionsItem.kind")
        if "path" not in d:
            raise _missing("RunReviewRequestCorrectionsItem.path")
        _kind = d.pop("kind")
        kind: RunReviewRequestCorrectionsItemKind
        try:
            kind = RunReviewRequestCorrectionsItemKind(_kind)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            kind = _drifted("RunReviewRequestCorrectionsItem.kind", _kind, mismatch_)

        _path = d.pop("path")
        path: str
        try:
            path = _as_str(_path)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            path = _drifted("RunReviewRequestCorrectionsItem.path", _path, mismatch_)

        _id = d.pop("id", UNSET)
        id: str | Unset
        if _id is UNSET:
            id = UNSET
        else:
            try:
                id = _as_str(_id)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                id = _drifted("RunReviewRequestCorrectionsItem.id", _id, mismatch_)

        _label = d.pop("label", UNSET)
        label: None | str | Unset
        if _label is UNSET:
            label = UNSET
        else:
            try:
                label = None if _label is None else _as_str(_label)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                label = _drifted("RunReviewRequestCorrectionsItem.label", _label, mismatch_)

        _original_value = d.pop("originalValue", UNSET)
        original_value: Any | Unset
        if _original_value is UNSET:
            original_value = UNSET
        else:
            try:
                original_value = _original_value
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                original_value = _drifted("RunReviewRequestCorrectionsItem.originalValue", _original_value, mismatch_)

        _corrected_value = d.pop("correctedValue", UNSET)
        corrected_value: Any | Unset
        if _corrected_value is UNSET:
            corrected_value = UNSET
        else:
            try:
                corrected_value = _corrected_value
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                corrected_value = _drifted(
                    "RunReviewRequestCorrectionsItem.correctedValue", _corrected_value, mismatch_
                )

        _note = d.pop("note", UNSET)
        note: None | str | Unset
        if _note is UNSET:
            note = UNSET
        else:
            try:
                note = None if _note is None else _as_str(_note)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                note = _drifted("RunReviewRequestCorrectionsItem.note", _note, mismatch_)

        _corrected_artifact_path = d.pop("correctedArtifactPath", UNSET)
        corrected_artifact_path: None | str | Unset
        if _corrected_artifact_path is UNSET:
            corrected_artifact_path = UNSET
        else:
            try:
                corrected_artifact_path = (
                    None if _corrected_artifact_path is None else _as_str(_corrected_artifact_path)
                )
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                corrected_artifact_path = _drifted(
                    "RunReviewRequestCorrectionsItem.correctedArtifactPath", _corrected_artifact_path, mismatch_
                )

        run_review_request_corrections_item = cls(
            kind=kind,
            path=path,
            id=id,
            label=label,
            original_value=original_value,
            corrected_value=corrected_value,
            note=note,
            corrected_artifact_path=corrected_artifact_path,
        )
        run_review_request_corrections_item.additional_properties = d
        return run_review_request_corrections_item

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
