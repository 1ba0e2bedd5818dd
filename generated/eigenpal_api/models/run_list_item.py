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
    from ..models.run_list_execution import RunListExecution
    from ..models.run_source import RunSource
    from ..models.run_timing import RunTiming
    from ..models.run_trigger import RunTrigger


T = TypeVar("T", bound="RunListItem")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_RUN_TYPE_BY_VALUE: dict[str, RunType] = {member.value: member for member in RunType}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"id", "type", "finished", "tags", "timing", "source", "trigger", "execution", "error"})


@_attrs_define
class RunListItem(_LazyModel):
    """A run as listed; never carries `output` or `files` (get the run for those).

    Attributes:
        id (str): The run's id.
        type_ (RunType | str): The kind of automation, `workflow` or `agent`; a kind this client does not know is kept
            as text.
        finished (bool): Whether the run is terminal.
        tags (list[str]): The run's tags.
        timing (RunTiming): When the run reached each stage; null until it has.
        source (RunSource): The automation the run executes.
        trigger (RunTrigger): What started the run.
        execution (RunListExecution): The slim execution section of a list item.
        error (str | None): Why the run failed, was cancelled or was rejected.
    """

    id: str
    type_: RunType | str
    finished: bool
    tags: list[str]
    timing: RunTiming
    source: RunSource
    trigger: RunTrigger
    execution: RunListExecution
    error: str | None = None
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

        error = self.error

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
        if error is not None:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunListItem", "an object", src_dict)
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
                "RunListItem", src_dict, ("id", "type", "finished", "tags", "timing", "source", "trigger", "execution")
            ) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("RunListItem.id", "a string", id)

        type_: RunType | str
        if isinstance(_type_, str):
            type_ = _RUN_TYPE_BY_VALUE.get(_type_, _type_)
        else:
            raise _type_error("RunListItem.type", "a string", _type_)

        if type(finished) is not bool:
            raise _type_error("RunListItem.finished", "a boolean", finished)

        if type(_tags) is not list and not isinstance(_tags, list):
            raise _type_error("RunListItem.tags", "an array", _tags)
        for tags_item_index, tags_item in enumerate(_tags):
            if type(tags_item) is not str and not isinstance(tags_item, str):
                raise _type_error(f"RunListItem.tags[{tags_item_index}]", "a string", tags_item)
        tags: list[str] = _tags

        if type(_timing) is not dict and not isinstance(_timing, dict) and not isinstance(_timing, Mapping):
            raise _type_error("RunListItem.timing", "an object", _timing)
        timing = _run_timing_from_dict(_timing)

        if type(_source) is not dict and not isinstance(_source, dict) and not isinstance(_source, Mapping):
            raise _type_error("RunListItem.source", "an object", _source)
        source = _run_source_from_dict(_source)

        if type(_trigger) is not dict and not isinstance(_trigger, dict) and not isinstance(_trigger, Mapping):
            raise _type_error("RunListItem.trigger", "an object", _trigger)
        trigger = _run_trigger_from_dict(_trigger)

        if type(_execution) is not dict and not isinstance(_execution, dict) and not isinstance(_execution, Mapping):
            raise _type_error("RunListItem.execution", "an object", _execution)
        execution = _run_list_execution_from_dict(_execution)

        _error = src_dict.get("error")
        error: str | None = None
        if _error is not None:
            if type(_error) is not str and not isinstance(_error, str):
                raise _type_error("RunListItem.error", "a string", _error)
            error = _error

        run_list_item = _new_model(cls)
        run_list_item.id = id
        run_list_item.type_ = type_
        run_list_item.finished = finished
        run_list_item.tags = tags
        run_list_item.timing = timing
        run_list_item.source = source
        run_list_item.trigger = trigger
        run_list_item.execution = execution
        run_list_item.error = error
        if len(src_dict) > 8 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_list_item.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run_list_item.additional_properties = {}
        return run_list_item

    @staticmethod
    def _from_json(src_dict: Any) -> RunListItem:
        RunListItem._check(src_dict)
        return RunListItem._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunListItem", "an object", src_dict)
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
                "RunListItem", src_dict, ("id", "type", "finished", "tags", "timing", "source", "trigger", "execution")
            ) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("RunListItem.id", "a string", id)
        pass

        if isinstance(_type_, str):
            pass
        else:
            raise _type_error("RunListItem.type", "a string", _type_)

        if type(finished) is not bool:
            raise _type_error("RunListItem.finished", "a boolean", finished)
        pass

        if type(_tags) is not list and not isinstance(_tags, list):
            raise _type_error("RunListItem.tags", "an array", _tags)
        for tags_item_index, tags_item in enumerate(_tags):
            if type(tags_item) is not str and not isinstance(tags_item, str):
                raise _type_error(f"RunListItem.tags[{tags_item_index}]", "a string", tags_item)

        if type(_timing) is not dict and not isinstance(_timing, dict) and not isinstance(_timing, Mapping):
            raise _type_error("RunListItem.timing", "an object", _timing)
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
            raise _type_error("RunListItem.source", "an object", _source)
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
            raise _type_error("RunListItem.trigger", "an object", _trigger)
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
            raise _type_error("RunListItem.execution", "an object", _execution)
        try:
            _execution__status = _execution["status"]
        except KeyError:
            raise _missing("RunListExecution", _execution, ("status",)) from None
        if isinstance(_execution__status, str):
            pass
        else:
            raise _type_error("RunListExecution.status", "a string", _execution__status)
        _execution__schema_valid = _execution.get("schemaValid")
        if _execution__schema_valid is None:
            _ = None
        elif isinstance(_execution__schema_valid, bool):
            pass
        else:
            raise _type_error("RunListExecution.schemaValid", "a boolean or null", _execution__schema_valid)
        _execution__batch_id = _execution.get("batchId")
        if _execution__batch_id is None:
            _ = None
        elif isinstance(_execution__batch_id, str):
            pass
        else:
            raise _type_error("RunListExecution.batchId", "a string or null", _execution__batch_id)
        _execution__retry = _execution.get("retry")
        if _execution__retry is None:
            _ = None
        elif isinstance(_execution__retry, dict) or isinstance(_execution__retry, Mapping):
            _run_retry_check(_execution__retry)
        else:
            raise _type_error("RunListExecution.retry", "an object or null", _execution__retry)

        _error = src_dict.get("error")
        if _error is not None:
            if type(_error) is not str and not isinstance(_error, str):
                raise _type_error("RunListItem.error", "a string", _error)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> RunListItem:
        id = src_dict["id"]
        _type_ = src_dict["type"]
        finished = src_dict["finished"]
        _tags = src_dict["tags"]

        type_: RunType | str
        if isinstance(_type_, str):
            type_ = _RUN_TYPE_BY_VALUE.get(_type_, _type_)
        else:
            raise _type_error("RunListItem.type", "a string", _type_)

        tags: list[str] = _tags

        _error = src_dict.get("error")
        error: str | None = None
        if _error is not None:
            error = _error

        run_list_item = _new_model(RunListItem)
        run_list_item.id = id
        run_list_item.type_ = type_
        run_list_item.finished = finished
        run_list_item.tags = tags
        run_list_item.error = error
        _keep_json(run_list_item, src_dict)
        if len(src_dict) > 8 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_list_item.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return run_list_item

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
from ..models.run_list_execution import RunListExecution  # noqa: E402
from ..models.run_source import RunSource  # noqa: E402
from ..models.run_timing import RunTiming  # noqa: E402
from ..models.run_trigger import RunTrigger  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_run_list_execution_from_dict = RunListExecution.from_dict
_run_list_execution_check = RunListExecution._check
_run_list_execution_build = RunListExecution._build
_run_source_from_dict = RunSource.from_dict
_run_source_check = RunSource._check
_run_source_build = RunSource._build
_run_timing_from_dict = RunTiming.from_dict
_run_timing_check = RunTiming._check
_run_timing_build = RunTiming._build
_run_trigger_from_dict = RunTrigger.from_dict
_run_trigger_check = RunTrigger._check
_run_trigger_build = RunTrigger._build

# Called from the nested checks inlined in _check.
from ..models.run_retry import RunRetry  # noqa: E402

_run_retry_check = RunRetry._check

# The nested objects built when first read (types.py's _LazyModel): field -> (JSON key, how to build it).
RunListItem._lazy_fields = {
    "timing": ("timing", _run_timing_build),
    "source": ("source", _run_source_build),
    "trigger": ("trigger", _run_trigger_build),
    "execution": ("execution", _run_list_execution_build),
}
