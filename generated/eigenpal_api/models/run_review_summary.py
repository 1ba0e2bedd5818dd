from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_review_summary_status import RunReviewSummaryStatus
from ..models.run_review_summary_verdict_type_0 import RunReviewSummaryVerdictType0
from ..types import (
    _as_bool,
    _as_int,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunReviewSummary")


@_attrs_define
class RunReviewSummary:
    """
    Attributes:
        verdict (None | RunReviewSummaryVerdictType0):
        status (RunReviewSummaryStatus):
        has_note (bool): True when review notes were left.
        correction_count (int): Number of field/file corrections.
    """

    verdict: None | RunReviewSummaryVerdictType0
    status: RunReviewSummaryStatus
    has_note: bool
    correction_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["verdict"] = _to_json(self.verdict)
        field_dict["status"] = _to_json(self.status)
        field_dict["hasNote"] = _to_json(self.has_note)
        field_dict["correctionCount"] = _to_json(self.correction_count)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunReviewSummary", src_dict)
        d = dict(src_dict)
        if "verdict" not in d:
            raise _missing("RunReviewSummary.verdict")
        if "status" not in d:
            raise _missing("RunReviewSummary.status")
        if "hasNote" not in d:
            raise _missing("RunReviewSummary.hasNote")
        if "correctionCount" not in d:
            raise _missing("RunReviewSummary.correctionCount")
        _verdict = d.pop("verdict")
        verdict: None | RunReviewSummaryVerdictType0
        try:
            verdict = None if _verdict is None else RunReviewSummaryVerdictType0(_verdict)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            verdict = _drifted("RunReviewSummary.verdict", _verdict, mismatch_)

        _status = d.pop("status")
        status: RunReviewSummaryStatus
        try:
            status = RunReviewSummaryStatus(_status)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            status = _drifted("RunReviewSummary.status", _status, mismatch_)

        _has_note = d.pop("hasNote")
        has_note: bool
        try:
            has_note = _as_bool(_has_note)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            has_note = _drifted("RunReviewSummary.hasNote", _has_note, mismatch_)

        _correction_count = d.pop("correctionCount")
        correction_count: int
        try:
            correction_count = _as_int(_correction_count)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            correction_count = _drifted("RunReviewSummary.correctionCount", _correction_count, mismatch_)

        run_review_summary = cls(
            verdict=verdict,
            status=status,
            has_note=has_note,
            correction_count=correction_count,
        )
        run_review_summary.additional_properties = d
        return run_review_summary

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
