from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..models.run_type import RunType
from ..types import (
    _LazyModel,
    _new_model,
    _type_error,
    _value_error,
)

T = TypeVar("T", bound="CancelManyRequest")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_RUN_STATUS_BY_VALUE: dict[str, RunStatus] = {member.value: member for member in RunStatus}
_RUN_TYPE_BY_VALUE: dict[str, RunType] = {member.value: member for member in RunType}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"status", "source", "type", "tag", "ids", "from", "to"})


@_attrs_define
class CancelManyRequest(_LazyModel):
    """The runs to cancel; at least one filter is required, and a run must match all of them.

    Attributes:
        status (list[RunStatus] | None): Only runs in one of these statuses.
        source (str | None): Only runs of this automation, by id or slug.
        type_ (RunType | None): The kind of automation a run executes.
        tag (str | None): Only runs carrying this tag.
        ids (list[str] | None): Only these runs; at most 100 ids.
        from_ (str | None): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`, `now()-7d`; units s, m, h, d,
            w).
        to (str | None): ISO-8601 (`2026-01-01T00:00:00Z`) or relative to now (`now()`, `now()-7d`; units s, m, h, d,
            w).
    """

    status: list[RunStatus] | None = None
    source: str | None = None
    type_: RunType | None = None
    tag: str | None = None
    ids: list[str] | None = None
    from_: str | None = None
    to: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: list[str] | None = None
        if self.status is not None:
            status = []
            for status_item_data in self.status:
                status_item = status_item_data.value
                status.append(status_item)

        source = self.source

        type_: str | None = None
        if self.type_ is not None:
            type_ = self.type_.value

        tag = self.tag

        ids = self.ids

        from_ = self.from_

        to = self.to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not None:
            field_dict["status"] = status
        if source is not None:
            field_dict["source"] = source
        if type_ is not None:
            field_dict["type"] = type_
        if tag is not None:
            field_dict["tag"] = tag
        if ids is not None:
            field_dict["ids"] = ids
        if from_ is not None:
            field_dict["from"] = from_
        if to is not None:
            field_dict["to"] = to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelManyRequest", "an object", src_dict)
        _status = src_dict.get("status")
        status: list[RunStatus] | None = None
        if _status is not None:
            if type(_status) is not list and not isinstance(_status, list):
                raise _type_error("CancelManyRequest.status", "an array", _status)
            status = []
            for status_item_index, status_item_data in enumerate(_status):
                if type(status_item_data) is not str and not isinstance(status_item_data, str):
                    raise _type_error(f"CancelManyRequest.status[{status_item_index}]", "a string", status_item_data)
                try:
                    status_item = _RUN_STATUS_BY_VALUE[status_item_data]
                except KeyError:
                    raise _value_error(
                        f"CancelManyRequest.status[{status_item_index}]", "a RunStatus value", status_item_data
                    ) from None
                status.append(status_item)

        _source = src_dict.get("source")
        source: str | None = None
        if _source is not None:
            if type(_source) is not str and not isinstance(_source, str):
                raise _type_error("CancelManyRequest.source", "a string", _source)
            source = _source

        _type_ = src_dict.get("type")
        type_: RunType | None = None
        if _type_ is not None:
            if type(_type_) is not str and not isinstance(_type_, str):
                raise _type_error("CancelManyRequest.type", "a string", _type_)
            try:
                type_ = _RUN_TYPE_BY_VALUE[_type_]
            except KeyError:
                raise _value_error("CancelManyRequest.type", "a RunType value", _type_) from None

        _tag = src_dict.get("tag")
        tag: str | None = None
        if _tag is not None:
            if type(_tag) is not str and not isinstance(_tag, str):
                raise _type_error("CancelManyRequest.tag", "a string", _tag)
            tag = _tag

        _ids = src_dict.get("ids")
        ids: list[str] | None = None
        if _ids is not None:
            if type(_ids) is not list and not isinstance(_ids, list):
                raise _type_error("CancelManyRequest.ids", "an array", _ids)
            for ids_item_index, ids_item in enumerate(_ids):
                if type(ids_item) is not str and not isinstance(ids_item, str):
                    raise _type_error(f"CancelManyRequest.ids[{ids_item_index}]", "a string", ids_item)
            ids = _ids

        _from_ = src_dict.get("from")
        from_: str | None = None
        if _from_ is not None:
            if type(_from_) is not str and not isinstance(_from_, str):
                raise _type_error("CancelManyRequest.from", "a string", _from_)
            from_ = _from_

        _to = src_dict.get("to")
        to: str | None = None
        if _to is not None:
            if type(_to) is not str and not isinstance(_to, str):
                raise _type_error("CancelManyRequest.to", "a string", _to)
            to = _to

        cancel_many_request = _new_model(cls)
        cancel_many_request.status = status
        cancel_many_request.source = source
        cancel_many_request.type_ = type_
        cancel_many_request.tag = tag
        cancel_many_request.ids = ids
        cancel_many_request.from_ = from_
        cancel_many_request.to = to
        if len(src_dict) > 0 and not _KNOWN_FIELDS.issuperset(src_dict):
            cancel_many_request.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            cancel_many_request.additional_properties = {}
        return cancel_many_request

    @staticmethod
    def _from_json(src_dict: Any) -> CancelManyRequest:
        CancelManyRequest._check(src_dict)
        return CancelManyRequest._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelManyRequest", "an object", src_dict)

        _status = src_dict.get("status")
        if _status is not None:
            if type(_status) is not list and not isinstance(_status, list):
                raise _type_error("CancelManyRequest.status", "an array", _status)
            for status_item_index, status_item_data in enumerate(_status):
                if type(status_item_data) is not str and not isinstance(status_item_data, str):
                    raise _type_error(f"CancelManyRequest.status[{status_item_index}]", "a string", status_item_data)
                try:
                    status_item = _RUN_STATUS_BY_VALUE[status_item_data]
                except KeyError:
                    raise _value_error(
                        f"CancelManyRequest.status[{status_item_index}]", "a RunStatus value", status_item_data
                    ) from None

        _source = src_dict.get("source")
        if _source is not None:
            if type(_source) is not str and not isinstance(_source, str):
                raise _type_error("CancelManyRequest.source", "a string", _source)
            pass

        _type_ = src_dict.get("type")
        if _type_ is not None:
            if type(_type_) is not str and not isinstance(_type_, str):
                raise _type_error("CancelManyRequest.type", "a string", _type_)
            try:
                _ = _RUN_TYPE_BY_VALUE[_type_]
            except KeyError:
                raise _value_error("CancelManyRequest.type", "a RunType value", _type_) from None

        _tag = src_dict.get("tag")
        if _tag is not None:
            if type(_tag) is not str and not isinstance(_tag, str):
                raise _type_error("CancelManyRequest.tag", "a string", _tag)
            pass

        _ids = src_dict.get("ids")
        if _ids is not None:
            if type(_ids) is not list and not isinstance(_ids, list):
                raise _type_error("CancelManyRequest.ids", "an array", _ids)
            for ids_item_index, ids_item in enumerate(_ids):
                if type(ids_item) is not str and not isinstance(ids_item, str):
                    raise _type_error(f"CancelManyRequest.ids[{ids_item_index}]", "a string", ids_item)

        _from_ = src_dict.get("from")
        if _from_ is not None:
            if type(_from_) is not str and not isinstance(_from_, str):
                raise _type_error("CancelManyRequest.from", "a string", _from_)
            pass

        _to = src_dict.get("to")
        if _to is not None:
            if type(_to) is not str and not isinstance(_to, str):
                raise _type_error("CancelManyRequest.to", "a string", _to)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> CancelManyRequest:
        _status = src_dict.get("status")
        status: list[RunStatus] | None = None
        if _status is not None:
            status = []
            for status_item_index, status_item_data in enumerate(_status):
                try:
                    status_item = _RUN_STATUS_BY_VALUE[status_item_data]
                except KeyError:
                    raise _value_error(
                        f"CancelManyRequest.status[{status_item_index}]", "a RunStatus value", status_item_data
                    ) from None
                status.append(status_item)

        _source = src_dict.get("source")
        source: str | None = None
        if _source is not None:
            source = _source

        _type_ = src_dict.get("type")
        type_: RunType | None = None
        if _type_ is not None:
            try:
                type_ = _RUN_TYPE_BY_VALUE[_type_]
            except KeyError:
                raise _value_error("CancelManyRequest.type", "a RunType value", _type_) from None

        _tag = src_dict.get("tag")
        tag: str | None = None
        if _tag is not None:
            tag = _tag

        _ids = src_dict.get("ids")
        ids: list[str] | None = None
        if _ids is not None:
            ids = _ids

        _from_ = src_dict.get("from")
        from_: str | None = None
        if _from_ is not None:
            from_ = _from_

        _to = src_dict.get("to")
        to: str | None = None
        if _to is not None:
            to = _to

        cancel_many_request = _new_model(CancelManyRequest)
        cancel_many_request.status = status
        cancel_many_request.source = source
        cancel_many_request.type_ = type_
        cancel_many_request.tag = tag
        cancel_many_request.ids = ids
        cancel_many_request.from_ = from_
        cancel_many_request.to = to
        if len(src_dict) > 0 and not _KNOWN_FIELDS.issuperset(src_dict):
            cancel_many_request.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return cancel_many_request

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
