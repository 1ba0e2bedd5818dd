from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_type import RunType
from ..types import (
    _as_bool,
    _as_float,
    _as_list,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
    _union,
)

if TYPE_CHECKING:
    from ..models.agent_run_execution import AgentRunExecution
    from ..models.json_object import JsonObject
    from ..models.run_artifact import RunArtifact
    from ..models.run_debug import RunDebug
    from ..models.run_eval import RunEval
    from ..models.run_execution_meta import RunExecutionMeta
    from ..models.run_input import RunInput
    from ..models.run_source import RunSource
    from ..models.run_timing import RunTiming
    from ..models.run_trigger import RunTrigger
    from ..models.run_usage import RunUsage
    from ..models.workflow_run_execution import WorkflowRunExecution


T = TypeVar("T", bound="Run")


@_attrs_define
class Run:
    """
    Attributes:
        id (str):
        type_ (RunType):
        finished (bool): True when the run has reached a terminal status.
        timing (RunTiming):
        source (RunSource):
        trigger (RunTrigger):
        execution (AgentRunExecution | RunExecutionMeta | WorkflowRunExecution): Slim execution metadata always present.
            Pass `expand=execution` to replace with full RunExecution (WorkflowRunExecution or AgentRunExecution depending
            on run type).
        sample_rank (float | None): Deterministic pseudo-random rank in [0, 1) for this run within the tenant. Use with
            a sample rate threshold to review a stable subset.
        eval_ (RunEval | None):
        files (list[RunArtifact] | None): Completed runs only. Download with GET /api/v1/runs/:id/artifacts/:path.
        error (None | str):
        input_ (RunInput | None):
        usage (None | RunUsage): `expand=usage`. Null for old runs without telemetry.
        debug (RunDebug | None):
        tags (list[str] | None):
        parent_execution_id (str | None): Parent run id when this run was started by an invoke-workflow step. Omitted
            for top-level runs.
        output (JsonObject | None): Completed runs only.
    """

    id: str
    type_: RunType
    finished: bool
    timing: RunTiming
    source: RunSource
    trigger: RunTrigger
    execution: AgentRunExecution | RunExecutionMeta | WorkflowRunExecution
    sample_rank: float | None = None
    eval_: RunEval | None = None
    files: list[RunArtifact] | None = None
    error: None | str = None
    input_: RunInput | None = None
    usage: None | RunUsage = None
    debug: RunDebug | None = None
    tags: list[str] | None = None
    parent_execution_id: str | None = None
    output: JsonObject | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["type"] = _to_json(self.type_)
        field_dict["finished"] = _to_json(self.finished)
        field_dict["timing"] = _to_json(self.timing)
        field_dict["source"] = _to_json(self.source)
        field_dict["trigger"] = _to_json(self.trigger)
        field_dict["execution"] = _to_json(self.execution)
        if self.sample_rank is not None:
            field_dict["sampleRank"] = _to_json(self.sample_rank)
        if self.eval_ is not None:
            field_dict["eval"] = _to_json(self.eval_)
        if self.files is not None:
            field_dict["files"] = _to_json(self.files)
        if self.error is not None:
            field_dict["error"] = _to_json(self.error)
        if self.input_ is not None:
            field_dict["input"] = _to_json(self.input_)
        if self.usage is not None:
            field_dict["usage"] = _to_json(self.usage)
        if self.debug is not None:
            field_dict["debug"] = _to_json(self.debug)
        if self.tags is not None:
            field_dict["tags"] = _to_json(self.tags)
        if self.parent_execution_id is not None:
            field_dict["parentExecutionId"] = _to_json(self.parent_execution_id)
        if self.output is not None:
            field_dict["output"] = _to_json(self.output)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.agent_run_execution import AgentRunExecution  # noqa: PLC0415
        from ..models.json_object import JsonObject  # noqa: PLC0415
        from ..models.run_artifact import RunArtifact  # noqa: PLC0415
        from ..models.run_debug import RunDebug  # noqa: PLC0415
        from ..models.run_eval import RunEval  # noqa: PLC0415
        from ..models.run_execution_meta import RunExecutionMeta  # noqa: PLC0415
        from ..models.run_input import RunInput  # noqa: PLC0415
        from ..models.run_source import RunSource  # noqa: PLC0415
        from ..models.run_timing import RunTiming  # noqa: PLC0415
        from ..models.run_trigger import RunTrigger  # noqa: PLC0415
        from ..models.run_usage import RunUsage  # noqa: PLC0415
        from ..models.workflow_run_execution import WorkflowRunExecution  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("Run", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("Run.id")
        if "type" not in d:
            raise _missing("Run.type")
        if "finished" not in d:
            raise _missing("Run.finished")
        if "timing" not in d:
            raise _missing("Run.timing")
        if "source" not in d:
            raise _missing("Run.source")
        if "trigger" not in d:
            raise _missing("Run.trigger")
        if "execution" not in d:
            raise _missing("Run.execution")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("Run.id", _id, mismatch_)

        _type_ = d.pop("type")
        type_: RunType
        try:
            type_ = RunType(_type_)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            type_ = _drifted("Run.type", _type_, mismatch_)

        _finished = d.pop("finished")
        finished: bool
        try:
            finished = _as_bool(_finished)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            finished = _drifted("Run.finished", _finished, mismatch_)

        _timing = d.pop("timing")
        timing: RunTiming
        try:
            timing = RunTiming.from_dict(_timing)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            timing = _drifted("Run.timing", _timing, mismatch_)

        _source = d.pop("source")
        source: RunSource
        try:
            source = RunSource.from_dict(_source)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            source = _drifted("Run.source", _source, mismatch_)

        _trigger = d.pop("trigger")
        trigger: RunTrigger
        try:
            trigger = RunTrigger.from_dict(_trigger)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            trigger = _drifted("Run.trigger", _trigger, mismatch_)

        _execution = d.pop("execution")
        execution: AgentRunExecution | RunExecutionMeta | WorkflowRunExecution
        try:
            execution = _union(
                _execution,
                (
                    lambda value: WorkflowRunExecution.from_dict(value),
                    lambda value: AgentRunExecution.from_dict(value),
                    lambda value: RunExecutionMeta.from_dict(value),
                ),
            )
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            execution = _drifted("Run.execution", _execution, mismatch_)

        _sample_rank = d.pop("sampleRank", None)
        sample_rank: float | None
        if _sample_rank is None:
            sample_rank = None
        else:
            try:
                sample_rank = _as_float(_sample_rank)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                sample_rank = _drifted("Run.sampleRank", _sample_rank, mismatch_)

        _eval_ = d.pop("eval", None)
        eval_: RunEval | None
        if _eval_ is None:
            eval_ = None
        else:
            try:
                eval_ = RunEval.from_dict(_eval_)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                eval_ = _drifted("Run.eval", _eval_, mismatch_)

        _files = d.pop("files", None)
        files: list[RunArtifact] | None
        if _files is None:
            files = None
        else:
            try:
                files = [RunArtifact.from_dict(item) for item in _as_list(_files)]
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                files = _drifted("Run.files", _files, mismatch_)

        _error = d.pop("error", None)
        error: None | str
        if _error is None:
            error = None
        else:
            try:
                error = None if _error is None else _as_str(_error)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                error = _drifted("Run.error", _error, mismatch_)

        _input_ = d.pop("input", None)
        input_: RunInput | None
        if _input_ is None:
            input_ = None
        else:
            try:
                input_ = RunInput.from_dict(_input_)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                input_ = _drifted("Run.input", _input_, mismatch_)

        _usage = d.pop("usage", None)
        usage: None | RunUsage
        if _usage is None:
            usage = None
        else:
            try:
                usage = None if _usage is None else RunUsage.from_dict(_usage)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                usage = _drifted("Run.usage", _usage, mismatch_)

        _debug = d.pop("debug", None)
        debug: RunDebug | None
        if _debug is None:
            debug = None
        else:
            try:
                debug = RunDebug.from_dict(_debug)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                debug = _drifted("Run.debug", _debug, mismatch_)

        _tags = d.pop("tags", None)
        tags: list[str] | None
        if _tags is None:
            tags = None
        else:
            try:
                tags = [_as_str(item) for item in _as_list(_tags)]
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                tags = _drifted("Run.tags", _tags, mismatch_)

        _parent_execution_id = d.pop("parentExecutionId", None)
        parent_execution_id: str | None
        if _parent_execution_id is None:
            parent_execution_id = None
        else:
            try:
                parent_execution_id = _as_str(_parent_execution_id)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                parent_execution_id = _drifted("Run.parentExecutionId", _parent_execution_id, mismatch_)

        _output = d.pop("output", None)
        output: JsonObject | None
        if _output is None:
            output = None
        else:
            try:
                output = None if _output is None else JsonObject.from_dict(_output)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                output = _drifted("Run.output", _output, mismatch_)

        run = cls(
            id=id,
            type_=type_,
            finished=finished,
            timing=timing,
            source=source,
            trigger=trigger,
            execution=execution,
            sample_rank=sample_rank,
            eval_=eval_,
            files=files,
            error=error,
            input_=input_,
            usage=usage,
            debug=debug,
            tags=tags,
            parent_execution_id=parent_execution_id,
            output=output,
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
