from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_int,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunArtifact")


@_attrs_define
class RunArtifact:
    """
    Attributes:
        name (str):
        role (str): `input`, `output`, `debug`, `report`, or another stable artifact role.
        path (str): Canonical artifact path for GET /api/v1/runs/:id/artifacts/:path.
        step_name (str | None): Workflow step that produced the file, when known.
        content_type (None | str):
        size (int | None):
    """

    name: str
    role: str
    path: str
    step_name: str | None = None
    content_type: None | str = None
    size: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["name"] = _to_json(self.name)
        field_dict["role"] = _to_json(self.role)
        field_dict["path"] = _to_json(self.path)
        if self.step_name is not None:
            field_dict["stepName"] = _to_json(self.step_name)
        if self.content_type is not None:
            field_dict["contentType"] = _to_json(self.content_type)
        if self.size is not None:
            field_dict["size"] = _to_json(self.size)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunArtifact", src_dict)
        d = dict(src_dict)
        if "name" not in d:
            raise _missing("RunArtifact.name")
        if "role" not in d:
            raise _missing("RunArtifact.role")
        if "path" not in d:
            raise _missing("RunArtifact.path")
        _name = d.pop("name")
        name: str
        try:
            name = _as_str(_name)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            name = _drifted("RunArtifact.name", _name, mismatch_)

        _role = d.pop("role")
        role: str
        try:
            role = _as_str(_role)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            role = _drifted("RunArtifact.role", _role, mismatch_)

        _path = d.pop("path")
        path: str
        try:
            path = _as_str(_path)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            path = _drifted("RunArtifact.path", _path, mismatch_)

        _step_name = d.pop("stepName", None)
        step_name: str | None
        if _step_name is None:
            step_name = None
        else:
            try:
                step_name = _as_str(_step_name)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                step_name = _drifted("RunArtifact.stepName", _step_name, mismatch_)

        _content_type = d.pop("contentType", None)
        content_type: None | str
        if _content_type is None:
            content_type = None
        else:
            try:
                content_type = None if _content_type is None else _as_str(_content_type)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                content_type = _drifted("RunArtifact.contentType", _content_type, mismatch_)

        _size = d.pop("size", None)
        size: int | None
        if _size is None:
            size = None
        else:
            try:
                size = None if _size is None else _as_int(_size)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                size = _drifted("RunArtifact.size", _size, mismatch_)

        run_artifact = cls(
            name=name,
            role=role,
            path=path,
            step_name=step_name,
            content_type=content_type,
            size=size,
        )
        run_artifact.additional_properties = d
        return run_artifact

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
