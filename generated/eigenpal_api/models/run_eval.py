from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_bool,
    _as_float,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunEval")


@_attrs_define
class RunEval:
    """
    Attributes:
        example (None | str): Eval example label (agent example name or workflow example id).
        score (float | None):
        passed (bool | None):
        example_id (None | str): Workflow eval example folder id (workflow runs only).
    """

    example: None | str
    score: float | None
    passed: bool | None
    example_id: None | str = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["example"] = _to_json(self.example)
        field_dict["score"] = _to_json(self.score)
        field_dict["passed"] = _to_json(self.passed)
        if self.example_id is not None:
            field_dict["exampleId"] = _to_json(self.example_id)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunEval", src_dict)
        d = dict(src_dict)
        if "example" not in d:
            raise _missing("RunEval.example")
        if "score" not in d:
            raise _missing("RunEval.score")
        if "passed" not in d:
            raise _missing("RunEval.passed")
        _example = d.pop("example")
        example: None | str
        try:
            example = None if _example is None else _as_str(_example)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            example = _drifted("RunEval.example", _example, mismatch_)

        _score = d.pop("score")
        score: float | None
        try:
            score = None if _score is None else _as_float(_score)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            score = _drifted("RunEval.score", _score, mismatch_)

        _passed = d.pop("passed")
        passed: bool | None
        try:
            passed = None if _passed is None else _as_bool(_passed)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            passed = _drifted("RunEval.passed", _passed, mismatch_)

        _example_id = d.pop("exampleId", None)
        example_id: None | str
        if _example_id is None:
            example_id = None
        else:
            try:
                example_id = None if _example_id is None else _as_str(_example_id)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                example_id = _drifted("RunEval.exampleId", _example_id, mismatch_)

        run_eval = cls(
            example=example,
            score=score,
            passed=passed,
            example_id=example_id,
        )
        run_eval.additional_properties = d
        return run_eval

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
