from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execution_status import ExecutionStatus
from ..types import (
    _as_bool,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
    _union,
)

if TYPE_CHECKING:
    from ..models.run_execution_retry import RunExecutionRetry
    from ..models.run_human_review_summary import RunHumanReviewSummary
    from ..models.run_review_summary import RunReviewSummary


T = TypeVar("T", bound="RunExecutionMeta")


@_attrs_define
class RunExecutionMeta:
    """
    Attributes:
        schema_valid (bool | None): Whether the completed output matched the workflow or agent output schema.
        batch_id (None | str): Experiment batch id when the run is part of a batch.
        retry (RunExecutionRetry):
        status (ExecutionStatus | str):
        review (None | RunReviewSummary): Lightweight review state for run list rows.
        human_review (None | RunHumanReviewSummary): Pending in-flight human review when the run is waiting on a
            reviewer.
    """

    schema_valid: bool | None
    batch_id: None | str
    retry: RunExecutionRetry
    status: ExecutionStatus | str
    review: None | RunReviewSummary = None
    human_review: None | RunHumanReviewSummary = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["schemaValid"] = _to_json(self.schema_valid)
        field_dict["batchId"] = _to_json(self.batch_id)
        field_dict["retry"] = _to_json(self.retry)
        field_dict["status"] = _to_json(self.status)
        if self.review is not None:
            field_dict["review"] = _to_json(self.review)
        if self.human_review is not None:
            field_dict["humanReview"] = _to_json(self.human_review)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_execution_retry import RunExecutionRetry  # noqa: PLC0415
        from ..models.run_human_review_summary import RunHumanReviewSummary  # noqa: PLC0415
        from ..models.run_review_summary import RunReviewSummary  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunExecutionMeta", src_dict)
        d = dict(src_dict)
        if "schemaValid" not in d:
            raise _missing("RunExecutionMeta.schemaValid")
        if "batchId" not in d:
            raise _missing("RunExecutionMeta.batchId")
        if "retry" not in d:
            raise _missing("RunExecutionMeta.retry")
        if "status" not in d:
            raise _missing("RunExecutionMeta.status")
        _schema_valid = d.pop("schemaValid")
        schema_valid: bool | None
        try:
            schema_valid = None if _schema_valid is None else _as_bool(_schema_valid)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            schema_valid = _drifted("RunExecutionMeta.schemaValid", _schema_valid, mismatch_)

        _batch_id = d.pop("batchId")
        batch_id: None | str
        try:
            batch_id = None if _batch_id is None else _as_str(_batch_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            batch_id = _drifted("RunExecutionMeta.batchId", _batch_id, mismatch_)

        _retry = d.pop("retry")
        retry: RunExecutionRetry
        try:
            retry = RunExecutionRetry.from_dict(_retry)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            retry = _drifted("RunExecutionMeta.retry", _retry, mismatch_)

        _status = d.pop("status")
        status: ExecutionStatus | str
        try:
            status = _union(
                _status,
                (
                    lambda value: ExecutionStatus(value),
                    lambda value: _as_str(value),
                ),
            )
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            status = _drifted("RunExecutionMeta.status", _status, mismatch_)

        _review = d.pop("review", None)
        review: None | RunReviewSummary
        if _review is None:
            review = None
        else:
            try:
                review = None if _review is None else RunReviewSummary.from_dict(_review)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                review = _drifted("RunExecutionMeta.review", _review, mismatch_)

        _human_review = d.pop("humanReview", None)
        human_review: None | RunHumanReviewSummary
        if _human_review is None:
            human_review = None
        else:
            try:
                human_review = None if _human_review is None else RunHumanReviewSummary.from_dict(_human_review)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                human_review = _drifted("RunExecutionMeta.humanReview", _human_review, mismatch_)

        run_execution_meta = cls(
            schema_valid=schema_valid,
            batch_id=batch_id,
            retry=retry,
            status=status,
            review=review,
            human_review=human_review,
        )
        run_execution_meta.additional_properties = d
        return run_execution_meta

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
