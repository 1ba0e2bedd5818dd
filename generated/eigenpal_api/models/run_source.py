from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, _type_error

T = TypeVar("T", bound="RunSource")


@_attrs_define
class RunSource:
    """The automation the run executes.

    Attributes:
        id (str): The automation's id.
        name (str): The automation's name.
        version (None | str): The release or git ref that ran.
        slug (str | None): The automation's slug, as in `workflows.<slug>`.
    """

    id: str
    name: str
    version: None | str
    slug: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        version: None | str
        version = self.version

        slug = self.slug

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "version": version,
            }
        )
        if slug is not None:
            field_dict["slug"] = slug

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunSource", "an object", src_dict)
        d = dict(src_dict)
        id = d.pop("id", UNSET)
        if not isinstance(id, str):
            raise _type_error("RunSource.id", "a string", id)

        name = d.pop("name", UNSET)
        if not isinstance(name, str):
            raise _type_error("RunSource.name", "a string", name)

        _version = d.pop("version", UNSET)
        version: None | str
        if _version is None:
            version = None
        elif isinstance(_version, str):
            version = _version
        else:
            raise _type_error("RunSource.version", "a string or null", _version)

        _slug = d.pop("slug", None)
        slug: str | None = None
        if _slug is not None:
            if not isinstance(_slug, str):
                raise _type_error("RunSource.slug", "a string", _slug)
            slug = _slug

        run_source = cls(
            id=id,
            name=name,
            version=version,
            slug=slug,
        )

        run_source.additional_properties = d
        return run_source

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
