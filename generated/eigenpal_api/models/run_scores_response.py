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
    from ..models.eval_result import EvalResult


T = TypeVar("T", bound="RunScoresResponse")


@_attrs_define
class RunScoresResponse:
    """Automated evaluator results attached to a run.

    Attributes:
        scores (list[EvalResult]): Automated evaluator scores for the run. These are separate from human review
            verdicts.
    """

    scores: list[EvalResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["scores"] = _to_json(self.scores)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.eval_result import EvalResult  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunScoresResponse", src_dict)
        d = dict(src_dict)
        if "scores" not in d:
            raise _missing("RunScoresResponse.scores")
        _scores = d.pop("scores")
        scores: list[EvalResult]
        try:
            scores = [EvalResult.from_dict(item) for item in _as_list(_scores)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            scores = _drifted("RunScoresResponse.scores", _scores, mismatch_)

        run_scores_response = cls(
            scores=scores,
        )
        run_scores_response.additional_properties = d
        return run_scores_response

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
