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
    from ..models.agent_run_execution_expected import AgentRunExecutionExpected
    from ..models.agent_run_execution_files import AgentRunExecutionFiles
    from ..models.run_execution_retry import RunExecutionRetry
    from ..models.run_human_review_summary import RunHumanReviewSummary
    from ..models.run_review import RunReview


T = TypeVar("T", bound="AgentRunExecution")


@_attrs_define
class AgentRunExecution:
    """
    Attributes:
        schema_valid (bool | None): Whether the completed output matched the workflow or agent output schema.
        batch_id (None | str): Experiment batch id when the run is part of a batch.
        retry (RunExecutionRetry):
        files (AgentRunExecutionFiles):
        status (ExecutionStatus | str):
        review (None | RunReview):
        expected (AgentRunExecutionExpected | None): Ground-truth expected output and files.
        comparison (Any): Expected-vs-actual comparison for eval runs (terminal runs only).
        human_review (None | RunHumanReviewSummary): Pending in-flight human review when the run is waiting on a
            reviewer.
    """

    schema_valid: bool | None
    batch_id: None | str
    retry: RunExecutionRetry
    files: AgentRunExecutionFiles
    status: ExecutionStatus | str
    review: None | RunReview = None
    expected: AgentRunExecutionExpected | None = None
    comparison: Any = None
    human_review: None | RunHumanReviewSummary = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["schemaValid"] = _to_json(self.schema_valid)
        field_dict["batchId"] = _to_json(self.batch_id)
        field_dict["retry"] = _to_json(self.retry)
        field_dict["files"] = _to_json(self.files)
        field_dict["status"] = _to_json(self.status)
        if self.review is not None:
            field_dict["review"] = _to_json(self.review)
        if self.expected is not None:
            field_dict["expected"] = _to_json(self.expected)
        if self.comparison is not None:
            field_dict["comparison"] = _to_json(self.comparison)
        if self.human_review is not None:
            field_dict["humanReview"] = _to_json(self.human_review)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_run_execution_expected import AgentRunExecutionExpected  # noqa: PLC0415
        from ..models.agent_run_execution_files import AgentRunExecutionFiles  # noqa: PLC0415
        from ..models.run_execution_retry import RunExecutionRetry  # noqa: PLC0415
        from ..models.run_human_review_summary import RunHumanReviewSummary  # noqa: PLC0415
        from ..models.run_review import RunReview  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("AgentRunExecution", src_dict)
        d = dict(src_dict)
        if "schemaValid" not in d:
            raise _missing("AgentRunExecution.schemaValid")
        if "batchId" not in d:
            raise _missing("AgentRunExecution.batchId")
        if "retry" not in d:
            raise _missing("AgentRunExecution.retry")
        if "files" not in d:
            raise _missing("AgentRunExecution.files")
        if "status" not in d:
            raise _missing("AgentRunExecution.status")
        _schema_valid = d.pop("schemaValid")
        schema_valid: bool | None
        try:
            schema_valid = None if _schema_valid is None else _as_bool(_schema_valid)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            schema_valid = _drifted("AgentRunExecution.schemaValid", _schema_valid, mismatch_)

        _batch_id = d.pop("batchId")
        batch_id: None | str
        try:
            batch_id = None if _batch_id is None else _as_str(_batch_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            batch_id = _drifted("AgentRunExecution.batchId", _batch_id, mismatch_)

        _retry = d.pop("retry")
        retry: RunExecutionRetry
        try:
            retry = RunExecutionRetry.from_dict(_retry)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            retry = _drifted("AgentRunExecution.retry", _retry, mismatch_)

        _files = d.pop("files")
        files: AgentRunExecutionFiles
        try:
            files = AgentRunExecutionFiles.from_dict(_files)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            files = _drifted("AgentRunExecution.files", _files, mismatch_)

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
            status = _drifted("AgentRunExecution.status", _status, mismatch_)

        _review = d.pop("review", None)
        review: None | RunReview
        if _review is None:
            review = None
        else:
            try:
                review = None if _review is None else RunReview.from_dict(_review)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                review = _drifted("AgentRunExecution.review", _review, mismatch_)

        _expected = d.pop("expected", None)
        expected: AgentRunExecutionExpected | None
        if _expected is None:
            expected = None
        else:
            try:
                expected = AgentRunExecutionExpected.from_dict(_expected)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                expected = _drifted("AgentRunExecution.expected", _expected, mismatch_)

        _comparison = d.pop("comparison", None)
        comparison: Any
        if _comparison is None:
            comparison = None
        else:
            try:
                comparison = _comparison
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                comparison = _drifted("AgentRunExecution.comparison", _comparison, mismatch_)

        _human_review = d.pop("humanReview", None)
        human_review: None | RunHumanReviewSummary
        if _human_review is None:
            human_review = None
        else:
            try:
                human_review = None if _human_review is None else RunHumanReviewSummary.from_dict(_human_review)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                human_review = _drifted("AgentRunExecution.humanReview", _human_review, mismatch_)

        agent_run_execution = cls(
            schema_valid=schema_valid,
            batch_id=batch_id,
            retry=retry,
            files=files,
            status=status,
            review=review,
            expected=expected,
            comparison=comparison,
            human_review=human_review,
        )
        agent_run_execution.additional_properties = d
        return agent_run_execution

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
