from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_usage import RunUsage


T = TypeVar("T", bound="RunUsageResponse")


@_attrs_define
class RunUsageResponse:
    """
    Attributes:
        usage (None | RunUsage):
    """

    usage: None | RunUsage
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["usage"] = _to_json(self.usage)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_usage import RunUsage  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunUsageResponse", src_dict)
        d = dict(src_dict)
        if "usage" not in d:
            raise _missing("RunUsageResponse.usage")
        _usage = d.pop("usage")
        usage: None | RunUsage
        try:
            usage = None if _usage is None else RunUsage.from_dict(_usage)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            usage = _drifted("RunUsageResponse.usage", _usage, mismatch_)

        run_usage_response = cls(
            usage=usage,
        )
        run_usage_response.additional_properties = d
        return run_usage_response

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
