from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="RunEvent")


@_attrs_define
class RunEvent:
    """
    Attributes:
        type_ (str):
        timestamp (str):
        status (None | str):
        message (None | str):
        metadata (JsonObject | None): A free-form JSON object.
    """

    type_: str
    timestamp: str
    status: None | str = None
    message: None | str = None
    metadata: JsonObject | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["type"] = _to_json(self.type_)
        field_dict["timestamp"] = _to_json(self.timestamp)
        if self.status is not None:
            field_dict["status"] = _to_json(self.status)
        if self.message is not None:
            field_dict["message"] = _to_json(self.message)
        if self.metadata is not None:
            field_dict["metadata"] = _to_json(self.metadata)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_object import JsonObject  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunEvent", src_dict)
        d = dict(src_dict)
        if "type" not in d:
            raise _missing("RunEvent.type")
        if "timestamp" not in d:
            raise _missing("RunEvent.timestamp")
        _type_ = d.pop("type")
        type_: str
        try:
            type_ = _as_str(_type_)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            type_ = _drifted("RunEvent.type", _type_, mismatch_)

        _timestamp = d.pop("timestamp")
        timestamp: str
        try:
            timestamp = _as_str(_timestamp)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            timestamp = _drifted("RunEvent.timestamp", _timestamp, mismatch_)

        _status = d.pop("status", None)
        status: None | str
        if _status is None:
            status = None
        else:
            try:
                status = None if _status is None else _as_str(_status)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                status = _drifted("RunEvent.status", _status, mismatch_)

        _message = d.pop("message", None)
        message: None | str
        if _message is None:
            message = None
        else:
            try:
                message = None if _message is None else _as_str(_message)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                message = _drifted("RunEvent.message", _message, mismatch_)

        _metadata = d.pop("metadata", None)
        metadata: JsonObject | None
        if _metadata is None:
            metadata = None
        else:
            try:
                metadata = JsonObject.from_dict(_metadata)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                metadata = _drifted("RunEvent.metadata", _metadata, mismatch_)

        run_event = cls(
            type_=type_,
            timestamp=timestamp,
            status=status,
            message=message,
            metadata=metadata,
        )
        run_event.additional_properties = d
        return run_event

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
