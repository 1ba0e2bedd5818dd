from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cancellation_state import CancellationState
from ..models.run_status import RunStatus
from ..types import (
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

T = TypeVar("T", bound="Cancellation")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_CANCELLATION_STATE_BY_VALUE: dict[str, CancellationState] = {member.value: member for member in CancellationState}
_RUN_STATUS_BY_VALUE: dict[str, RunStatus] = {member.value: member for member in RunStatus}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"state", "wasStatus"})


@_attrs_define
class Cancellation(_LazyModel):
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
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Cancellation", "an object", src_dict)
        try:
            _state = src_dict["state"]
            _was_status = src_dict["wasStatus"]
        except KeyError:
            raise _missing("Cancellation", src_dict, ("state", "wasStatus")) from None

        state: CancellationState | str
        if isinstance(_state, str):
            state = _CANCELLATION_STATE_BY_VALUE.get(_state, _state)
        else:
            raise _type_error("Cancellation.state", "a string", _state)

        was_status: RunStatus | str
        if isinstance(_was_status, str):
            was_status = _RUN_STATUS_BY_VALUE.get(_was_status, _was_status)
        else:
            raise _type_error("Cancellation.wasStatus", "a string", _was_status)

        cancellation = _new_model(cls)
        cancellation.state = state
        cancellation.was_status = was_status
        if len(src_dict) > 2:
            cancellation.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            cancellation.additional_properties = {}
        return cancellation

    @staticmethod
    def _from_json(src_dict: Any) -> Cancellation:
        Cancellation._check(src_dict)
        return Cancellation._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Cancellation", "an object", src_dict)
        try:
            _state = src_dict["state"]
            _was_status = src_dict["wasStatus"]
        except KeyError:
            raise _missing("Cancellation", src_dict, ("state", "wasStatus")) from None

        if isinstance(_state, str):
            pass
        else:
            raise _type_error("Cancellation.state", "a string", _state)

        if isinstance(_was_status, str):
            pass
        else:
            raise _type_error("Cancellation.wasStatus", "a string", _was_status)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> Cancellation:
        _state = src_dict["state"]
        _was_status = src_dict["wasStatus"]
        state: CancellationState | str
        if isinstance(_state, str):
            state = _CANCELLATION_STATE_BY_VALUE.get(_state, _state)
        else:
            raise _type_error("Cancellation.state", "a string", _state)

        was_status: RunStatus | str
        if isinstance(_was_status, str):
            was_status = _RUN_STATUS_BY_VALUE.get(_was_status, _was_status)
        else:
            raise _type_error("Cancellation.wasStatus", "a string", _was_status)

        cancellation = _new_model(Cancellation)
        cancellation.state = state
        cancellation.was_status = was_status
        if len(src_dict) > 2:
            cancellation.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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
