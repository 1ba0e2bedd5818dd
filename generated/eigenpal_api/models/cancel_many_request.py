from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..models.run_type import RunType
from ..types import _type_error, _value_error

T = TypeVar("T", bound="CancelManyRequest")


@_attrs_define
class CancelManyRequest:
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
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelManyRequest", "an object", src_dict)
        d = dict(src_dict)
        _status = d.pop("status", None)
        status: list[RunStatus] | None = None
        if _status is not None:
            if not isinstance(_status, list):
                raise _type_error("CancelManyRequest.status", "an array", _status)
            status = []
            for status_item_index, status_item_data in enumerate(_status):
                if not isinstance(status_item_data, str):
                    raise _type_error(f"CancelManyRequest.status[{status_item_index}]", "a string", status_item_data)
                try:
                    status_item = RunStatus(status_item_data)
                except ValueError:
                    raise _value_error(
                        f"CancelManyRequest.status[{status_item_index}]", "a RunStatus value", status_item_data
                    ) from None
                status.append(status_item)

        _source = d.pop("source", None)
        source: str | None = None
        if _source is not None:
            if not isinstance(_source, str):
                raise _type_error("CancelManyRequest.source", "a string", _source)
            source = _source

        _type_ = d.pop("type", None)
        type_: RunType | None = None
        if _type_ is not None:
            if not isinstance(_type_, str):
                raise _type_error("CancelManyRequest.type", "a string", _type_)
            try:
                type_ = RunType(_type_)
            except ValueError:
                raise _value_error("CancelManyRequest.type", "a RunType value", _type_) from None

        _tag = d.pop("tag", None)
        tag: str | None = None
        if _tag is not None:
            if not isinstance(_tag, str):
                raise _type_error("CancelManyRequest.tag", "a string", _tag)
            tag = _tag

        _ids = d.pop("ids", None)
        ids: list[str] | None = None
        if _ids is not None:
            if not isinstance(_ids, list):
                raise _type_error("CancelManyRequest.ids", "an array", _ids)
            for ids_item_index, ids_item in enumerate(_ids):
                if not isinstance(ids_item, str):
                    raise _type_error(f"CancelManyRequest.ids[{ids_item_index}]", "a string", ids_item)
            ids = _ids

        _from_ = d.pop("from", None)
        from_: str | None = None
        if _from_ is not None:
            if not isinstance(_from_, str):
                raise _type_error("CancelManyRequest.from", "a string", _from_)
            from_ = _from_

        _to = d.pop("to", None)
        to: str | None = None
        if _to is not None:
            if not isinstance(_to, str):
                raise _type_error("CancelManyRequest.to", "a string", _to)
            to = _to

        cancel_many_request = cls(
            status=status,
            source=source,
            type_=type_,
            tag=tag,
            ids=ids,
            from_=from_,
            to=to,
        )

        cancel_many_request.additional_properties = d
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
