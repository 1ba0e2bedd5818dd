from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

T = TypeVar("T", bound="CancelManyResult")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"matched", "cancelled", "requested"})


@_attrs_define
class CancelManyResult(_LazyModel):
    """How many non-terminal runs matched the filters (`matched` = `cancelled` + `requested`), how many were cancelled at
    once and how many were asked to stop at their next checkpoint.

    Attributes:
        matched (int):
        cancelled (int):
        requested (int):
    """

    matched: int
    cancelled: int
    requested: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        matched = self.matched

        cancelled = self.cancelled

        requested = self.requested

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "matched": matched,
                "cancelled": cancelled,
                "requested": requested,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelManyResult", "an object", src_dict)
        try:
            matched = src_dict["matched"]
            cancelled = src_dict["cancelled"]
            requested = src_dict["requested"]
        except KeyError:
            raise _missing("CancelManyResult", src_dict, ("matched", "cancelled", "requested")) from None

        if type(matched) is not int and (not isinstance(matched, int) or isinstance(matched, bool)):
            raise _type_error("CancelManyResult.matched", "an integer", matched)

        if type(cancelled) is not int and (not isinstance(cancelled, int) or isinstance(cancelled, bool)):
            raise _type_error("CancelManyResult.cancelled", "an integer", cancelled)

        if type(requested) is not int and (not isinstance(requested, int) or isinstance(requested, bool)):
            raise _type_error("CancelManyResult.requested", "an integer", requested)

        cancel_many_result = _new_model(cls)
        cancel_many_result.matched = matched
        cancel_many_result.cancelled = cancelled
        cancel_many_result.requested = requested
        if len(src_dict) > 3:
            cancel_many_result.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            cancel_many_result.additional_properties = {}
        return cancel_many_result

    @staticmethod
    def _from_json(src_dict: Any) -> CancelManyResult:
        CancelManyResult._check(src_dict)
        return CancelManyResult._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("CancelManyResult", "an object", src_dict)
        try:
            matched = src_dict["matched"]
            cancelled = src_dict["cancelled"]
            requested = src_dict["requested"]
        except KeyError:
            raise _missing("CancelManyResult", src_dict, ("matched", "cancelled", "requested")) from None

        if type(matched) is not int and (not isinstance(matched, int) or isinstance(matched, bool)):
            raise _type_error("CancelManyResult.matched", "an integer", matched)
        pass

        if type(cancelled) is not int and (not isinstance(cancelled, int) or isinstance(cancelled, bool)):
            raise _type_error("CancelManyResult.cancelled", "an integer", cancelled)
        pass

        if type(requested) is not int and (not isinstance(requested, int) or isinstance(requested, bool)):
            raise _type_error("CancelManyResult.requested", "an integer", requested)
        pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> CancelManyResult:
        matched = src_dict["matched"]
        cancelled = src_dict["cancelled"]
        requested = src_dict["requested"]

        cancel_many_result = _new_model(CancelManyResult)
        cancel_many_result.matched = matched
        cancel_many_result.cancelled = cancelled
        cancel_many_result.requested = requested
        if len(src_dict) > 3:
            cancel_many_result.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return cancel_many_result

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
