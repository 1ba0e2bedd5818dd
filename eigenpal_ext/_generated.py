"""The generated client's operations and models that the hand-written layer calls at run time, each imported at
first use.

Importing every endpoint module and model of ``eigenpal_api`` costs more than the rest of the package (each attrs
class is built when its module loads), and a client that is made and sends one kind of request needs a few of them.
So the modules that send requests name what they call through this module (``gen.get_run.asyncio_detailed``,
``gen.Run``), and each name is imported the first time it is looked up, then kept as a plain module attribute.
Type checkers read the imports below as if they ran; ``tests/unit/test_generated_names.py`` checks that each name
resolves to the same object as that import.

Annotations do not need this: the modules import the names they annotate with under ``TYPE_CHECKING``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eigenpal_api.api.runs import (
        cancel_run,
        cancel_runs,
        delete_run,
        get_run,
        get_run_tags,
        get_run_usage,
        list_run_artifacts,
        list_run_events,
        list_run_steps,
        list_runs,
        rerun_run,
        start_run,
        update_run_tags,
    )
    from eigenpal_api.models.artifact_list import ArtifactList
    from eigenpal_api.models.cancel_many_request import CancelManyRequest
    from eigenpal_api.models.cancel_many_result import CancelManyResult
    from eigenpal_api.models.cancel_result import CancelResult
    from eigenpal_api.models.error_response import ErrorResponse
    from eigenpal_api.models.event_list import EventList
    from eigenpal_api.models.json_object import JsonObject
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_accepted import RunAccepted
    from eigenpal_api.models.run_list import RunList
    from eigenpal_api.models.start_run_multipart_request import StartRunMultipartRequest
    from eigenpal_api.models.start_run_request import StartRunRequest
    from eigenpal_api.models.step_list import StepList
    from eigenpal_api.models.tag_list import TagList
    from eigenpal_api.models.usage import Usage

__all__ = [
    "ArtifactList",
    "CancelManyRequest",
    "CancelManyResult",
    "CancelResult",
    "ErrorResponse",
    "EventList",
    "JsonObject",
    "Run",
    "RunAccepted",
    "RunList",
    "StartRunMultipartRequest",
    "StartRunRequest",
    "StepList",
    "TagList",
    "Usage",
    "cancel_run",
    "cancel_runs",
    "delete_run",
    "get_run",
    "get_run_tags",
    "get_run_usage",
    "list_run_artifacts",
    "list_run_events",
    "list_run_steps",
    "list_runs",
    "rerun_run",
    "start_run",
    "update_run_tags",
]

_OPERATIONS = "eigenpal_api.api.runs"
_MODELS = "eigenpal_api.models"


# Not seen by type checkers, which then flag a misspelt name instead of typing it `object`.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        if name[0].islower():  # an operation: the endpoint module itself
            value: object = import_module(f"{_OPERATIONS}.{name}")
        else:
            value = getattr(import_module(_MODELS), name)  # the models package loads each model at first use too
        globals()[name] = value
        return value
