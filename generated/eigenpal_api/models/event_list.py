from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

if TYPE_CHECKING:
    from ..models.event import Event


T = TypeVar("T", bound="EventList")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"events"})


@_attrs_define
class EventList(_LazyModel):
    """A run's events, oldest first.

    Attributes:
        events (list[Event]):
    """

    events: list[Event]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "events": events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("EventList", "an object", src_dict)
        try:
            _events = src_dict["events"]
        except KeyError:
            raise _missing("EventList", src_dict, ("events",)) from None

        if type(_events) is not list and not isinstance(_events, list):
            raise _type_error("EventList.events", "an array", _events)
        events: list[Event] = []
        for events_item_index, events_item_data in enumerate(_events):
            if (
                type(events_item_data) is not dict
                and not isinstance(events_item_data, dict)
                and not isinstance(events_item_data, Mapping)
            ):
                raise _type_error(f"EventList.events[{events_item_index}]", "an object", events_item_data)
            events_item = _event_from_dict(events_item_data)
            events.append(events_item)

        event_list = _new_model(cls)
        event_list.events = events
        if len(src_dict) > 1:
            event_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            event_list.additional_properties = {}
        return event_list

    @staticmethod
    def _from_json(src_dict: Any) -> EventList:
        EventList._check(src_dict)
        return EventList._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("EventList", "an object", src_dict)
        try:
            _events = src_dict["events"]
        except KeyError:
            raise _missing("EventList", src_dict, ("events",)) from None

        if type(_events) is not list and not isinstance(_events, list):
            raise _type_error("EventList.events", "an array", _events)
        for events_item_index, events_item_data in enumerate(_events):
            if (
                type(events_item_data) is not dict
                and not isinstance(events_item_data, dict)
                and not isinstance(events_item_data, Mapping)
            ):
                raise _type_error(f"EventList.events[{events_item_index}]", "an object", events_item_data)
            _event_check(events_item_data)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> EventList:
        _events = src_dict["events"]
        events: list[Event] = [_event_build(events_item_data) for events_item_data in _events]

        event_list = _new_model(EventList)
        event_list.events = events
        if len(src_dict) > 1:
            event_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return event_list

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
from ..models.event import Event  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_event_from_dict = Event.from_dict
_event_check = Event._check
_event_build = Event._build
