from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.artifact_role import ArtifactRole
from ..types import (
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

T = TypeVar("T", bound="Artifact")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_ARTIFACT_ROLE_BY_VALUE: dict[str, ArtifactRole] = {member.value: member for member in ArtifactRole}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"name", "role", "path", "stepName", "contentType", "size"})


@_attrs_define
class Artifact(_LazyModel):
    """A file given to or produced by a run.

    Attributes:
        name (str): The file's name.
        role (ArtifactRole | str):
        path (str): Where the artifact lives in the run; pass it to download.
        step_name (str | None): The step that produced it.
        content_type (str | None): Its media type.
        size (int | None): Its size in bytes.
    """

    name: str
    role: ArtifactRole | str
    path: str
    step_name: str | None = None
    content_type: str | None = None
    size: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        role: str
        if isinstance(self.role, ArtifactRole):
            role = self.role.value
        else:
            role = self.role

        path = self.path

        step_name = self.step_name

        content_type = self.content_type

        size = self.size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "role": role,
                "path": path,
            }
        )
        if step_name is not None:
            field_dict["stepName"] = step_name
        if content_type is not None:
            field_dict["contentType"] = content_type
        if size is not None:
            field_dict["size"] = size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Artifact", "an object", src_dict)
        try:
            name = src_dict["name"]
            _role = src_dict["role"]
            path = src_dict["path"]
        except KeyError:
            raise _missing("Artifact", src_dict, ("name", "role", "path")) from None

        if type(name) is not str and not isinstance(name, str):
            raise _type_error("Artifact.name", "a string", name)

        role: ArtifactRole | str
        if isinstance(_role, str):
            role = _ARTIFACT_ROLE_BY_VALUE.get(_role, _role)
        else:
            raise _type_error("Artifact.role", "a string", _role)

        if type(path) is not str and not isinstance(path, str):
            raise _type_error("Artifact.path", "a string", path)

        _step_name = src_dict.get("stepName")
        step_name: str | None = None
        if _step_name is not None:
            if type(_step_name) is not str and not isinstance(_step_name, str):
                raise _type_error("Artifact.stepName", "a string", _step_name)
            step_name = _step_name

        _content_type = src_dict.get("contentType")
        content_type: str | None = None
        if _content_type is not None:
            if type(_content_type) is not str and not isinstance(_content_type, str):
                raise _type_error("Artifact.contentType", "a string", _content_type)
            content_type = _content_type

        _size = src_dict.get("size")
        size: int | None = None
        if _size is not None:
            if type(_size) is not int and (not isinstance(_size, int) or isinstance(_size, bool)):
                raise _type_error("Artifact.size", "an integer", _size)
            size = _size

        artifact = _new_model(cls)
        artifact.name = name
        artifact.role = role
        artifact.path = path
        artifact.step_name = step_name
        artifact.content_type = content_type
        artifact.size = size
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            artifact.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            artifact.additional_properties = {}
        return artifact

    @staticmethod
    def _from_json(src_dict: Any) -> Artifact:
        Artifact._check(src_dict)
        return Artifact._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Artifact", "an object", src_dict)
        try:
            name = src_dict["name"]
            _role = src_dict["role"]
            path = src_dict["path"]
        except KeyError:
            raise _missing("Artifact", src_dict, ("name", "role", "path")) from None

        if type(name) is not str and not isinstance(name, str):
            raise _type_error("Artifact.name", "a string", name)
        pass

        if isinstance(_role, str):
            pass
        else:
            raise _type_error("Artifact.role", "a string", _role)

        if type(path) is not str and not isinstance(path, str):
            raise _type_error("Artifact.path", "a string", path)
        pass

        _step_name = src_dict.get("stepName")
        if _step_name is not None:
            if type(_step_name) is not str and not isinstance(_step_name, str):
                raise _type_error("Artifact.stepName", "a string", _step_name)
            pass

        _content_type = src_dict.get("contentType")
        if _content_type is not None:
            if type(_content_type) is not str and not isinstance(_content_type, str):
                raise _type_error("Artifact.contentType", "a string", _content_type)
            pass

        _size = src_dict.get("size")
        if _size is not None:
            if type(_size) is not int and (not isinstance(_size, int) or isinstance(_size, bool)):
                raise _type_error("Artifact.size", "an integer", _size)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> Artifact:
        name = src_dict["name"]
        _role = src_dict["role"]
        path = src_dict["path"]

        role: ArtifactRole | str
        if isinstance(_role, str):
            role = _ARTIFACT_ROLE_BY_VALUE.get(_role, _role)
        else:
            raise _type_error("Artifact.role", "a string", _role)

        _step_name = src_dict.get("stepName")
        step_name: str | None = None
        if _step_name is not None:
            step_name = _step_name

        _content_type = src_dict.get("contentType")
        content_type: str | None = None
        if _content_type is not None:
            content_type = _content_type

        _size = src_dict.get("size")
        size: int | None = None
        if _size is not None:
            size = _size

        artifact = _new_model(Artifact)
        artifact.name = name
        artifact.role = role
        artifact.path = path
        artifact.step_name = step_name
        artifact.content_type = content_type
        artifact.size = size
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            artifact.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return artifact

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
