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
    _union,
)

T = TypeVar("T", bound="EvalResult")


@_attrs_define
class EvalResult:
    """Automated evaluator result for one run.

    Attributes:
        id (str): Evaluator result id.
        run_id (str): Run this score belongs to.
        automation_id (None | str): Automation this score belongs to.
        evaluator_name (str): Evaluator name from configuration.
        evaluator_type (str): Evaluator implementation type.
        score (float | None): Automated evaluator score. Do not confuse this with a human review verdict.
        passed (bool | None): Whether this evaluator passed.
        label (None | str): Optional evaluator label.
        weight (float | None): Weight used in aggregate scoring.
        pass_threshold (float | None): Score threshold required for this evaluator to pass.
        description (None | str): Evaluator description.
        details (Any | None): Evaluator-specific details.
        error (None | str): Evaluator error, when scoring failed.
        created_at (str):
    """

    id: str
    run_id: str
    automation_id: None | str
    evaluator_name: str
    evaluator_type: str
    score: float | None
    passed: bool | None
    label: None | str
    weight: float | None
    pass_threshold: float | None
    description: None | str
    details: Any | None
    error: None | str
    created_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["runId"] = _to_json(self.run_id)
        field_dict["automationId"] = _to_json(self.automation_id)
        field_dict["evaluatorName"] = _to_json(self.evaluator_name)
        field_dict["evaluatorType"] = _to_json(self.evaluator_type)
        field_dict["score"] = _to_json(self.score)
        field_dict["passed"] = _to_json(self.passed)
        field_dict["label"] = _to_json(self.label)
        field_dict["weight"] = _to_json(self.weight)
        field_dict["passThreshold"] = _to_json(self.pass_threshold)
        field_dict["description"] = _to_json(self.description)
        field_dict["details"] = _to_json(self.details)
        field_dict["error"] = _to_json(self.error)
        field_dict["createdAt"] = _to_json(self.created_at)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("EvalResult", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("EvalResult.id")
        if "runId" not in d:
            raise _missing("EvalResult.runId")
        if "automationId" not in d:
            raise _missing("EvalResult.automationId")
        if "evaluatorName" not in d:
            raise _missing("EvalResult.evaluatorName")
        if "evaluatorType" not in d:
            raise _missing("EvalResult.evaluatorType")
        if "score" not in d:
            raise _missing("EvalResult.score")
        if "passed" not in d:
            raise _missing("EvalResult.passed")
        if "label" not in d:
            raise _missing("EvalResult.label")
        if "weight" not in d:
            raise _missing("EvalResult.weight")
        if "passThreshold" not in d:
            raise _missing("EvalResult.passThreshold")
        if "description" not in d:
            raise _missing("EvalResult.description")
        if "details" not in d:
            raise _missing("EvalResult.details")
        if "error" not in d:
            raise _missing("EvalResult.error")
        if "createdAt" not in d:
            raise _missing("EvalResult.createdAt")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("EvalResult.id", _id, mismatch_)

        _run_id = d.pop("runId")
        run_id: str
        try:
            run_id = _as_str(_run_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            run_id = _drifted("EvalResult.runId", _run_id, mismatch_)

        _automation_id = d.pop("automationId")
        automation_id: None | str
        try:
            automation_id = None if _automation_id is None else _as_str(_automation_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            automation_id = _drifted("EvalResult.automationId", _automation_id, mismatch_)

        _evaluator_name = d.pop("evaluatorName")
        evaluator_name: str
        try:
            evaluator_name = _as_str(_evaluator_name)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            evaluator_name = _drifted("EvalResult.evaluatorName", _evaluator_name, mismatch_)

        _evaluator_type = d.pop("evaluatorType")
        evaluator_type: str
        try:
            evaluator_type = _as_str(_evaluator_type)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            evaluator_type = _drifted("EvalResult.evaluatorType", _evaluator_type, mismatch_)

        _score = d.pop("score")
        score: float | None
        try:
            score = None if _score is None else _as_float(_score)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            score = _drifted("EvalResult.score", _score, mismatch_)

        _passed = d.pop("passed")
        passed: bool | None
        try:
            passed = None if _passed is None else _as_bool(_passed)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            passed = _drifted("EvalResult.passed", _passed, mismatch_)

        _label = d.pop("label")
        label: None | str
        try:
            label = None if _label is None else _as_str(_label)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            label = _drifted("EvalResult.label", _label, mismatch_)

        _weight = d.pop("weight")
        weight: float | None
        try:
            weight = None if _weight is None else _as_float(_weight)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            weight = _drifted("EvalResult.weight", _weight, mismatch_)

        _pass_threshold = d.pop("passThreshold")
        pass_threshold: float | None
        try:
            pass_threshold = None if _pass_threshold is None else _as_float(_pass_threshold)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            pass_threshold = _drifted("EvalResult.passThreshold", _pass_threshold, mismatch_)

        _description = d.pop("description")
        description: None | str
        try:
            description = None if _description is None else _as_str(_description)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            description = _drifted("EvalResult.description", _description, mismatch_)

        _details = d.pop("details")
        details: Any | None
        try:
            details = None if _details is None else _details
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            details = _drifted("EvalResult.details", _details, mismatch_)

        _error = d.pop("error")
        error: None | str
        try:
            error = None if _error is None else _as_str(_error)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            error = _drifted("EvalResult.error", _error, mismatch_)

        _created_at = d.pop("createdAt")
        created_at: str
        try:
            created_at = _union(_created_at, (lambda value: _as_str(value),))
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            created_at = _drifted("EvalResult.createdAt", _created_at, mismatch_)

        eval_result = cls(
            id=id,
            run_id=run_id,
            automation_id=automation_id,
            evaluator_name=evaluator_name,
            evaluator_type=evaluator_type,
            score=score,
            passed=passed,
            label=label,
            weight=weight,
            pass_threshold=pass_threshold,
            description=description,
            details=details,
            error=error,
            created_at=created_at,
        )
        eval_result.additional_properties = d
        return eval_result

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
