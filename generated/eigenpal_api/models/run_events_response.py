from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_list,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_event import RunEvent


T = TypeVar("T", bound="RunEventsResponse")


@_attrs_define
class RunEventsResponse:
    """
    Attributes:
        events (list[RunEvent]):
    """

    events: list[RunEvent]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["events"] = _to_json(self.events)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_event import RunEvent  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunEventsResponse", src_dict)
        d = dict(src_dict)
        if "events" not in d:
            raise _missing("RunEventsResponse.events")
        _events = d.pop("events")
        events: list[RunEvent]
        try:
            events = [RunEvent.from_dict(item) for item in _as_list(_events)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            events = _drifted("RunEventsResponse.events", _events, mismatch_)

        run_events_response = cls(
            events=events,
        )
        run_events_response.additional_properties = d
        return run_events_response

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
