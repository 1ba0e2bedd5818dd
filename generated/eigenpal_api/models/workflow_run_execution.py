from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execution_status import ExecutionStatus
from ..types import (
    _as_bool,
    _as_list,
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
    from ..models.run_review import RunReview
    from ..models.workflow_run_execution_expected import WorkflowRunExecutionExpected


T = TypeVar("T", bound="WorkflowRunExecution")


@_attrs_define
class WorkflowRunExecution:
    """
    Attributes:
        schema_valid (bool | None): Whether the completed output matched the workflow or agent output schema.
        batch_id (None | str): Experiment batch id when the run is part of a batch.
        retry (RunExecutionRetry):
        steps (list[Any]): Per-step executions of the workflow run.
        status (ExecutionStatus | str):
        review (None | RunReview):
        definition_snapshot (Any | None): Workflow definition snapshot captured when the run was created.
        expected (WorkflowRunExecutionExpected | None): Ground-truth expected output and files.
        human_review (None | RunHumanReviewSummary): Pending in-flight human review when the run is waiting on a
            reviewer.
        child_executions (list[Any] | None): Child invoke-workflow runs and their steps (`expand=execution`, workflow
            runs only). Omitted when there are no children.
    """

    schema_valid: bool | None
    batch_id: None | str
    retry: RunExecutionRetry
    steps: list[Any]
    status: ExecutionStatus | str
    review: None | RunReview = None
    definition_snapshot: Any | None = None
    expected: WorkflowRunExecutionExpected | None = None
    human_review: None | RunHumanReviewSummary = None
    child_executions: list[Any] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["schemaValid"] = _to_json(self.schema_valid)
        field_dict["batchId"] = _to_json(self.batch_id)
        field_dict["retry"] = _to_json(self.retry)
        field_dict["steps"] = _to_json(self.steps)
        field_dict["status"] = _to_json(self.status)
        if self.review is not None:
            field_dict["review"] = _to_json(self.review)
        if self.definition_snapshot is not None:
            field_dict["definitionSnapshot"] = _to_json(self.definition_snapshot)
        if self.expected is not None:
            field_dict["expected"] = _to_json(self.expected)
        if self.human_review is not None:
            field_dict["humanReview"] = _to_json(self.human_review)
        if self.child_executions is not None:
            field_dict["childExecutions"] = _to_json(self.child_executions)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_execution_retry import RunExecutionRetry  # noqa: PLC0415
        from ..models.run_human_review_summary import RunHumanReviewSummary  # noqa: PLC0415
        from ..models.run_review import RunReview  # noqa: PLC0415
        from ..models.workflow_run_execution_expected import (
            WorkflowRunExecutionExpected,  # noqa: PLC0415
        )

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("WorkflowRunExecution", src_dict)
        d = dict(src_dict)
        if "schemaValid" not in d:
            raise _missing("WorkflowRunExecution.schemaValid")
        if "batchId" not in d:
            raise _missing("WorkflowRunExecution.batchId")
        if "retry" not in d:
            raise _missing("WorkflowRunExecution.retry")
        if "steps" not in d:
            raise _missing("WorkflowRunExecution.steps")
        if "status" not in d:
            raise _missing("WorkflowRunExecution.status")
        _schema_valid = d.pop("schemaValid")
        schema_valid: bool | None
        try:
            schema_valid = None if _schema_valid is None else _as_bool(_schema_valid)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            schema_valid = _drifted("WorkflowRunExecution.schemaValid", _schema_valid, mismatch_)

        _batch_id = d.pop("batchId")
        batch_id: None | str
        try:
            batch_id = None if _batch_id is None else _as_str(_batch_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            batch_id = _drifted("WorkflowRunExecution.batchId", _batch_id, mismatch_)

        _retry = d.pop("retry")
        retry: RunExecutionRetry
        try:
            retry = RunExecutionRetry.from_dict(_retry)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            retry = _drifted("WorkflowRunExecution.retry", _retry, mismatch_)

        _steps = d.pop("steps")
        steps: list[Any]
        try:
            steps = [item for item in _as_list(_steps)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            steps = _drifted("WorkflowRunExecution.steps", _steps, mismatch_)

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
            status = _drifted("WorkflowRunExecution.status", _status, mismatch_)

        _review = d.pop("review", None)
        review: None | RunReview
        if _review is None:
            review = None
        else:
            try:
                review = None if _review is None else RunReview.from_dict(_review)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                review = _drifted("WorkflowRunExecution.review", _review, mismatch_)

        _definition_snapshot = d.pop("definitionSnapshot", None)
        definition_snapshot: Any | None
        if _definition_snapshot is None:
            definition_snapshot = None
        else:
            try:
                definition_snapshot = None if _definition_snapshot is None else _definition_snapshot
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                definition_snapshot = _drifted(
                    "WorkflowRunExecution.definitionSnapshot", _definition_snapshot, mismatch_
                )

        _expected = d.pop("expected", None)
        expected: WorkflowRunExecutionExpected | None
        if _expected is None:
            expected = None
        else:
            try:
                expected = WorkflowRunExecutionExpected.from_dict(_expected)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                expected = _drifted("WorkflowRunExecution.expected", _expected, mismatch_)

        _human_review = d.pop("humanReview", None)
        human_review: None | RunHumanReviewSummary
        if _human_review is None:
            human_review = None
        else:
            try:
                human_review = None if _human_review is None else RunHumanReviewSummary.from_dict(_human_review)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                human_review = _drifted("WorkflowRunExecution.humanReview", _human_review, mismatch_)

        _child_executions = d.pop("childExecutions", None)
        child_executions: list[Any] | None
        if _child_executions is None:
            child_executions = None
        else:
            try:
                child_executions = [item for item in _as_list(_child_executions)]
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                child_executions = _drifted("WorkflowRunExecution.childExecutions", _child_executions, mismatch_)

        workflow_run_execution = cls(
            schema_valid=schema_valid,
            batch_id=batch_id,
            retry=retry,
            steps=steps,
            status=status,
            review=review,
            definition_snapshot=definition_snapshot,
            expected=expected,
            human_review=human_review,
            child_executions=child_executions,
        )
        workflow_run_execution.additional_properties = d
        return workflow_run_execution

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
