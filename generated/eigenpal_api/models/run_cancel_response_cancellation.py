from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.execution_status import ExecutionStatus
from ..models.run_cancel_response_cancellation_state import (
    RunCancelResponseCancellationState,
)
from ..types import (
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
    _union,
)

T = TypeVar("T", bound="RunCancelResponseCancellation")


@_attrs_define
class RunCancelResponseCancellation:
    """
    Attributes:
        state (RunCancelResponseCancellationState): `cancelled` — the run was terminated immediately (it had not
            started). `requested` — the run is in-flight; cancellation was requested and the status will become `cancelled`
            shortly. `already_terminal` — the run had already finished; nothing changed.
        was_status (ExecutionStatus | str):
    """

    state: RunCancelResponseCancellationState
    was_status: ExecutionStatus | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["state"] = _to_json(self.state)
        field_dict["wasStatus"] = _to_json(self.was_status)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunCancelResponseCancellation", src_dict)
        d = dict(src_dict)
        if "state" not in d:
            raise _missing("RunCancelResponseCancellation.state")
        if "wasStatus" not in d:
            raise _missing("RunCancelResponseCancellation.wasStatus")
        _state = d.pop("state")
        state: RunCancelResponseCancellationState
        try:
            state = RunCancelResponseCancellationState(_state)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            state = _drifted("RunCancelResponseCancellation.state", _state, mismatch_)

        _was_status = d.pop("wasStatus")
        was_status: ExecutionStatus | str
        try:
            was_status = _union(
                _was_status,
                (
                    lambda value: ExecutionStatus(value),
                    lambda value: _as_str(value),
                ),
            )
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            was_status = _drifted("RunCancelResponseCancellation.wasStatus", _was_status, mismatch_)

        run_cancel_response_cancellation = cls(
            state=state,
            was_status=was_status,
        )
        run_cancel_response_cancellation.additional_properties = d
        return run_cancel_response_cancellation

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
