from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_review import RunReview


T = TypeVar("T", bound="RunReviewDetail")


@_attrs_define
class RunReviewDetail:
    """
    Attributes:
        review (None | RunReview): Review metadata and corrections. Corrected files are listed separately at GET
            /runs/{id}/reviews/expected.
    """

    review: None | RunReview
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["review"] = _to_json(self.review)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_review import RunReview  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunReviewDetail", src_dict)
        d = dict(src_dict)
        if "review" not in d:
            raise _missing("RunReviewDetail.review")
        _review = d.pop("review")
        review: None | RunReview
        try:
            review = None if _review is None else RunReview.from_dict(_review)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            review = _drifted("RunReviewDetail.review", _review, mismatch_)

        run_review_detail = cls(
            review=review,
        )
        run_review_detail.additional_properties = d
        return run_review_detail

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
