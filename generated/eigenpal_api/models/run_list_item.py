from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_type import RunType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_list_execution import RunListExecution
    from ..models.run_source import RunSource
    from ..models.run_timing import RunTiming
    from ..models.run_trigger import RunTrigger


T = TypeVar("T", bound="RunListItem")


@_attrs_define
class RunListItem:
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
        error (str | Unset): Why the run failed, was cancelled or was rejected.
    """

    id: str
    type_: RunType | str
    finished: bool
    tags: list[str]
    timing: RunTiming
    source: RunSource
    trigger: RunTrigger
    execution: RunListExecution
    error: str | Unset = UNSET
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
        if error is not UNSET:
            field_dict["error"] = error

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

        execution = RunListExecution.from_dict(d.pop("execution"))

        error = d.pop("error", UNSET)

        run_list_item = cls(
            id=id,
            type_=type_,
            finished=finished,
            tags=tags,
            timing=timing,
            source=source,
            trigger=trigger,
            execution=execution,
            error=error,
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


# Imported after the class, not at the top, so that models referring to each other import in any order.
from ..models.run_list_execution import RunListExecution  # noqa: E402
from ..models.run_source import RunSource  # noqa: E402
from ..models.run_timing import RunTiming  # noqa: E402
from ..models.run_trigger import RunTrigger  # noqa: E402
