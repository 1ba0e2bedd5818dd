from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..types import (
    _type_error,
)

T = TypeVar("T", bound="JsonObject")


class JsonObject(dict[str, Any]):
    """A free-form JSON object."""

    __slots__ = ()

    @property
    def additional_properties(self) -> dict[str, Any]:
        """The object's fields: the object itself."""
        return self

    @additional_properties.setter
    def additional_properties(self, fields: dict[str, Any]) -> None:
        self.clear()
        self.update(fields)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("JsonObject", "an object", src_dict)
        return cls(src_dict)

    @staticmethod
    def _from_json(src_dict: Any) -> JsonObject:
        JsonObject._check(src_dict)
        return JsonObject._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("JsonObject", "an object", src_dict)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> JsonObject:
        return JsonObject(src_dict)

    @property
    def additional_keys(self) -> list[str]:
        return list(self)
