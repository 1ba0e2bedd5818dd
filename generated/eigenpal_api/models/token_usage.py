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

T = TypeVar("T", bound="TokenUsage")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"input", "output", "cacheRead", "cacheWrite"})


@_attrs_define
class TokenUsage(_LazyModel):
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
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("TokenUsage", "an object", src_dict)
        try:
            input_ = src_dict["input"]
            output = src_dict["output"]
            cache_read = src_dict["cacheRead"]
            cache_write = src_dict["cacheWrite"]
        except KeyError:
            raise _missing("TokenUsage", src_dict, ("input", "output", "cacheRead", "cacheWrite")) from None

        if type(input_) is not int and (not isinstance(input_, int) or isinstance(input_, bool)):
            raise _type_error("TokenUsage.input", "an integer", input_)

        if type(output) is not int and (not isinstance(output, int) or isinstance(output, bool)):
            raise _type_error("TokenUsage.output", "an integer", output)

        if type(cache_read) is not int and (not isinstance(cache_read, int) or isinstance(cache_read, bool)):
            raise _type_error("TokenUsage.cacheRead", "an integer", cache_read)

        if type(cache_write) is not int and (not isinstance(cache_write, int) or isinstance(cache_write, bool)):
            raise _type_error("TokenUsage.cacheWrite", "an integer", cache_write)

        token_usage = _new_model(cls)
        token_usage.input_ = input_
        token_usage.output = output
        token_usage.cache_read = cache_read
        token_usage.cache_write = cache_write
        if len(src_dict) > 4:
            token_usage.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            token_usage.additional_properties = {}
        return token_usage

    @staticmethod
    def _from_json(src_dict: Any) -> TokenUsage:
        TokenUsage._check(src_dict)
        return TokenUsage._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("TokenUsage", "an object", src_dict)
        try:
            input_ = src_dict["input"]
            output = src_dict["output"]
            cache_read = src_dict["cacheRead"]
            cache_write = src_dict["cacheWrite"]
        except KeyError:
            raise _missing("TokenUsage", src_dict, ("input", "output", "cacheRead", "cacheWrite")) from None

        if type(input_) is not int and (not isinstance(input_, int) or isinstance(input_, bool)):
            raise _type_error("TokenUsage.input", "an integer", input_)
        pass

        if type(output) is not int and (not isinstance(output, int) or isinstance(output, bool)):
            raise _type_error("TokenUsage.output", "an integer", output)
        pass

        if type(cache_read) is not int and (not isinstance(cache_read, int) or isinstance(cache_read, bool)):
            raise _type_error("TokenUsage.cacheRead", "an integer", cache_read)
        pass

        if type(cache_write) is not int and (not isinstance(cache_write, int) or isinstance(cache_write, bool)):
            raise _type_error("TokenUsage.cacheWrite", "an integer", cache_write)
        pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> TokenUsage:
        input_ = src_dict["input"]
        output = src_dict["output"]
        cache_read = src_dict["cacheRead"]
        cache_write = src_dict["cacheWrite"]

        token_usage = _new_model(TokenUsage)
        token_usage.input_ = input_
        token_usage.output = output
        token_usage.cache_read = cache_read
        token_usage.cache_write = cache_write
        if len(src_dict) > 4:
            token_usage.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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
