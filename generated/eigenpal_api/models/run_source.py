from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_bool,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_source_git import RunSourceGit


T = TypeVar("T", bound="RunSource")


@_attrs_define
class RunSource:
    """
    Attributes:
        id (str): Owning workflow id or agent id.
        name (None | str):
        version (None | str): Workflow version label (workflow runs only).
        version_id (None | str): Captured workflow version id (workflow runs only).
        slug (None | str): Agent slug (agent runs only).
        model (None | str): LLM model used (agent runs only).
        git (None | RunSourceGit): Git provenance (agent runs only).
        implementation_available (bool | None): Whether the live workflow/agent implementation still exists (`GET
            /api/v1/runs/:id` detail only).
        automation_found (bool | None): Whether the owning automation registry row still exists (`GET /api/v1/runs/:id`
            detail only).
        current_version (None | str): Current released workflow version label when the source is live (`GET
            /api/v1/runs/:id` detail only).
    """

    id: str
    name: None | str
    version: None | str
    version_id: None | str = None
    slug: None | str = None
    model: None | str = None
    git: None | RunSourceGit = None
    implementation_available: bool | None = None
    automation_found: bool | None = None
    current_version: None | str = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["name"] = _to_json(self.name)
        field_dict["version"] = _to_json(self.version)
        if self.version_id is not None:
            field_dict["versionId"] = _to_json(self.version_id)
        if self.slug is not None:
            field_dict["slug"] = _to_json(self.slug)
        if self.model is not None:
            field_dict["model"] = _to_json(self.model)
        if self.git is not None:
            field_dict["git"] = _to_json(self.git)
        if self.implementation_available is not None:
            field_dict["implementationAvailable"] = _to_json(self.implementation_available)
        if self.automation_found is not None:
            field_dict["automationFound"] = _to_json(self.automation_found)
        if self.current_version is not None:
            field_dict["currentVersion"] = _to_json(self.current_version)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_source_git import RunSourceGit  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunSource", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("RunSource.id")
        if "name" not in d:
            raise _missing("RunSource.name")
        if "version" not in d:
            raise _missing("RunSource.version")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("RunSource.id", _id, mismatch_)

        _name = d.pop("name")
        name: None | str
        try:
            name = None if _name is None else _as_str(_name)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            name = _drifted("RunSource.name", _name, mismatch_)

        _version = d.pop("version")
        version: None | str
        try:
            version = None if _version is None else _as_str(_version)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            version = _drifted("RunSource.version", _version, mismatch_)

        _version_id = d.pop("versionId", None)
        version_id: None | str
        if _version_id is None:
            version_id = None
        else:
            try:
                version_id = None if _version_id is None else _as_str(_version_id)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                version_id = _drifted("RunSource.versionId", _version_id, mismatch_)

        _slug = d.pop("slug", None)
        slug: None | str
        if _slug is None:
            slug = None
        else:
            try:
                slug = None if _slug is None else _as_str(_slug)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                slug = _drifted("RunSource.slug", _slug, mismatch_)

        _model = d.pop("model", None)
        model: None | str
        if _model is None:
            model = None
        else:
            try:
                model = None if _model is None else _as_str(_model)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                model = _drifted("RunSource.model", _model, mismatch_)

        _git = d.pop("git", None)
        git: None | RunSourceGit
        if _git is None:
            git = None
        else:
            try:
                git = None if _git is None else RunSourceGit.from_dict(_git)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                git = _drifted("RunSource.git", _git, mismatch_)

        _implementation_available = d.pop("implementationAvailable", None)
        implementation_available: bool | None
        if _implementation_available is None:
            implementation_available = None
        else:
            try:
                implementation_available = _as_bool(_implementation_available)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                implementation_available = _drifted(
                    "RunSource.implementationAvailable", _implementation_available, mismatch_
                )

        _automation_found = d.pop("automationFound", None)
        automation_found: bool | None
        if _automation_found is None:
            automation_found = None
        else:
            try:
                automation_found = _as_bool(_automation_found)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                automation_found = _drifted("RunSource.automationFound", _automation_found, mismatch_)

        _current_version = d.pop("currentVersion", None)
        current_version: None | str
        if _current_version is None:
            current_version = None
        else:
            try:
                current_version = None if _current_version is None else _as_str(_current_version)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                current_version = _drifted("RunSource.currentVersion", _current_version, mismatch_)

        run_source = cls(
            id=id,
            name=name,
            version=version,
            version_id=version_id,
            slug=slug,
            model=model,
            git=git,
            implementation_available=implementation_available,
            automation_found=automation_found,
            current_version=current_version,
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
