"""Contains all the data models used in inputs/outputs"""

from .artifact import Artifact
from .artifact_list import ArtifactList
from .artifact_role import ArtifactRole
from .cancel_execution import CancelExecution
from .cancel_many_request import CancelManyRequest
from .cancel_many_result import CancelManyResult
from .cancel_result import CancelResult
from .cancellation import Cancellation
from .cancellation_state import CancellationState
from .error_issue import ErrorIssue
from .error_response import ErrorResponse
from .event import Event
from .event_list import EventList
from .expand_token import ExpandToken
from .issue_severity import IssueSeverity
from .json_object import JsonObject
from .run import Run
from .run_accepted import RunAccepted
from .run_execution import RunExecution
from .run_list import RunList
from .run_list_execution import RunListExecution
from .run_list_item import RunListItem
from .run_retry import RunRetry
from .run_source import RunSource
from .run_status import RunStatus
from .run_timing import RunTiming
from .run_trigger import RunTrigger
from .run_type import RunType
from .start_run_multipart_request import StartRunMultipartRequest
from .start_run_request import StartRunRequest
from .step import Step
from .step_list import StepList
from .step_status import StepStatus
from .tag_list import TagList
from .token_usage import TokenUsage
from .trigger_type import TriggerType
from .usage import Usage

__all__ = (
    "Artifact",
    "ArtifactList",
    "ArtifactRole",
    "CancelExecution",
    "Cancellation",
    "CancellationState",
    "CancelManyRequest",
    "CancelManyResult",
    "CancelResult",
    "ErrorIssue",
    "ErrorResponse",
    "Event",
    "EventList",
    "ExpandToken",
    "IssueSeverity",
    "JsonObject",
    "Run",
    "RunAccepted",
    "RunExecution",
    "RunList",
    "RunListExecution",
    "RunListItem",
    "RunRetry",
    "RunSource",
    "RunStatus",
    "RunTiming",
    "RunTrigger",
    "RunType",
    "StartRunMultipartRequest",
    "StartRunRequest",
    "Step",
    "StepList",
    "StepStatus",
    "TagList",
    "TokenUsage",
    "TriggerType",
    "Usage",
)
