from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_type import RunType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact import Artifact
    from ..models.json_object import JsonObject
    from ..models.run_execution import RunExecution
    from ..models.run_source import RunSource
    from ..models.run_timing import RunTiming
    from ..models.run_trigger import RunTrigger
    from ..models.usage import Usage


T = TypeVar("T", bound="Run")


@_attrs_define
class Run:
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
            output (JsonObject | Unset): A free-form JSON object.
            files (list[Artifact] | Unset): The run's output artifacts, on completed runs.
            error (str | Unset): Why the run failed, was cancelled or was rejected.
            input_ (JsonObject | Unset): A free-form JSON object.
            usage (Usage | Unset): What a run used.
            debug (JsonObject | Unset): A free-form JSON object.
    """

    id: str
    type_: RunType | str
    finished: bool
    tags: list[str]
    timing: RunTiming
    source: RunSource
    trigger: RunTrigger
    execution: RunExecution
    output: JsonObject | Unset = UNSET
    files: list[Artifact] | Unset = UNSET
    error: str | Unset = UNSET
    input_: JsonObject | Unset = UNSET
    usage: Usage | Unset = UNSET
    debug: JsonObject | Unset = UNSET
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

        output: dict[str, Any] | Unset = UNSET
        if not isinstance(self.output, Unset):
            output = self.output.to_dict()

        files: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_dict()
                files.append(files_item)

        error = self.error

        input_: dict[str, Any] | Unset = UNSET
        if not isinstance(self.input_, Unset):
            input_ = self.input_.to_dict()

        usage: dict[str, Any] | Unset = UNSET
        if not isinstance(self.usage, Unset):
            usage = self.usage.to_dict()

        debug: dict[str, Any] | Unset = UNSET
        if not isinstance(self.debug, Unset):
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
        if output is not UNSET:
            field_dict["output"] = output
        if files is not UNSET:
            field_dict["files"] = files
        if error is not UNSET:
            field_dict["error"] = error
        if input_ is not UNSET:
            field_dict["input"] = input_
        if usage is not UNSET:
            field_dict["usage"] = usage
        if debug is not UNSET:
            field_dict["debug"] = debug

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        _type__data = d.pop("type")
        type_: RunType | str
        try:
            if not isinstance(_type__data, str):
                raise TypeError()
            componentsschemas_run_type_value_type_0 = RunType(_type__data)

            type_ = componentsschemas_run_type_value_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            type_ = cast(RunType | str, _type__data)

        finished = d.pop("finished")

        tags = cast(list[str], d.pop("tags"))

        timing = RunTiming.from_dict(d.pop("timing"))

        source = RunSource.from_dict(d.pop("source"))

        trigger = RunTrigger.from_dict(d.pop("trigger"))

        execution = RunExecution.from_dict(d.pop("execution"))

        _output = d.pop("output", UNSET)
        output: JsonObject | Unset
        if isinstance(_output, Unset):
            output = UNSET
        else:
            output = JsonObject.from_dict(_output)

        _files = d.pop("files", UNSET)
        files: list[Artifact] | Unset = UNSET
        if _files is not UNSET:
            files = []
            for files_item_data in _files:
                files_item = Artifact.from_dict(files_item_data)

                files.append(files_item)

        error = d.pop("error", UNSET)

        _input_ = d.pop("input", UNSET)
        input_: JsonObject | Unset
        if isinstance(_input_, Unset):
            input_ = UNSET
        else:
            input_ = JsonObject.from_dict(_input_)

        _usage = d.pop("usage", UNSET)
        usage: Usage | Unset
        if isinstance(_usage, Unset):
            usage = UNSET
        else:
            usage = Usage.from_dict(_usage)

        _debug = d.pop("debug", UNSET)
        debug: JsonObject | Unset
        if isinstance(_debug, Unset):
            debug = UNSET
        else:
            debug = JsonObject.from_dict(_debug)

        run = cls(
            id=id,
            type_=type_,
            finished=finished,
            tags=tags,
            timing=timing,
            source=source,
            trigger=trigger,
            execution=execution,
            output=output,
            files=files,
            error=error,
            input_=input_,
            usage=usage,
            debug=debug,
        )

        run.additional_properties = d
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
