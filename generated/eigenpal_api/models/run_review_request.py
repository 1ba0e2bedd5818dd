from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_review_request_status import RunReviewRequestStatus
from ..models.run_review_request_verdict_type_0 import RunReviewRequestVerdictType0
from ..types import (
    UNSET,
    Unset,
    _as_list,
    _as_str,
    _drifted,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_review_request_corrections_item import (
        RunReviewRequestCorrectionsItem,
    )


T = TypeVar("T", bound="RunReviewRequest")


@_attrs_define
class RunReviewRequest:
    """Create or replace review metadata for a run. Attribution fields (`reviewedBy`, `closedBy`, and their emails) are
    read-only and populated from the authenticated user or API key creator.

    Attributes:
        verdict (None | RunReviewRequestVerdictType0 | Unset): Reviewer verdict. Omit or send null for feedback without
            a ranking (nit). Defaults are applied client-side only; any verdict/status combination is accepted.
        status (RunReviewRequestStatus | Unset): Review lifecycle. Defaults from verdict (`correct` → `closed`,
            otherwise `open`). Use `closed` or `wont_fix` to close an open review.
        note (None | str | Unset): Reviewer note.
        corrected_output (Any | None | Unset): Corrected JSON output for this run. Send `null` to clear a previously
            stored correction.
        corrections (list[RunReviewRequestCorrectionsItem] | Unset): Field and file corrections. When present, replaces
            the entire correction set for this review. Omit to leave existing corrections unchanged.
    """

    verdict: None | RunReviewRequestVerdictType0 | Unset = UNSET
    status: RunReviewRequestStatus | Unset = UNSET
    note: None | str | Unset = UNSET
    corrected_output: Any | None | Unset = UNSET
    corrections: list[RunReviewRequestCorrectionsItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        if self.verdict is not UNSET:
            field_dict["verdict"] = _to_json(self.verdict)
        if self.status is not UNSET:
            field_dict["status"] = _to_json(self.status)
        if self.note is not UNSET:
            field_dict["note"] = _to_json(self.note)
        if self.corrected_output is not UNSET:
            field_dict["correctedOutput"] = _to_json(self.corrected_output)
        if self.corrections is not UNSET:
            field_dict["corrections"] = _to_json(self.corrections)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_review_request_corrections_item import (
            RunReviewRequestCorrectionsItem,  # noqa: PLC0415
        )

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunReviewRequest", src_dict)
        d = dict(src_dict)
        _verdict = d.pop("verdict", UNSET)
        verdict: None | RunReviewRequestVerdictType0 | Unset
        if _verdict is UNSET:
            verdict = UNSET
        else:
            try:
                verdict = None if _verdict is None else RunReviewRequestVerdictType0(_verdict)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                verdict = _drifted("RunReviewRequest.verdict", _verdict, mismatch_)

        _status = d.pop("status", UNSET)
        status: RunReviewRequestStatus | Unset
        if _status is UNSET:
            status = UNSET
        else:
            try:
                status = RunReviewRequestStatus(_status)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                status = _drifted("RunReviewRequest.status", _status, mismatch_)

        _note = d.pop("note", UNSET)
        note: None | str | Unset
        if _note is UNSET:
            note = UNSET
        else:
            try:
                note = None if _note is None else _as_str(_note)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                note = _drifted("RunReviewRequest.note", _note, mismatch_)

        _corrected_output = d.pop("correctedOutput", UNSET)
        corrected_output: Any | None | Unset
        if _corrected_output is UNSET:
            corrected_output = UNSET
        else:
            try:
                corrected_output = None if _corrected_output is None else _corrected_output
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                corrected_output = _drifted("RunReviewRequest.correctedOutput", _corrected_output, mismatch_)

        _corrections = d.pop("corrections", UNSET)
        corrections: list[RunReviewRequestCorrectionsItem] | Unset
        if _corrections is UNSET:
            corrections = UNSET
        else:
            try:
                corrections = [RunReviewRequestCorrectionsItem.from_dict(item) for item in _as_list(_corrections)]
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                corrections = _drifted("RunReviewRequest.corrections", _corrections, mismatch_)

        run_review_request = cls(
            verdict=verdict,
            status=status,
            note=note,
            corrected_output=corrected_output,
            corrections=corrections,
        )
        run_review_request.additional_properties = d
        return run_review_request

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
