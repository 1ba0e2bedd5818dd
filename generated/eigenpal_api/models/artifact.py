from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.artifact_role import ArtifactRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="Artifact")


@_attrs_define
class Artifact:
    """A file given to or produced by a run.

    Attributes:
        name (str): The file's name.
        role (ArtifactRole | str):
        path (str): Where the artifact lives in the run; pass it to download.
        step_name (str | Unset): The step that produced it.
        content_type (str | Unset): Its media type.
        size (int | Unset): Its size in bytes.
    """

    name: str
    role: ArtifactRole | str
    path: str
    step_name: str | Unset = UNSET
    content_type: str | Unset = UNSET
    size: int | Unset = UNSET
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
        if step_name is not UNSET:
            field_dict["stepName"] = step_name
        if content_type is not UNSET:
            field_dict["contentType"] = content_type
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        _role_data = d.pop("role")
        role: ArtifactRole | str
        try:
            if not isinstance(_role_data, str):
                raise TypeError()
            role_type_0 = ArtifactRole(_role_data)

            role = role_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            role = cast(ArtifactRole | str, _role_data)

        path = d.pop("path")

        step_name = d.pop("stepName", UNSET)

        content_type = d.pop("contentType", UNSET)

        size = d.pop("size", UNSET)

        artifact = cls(
            name=name,
            role=role,
            path=path,
            step_name=step_name,
            content_type=content_type,
            size=size,
        )

        artifact.additional_properties = d
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
