from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_type import RunType
from ..types import (
    _keep_json,
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

if TYPE_CHECKING:
    from ..models.cancel_execution import CancelExecution
    from ..models.cancellation import Cancellation


T = TypeVar("T", bound="CancelResult")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_RUN_TYPE_BY_VALUE: dict[str, RunType] = {member.value: member for member in RunType}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"id", "type", "finished", "execution", "cancellation"})


@_attrs_define
class CancelResult(_LazyModel):
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
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelResult", "an object", src_dict)
        try:
            id = src_dict["id"]
            _type_ = src_dict["type"]
            finished = src_dict["finished"]
            _execution = src_dict["execution"]
            _cancellation = src_dict["cancellation"]
        except KeyError:
            raise _missing("CancelResult", src_dict, ("id", "type", "finished", "execution", "cancellation")) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("CancelResult.id", "a string", id)

        type_: RunType | str
        if isinstance(_type_, str):
            type_ = _RUN_TYPE_BY_VALUE.get(_type_, _type_)
        else:
            raise _type_error("CancelResult.type", "a string", _type_)

        if type(finished) is not bool:
            raise _type_error("CancelResult.finished", "a boolean", finished)

        if type(_execution) is not dict and not isinstance(_execution, dict) and not isinstance(_execution, Mapping):
            raise _type_error("CancelResult.execution", "an object", _execution)
        execution = _cancel_execution_from_dict(_execution)

        if (
            type(_cancellation) is not dict
            and not isinstance(_cancellation, dict)
            and not isinstance(_cancellation, Mapping)
        ):
            raise _type_error("CancelResult.cancellation", "an object", _cancellation)
        cancellation = _cancellation_from_dict(_cancellation)

        cancel_result = _new_model(cls)
        cancel_result.id = id
        cancel_result.type_ = type_
        cancel_result.finished = finished
        cancel_result.execution = execution
        cancel_result.cancellation = cancellation
        if len(src_dict) > 5:
            cancel_result.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            cancel_result.additional_properties = {}
        return cancel_result

    @staticmethod
    def _from_json(src_dict: Any) -> CancelResult:
        CancelResult._check(src_dict)
        return CancelResult._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelResult", "an object", src_dict)
        try:
            id = src_dict["id"]
            _type_ = src_dict["type"]
            finished = src_dict["finished"]
            _execution = src_dict["execution"]
            _cancellation = src_dict["cancellation"]
        except KeyError:
            raise _missing("CancelResult", src_dict, ("id", "type", "finished", "execution", "cancellation")) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("CancelResult.id", "a string", id)
        pass

        if isinstance(_type_, str):
            pass
        else:
            raise _type_error("CancelResult.type", "a string", _type_)

        if type(finished) is not bool:
            raise _type_error("CancelResult.finished", "a boolean", finished)
        pass

        if type(_execution) is not dict and not isinstance(_execution, dict) and not isinstance(_execution, Mapping):
            raise _type_error("CancelResult.execution", "an object", _execution)
        _cancel_execution_check(_execution)

        if (
            type(_cancellation) is not dict
            and not isinstance(_cancellation, dict)
            and not isinstance(_cancellation, Mapping)
        ):
            raise _type_error("CancelResult.cancellation", "an object", _cancellation)
        _cancellation_check(_cancellation)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> CancelResult:
        id = src_dict["id"]
        _type_ = src_dict["type"]
        finished = src_dict["finished"]

        type_: RunType | str
        if isinstance(_type_, str):
            type_ = _RUN_TYPE_BY_VALUE.get(_type_, _type_)
        else:
            raise _type_error("CancelResult.type", "a string", _type_)

        cancel_result = _new_model(CancelResult)
        cancel_result.id = id
        cancel_result.type_ = type_
        cancel_result.finished = finished
        _keep_json(cancel_result, src_dict)
        if len(src_dict) > 5:
            cancel_result.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_cancel_execution_from_dict = CancelExecution.from_dict
_cancel_execution_check = CancelExecution._check
_cancel_execution_build = CancelExecution._build
_cancellation_from_dict = Cancellation.from_dict
_cancellation_check = Cancellation._check
_cancellation_build = Cancellation._build

# The nested objects built when first read (types.py's _LazyModel): field -> (JSON key, how to build it).
CancelResult._lazy_fields = {
    "execution": ("execution", _cancel_execution_build),
    "cancellation": ("cancellation", _cancellation_build),
}
