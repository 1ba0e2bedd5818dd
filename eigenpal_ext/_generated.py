"""The generated client's operations and models that the hand-written layer calls at run time, each imported at
first use.

Importing every endpoint module and model of ``eigenpal_api`` costs more than the rest of the package (each attrs
class is built when its module loads), and a client that is made and sends one kind of request needs a few of them.
So the modules that send requests name what they call through this module (``gen.runs_get.asyncio_detailed``,
``gen.Run``), and each name is imported the first time it is looked up, then kept as a plain module attribute.
Type checkers read the imports below as if they ran; ``tests/unit/test_generated_names.py`` checks that each name
resolves to the same object as that import.

Annotations do not need this: the modules import the names they annotate with under ``TYPE_CHECKING``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eigenpal_api.api.evaluation import runs_scores_list
    from eigenpal_api.api.reviews import (
        runs_promote,
        runs_reviews_clear,
        runs_reviews_expected_create,
        runs_reviews_expected_file_delete,
        runs_reviews_expected_file_update,
        runs_reviews_expected_get,
        runs_reviews_get,
        runs_reviews_update,
    )
    from eigenpal_api.api.runs import (
        runs_artifacts_get,
        runs_artifacts_list,
        runs_cancel,
        runs_events_list,
        runs_get,
        runs_list,
        runs_rerun,
        runs_start,
        runs_steps_get,
        runs_steps_list,
        runs_trace_get,
        runs_usage_get,
    )
    from eigenpal_api.models.api_error_envelope import ApiErrorEnvelope
    from eigenpal_api.models.json_object import JsonObject
    from eigenpal_api.models.promote_run_response import PromoteRunResponse
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_accepted import RunAccepted
    from eigenpal_api.models.run_artifacts_response import RunArtifactsResponse
    from eigenpal_api.models.run_cancel_response import RunCancelResponse
    from eigenpal_api.models.run_events_response import RunEventsResponse
    from eigenpal_api.models.run_review_detail import RunReviewDetail
    from eigenpal_api.models.run_review_expected_artifacts import RunReviewExpectedArtifacts
    from eigenpal_api.models.run_review_expected_file_mutation_response import RunReviewExpectedFileMutationResponse
    from eigenpal_api.models.run_review_expected_file_update_response import RunReviewExpectedFileUpdateResponse
    from eigenpal_api.models.run_scores_response import RunScoresResponse
    from eigenpal_api.models.run_start_body import RunStartBody
    from eigenpal_api.models.run_start_multipart_request import RunStartMultipartRequest
    from eigenpal_api.models.run_steps_response import RunStepsResponse
    from eigenpal_api.models.run_trace_response import RunTraceResponse
    from eigenpal_api.models.run_usage_response import RunUsageResponse
    from eigenpal_api.models.runs_list_response import RunsListResponse

__all__ = [
    "ApiErrorEnvelope",
    "JsonObject",
    "PromoteRunResponse",
    "Run",
    "RunAccepted",
    "RunArtifactsResponse",
    "RunCancelResponse",
    "RunEventsResponse",
    "RunReviewDetail",
    "RunReviewExpectedArtifacts",
    "RunReviewExpectedFileMutationResponse",
    "RunReviewExpectedFileUpdateResponse",
    "RunScoresResponse",
    "RunStartBody",
    "RunStartMultipartRequest",
    "RunStepsResponse",
    "RunTraceResponse",
    "RunUsageResponse",
    "RunsListResponse",
    "runs_artifacts_get",
    "runs_artifacts_list",
    "runs_cancel",
    "runs_events_list",
    "runs_get",
    "runs_list",
    "runs_promote",
    "runs_rerun",
    "runs_reviews_clear",
    "runs_reviews_expected_create",
    "runs_reviews_expected_file_delete",
    "runs_reviews_expected_file_update",
    "runs_reviews_expected_get",
    "runs_reviews_get",
    "runs_reviews_update",
    "runs_scores_list",
    "runs_start",
    "runs_steps_get",
    "runs_steps_list",
    "runs_trace_get",
    "runs_usage_get",
]

_OPERATIONS = "eigenpal_api.api"
_MODELS = "eigenpal_api.models"


def _tag(operation: str) -> str:
    """The package the generator filed an operation in: its tag in the document (Runs, Evaluation, Reviews, Files)."""
    if operation == "runs_scores_list":
        return "evaluation"
    if operation == "runs_promote" or operation.startswith("runs_reviews_"):
        return "reviews"
    return "files" if operation.startswith("files_") else "runs"


# Not seen by type checkers, which then flag a misspelt name instead of typing it `object`.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        if name[0].islower():  # an operation: the endpoint module itself
            value: object = import_module(f"{_OPERATIONS}.{_tag(name)}.{name}")
        else:
            value = getattr(import_module(_MODELS), name)  # the models package loads each model at first use too
        globals()[name] = value
        return value
