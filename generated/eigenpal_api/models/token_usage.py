from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, _type_error

T = TypeVar("T", bound="TokenUsage")


@_attrs_define
class TokenUsage:
    """Language-model tokens used.

    Attributes:
        input_ (int):
        output (int):
        cache_read (int):
        cache_write (int):
    """

    input_: int
    output: int
    cache_read: int
    cache_write: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        input_ = self.input_

        output = self.output

        cache_read = self.cache_read

        cache_write = self.cache_write

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "input": input_,
                "output": output,
                "cacheRead": cache_read,
                "cacheWrite": cache_write,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("TokenUsage", "an object", src_dict)
        d = dict(src_dict)
        input_ = d.pop("input", UNSET)
        if not isinstance(input_, int) or isinstance(input_, bool):
            raise _type_error("TokenUsage.input", "an integer", input_)

        output = d.pop("output", UNSET)
        if not isinstance(output, int) or isinstance(output, bool):
            raise _type_error("TokenUsage.output", "an integer", output)

        cache_read = d.pop("cacheRead", UNSET)
        if not isinstance(cache_read, int) or isinstance(cache_read, bool):
            raise _type_error("TokenUsage.cacheRead", "an integer", cache_read)

        cache_write = d.pop("cacheWrite", UNSET)
        if not isinstance(cache_write, int) or isinstance(cache_write, bool):
            raise _type_error("TokenUsage.cacheWrite", "an integer", cache_write)

        token_usage = cls(
            input_=input_,
            output=output,
            cache_read=cache_read,
            cache_write=cache_write,
        )

        token_usage.additional_properties = d
        return token_usage

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
