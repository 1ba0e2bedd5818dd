from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_review_correction_kind import RunReviewCorrectionKind
from ..types import (
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunReviewCorrection")


@_attrs_define
class RunReviewCorrection:
    """
    Attributes:
        id (str):
        kind (RunReviewCorrectionKind):
        path (str): JSON Pointer for field corrections, or canonical artifact path for file reviews.
        label (None | str):
        note (str):
        created_at (str):
        updated_at (str):
        original_value (Any | None):
        corrected_value (Any | None):
        corrected_artifact_path (None | str):
    """

    id: str
    kind: RunReviewCorrectionKind
    path: str
    label: None | str
    note: str
    created_at: str
    updated_at: str
    original_value: Any | None = None
    corrected_value: Any | None = None
    corrected_artifact_path: None | str = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["kind"] = _to_json(self.kind)
        field_dict["path"] = _to_json(self.path)
        field_dict["label"] = _to_json(self.label)
        field_dict["note"] = _to_json(self.note)
        field_dict["createdAt"] = _to_json(self.created_at)
        field_dict["updatedAt"] = _to_json(self.updated_at)
        if self.original_value is not None:
            field_dict["originalValue"] = _to_json(self.original_value)
        if self.corrected_value is not None:
            field_dict["correctedValue"] = _to_json(self.corrected_value)
        if self.corrected_artifact_path is not None:
            field_dict["correctedArtifactPath"] = _to_json(self.corrected_artifact_path)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunReviewCorrection", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("RunReviewCorrection.id")
        if "kind" not in d:
            raise _missing("RunReviewCorrection.kind")
        if "path" not in d:
            raise _missing("RunReviewCorrection.path")
        if "label" not in d:
            raise _missing("RunReviewCorrection.label")
        if "note" not in d:
            raise _missing("RunReviewCorrection.note")
        if "createdAt" not in d:
            raise _missing("RunReviewCorrection.createdAt")
        if "updatedAt" not in d:
            raise _missing("RunReviewCorrection.updatedAt")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("RunReviewCorrection.id", _id, mismatch_)

        _kind = d.pop("kind")
        kind: RunReviewCorrectionKind
        try:
            kind = RunReviewCorrectionKind(_kind)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            kind = _drifted("RunReviewCorrection.kind", _kind, mismatch_)

        _path = d.pop("path")
        path: str
        try:
            path = _as_str(_path)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            path = _drifted("RunReviewCorrection.path", _path, mismatch_)

        _label = d.pop("label")
        label: None | str
        try:
            label = None if _label is None else _as_str(_label)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            label = _drifted("RunReviewCorrection.label", _label, mismatch_)

        _note = d.pop("note")
        note: str
        try:
            note = _as_str(_note)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            note = _drifted("RunReviewCorrection.note", _note, mismatch_)

        _created_at = d.pop("createdAt")
        created_at: str
        try:
            created_at = _as_str(_created_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            created_at = _drifted("RunReviewCorrection.createdAt", _created_at, mismatch_)

        _updated_at = d.pop("updatedAt")
        updated_at: str
        try:
            updated_at = _as_str(_updated_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            updated_at = _drifted("RunReviewCorrection.updatedAt", _updated_at, mismatch_)

        _original_value = d.pop("originalValue", None)
        original_value: Any | None
        if _original_value is None:
            original_value = None
        else:
            try:
                original_value = None if _original_value is None else _original_value
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                original_value = _drifted("RunReviewCorrection.originalValue", _original_value, mismatch_)

        _corrected_value = d.pop("correctedValue", None)
        corrected_value: Any | None
        if _corrected_value is None:
            corrected_value = None
        else:
            try:
                corrected_value = None if _corrected_value is None else _corrected_value
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                corrected_value = _drifted("RunReviewCorrection.correctedValue", _corrected_value, mismatch_)

        _corrected_artifact_path = d.pop("correctedArtifactPath", None)
        corrected_artifact_path: None | str
        if _corrected_artifact_path is None:
            corrected_artifact_path = None
        else:
            try:
                corrected_artifact_path = (
                    None if _corrected_artifact_path is None else _as_str(_corrected_artifact_path)
                )
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                corrected_artifact_path = _drifted(
                    "RunReviewCorrection.correctedArtifactPath", _corrected_artifact_path, mismatch_
                )

        run_review_correction = cls(
            id=id,
            kind=kind,
            path=path,
            label=label,
            note=note,
            created_at=created_at,
            updated_at=updated_at,
            original_value=original_value,
            corrected_value=corrected_value,
            corrected_artifact_path=corrected_artifact_path,
        )
        run_review_correction.additional_properties = d
        return run_review_correction

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
