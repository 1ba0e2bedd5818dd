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

T = TypeVar("T", bound="TagList")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"tags"})


@_attrs_define
class TagList(_LazyModel):
    """A run's tags.

    Attributes:
        tags (list[str]):
    """

    tags: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tags": tags,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("TagList", "an object", src_dict)
        try:
            _tags = src_dict["tags"]
        except KeyError:
            raise _missing("TagList", src_dict, ("tags",)) from None

        if type(_tags) is not list and not isinstance(_tags, list):
            raise _type_error("TagList.tags", "an array", _tags)
        for tags_item_index, tags_item in enumerate(_tags):
            if type(tags_item) is not str and not isinstance(tags_item, str):
                raise _type_error(f"TagList.tags[{tags_item_index}]", "a string", tags_item)
        tags: list[str] = _tags

        tag_list = _new_model(cls)
        tag_list.tags = tags
        if len(src_dict) > 1:
            tag_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            tag_list.additional_properties = {}
        return tag_list

    @staticmethod
    def _from_json(src_dict: Any) -> TagList:
        TagList._check(src_dict)
        return TagList._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("TagList", "an object", src_dict)
        try:
            _tags = src_dict["tags"]
        except KeyError:
            raise _missing("TagList", src_dict, ("tags",)) from None

        if type(_tags) is not list and not isinstance(_tags, list):
            raise _type_error("TagList.tags", "an array", _tags)
        for tags_item_index, tags_item in enumerate(_tags):
            if type(tags_item) is not str and not isinstance(tags_item, str):
                raise _type_error(f"TagList.tags[{tags_item_index}]", "a string", tags_item)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> TagList:
        _tags = src_dict["tags"]
        tags: list[str] = _tags

        tag_list = _new_model(TagList)
        tag_list.tags = tags
        if len(src_dict) > 1:
            tag_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return tag_list

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
