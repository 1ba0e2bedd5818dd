from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..types import (
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="JsonObject")


class JsonObject(dict[str, Any]):
    """A free-form JSON object."""

    __slots__ = ()

    @property
    def additional_properties(self) -> dict[str, Any]:
        """The object's fields: the object itself."""
        return self

    @property
    def additional_keys(self) -> list[str]:
        return list(self)

    def to_dict(self) -> dict[str, Any]:
        return dict(_to_json(dict(self)))

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("JsonObject", src_dict)
        return cls(src_dict)
