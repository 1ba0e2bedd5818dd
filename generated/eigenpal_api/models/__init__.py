"""Contains all the data models used in inputs/outputs"""

from .abort_file_upload_response import AbortFileUploadResponse
from .accept_http_chunked_upload_chunk_response import (
    AcceptHttpChunkedUploadChunkResponse,
)
from .agent_run_execution import AgentRunExecution
from .agent_run_execution_expected import AgentRunExecutionExpected
from .agent_run_execution_files import AgentRunExecutionFiles
from .api_error_envelope import ApiErrorEnvelope
from .api_error_issue import ApiErrorIssue
from .api_error_issue_severity import ApiErrorIssueSeverity
from .create_file_multipart_request import CreateFileMultipartRequest
from .create_file_multipart_request_purpose import CreateFileMultipartRequestPurpose
from .create_file_upload_session_request import CreateFileUploadSessionRequest
from .create_file_upload_session_request_purpose import (
    CreateFileUploadSessionRequestPurpose,
)
from .delete_file_response import DeleteFileResponse
from .eval_result import EvalResult
from .execution_status import ExecutionStatus
from .file import File
from .file_upload_session import FileUploadSession
from .file_upload_session_parts_item import FileUploadSessionPartsItem
from .file_upload_session_transport import FileUploadSessionTransport
from .http_chunked_file_upload_session import HttpChunkedFileUploadSession
from .json_object import JsonObject
from .list_file_upload_parts_response import ListFileUploadPartsResponse
from .list_file_upload_parts_response_parts_item import (
    ListFileUploadPartsResponsePartsItem,
)
from .multipart_file_upload_fallback import MultipartFileUploadFallback
from .presign_file_upload_part_request import PresignFileUploadPartRequest
from .presign_file_upload_part_response import PresignFileUploadPartResponse
from .presign_file_upload_part_response_headers import (
    PresignFileUploadPartResponseHeaders,
)
from .presigned_file_upload_session import PresignedFileUploadSession
from .presigned_file_upload_session_headers import PresignedFileUploadSessionHeaders
from .presigned_multipart_file_upload_session import PresignedMultipartFileUploadSession
from .promote_run_request import PromoteRunRequest
from .promote_run_response import PromoteRunResponse
from .promote_run_response_automation_type import PromoteRunResponseAutomationType
from .run import Run
from .run_accepted import RunAccepted
from .run_accepted_type import RunAcceptedType
from .run_artifact import RunArtifact
from .run_artifacts_response import RunArtifactsResponse
from .run_cancel_response import RunCancelResponse
from .run_cancel_response_cancellation import RunCancelResponseCancellation
from .run_cancel_response_cancellation_state import RunCancelResponseCancellationState
from .run_cancel_response_execution import RunCancelResponseExecution
from .run_cancel_response_type import RunCancelResponseType
from .run_debug import RunDebug
from .run_eval import RunEval
from .run_event import RunEvent
from .run_events_response import RunEventsResponse
from .run_execution_meta import RunExecutionMeta
from .run_execution_retry import RunExecutionRetry
from .run_execution_retry_next_run import RunExecutionRetryNextRun
from .run_file import RunFile
from .run_human_review_summary import RunHumanReviewSummary
from .run_human_review_summary_source_kind import RunHumanReviewSummarySourceKind
from .run_input import RunInput
from .run_list_item import RunListItem
from .run_list_item_type import RunListItemType
from .run_review import RunReview
from .run_review_correction import RunReviewCorrection
from .run_review_correction_kind import RunReviewCorrectionKind
from .run_review_detail import RunReviewDetail
from .run_review_expected_artifacts import RunReviewExpectedArtifacts
from .run_review_expected_file_copy_request import RunReviewExpectedFileCopyRequest
from .run_review_expected_file_mutation_response import (
    RunReviewExpectedFileMutationResponse,
)
from .run_review_expected_file_update_request import RunReviewExpectedFileUpdateRequest
from .run_review_expected_file_update_response import (
    RunReviewExpectedFileUpdateResponse,
)
from .run_review_expected_file_upload_request import RunReviewExpectedFileUploadRequest
from .run_review_request import RunReviewRequest
from .run_review_request_corrections_item import RunReviewRequestCorrectionsItem
from .run_review_request_corrections_item_kind import (
    RunReviewRequestCorrectionsItemKind,
)
from .run_review_request_status import RunReviewRequestStatus
from .run_review_request_verdict_type_0 import RunReviewRequestVerdictType0
from .run_review_status import RunReviewStatus
from .run_review_summary import RunReviewSummary
from .run_review_summary_status import RunReviewSummaryStatus
from .run_review_summary_verdict_type_0 import RunReviewSummaryVerdictType0
from .run_review_verdict_type_0 import RunReviewVerdictType0
from .run_scores_response import RunScoresResponse
from .run_source import RunSource
from .run_source_git import RunSourceGit
from .run_start_body import RunStartBody
from .run_start_body_files import RunStartBodyFiles
from .run_start_body_files_additional_property_type_0_type_0 import (
    RunStartBodyFilesAdditionalPropertyType0Type0,
)
from .run_start_body_files_additional_property_type_0_type_1 import (
    RunStartBodyFilesAdditionalPropertyType0Type1,
)
from .run_start_body_files_additional_property_type_0_type_1_inline import (
    RunStartBodyFilesAdditionalPropertyType0Type1Inline,
)
from .run_start_body_files_additional_property_type_1_item_type_0 import (
    RunStartBodyFilesAdditionalPropertyType1ItemType0,
)
from .run_start_body_files_additional_property_type_1_item_type_1 import (
    RunStartBodyFilesAdditionalPropertyType1ItemType1,
)
from .run_start_body_files_additional_property_type_1_item_type_1_inline import (
    RunStartBodyFilesAdditionalPropertyType1ItemType1Inline,
)
from .run_start_body_overrides import RunStartBodyOverrides
from .run_start_body_overrides_steps import RunStartBodyOverridesSteps
from .run_start_body_overrides_steps_additional_property import (
    RunStartBodyOverridesStepsAdditionalProperty,
)
from .run_start_multipart_request import RunStartMultipartRequest
from .run_steps_response import RunStepsResponse
from .run_timing import RunTiming
from .run_trace_event import RunTraceEvent
from .run_trace_response import RunTraceResponse
from .run_trigger import RunTrigger
from .run_trigger_by import RunTriggerBy
from .run_type import RunType
from .run_usage import RunUsage
from .run_usage_response import RunUsageResponse
from .run_usage_tokens import RunUsageTokens
from .runs_artifacts_list_bundle import RunsArtifactsListBundle
from .runs_artifacts_list_zip import RunsArtifactsListZip
from .runs_list_has_example import RunsListHasExample
from .runs_list_response import RunsListResponse
from .workflow_run_execution import WorkflowRunExecution
from .workflow_run_execution_expected import WorkflowRunExecutionExpected

