from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_type import RunType
from ..types import UNSET, _type_error

if TYPE_CHECKING:
    from ..models.cancel_execution import CancelExecution
    from ..models.cancellation import Cancellation


T = TypeVar("T", bound="CancelResult")


@_attrs_define
class CancelResult:
    """What a cancel did.

    Attributes:
        id (str): The run's id.
        type_ (RunType | str): The kind of automation, `workflow` or `agent`; a kind this client does not know is kept
            as text.
        finished (bool): Whether the run is terminal now.
        execution (CancelExecution): The run's status after the cancel.
        cancellation (Cancellation): The cancel's outcome.
    """

    id: str
    type_: RunType | str
    finished: bool
    execution: CancelExecution
    cancellation: Cancellation
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_: str
        if isinstance(self.type_, RunType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        finished = self.finished

        execution = self.execution.to_dict()

        cancellation = self.cancellation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "finished": finished,
                "execution": execution,
                "cancellation": cancellation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelResult", "an object", src_dict)
        d = dict(src_dict)
        id = d.pop("id", UNSET)
        if not isinstance(id, str):
            raise _type_error("CancelResult.id", "a string", id)

        _type_ = d.pop("type", UNSET)
        type_: RunType | str
        if isinstance(_type_, str):
            try:
                type_ = RunType(_type_)
            except ValueError:
                type_ = _type_
        else:
            raise _type_error("CancelResult.type", "a string", _type_)

        finished = d.pop("finished", UNSET)
        if not isinstance(finished, bool):
            raise _type_error("CancelResult.finished", "a boolean", finished)

        _execution = d.pop("execution", UNSET)
        if not isinstance(_execution, dict) and not isinstance(_execution, Mapping):
            raise _type_error("CancelResult.execution", "an object", _execution)
        execution = CancelExecution.from_dict(_execution)

        _cancellation = d.pop("cancellation", UNSET)
        if not isinstance(_cancellation, dict) and not isinstance(_cancellation, Mapping):
            raise _type_error("CancelResult.cancellation", "an object", _cancellation)
        cancellation = Cancellation.from_dict(_cancellation)

        cancel_result = cls(
            id=id,
            type_=type_,
            finished=finished,
            execution=execution,
            cancellation=cancellation,
        )

        cancel_result.additional_properties = d
        return cancel_result

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
from ..models.cancel_execution import CancelExecution  # noqa: E402
from ..models.cancellation import Cancellation  # noqa: E402
