from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_type import RunType
from ..types import (
    _date_time,
    _fromisoformat,
    _keep_json,
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

if TYPE_CHECKING:
    from ..models.artifact import Artifact
    from ..models.json_object import JsonObject
    from ..models.run_execution import RunExecution
    from ..models.run_source import RunSource
    from ..models.run_timing import RunTiming
    from ..models.run_trigger import RunTrigger
    from ..models.usage import Usage


T = TypeVar("T", bound="Run")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_RUN_TYPE_BY_VALUE: dict[str, RunType] = {member.value: member for member in RunType}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset(
    {
        "id",
        "type",
        "finished",
        "tags",
        "timing",
        "source",
        "trigger",
        "execution",
        "output",
        "files",
        "error",
        "input",
        "usage",
        "debug",
    }
)


@_attrs_define
class Run(_LazyModel):
    """A run. `finished` is true exactly when the status is terminal. Completed runs carry `output` and `files`;
    failed, cancelled and rejected runs carry `error`. `input`, `usage` and `debug` come with `expand`.

    Attributes:
        id (str): The run's id.
        type_ (RunType | str): The kind of automation, `workflow` or `agent`; a kind this client does not know is kept
            as text.
        finished (bool): Whether the run is terminal.
        tags (list[str]): The run's tags.
        timing (RunTiming): When the run reached each stage; null until it has.
        source (RunSource): The automation the run executes.
        trigger (RunTrigger): What started the run.
        execution (RunExecution): How the run is executing. `steps` is present with `expand=execution`.
        output (JsonObject | None): A free-form JSON object.
        files (list[Artifact] | None): The run's output artifacts, on completed runs.
        error (str | None): Why the run failed, was cancelled or was rejected.
        input_ (JsonObject | None): A free-form JSON object.
        usage (Usage | None): What a run used.
        debug (JsonObject | None): A free-form JSON object.
    """

    id: str
    type_: RunType | str
    finished: bool
    tags: list[str]
    timing: RunTiming
    source: RunSource
    trigger: RunTrigger
    execution: RunExecution
    output: JsonObject | None = None
    files: list[Artifact] | None = None
    error: str | None = None
    input_: JsonObject | None = None
    usage: Usage | None = None
    debug: JsonObject | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_: str
        if isinstance(self.type_, RunType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        finished = self.finished

        tags = self.tags

        timing = self.timing.to_dict()

        source = self.source.to_dict()

        trigger = self.trigger.to_dict()

        execution = self.execution.to_dict()

        output: dict[str, Any] | None = None
        if self.output is not None:
            output = self.output.to_dict()

        files: list[dict[str, Any]] | None = None
        if self.files is not None:
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_dict()
                files.append(files_item)

        error = self.error

        input_: dict[str, Any] | None = None
        if self.input_ is not None:
            input_ = self.input_.to_dict()

        usage: dict[str, Any] | None = None
        if self.usage is not None:
            usage = self.usage.to_dict()

        debug: dict[str, Any] | None = None
        if self.debug is not None:
            debug = self.debug.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "finished": finished,
                "tags": tags,
                "timing": timing,
                "source": source,
                "trigger": trigger,
                "execution": execution,
            }
        )
        if output is not None:
            field_dict["output"] = output
        if files is not None:
            field_dict["files"] = files
        if error is not None:
            field_dict["error"] = error
        if input_ is not None:
            field_dict["input"] = input_
        if usage is not None:
            field_dict["usage"] = usage
        if debug is not None:
            field_dict["debug"] = debug

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Run", "an object", src_dict)
        try:
            id = src_dict["id"]
            _type_ = src_dict["type"]
            finished = src_dict["finished"]
            _tags = src_dict["tags"]
            _timing = src_dict["timing"]
            _source = src_dict["source"]
            _trigger = src_dict["trigger"]
            _execution = src_dict["execution"]
        except KeyError:
            raise _missing(
                "Run", src_dict, ("id", "type", "finished", "tags", "timing", "source", "trigger", "execution")
            ) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("Run.id", "a string", id)

        type_: RunType | str
        if isinstance(_type_, str):
            type_ = _RUN_TYPE_BY_VALUE.get(_type_, _type_)
        else:
            raise _type_error("Run.type", "a string", _type_)

        if type(finished) is not bool:
            raise _type_error("Run.finished", "a boolean", finished)

        if type(_tags) is not list and not isinstance(_tags, list):
            raise _type_error("Run.tags", "an array", _tags)
        for tags_item_index, tags_item in enumerate(_tags):
            if type(tags_item) is not str and not isinstance(tags_item, str):
                raise _type_error(f"Run.tags[{tags_item_index}]", "a string", tags_item)
        tags: list[str] = _tags

        if type(_timing) is not dict and not isinstance(_timing, dict) and not isinstance(_timing, Mapping):
            raise _type_error("Run.timing", "an object", _timing)
        timing = _run_timing_from_dict(_timing)

        if type(_source) is not dict and not isinstance(_source, dict) and not isinstance(_source, Mapping):
            raise _type_error("Run.source", "an object", _source)
        source = _run_source_from_dict(_source)

        if type(_trigger) is not dict and not isinstance(_trigger, dict) and not isinstance(_trigger, Mapping):
            raise _type_error("Run.trigger", "an object", _trigger)
        trigger = _run_trigger_from_dict(_trigger)

        if type(_execution) is not dict and not isinstance(_execution, dict) and not isinstance(_execution, Mapping):
            raise _type_error("Run.execution", "an object", _execution)
        execution = _run_execution_from_dict(_execution)

        _output = src_dict.get("output")
        output: JsonObject | None = None
        if _output is not None:
            if type(_output) is not dict and not isinstance(_output, dict) and not isinstance(_output, Mapping):
                raise _type_error("Run.output", "an object", _output)
            output = _json_object_from_dict(_output)

        _files = src_dict.get("files")
        files: list[Artifact] | None = None
        if _files is not None:
            if type(_files) is not list and not isinstance(_files, list):
                raise _type_error("Run.files", "an array", _files)
            files = []
            for files_item_index, files_item_data in enumerate(_files):
                if (
                    type(files_item_data) is not dict
                    and not isinstance(files_item_data, dict)
                    and not isinstance(files_item_data, Mapping)
                ):
                    raise _type_error(f"Run.files[{files_item_index}]", "an object", files_item_data)
                files_item = _artifact_from_dict(files_item_data)
                files.append(files_item)

        _error = src_dict.get("error")
        error: str | None = None
        if _error is not None:
            if type(_error) is not str and not isinstance(_error, str):
                raise _type_error("Run.error", "a string", _error)
            error = _error

        _input_ = src_dict.get("input")
        input_: JsonObject | None = None
        if _input_ is not None:
            if type(_input_) is not dict and not isinstance(_input_, dict) and not isinstance(_input_, Mapping):
                raise _type_error("Run.input", "an object", _input_)
            input_ = _json_object_from_dict(_input_)

        _usage = src_dict.get("usage")
        usage: Usage | None = None
        if _usage is not None:
            if type(_usage) is not dict and not isinstance(_usage, dict) and not isinstance(_usage, Mapping):
                raise _type_error("Run.usage", "an object", _usage)
            usage = _usage_from_dict(_usage)

        _debug = src_dict.get("debug")
        debug: JsonObject | None = None
        if _debug is not None:
            if type(_debug) is not dict and not isinstance(_debug, dict) and not isinstance(_debug, Mapping):
                raise _type_error("Run.debug", "an object", _debug)
            debug = _json_object_from_dict(_debug)

        run = _new_model(cls)
        run.id = id
        run.type_ = type_
        run.finished = finished
        run.tags = tags
        run.timing = timing
        run.source = source
        run.trigger = trigger
        run.execution = execution
        run.output = output
        run.files = files
        run.error = error
        run.input_ = input_
        run.usage = usage
        run.debug = debug
        if len(src_dict) > 8 and not _KNOWN_FIELDS.issuperset(src_dict):
            run.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run.additional_properties = {}
        return run

    @staticmethod
    def _from_json(src_dict: Any) -> Run:
        Run._check(src_dict)
        return Run._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Run", "an object", src_dict)
        try:
            id = src_dict["id"]
            _type_ = src_dict["type"]
            finished = src_dict["finished"]
            _tags = src_dict["tags"]
            _timing = src_dict["timing"]
            _source = src_dict["source"]
            _trigger = src_dict["trigger"]
            _execution = src_dict["execution"]
        except KeyError:
            raise _missing(
                "Run", src_dict, ("id", "type", "finished", "tags", "timing", "source", "trigger", "execution")
            ) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("Run.id", "a string", id)
        pass

        if isinstance(_type_, str):
            pass
        else:
            raise _type_error("Run.type", "a string", _type_)

        if type(finished) is not bool:
            raise _type_error("Run.finished", "a boolean", finished)
        pass

        if type(_tags) is not list and not isinstance(_tags, list):
            raise _type_error("Run.tags", "an array", _tags)
        for tags_item_index, tags_item in enumerate(_tags):
            if type(tags_item) is not str and not isinstance(tags_item, str):
                raise _type_error(f"Run.tags[{tags_item_index}]", "a string", tags_item)

        if type(_timing) is not dict and not isinstance(_timing, dict) and not isinstance(_timing, Mapping):
            raise _type_error("Run.timing", "an object", _timing)
        try:
            _timing__created_at = _timing["createdAt"]
            _timing__started_at = _timing["startedAt"]
            _timing__completed_at = _timing["completedAt"]
            _timing__duration_ms = _timing["durationMs"]
            _timing__cancel_requested_at = _timing["cancelRequestedAt"]
        except KeyError:
            raise _missing(
                "RunTiming", _timing, ("createdAt", "startedAt", "completedAt", "durationMs", "cancelRequestedAt")
            ) from None
        if type(_timing__created_at) is not str and not isinstance(_timing__created_at, str):
            raise _type_error("RunTiming.createdAt", "a date-time string", _timing__created_at)
        try:
            _ = _fromisoformat(_timing__created_at)
            if _.tzinfo is None:
                raise ValueError
        except ValueError:
            _ = _date_time("RunTiming.createdAt", _timing__created_at)
        if _timing__started_at is None:
            _ = None
        elif isinstance(_timing__started_at, str):
            try:
                _ = _fromisoformat(_timing__started_at)
                if _.tzinfo is None:
                    raise ValueError
            except ValueError:
                _ = _date_time("RunTiming.startedAt", _timing__started_at)
        else:
            raise _type_error("RunTiming.startedAt", "a date-time string or null", _timing__started_at)
        if _timing__completed_at is None:
            _ = None
        elif isinstance(_timing__completed_at, str):
            try:
                _ = _fromisoformat(_timing__completed_at)
                if _.tzinfo is None:
                    raise ValueError
            except ValueError:
                _ = _date_time("RunTiming.completedAt", _timing__completed_at)
        else:
            raise _type_error("RunTiming.completedAt", "a date-time string or null", _timing__completed_at)
        if _timing__duration_ms is None:
            _ = None
        elif isinstance(_timing__duration_ms, int) and not isinstance(_timing__duration_ms, bool):
            pass
        else:
            raise _type_error("RunTiming.durationMs", "an integer or null", _timing__duration_ms)
        if _timing__cancel_requested_at is None:
            _ = None
        elif isinstance(_timing__cancel_requested_at, str):
            try:
                _ = _fromisoformat(_timing__cancel_requested_at)
                if _.tzinfo is None:
                    raise ValueError
            except ValueError:
                _ = _date_time("RunTiming.cancelRequestedAt", _timing__cancel_requested_at)
        else:
            raise _type_error("RunTiming.cancelRequestedAt", "a date-time string or null", _timing__cancel_requested_at)

        if type(_source) is not dict and not isinstance(_source, dict) and not isinstance(_source, Mapping):
            raise _type_error("Run.source", "an object", _source)
        try:
            _source__id = _source["id"]
            _source__name = _source["name"]
            _source__version = _source["version"]
        except KeyError:
            raise _missing("RunSource", _source, ("id", "name", "version")) from None
        if type(_source__id) is not str and not isinstance(_source__id, str):
            raise _type_error("RunSource.id", "a string", _source__id)
        pass
        if type(_source__name) is not str and not isinstance(_source__name, str):
            raise _type_error("RunSource.name", "a string", _source__name)
        pass
        if _source__version is None:
            _ = None
        elif isinstance(_source__version, str):
            pass
        else:
            raise _type_error("RunSource.version", "a string or null", _source__version)
        _source__slug = _source.get("slug")
        if _source__slug is not None:
            if type(_source__slug) is not str and not isinstance(_source__slug, str):
                raise _type_error("RunSource.slug", "a string", _source__slug)
            pass

        if type(_trigger) is not dict and not isinstance(_trigger, dict) and not isinstance(_trigger, Mapping):
            raise _type_error("Run.trigger", "an object", _trigger)
        try:
            _trigger__type_ = _trigger["type"]
            _trigger__by = _trigger["by"]
        except KeyError:
            raise _missing("RunTrigger", _trigger, ("type", "by")) from None
        if type(_trigger__type_) is not str and not isinstance(_trigger__type_, str):
            raise _type_error("RunTrigger.type", "a string", _trigger__type_)
        pass
        if _trigger__by is None:
            _ = None
        elif isinstance(_trigger__by, str):
            pass
        else:
            raise _type_error("RunTrigger.by", "a string or null", _trigger__by)

        if type(_execution) is not dict and not isinstance(_execution, dict) and not isinstance(_execution, Mapping):
            raise _type_error("Run.execution", "an object", _execution)
        try:
            _execution__status = _execution["status"]
            _execution__schema_valid = _execution["schemaValid"]
            _execution__batch_id = _execution["batchId"]
            _execution__retry = _execution["retry"]
        except KeyError:
            raise _missing("RunExecution", _execution, ("status", "schemaValid", "batchId", "retry")) from None
        if isinstance(_execution__status, str):
            pass
        else:
            raise _type_error("RunExecution.status", "a string", _execution__status)
        if _execution__schema_valid is None:
            _ = None
        elif isinstance(_execution__schema_valid, bool):
            pass
        else:
            raise _type_error("RunExecution.schemaValid", "a boolean or null", _execution__schema_valid)
        if _execution__batch_id is None:
            _ = None
        elif isinstance(_execution__batch_id, str):
            pass
        else:
            raise _type_error("RunExecution.batchId", "a string or null", _execution__batch_id)
        if _execution__retry is None:
            _ = None
        elif isinstance(_execution__retry, dict) or isinstance(_execution__retry, Mapping):
            _run_retry_check(_execution__retry)
        else:
            raise _type_error("RunExecution.retry", "an object or null", _execution__retry)
        _execution__steps = _execution.get("steps")
        if _execution__steps is not None:
            if type(_execution__steps) is not list and not isinstance(_execution__steps, list):
                raise _type_error("RunExecution.steps", "an array", _execution__steps)
            for steps_item_index, steps_item_data in enumerate(_execution__steps):
                if (
                    type(steps_item_data) is not dict
                    and not isinstance(steps_item_data, dict)
                    and not isinstance(steps_item_data, Mapping)
                ):
                    raise _type_error(f"RunExecution.steps[{steps_item_index}]", "an object", steps_item_data)
                _step_check(steps_item_data)

        _output = src_dict.get("output")
        if _output is not None:
            if type(_output) is not dict and not isinstance(_output, dict) and not isinstance(_output, Mapping):
                raise _type_error("Run.output", "an object", _output)
            pass

        _files = src_dict.get("files")
        if _files is not None:
            if type(_files) is not list and not isinstance(_files, list):
                raise _type_error("Run.files", "an array", _files)
            for files_item_index, files_item_data in enumerate(_files):
                if (
                    type(files_item_data) is not dict
                    and not isinstance(files_item_data, dict)
                    and not isinstance(files_item_data, Mapping)
                ):
                    raise _type_error(f"Run.files[{files_item_index}]", "an object", files_item_data)
                _artifact_check(files_item_data)

        _error = src_dict.get("error")
        if _error is not None:
            if type(_error) is not str and not isinstance(_error, str):
                raise _type_error("Run.error", "a string", _error)
            pass

        _input_ = src_dict.get("input")
        if _input_ is not None:
            if type(_input_) is not dict and not isinstance(_input_, dict) and not isinstance(_input_, Mapping):
                raise _type_error("Run.input", "an object", _input_)
            pass

        _usage = src_dict.get("usage")
        if _usage is not None:
            if type(_usage) is not dict and not isinstance(_usage, dict) and not isinstance(_usage, Mapping):
                raise _type_error("Run.usage", "an object", _usage)
            _usage_check(_usage)

        _debug = src_dict.get("debug")
        if _debug is not None:
            if type(_debug) is not dict and not isinstance(_debug, dict) and not isinstance(_debug, Mapping):
                raise _type_error("Run.debug", "an object", _debug)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> Run:
        id = src_dict["id"]
        _type_ = src_dict["type"]
        finished = src_dict["finished"]
        _tags = src_dict["tags"]

        type_: RunType | str
        if isinstance(_type_, str):
            type_ = _RUN_TYPE_BY_VALUE.get(_type_, _type_)
        else:
            raise _type_error("Run.type", "a string", _type_)

        tags: list[str] = _tags

        _output = src_dict.get("output")

        _files = src_dict.get("files")
        files: list[Artifact] | None = None
        if _files is not None:
            files = [_artifact_build(files_item_data) for files_item_data in _files]

        _error = src_dict.get("error")
        error: str | None = None
        if _error is not None:
            error = _error

        _input_ = src_dict.get("input")

        _usage = src_dict.get("usage")

        _debug = src_dict.get("debug")

        run = _new_model(Run)
        run.id = id
        run.type_ = type_
        run.finished = finished
        run.tags = tags
        run.files = files
        run.error = error
        if _output is None:
            run.output = None
        if _input_ is None:
            run.input_ = None
        if _usage is None:
            run.usage = None
        if _debug is None:
            run.debug = None
        _keep_json(run, src_dict)
        if len(src_dict) > 8 and not _KNOWN_FIELDS.issuperset(src_dict):
            run.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return run

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


