"""Contains all the data models used in inputs/outputs"""

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

# Each name to the module that defines it: `imports` holds "from .run import Run" lines.
_MODULES = {
    "Artifact": ".artifact",
    "ArtifactList": ".artifact_list",
    "ArtifactRole": ".artifact_role",
    "CancelExecution": ".cancel_execution",
    "CancelManyRequest": ".cancel_many_request",
    "CancelManyResult": ".cancel_many_result",
    "CancelResult": ".cancel_result",
    "Cancellation": ".cancellation",
    "CancellationState": ".cancellation_state",
    "ErrorIssue": ".error_issue",
    "ErrorResponse": ".error_response",
    "Event": ".event",
    "EventList": ".event_list",
    "ExpandToken": ".expand_token",
    "IssueSeverity": ".issue_severity",
    "JsonObject": ".json_object",
    "Run": ".run",
    "RunAccepted": ".run_accepted",
    "RunExecution": ".run_execution",
    "RunList": ".run_list",
    "RunListExecution": ".run_list_execution",
    "RunListItem": ".run_list_item",
    "RunRetry": ".run_retry",
    "RunSource": ".run_source",
    "RunStatus": ".run_status",
    "RunTiming": ".run_timing",
    "RunTrigger": ".run_trigger",
    "RunType": ".run_type",
    "StartRunMultipartRequest": ".start_run_multipart_request",
    "StartRunRequest": ".start_run_request",
    "Step": ".step",
    "StepList": ".step_list",
    "StepStatus": ".step_status",
    "TagList": ".tag_list",
    "TokenUsage": ".token_usage",
    "TriggerType": ".trigger_type",
    "Usage": ".usage",
}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """The model or enum `name`, imported on its first use (PEP 562)."""
        module = _MODULES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, __name__), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
