from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_review_status import RunReviewStatus
from ..models.run_review_verdict_type_0 import RunReviewVerdictType0
from ..types import (
    _as_list,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_review_correction import RunReviewCorrection


T = TypeVar("T", bound="RunReview")


@_attrs_define
class RunReview:
    """
    Attributes:
        id (str):
        verdict (None | RunReviewVerdictType0):
        status (RunReviewStatus):
        note (str):
        reviewed_by (None | str): User id of the last reviewer. Read-only; set from the authenticated user or API key
            creator.
        reviewed_by_email (None | str): Email of the last reviewer. Read-only; set from the authenticated user or API
            key creator.
        reviewed_at (str):
        closed_by (None | str): User id recorded when the review was closed. Read-only; set when status becomes closed
            or wont_fix.
        closed_by_email (None | str): Email recorded when the review was closed. Read-only; set when status becomes
            closed or wont_fix.
        closed_at (None | str):
        closed_note (None | str):
        created_at (str):
        updated_at (str):
        corrections (list[RunReviewCorrection]):
        corrected_output (Any | None):
    """

    id: str
    verdict: None | RunReviewVerdictType0
    status: RunReviewStatus
    note: str
    reviewed_by: None | str
    reviewed_by_email: None | str
    reviewed_at: str
    closed_by: None | str
    closed_by_email: None | str
    closed_at: None | str
    closed_note: None | str
    created_at: str
    updated_at: str
    corrections: list[RunReviewCorrection]
    corrected_output: Any | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["verdict"] = _to_json(self.verdict)
        field_dict["status"] = _to_json(self.status)
        field_dict["note"] = _to_json(self.note)
        field_dict["reviewedBy"] = _to_json(self.reviewed_by)
        field_dict["reviewedByEmail"] = _to_json(self.reviewed_by_email)
        field_dict["reviewedAt"] = _to_json(self.reviewed_at)
        field_dict["closedBy"] = _to_json(self.closed_by)
        field_dict["closedByEmail"] = _to_json(self.closed_by_email)
        field_dict["closedAt"] = _to_json(self.closed_at)
        field_dict["closedNote"] = _to_json(self.closed_note)
        field_dict["createdAt"] = _to_json(self.created_at)
        field_dict["updatedAt"] = _to_json(self.updated_at)
        field_dict["corrections"] = _to_json(self.corrections)
        if self.corrected_output is not None:
            field_dict["correctedOutput"] = _to_json(self.corrected_output)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_review_correction import RunReviewCorrection  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunReview", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("RunReview.id")
        if "verdict" not in d:
            raise _missing("RunReview.verdict")
        if "status" not in d:
            raise _missing("RunReview.status")
        if "note" not in d:
            raise _missing("RunReview.note")
        if "reviewedBy" not in d:
            raise _missing("RunReview.reviewedBy")
        if "reviewedByEmail" not in d:
            raise _missing("RunReview.reviewedByEmail")
        if "reviewedAt" not in d:
            raise _missing("RunReview.reviewedAt")
        if "closedBy" not in d:
            raise _missing("RunReview.closedBy")
        if "closedByEmail" not in d:
            raise _missing("RunReview.closedByEmail")
        if "closedAt" not in d:
            raise _missing("RunReview.closedAt")
        if "closedNote" not in d:
            raise _missing("RunReview.closedNote")
        if "createdAt" not in d:
            raise _missing("RunReview.createdAt")
        if "updatedAt" not in d:
            raise _missing("RunReview.updatedAt")
        if "corrections" not in d:
            raise _missing("RunReview.corrections")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("RunReview.id", _id, mismatch_)

        _verdict = d.pop("verdict")
        verdict: None | RunReviewVerdictType0
        try:
            verdict = None if _verdict is None else RunReviewVerdictType0(_verdict)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            verdict = _drifted("RunReview.verdict", _verdict, mismatch_)

        _status = d.pop("status")
        status: RunReviewStatus
        try:
            status = RunReviewStatus(_status)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            status = _drifted("RunReview.status", _status, mismatch_)

        _note = d.pop("note")
        note: str
        try:
            note = _as_str(_note)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            note = _drifted("RunReview.note", _note, mismatch_)

        _reviewed_by = d.pop("reviewedBy")
        reviewed_by: None | str
        try:
            reviewed_by = None if _reviewed_by is None else _as_str(_reviewed_by)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            reviewed_by = _drifted("RunReview.reviewedBy", _reviewed_by, mismatch_)

        _reviewed_by_email = d.pop("reviewedByEmail")
        reviewed_by_email: None | str
        try:
            reviewed_by_email = None if _reviewed_by_email is None else _as_str(_reviewed_by_email)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            reviewed_by_email = _drifted("RunReview.reviewedByEmail", _reviewed_by_email, mismatch_)

        _reviewed_at = d.pop("reviewedAt")
        reviewed_at: str
        try:
            reviewed_at = _as_str(_reviewed_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            reviewed_at = _drifted("RunReview.reviewedAt", _reviewed_at, mismatch_)

        _closed_by = d.pop("closedBy")
        closed_by: None | str
        try:
            closed_by = None if _closed_by is None else _as_str(_closed_by)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            closed_by = _drifted("RunReview.closedBy", _closed_by, mismatch_)

        _closed_by_email = d.pop("closedByEmail")
        closed_by_email: None | str
        try:
            closed_by_email = None if _closed_by_email is None else _as_str(_closed_by_email)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            closed_by_email = _drifted("RunReview.closedByEmail", _closed_by_email, mismatch_)

        _closed_at = d.pop("closedAt")
        closed_at: None | str
        try:
            closed_at = None if _closed_at is None else _as_str(_closed_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            closed_at = _drifted("RunReview.closedAt", _closed_at, mismatch_)

        _closed_note = d.pop("closedNote")
        closed_note: None | str
        try:
            closed_note = None if _closed_note is None else _as_str(_closed_note)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            closed_note = _drifted("RunReview.closedNote", _closed_note, mismatch_)

        _created_at = d.pop("createdAt")
        created_at: str
        try:
            created_at = _as_str(_created_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            created_at = _drifted("RunReview.createdAt", _created_at, mismatch_)

        _updated_at = d.pop("updatedAt")
        updated_at: str
        try:
            updated_at = _as_str(_updated_at)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            updated_at = _drifted("RunReview.updatedAt", _updated_at, mismatch_)

        _corrections = d.pop("corrections")
        corrections: list[RunReviewCorrection]
        try:
            corrections = [RunReviewCorrection.from_dict(item) for item in _as_list(_corrections)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            corrections = _drifted("RunReview.corrections", _corrections, mismatch_)

        _corrected_output = d.pop("correctedOutput", None)
        corrected_output: Any | None
        if _corrected_output is None:
            corrected_output = None
        else:
            try:
                corrected_output = None if _corrected_output is None else _corrected_output
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                corrected_output = _drifted("RunReview.correctedOutput", _corrected_output, mismatch_)

        run_review = cls(
            id=id,
            verdict=verdict,
            status=status,
            note=note,
            reviewed_by=reviewed_by,
            reviewed_by_email=reviewed_by_email,
            reviewed_at=reviewed_at,
            closed_by=closed_by,
            closed_by_email=closed_by_email,
            closed_at=closed_at,
            closed_note=closed_note,
            created_at=created_at,
            updated_at=updated_at,
            corrections=corrections,
            corrected_output=corrected_output,
        )
        run_review.additional_properties = d
        return run_review

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
