from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _date_time,
    _fromisoformat,
    _keep_json,
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="Event")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"type", "timestamp", "status", "message", "metadata"})


@_attrs_define
class Event(_LazyModel):
    """Something that happened to a run.

    Attributes:
        type_ (str): What happened (`run.created`, `step.completed`, ...).
        timestamp (datetime.datetime):
        status (str | None): The status the run or step had then.
        message (str | None):
        metadata (JsonObject | None): A free-form JSON object.
    """

    type_: str
    timestamp: datetime.datetime
    status: str | None = None
    message: str | None = None
    metadata: JsonObject | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        timestamp = self.timestamp.isoformat()

        status = self.status

        message = self.message

        metadata: dict[str, Any] | None = None
        if self.metadata is not None:
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "timestamp": timestamp,
            }
        )
        if status is not None:
            field_dict["status"] = status
        if message is not None:
            field_dict["message"] = message
        if metadata is not None:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Event", "an object", src_dict)
        try:
            type_ = src_dict["type"]
            _timestamp = src_dict["timestamp"]
        except KeyError:
            raise _missing("Event", src_dict, ("type", "timestamp")) from None

        if type(type_) is not str and not isinstance(type_, str):
            raise _type_error("Event.type", "a string", type_)

        if type(_timestamp) is not str and not isinstance(_timestamp, str):
            raise _type_error("Event.timestamp", "a date-time string", _timestamp)
        try:
            timestamp = _fromisoformat(_timestamp)
            if timestamp.tzinfo is None:
                raise ValueError
        except ValueError:
            timestamp = _date_time("Event.timestamp", _timestamp)

        _status = src_dict.get("status")
        status: str | None = None
        if _status is not None:
            if type(_status) is not str and not isinstance(_status, str):
                raise _type_error("Event.status", "a string", _status)
            status = _status

        _message = src_dict.get("message")
        message: str | None = None
        if _message is not None:
            if type(_message) is not str and not isinstance(_message, str):
                raise _type_error("Event.message", "a string", _message)
            message = _message

        _metadata = src_dict.get("metadata")
        metadata: JsonObject | None = None
        if _metadata is not None:
            if type(_metadata) is not dict and not isinstance(_metadata, dict) and not isinstance(_metadata, Mapping):
                raise _type_error("Event.metadata", "an object", _metadata)
            metadata = _json_object_from_dict(_metadata)

        event = _new_model(cls)
        event.type_ = type_
        event.timestamp = timestamp
        event.status = status
        event.message = message
        event.metadata = metadata
        if len(src_dict) > 2 and not _KNOWN_FIELDS.issuperset(src_dict):
            event.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            event.additional_properties = {}
        return event

    @staticmethod
    def _from_json(src_dict: Any) -> Event:
        Event._check(src_dict)
        return Event._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Event", "an object", src_dict)
        try:
            type_ = src_dict["type"]
            _timestamp = src_dict["timestamp"]
        except KeyError:
            raise _missing("Event", src_dict, ("type", "timestamp")) from None

        if type(type_) is not str and not isinstance(type_, str):
            raise _type_error("Event.type", "a string", type_)
        pass

        if type(_timestamp) is not str and not isinstance(_timestamp, str):
            raise _type_error("Event.timestamp", "a date-time string", _timestamp)
        try:
            _ = _fromisoformat(_timestamp)
            if _.tzinfo is None:
                raise ValueError
        except ValueError:
            _ = _date_time("Event.timestamp", _timestamp)

        _status = src_dict.get("status")
        if _status is not None:
            if type(_status) is not str and not isinstance(_status, str):
                raise _type_error("Event.status", "a string", _status)
            pass

        _message = src_dict.get("message")
        if _message is not None:
            if type(_message) is not str and not isinstance(_message, str):
                raise _type_error("Event.message", "a string", _message)
            pass

        _metadata = src_dict.get("metadata")
        if _metadata is not None:
            if type(_metadata) is not dict and not isinstance(_metadata, dict) and not isinstance(_metadata, Mapping):
                raise _type_error("Event.metadata", "an object", _metadata)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> Event:
        type_ = src_dict["type"]
        _timestamp = src_dict["timestamp"]

        try:
            timestamp = _fromisoformat(_timestamp)
            if timestamp.tzinfo is None:
                raise ValueError
        except ValueError:
            timestamp = _date_time("Event.timestamp", _timestamp)

        _status = src_dict.get("status")
        status: str | None = None
        if _status is not None:
            status = _status

        _message = src_dict.get("message")
        message: str | None = None
        if _message is not None:
            message = _message

        _metadata = src_dict.get("metadata")

        event = _new_model(Event)
        event.type_ = type_
        event.timestamp = timestamp
        event.status = status
        event.message = message
        if _metadata is None:
            event.metadata = None
        if _metadata is not None:
            _keep_json(event, src_dict)
        if len(src_dict) > 2 and not _KNOWN_FIELDS.issuperset(src_dict):
            event.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return event

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
from ..models.json_object import JsonObject  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_json_object_from_dict = JsonObject.from_dict
_json_object_check = JsonObject._check
_json_object_build = JsonObject._build

# The nested objects built when first read (types.py's _LazyModel): field -> (JSON key, how to build it).
Event._lazy_fields = {
    "metadata": ("metadata", _json_object_build),
}
