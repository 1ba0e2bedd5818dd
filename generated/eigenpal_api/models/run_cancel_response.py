from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_cancel_response_type import RunCancelResponseType
from ..types import (
    _as_bool,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_cancel_response_cancellation import RunCancelResponseCancellation
    from ..models.run_cancel_response_execution import RunCancelResponseExecution


T = TypeVar("T", bound="RunCancelResponse")


@_attrs_define
class RunCancelResponse:
    """
    Attributes:
        id (str):
        type_ (RunCancelResponseType):
        finished (bool): True when the run has reached a terminal status.
        execution (RunCancelResponseExecution):
        cancellation (RunCancelResponseCancellation):
    """

    id: str
    type_: RunCancelResponseType
    finished: bool
    execution: RunCancelResponseExecution
    cancellation: RunCancelResponseCancellation
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["type"] = _to_json(self.type_)
        field_dict["finished"] = _to_json(self.finished)
        field_dict["execution"] = _to_json(self.execution)
        field_dict["cancellation"] = _to_json(self.cancellation)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_cancel_response_cancellation import (
            RunCancelResponseCancellation,  # noqa: PLC0415
        )
        from ..models.run_cancel_response_execution import RunCancelResponseExecution  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunCancelResponse", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("RunCancelResponse.id")
        if "type" not in d:
            raise _missing("RunCancelResponse.type")
        if "finished" not in d:
            raise _missing("RunCancelResponse.finished")
        if "execution" not in d:
            raise _missing("RunCancelResponse.execution")
        if "cancellation" not in d:
            raise _missing("RunCancelResponse.cancellation")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("RunCancelResponse.id", _id, mismatch_)

        _type_ = d.pop("type")
        type_: RunCancelResponseType
        try:
            type_ = RunCancelResponseType(_type_)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            type_ = _drifted("RunCancelResponse.type", _type_, mismatch_)

        _finished = d.pop("finished")
        finished: bool
        try:
            finished = _as_bool(_finished)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            finished = _drifted("RunCancelResponse.finished", _finished, mismatch_)

        _execution = d.pop("execution")
        execution: RunCancelResponseExecution
        try:
            execution = RunCancelResponseExecution.from_dict(_execution)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            execution = _drifted("RunCancelResponse.execution", _execution, mismatch_)

        _cancellation = d.pop("cancellation")
        cancellation: RunCancelResponseCancellation
        try:
            cancellation = RunCancelResponseCancellation.from_dict(_cancellation)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            cancellation = _drifted("RunCancelResponse.cancellation", _cancellation, mismatch_)

        run_cancel_response = cls(
            id=id,
            type_=type_,
            finished=finished,
            execution=execution,
            cancellation=cancellation,
        )
        run_cancel_response.additional_properties = d
        return run_cancel_response

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
