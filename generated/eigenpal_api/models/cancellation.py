from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cancellation_state import CancellationState
from ..models.run_status import RunStatus
from ..types import UNSET, _type_error

T = TypeVar("T", bound="Cancellation")


@_attrs_define
class Cancellation:
    """The cancel's outcome.

    Attributes:
        state (CancellationState | str):
        was_status (RunStatus | str): The run's status; a status this client does not know is kept as text and is non-
            terminal.
    """

    state: CancellationState | str
    was_status: RunStatus | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state: str
        if isinstance(self.state, CancellationState):
            state = self.state.value
        else:
            state = self.state

        was_status: str
        if isinstance(self.was_status, RunStatus):
            was_status = self.was_status.value
        else:
            was_status = self.was_status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "state": state,
                "wasStatus": was_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Cancellation", "an object", src_dict)
        d = dict(src_dict)
        _state = d.pop("state", UNSET)
        state: CancellationState | str
        if isinstance(_state, str):
            try:
                state = CancellationState(_state)
            except ValueError:
                state = _state
        else:
            raise _type_error("Cancellation.state", "a string", _state)

        _was_status = d.pop("wasStatus", UNSET)
        was_status: RunStatus | str
        if isinstance(_was_status, str):
            try:
                was_status = RunStatus(_was_status)
            except ValueError:
                was_status = _was_status
        else:
            raise _type_error("Cancellation.wasStatus", "a string", _was_status)

        cancellation = cls(
            state=state,
            was_status=was_status,
        )

        cancellation.additional_properties = d
        return cancellation

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