# Imported after the class, not at the top, so that models referring to each other import in any order.
from ..models.artifact import Artifact  # noqa: E402
from ..models.json_object import JsonObject  # noqa: E402
from ..models.run_execution import RunExecution  # noqa: E402
from ..models.run_source import RunSource  # noqa: E402
from ..models.run_timing import RunTiming  # noqa: E402
from ..models.run_trigger import RunTrigger  # noqa: E402
from ..models.usage import Usage  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_artifact_from_dict = Artifact.from_dict
_artifact_check = Artifact._check
_artifact_build = Artifact._build
_json_object_from_dict = JsonObject.from_dict
_json_object_check = JsonObject._check
_json_object_build = JsonObject._build
_run_execution_from_dict = RunExecution.from_dict
_run_execution_check = RunExecution._check
_run_execution_build = RunExecution._build
_run_source_from_dict = RunSource.from_dict
_run_source_check = RunSource._check
_run_source_build = RunSource._build
_run_timing_from_dict = RunTiming.from_dict
_run_timing_check = RunTiming._check
_run_timing_build = RunTiming._build
_run_trigger_from_dict = RunTrigger.from_dict
_run_trigger_check = RunTrigger._check
_run_trigger_build = RunTrigger._build
_usage_from_dict = Usage.from_dict
_usage_check = Usage._check
_usage_build = Usage._build

# Called from the nested checks inlined in _check.
from ..models.run_retry import RunRetry  # noqa: E402

_run_retry_check = RunRetry._check
from ..models.step import Step  # noqa: E402

_step_check = Step._check

# The nested objects built when first read (types.py's _LazyModel): field -> (JSON key, how to build it).
Run._lazy_fields = {
    "timing": ("timing", _run_timing_build),
    "source": ("source", _run_source_build),
    "trigger": ("trigger", _run_trigger_build),
    "execution": ("execution", _run_execution_build),
    "output": ("output", _json_object_build),
    "input_": ("input", _json_object_build),
    "usage": ("usage", _usage_build),
    "debug": ("debug", _json_object_build),
}
