from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_list_item_type import RunListItemType
from ..types import (
    _as_bool,
    _as_float,
    _as_list,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_eval import RunEval
    from ..models.run_execution_meta import RunExecutionMeta
    from ..models.run_source import RunSource
    from ..models.run_timing import RunTiming
    from ..models.run_trigger import RunTrigger


T = TypeVar("T", bound="RunListItem")


@_attrs_define
class RunListItem:
    """
    Attributes:
        id (str):
        type_ (RunListItemType):
        finished (bool): True when the run has reached a terminal status.
        timing (RunTiming):
        source (RunSource):
        trigger (RunTrigger):
        execution (RunExecutionMeta):
        sample_rank (float | None): Deterministic pseudo-random rank in [0, 1) for this run within the tenant. Use with
            a sample rate threshold to review a stable subset.
        eval_ (RunEval | None):
        error (None | str):
        tags (list[str] | None):
        parent_execution_id (str | None): Parent run id when this run was started by an invoke-workflow step. Omitted
            for top-level runs.
    """

    id: str
    type_: RunListItemType
    finished: bool
    timing: RunTiming
    source: RunSource
    trigger: RunTrigger
    execution: RunExecutionMeta
    sample_rank: float | None = None
    eval_: RunEval | None = None
    error: None | str = None
    tags: list[str] | None = None
    parent_execution_id: str | None = None
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
        if self.error is not None:
            field_dict["error"] = _to_json(self.error)
        if self.tags is not None:
            field_dict["tags"] = _to_json(self.tags)
        if self.parent_execution_id is not None:
            field_dict["parentExecutionId"] = _to_json(self.parent_execution_id)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_eval import RunEval  # noqa: PLC0415
        from ..models.run_execution_meta import RunExecutionMeta  # noqa: PLC0415
        from ..models.run_source import RunSource  # noqa: PLC0415
        from ..models.run_timing import RunTiming  # noqa: PLC0415
        from ..models.run_trigger import RunTrigger  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunListItem", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("RunListItem.id")
        if "type" not in d:
            raise _missing("RunListItem.type")
        if "finished" not in d:
            raise _missing("RunListItem.finished")
        if "timing" not in d:
            raise _missing("RunListItem.timing")
        if "source" not in d:
            raise _missing("RunListItem.source")
        if "trigger" not in d:
            raise _missing("RunListItem.trigger")
        if "execution" not in d:
            raise _missing("RunListItem.execution")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("RunListItem.id", _id, mismatch_)

        _type_ = d.pop("type")
        type_: RunListItemType
        try:
            type_ = RunListItemType(_type_)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            type_ = _drifted("RunListItem.type", _type_, mismatch_)

        _finished = d.pop("finished")
        finished: bool
        try:
            finished = _as_bool(_finished)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            finished = _drifted("RunListItem.finished", _finished, mismatch_)

        _timing = d.pop("timing")
        timing: RunTiming
        try:
            timing = RunTiming.from_dict(_timing)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            timing = _drifted("RunListItem.timing", _timing, mismatch_)

        _source = d.pop("source")
        source: RunSource
        try:
            source = RunSource.from_dict(_source)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            source = _drifted("RunListItem.source", _source, mismatch_)

        _trigger = d.pop("trigger")
        trigger: RunTrigger
        try:
            trigger = RunTrigger.from_dict(_trigger)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            trigger = _drifted("RunListItem.trigger", _trigger, mismatch_)

        _execution = d.pop("execution")
        execution: RunExecutionMeta
        try:
            execution = RunExecutionMeta.from_dict(_execution)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            execution = _drifted("RunListItem.execution", _execution, mismatch_)

        _sample_rank = d.pop("sampleRank", None)
        sample_rank: float | None
        if _sample_rank is None:
            sample_rank = None
        else:
            try:
                sample_rank = _as_float(_sample_rank)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                sample_rank = _drifted("RunListItem.sampleRank", _sample_rank, mismatch_)

        _eval_ = d.pop("eval", None)
        eval_: RunEval | None
        if _eval_ is None:
            eval_ = None
        else:
            try:
                eval_ = RunEval.from_dict(_eval_)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                eval_ = _drifted("RunListItem.eval", _eval_, mismatch_)

        _error = d.pop("error", None)
        error: None | str
        if _error is None:
            error = None
        else:
            try:
                error = None if _error is None else _as_str(_error)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                error = _drifted("RunListItem.error", _error, mismatch_)

        _tags = d.pop("tags", None)
        tags: list[str] | None
        if _tags is None:
            tags = None
        else:
            try:
                tags = [_as_str(item) for item in _as_list(_tags)]
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                tags = _drifted("RunListItem.tags", _tags, mismatch_)

        _parent_execution_id = d.pop("parentExecutionId", None)
        parent_execution_id: str | None
        if _parent_execution_id is None:
            parent_execution_id = None
        else:
            try:
                parent_execution_id = _as_str(_parent_execution_id)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                parent_execution_id = _drifted("RunListItem.parentExecutionId", _parent_execution_id, mismatch_)

        run_list_item = cls(
            id=id,
            type_=type_,
            finished=finished,
            timing=timing,
            source=source,
            trigger=trigger,
            execution=execution,
            sample_rank=sample_rank,
            eval_=eval_,
            error=error,
            tags=tags,
            parent_execution_id=parent_execution_id,
        )
        run_list_item.additional_properties = d
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