__all__ = (
    "AbortFileUploadResponse",
    "AcceptHttpChunkedUploadChunkResponse",
    "AgentRunExecution",
    "AgentRunExecutionExpected",
    "AgentRunExecutionFiles",
    "ApiErrorEnvelope",
    "ApiErrorIssue",
    "ApiErrorIssueSeverity",
    "CreateFileMultipartRequest",
    "CreateFileMultipartRequestPurpose",
    "CreateFileUploadSessionRequest",
    "CreateFileUploadSessionRequestPurpose",
    "DeleteFileResponse",
    "EvalResult",
    "ExecutionStatus",
    "File",
    "FileUploadSession",
    "FileUploadSessionPartsItem",
    "FileUploadSessionTransport",
    "HttpChunkedFileUploadSession",
    "JsonObject",
    "ListFileUploadPartsResponse",
    "ListFileUploadPartsResponsePartsItem",
    "MultipartFileUploadFallback",
    "PresignedFileUploadSession",
    "PresignedFileUploadSessionHeaders",
    "PresignedMultipartFileUploadSession",
    "PresignFileUploadPartRequest",
    "PresignFileUploadPartResponse",
    "PresignFileUploadPartResponseHeaders",
    "PromoteRunRequest",
    "PromoteRunResponse",
    "PromoteRunResponseAutomationType",
    "Run",
    "RunAccepted",
    "RunAcceptedType",
    "RunArtifact",
    "RunArtifactsResponse",
    "RunCancelResponse",
    "RunCancelResponseCancellation",
    "RunCancelResponseCancellationState",
    "RunCancelResponseExecution",
    "RunCancelResponseType",
    "RunDebug",
    "RunEval",
    "RunEvent",
    "RunEventsResponse",
    "RunExecutionMeta",
    "RunExecutionRetry",
    "RunExecutionRetryNextRun",
    "RunFile",
    "RunHumanReviewSummary",
    "RunHumanReviewSummarySourceKind",
    "RunInput",
    "RunListItem",
    "RunListItemType",
    "RunReview",
    "RunReviewCorrection",
    "RunReviewCorrectionKind",
    "RunReviewDetail",
    "RunReviewExpectedArtifacts",
    "RunReviewExpectedFileCopyRequest",
    "RunReviewExpectedFileMutationResponse",
    "RunReviewExpectedFileUpdateRequest",
    "RunReviewExpectedFileUpdateResponse",
    "RunReviewExpectedFileUploadRequest",
    "RunReviewRequest",
    "RunReviewRequestCorrectionsItem",
    "RunReviewRequestCorrectionsItemKind",
    "RunReviewRequestStatus",
    "RunReviewRequestVerdictType0",
    "RunReviewStatus",
    "RunReviewSummary",
    "RunReviewSummaryStatus",
    "RunReviewSummaryVerdictType0",
    "RunReviewVerdictType0",
    "RunsArtifactsListBundle",
    "RunsArtifactsListZip",
    "RunScoresResponse",
    "RunsListHasExample",
    "RunsListResponse",
    "RunSource",
    "RunSourceGit",
    "RunStartBody",
    "RunStartBodyFiles",
    "RunStartBodyFilesAdditionalPropertyType0Type0",
    "RunStartBodyFilesAdditionalPropertyType0Type1",
    "RunStartBodyFilesAdditionalPropertyType0Type1Inline",
    "RunStartBodyFilesAdditionalPropertyType1ItemType0",
    "RunStartBodyFilesAdditionalPropertyType1ItemType1",
    "RunStartBodyFilesAdditionalPropertyType1ItemType1Inline",
    "RunStartBodyOverrides",
    "RunStartBodyOverridesSteps",
    "RunStartBodyOverridesStepsAdditionalProperty",
    "RunStartMultipartRequest",
    "RunStepsResponse",
    "RunTiming",
    "RunTraceEvent",
    "RunTraceResponse",
    "RunTrigger",
    "RunTriggerBy",
    "RunType",
    "RunUsage",
    "RunUsageResponse",
    "RunUsageTokens",
    "WorkflowRunExecution",
    "WorkflowRunExecutionExpected",
)
