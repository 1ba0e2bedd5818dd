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

T = TypeVar("T", bound="RunSource")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"id", "name", "version", "slug"})


@_attrs_define
class RunSource(_LazyModel):
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
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunSource", "an object", src_dict)
        try:
            id = src_dict["id"]
            name = src_dict["name"]
            _version = src_dict["version"]
        except KeyError:
            raise _missing("RunSource", src_dict, ("id", "name", "version")) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("RunSource.id", "a string", id)

        if type(name) is not str and not isinstance(name, str):
            raise _type_error("RunSource.name", "a string", name)

        version: None | str
        if _version is None:
            version = None
        elif isinstance(_version, str):
            version = _version
        else:
            raise _type_error("RunSource.version", "a string or null", _version)

        _slug = src_dict.get("slug")
        slug: str | None = None
        if _slug is not None:
            if type(_slug) is not str and not isinstance(_slug, str):
                raise _type_error("RunSource.slug", "a string", _slug)
            slug = _slug

        run_source = _new_model(cls)
        run_source.id = id
        run_source.name = name
        run_source.version = version
        run_source.slug = slug
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_source.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run_source.additional_properties = {}
        return run_source

    @staticmethod
    def _from_json(src_dict: Any) -> RunSource:
        RunSource._check(src_dict)
        return RunSource._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunSource", "an object", src_dict)
        try:
            id = src_dict["id"]
            name = src_dict["name"]
            _version = src_dict["version"]
        except KeyError:
            raise _missing("RunSource", src_dict, ("id", "name", "version")) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("RunSource.id", "a string", id)
        pass

        if type(name) is not str and not isinstance(name, str):
            raise _type_error("RunSource.name", "a string", name)
        pass

        if _version is None:
            _ = None
        elif isinstance(_version, str):
            pass
        else:
            raise _type_error("RunSource.version", "a string or null", _version)

        _slug = src_dict.get("slug")
        if _slug is not None:
            if type(_slug) is not str and not isinstance(_slug, str):
                raise _type_error("RunSource.slug", "a string", _slug)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> RunSource:
        id = src_dict["id"]
        name = src_dict["name"]
        _version = src_dict["version"]

        version: None | str
        if _version is None:
            version = None
        elif isinstance(_version, str):
            version = _version
        else:
            raise _type_error("RunSource.version", "a string or null", _version)

        _slug = src_dict.get("slug")
        slug: str | None = None
        if _slug is not None:
            slug = _slug

        run_source = _new_model(RunSource)
        run_source.id = id
        run_source.name = name
        run_source.version = version
        run_source.slug = slug
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_source.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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
