"""The models of the Eigenpal API as eigenpal-ext hands them out: every class a public method returns or takes.

The classes are generated from the published Eigenpal document into ``eigenpal_api.models`` (never edited by
hand); this module is where users import them, by the document's own names::

    from eigenpal_ext.types import Run, RunAccepted, RunListItem, RunsListResponse, RunArtifact

The five most used are also in ``eigenpal_ext`` itself (``from eigenpal_ext import Run``). The names here are the
very same classes as in ``eigenpal_api.models`` (``isinstance`` works either way), so code that imports from there
keeps working; this module is the one the documentation promises. ``RunList`` and ``Artifact`` are other names of
``RunsListResponse`` and ``RunArtifact``.

Each name is imported at first use (PEP 562): importing this module costs nothing until a name is read (the first
one loads the generated models, as the first answer of a client does).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TypeAlias

    from eigenpal_api.models.agent_run_execution import AgentRunExecution
    from eigenpal_api.models.agent_run_execution_expected import AgentRunExecutionExpected
    from eigenpal_api.models.agent_run_execution_files import AgentRunExecutionFiles
    from eigenpal_api.models.api_error_envelope import ApiErrorEnvelope
    from eigenpal_api.models.api_error_issue import ApiErrorIssue
    from eigenpal_api.models.api_error_issue_severity import ApiErrorIssueSeverity
    from eigenpal_api.models.eval_result import EvalResult
    from eigenpal_api.models.file import File
    from eigenpal_api.models.json_object import JsonObject
    from eigenpal_api.models.promote_run_response import PromoteRunResponse
    from eigenpal_api.models.promote_run_response_automation_type import PromoteRunResponseAutomationType
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_accepted import RunAccepted
    from eigenpal_api.models.run_accepted_type import RunAcceptedType
    from eigenpal_api.models.run_artifact import RunArtifact
    from eigenpal_api.models.run_cancel_response import RunCancelResponse
    from eigenpal_api.models.run_cancel_response_cancellation import RunCancelResponseCancellation
    from eigenpal_api.models.run_cancel_response_cancellation_state import RunCancelResponseCancellationState
    from eigenpal_api.models.run_cancel_response_execution import RunCancelResponseExecution
    from eigenpal_api.models.run_cancel_response_type import RunCancelResponseType
    from eigenpal_api.models.run_debug import RunDebug
    from eigenpal_api.models.run_eval import RunEval
    from eigenpal_api.models.run_event import RunEvent
    from eigenpal_api.models.run_execution_meta import RunExecutionMeta
    from eigenpal_api.models.run_execution_retry import RunExecutionRetry
    from eigenpal_api.models.run_execution_retry_next_run import RunExecutionRetryNextRun
    from eigenpal_api.models.run_file import RunFile
    from eigenpal_api.models.run_human_review_summary import RunHumanReviewSummary
    from eigenpal_api.models.run_human_review_summary_source_kind import RunHumanReviewSummarySourceKind
    from eigenpal_api.models.run_input import RunInput
    from eigenpal_api.models.run_list_item import RunListItem
    from eigenpal_api.models.run_list_item_type import RunListItemType
    from eigenpal_api.models.run_review import RunReview
    from eigenpal_api.models.run_review_correction import RunReviewCorrection
    from eigenpal_api.models.run_review_correction_kind import RunReviewCorrectionKind
    from eigenpal_api.models.run_review_detail import RunReviewDetail
    from eigenpal_api.models.run_review_expected_file_mutation_response import RunReviewExpectedFileMutationResponse
    from eigenpal_api.models.run_review_expected_file_update_response import RunReviewExpectedFileUpdateResponse
    from eigenpal_api.models.run_review_status import RunReviewStatus
    from eigenpal_api.models.run_review_summary import RunReviewSummary
    from eigenpal_api.models.run_review_summary_status import RunReviewSummaryStatus
    from eigenpal_api.models.run_review_summary_verdict_type_0 import RunReviewSummaryVerdictType0
    from eigenpal_api.models.run_review_verdict_type_0 import RunReviewVerdictType0
    from eigenpal_api.models.run_source import RunSource
    from eigenpal_api.models.run_source_git import RunSourceGit
    from eigenpal_api.models.run_steps_response import RunStepsResponse
    from eigenpal_api.models.run_timing import RunTiming
    from eigenpal_api.models.run_trace_event import RunTraceEvent
    from eigenpal_api.models.run_trigger import RunTrigger
    from eigenpal_api.models.run_trigger_by import RunTriggerBy
    from eigenpal_api.models.run_type import RunType
    from eigenpal_api.models.run_usage import RunUsage
    from eigenpal_api.models.run_usage_tokens import RunUsageTokens
    from eigenpal_api.models.runs_list_response import RunsListResponse
    from eigenpal_api.models.workflow_run_execution import WorkflowRunExecution
    from eigenpal_api.models.workflow_run_execution_expected import WorkflowRunExecutionExpected

    from ._core._status import RunStatus
    from ._core._uploads import FileRef

    RunList: TypeAlias = RunsListResponse
    """Another name of :class:`~eigenpal_ext.RunsListResponse`, one page of ``runs.list``."""
    Artifact: TypeAlias = RunArtifact
    """Another name of :class:`~eigenpal_ext.RunArtifact`, a file of a run as ``runs.artifacts.list`` gives it."""

_OTHER_NAMES = {"RunList": "RunsListResponse", "Artifact": "RunArtifact"}
"""Other names of two models, as users look for them."""

_OURS = {"RunStatus": "._core._status", "FileRef": "._core._uploads"}
"""The names that are eigenpal-ext's own, here too so that every type a run carries is in one place."""

