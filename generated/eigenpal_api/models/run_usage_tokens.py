from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_float,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunUsageTokens")


@_attrs_define
class RunUsageTokens:
    """
    Attributes:
        input_ (float | None):
        output (float | None):
        cache_read (float | None):
        cache_write (float | None):
    """

    input_: float | None
    output: float | None
    cache_read: float | None
    cache_write: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["input"] = _to_json(self.input_)
        field_dict["output"] = _to_json(self.output)
        field_dict["cacheRead"] = _to_json(self.cache_read)
        field_dict["cacheWrite"] = _to_json(self.cache_write)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunUsageTokens", src_dict)
        d = dict(src_dict)
        if "input" not in d:
            raise _missing("RunUsageTokens.input")
        if "output" not in d:
            raise _missing("RunUsageTokens.output")
        if "cacheRead" not in d:
            raise _missing("RunUsageTokens.cacheRead")
        if "cacheWrite" not in d:
            raise _missing("RunUsageTokens.cacheWrite")
        _input_ = d.pop("input")
        input_: float | None
        try:
            input_ = None if _input_ is None else _as_float(_input_)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            input_ = _drifted("RunUsageTokens.input", _input_, mismatch_)

        _output = d.pop("output")
        output: float | None
        try:
            output = None if _output is None else _as_float(_output)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            output = _drifted("RunUsageTokens.output", _output, mismatch_)

        _cache_read = d.pop("cacheRead")
        cache_read: float | None
        try:
            cache_read = None if _cache_read is None else _as_float(_cache_read)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            cache_read = _drifted("RunUsageTokens.cacheRead", _cache_read, mismatch_)

        _cache_write = d.pop("cacheWrite")
        cache_write: float | None
        try:
            cache_write = None if _cache_write is None else _as_float(_cache_write)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            cache_write = _drifted("RunUsageTokens.cacheWrite", _cache_write, mismatch_)

        run_usage_tokens = cls(
            input_=input_,
            output=output,
            cache_read=cache_read,
            cache_write=cache_write,
        )
        run_usage_tokens.additional_properties = d
        return run_usage_tokens

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
