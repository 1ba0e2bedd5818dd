from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_human_review_summary_source_kind import (
    RunHumanReviewSummarySourceKind,
)
from ..types import (
    _as_const,
    _as_int,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunHumanReviewSummary")


@_attrs_define
class RunHumanReviewSummary:
    """
    Attributes:
        task_id (str):
        source_kind (RunHumanReviewSummarySourceKind):
        source_label (str):
        status (Literal['pending']):
        required_count (int):
        confirmed_count (int):
        version (int):
    """

    task_id: str
    source_kind: RunHumanReviewSummarySourceKind
    source_label: str
    status: Literal["pending"]
    required_count: int
    confirmed_count: int
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["taskId"] = _to_json(self.task_id)
        field_dict["sourceKind"] = _to_json(self.source_kind)
        field_dict["sourceLabel"] = _to_json(self.source_label)
        field_dict["status"] = _to_json(self.status)
        field_dict["requiredCount"] = _to_json(self.required_count)
        field_dict["confirmedCount"] = _to_json(self.confirmed_count)
        field_dict["version"] = _to_json(self.version)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunHumanReviewSummary", src_dict)
        d = dict(src_dict)
        if "taskId" not in d:
            raise _missing("RunHumanReviewSummary.taskId")
        if "sourceKind" not in d:
            raise _missing("RunHumanReviewSummary.sourceKind")
        if "sourceLabel" not in d:
            raise _missing("RunHumanReviewSummary.sourceLabel")
        if "status" not in d:
            raise _missing("RunHumanReviewSummary.status")
        if "requiredCount" not in d:
            raise _missing("RunHumanReviewSummary.requiredCount")
        if "confirmedCount" not in d:
            raise _missing("RunHumanReviewSummary.confirmedCount")
        if "version" not in d:
            raise _missing("RunHumanReviewSummary.version")
        _task_id = d.pop("taskId")
        task_id: str
        try:
            task_id = _as_str(_task_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            task_id = _drifted("RunHumanReviewSummary.taskId", _task_id, mismatch_)

        _source_kind = d.pop("sourceKind")
        source_kind: RunHumanReviewSummarySourceKind
        try:
            source_kind = RunHumanReviewSummarySourceKind(_source_kind)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            source_kind = _drifted("RunHumanReviewSummary.sourceKind", _source_kind, mismatch_)

        _source_label = d.pop("sourceLabel")
        source_label: str
        try:
            source_label = _as_str(_source_label)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            source_label = _drifted("RunHumanReviewSummary.sourceLabel", _source_label, mismatch_)

        _status = d.pop("status")
        status: Literal["pending"]
        try:
            status = _as_const(_status, "pending")
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            status = _drifted("RunHumanReviewSummary.status", _status, mismatch_)

        _required_count = d.pop("requiredCount")
        required_count: int
        try:
            required_count = _as_int(_required_count)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            required_count = _drifted("RunHumanReviewSummary.requiredCount", _required_count, mismatch_)

        _confirmed_count = d.pop("confirmedCount")
        confirmed_count: int
        try:
            confirmed_count = _as_int(_confirmed_count)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            confirmed_count = _drifted("RunHumanReviewSummary.confirmedCount", _confirmed_count, mismatch_)

        _version = d.pop("version")
        version: int
        try:
            version = _as_int(_version)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            version = _drifted("RunHumanReviewSummary.version", _version, mismatch_)

        run_human_review_summary = cls(
            task_id=task_id,
            source_kind=source_kind,
            source_label=source_label,
            status=status,
            required_count=required_count,
            confirmed_count=confirmed_count,
            version=version,
        )
        run_human_review_summary.additional_properties = d
        return run_human_review_summary

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
