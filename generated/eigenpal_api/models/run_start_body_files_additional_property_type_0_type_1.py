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
    from ..models.run_start_body_files_additional_property_type_0_type_1_inline import (
        RunStartBodyFilesAdditionalPropertyType0Type1Inline,
    )


T = TypeVar("T", bound="RunStartBodyFilesAdditionalPropertyType0Type1")


@_attrs_define
class RunStartBodyFilesAdditionalPropertyType0Type1:
    """
    Attributes:
        inline (RunStartBodyFilesAdditionalPropertyType0Type1Inline):
    """

    inline: RunStartBodyFilesAdditionalPropertyType0Type1Inline
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["$inline"] = _to_json(self.inline)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_start_body_files_additional_property_type_0_type_1_inline import (
            RunStartBodyFilesAdditionalPropertyType0Type1Inline,  # noqa: PLC0415
        )

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunStartBodyFilesAdditionalPropertyType0Type1", src_dict)
        d = dict(src_dict)
        if "$inline" not in d:
            raise _missing("RunStartBodyFilesAdditionalPropertyType0Type1.$inline")
        _inline = d.pop("$inline")
        inline: RunStartBodyFilesAdditionalPropertyType0Type1Inline
        try:
            inline = RunStartBodyFilesAdditionalPropertyType0Type1Inline.from_dict(_inline)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            inline = _drifted("RunStartBodyFilesAdditionalPropertyType0Type1.$inline", _inline, mismatch_)

        run_start_body_files_additional_property_type_0_type_1 = cls(
            inline=inline,
        )
        run_start_body_files_additional_property_type_0_type_1.additional_properties = d
        return run_start_body_files_additional_property_type_0_type_1

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