__all__ = [
    "AgentRunExecution",
    "AgentRunExecutionExpected",
    "AgentRunExecutionFiles",
    "ApiErrorEnvelope",
    "ApiErrorIssue",
    "ApiErrorIssueSeverity",
    "Artifact",
    "EvalResult",
    "File",
    "FileRef",
    "JsonObject",
    "PromoteRunResponse",
    "PromoteRunResponseAutomationType",
    "Run",
    "RunAccepted",
    "RunAcceptedType",
    "RunArtifact",
    "RunCancelResponse",
    "RunCancelResponseCancellation",
    "RunCancelResponseCancellationState",
    "RunCancelResponseExecution",
    "RunCancelResponseType",
    "RunDebug",
    "RunEval",
    "RunEvent",
    "RunExecutionMeta",
    "RunExecutionRetry",
    "RunExecutionRetryNextRun",
    "RunFile",
    "RunHumanReviewSummary",
    "RunHumanReviewSummarySourceKind",
    "RunInput",
    "RunList",
    "RunListItem",
    "RunListItemType",
    "RunReview",
    "RunReviewCorrection",
    "RunReviewCorrectionKind",
    "RunReviewDetail",
    "RunReviewExpectedFileMutationResponse",
    "RunReviewExpectedFileUpdateResponse",
    "RunReviewStatus",
    "RunReviewSummary",
    "RunReviewSummaryStatus",
    "RunReviewSummaryVerdictType0",
    "RunReviewVerdictType0",
    "RunSource",
    "RunSourceGit",
    "RunStatus",
    "RunStepsResponse",
    "RunTiming",
    "RunTraceEvent",
    "RunTrigger",
    "RunTriggerBy",
    "RunType",
    "RunUsage",
    "RunUsageTokens",
    "RunsListResponse",
    "WorkflowRunExecution",
    "WorkflowRunExecutionExpected",
]


# Not seen by type checkers, which then flag a misspelt name instead of typing it `object`.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        if name in _OURS:
            value = getattr(import_module(_OURS[name], __package__), name)
        else:
            value = getattr(import_module("eigenpal_api.models"), _OTHER_NAMES.get(name, name))
        globals()[name] = value  # the next lookup is a plain module attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(__all__))
