from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_list,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_artifact import RunArtifact


T = TypeVar("T", bound="RunArtifactsResponse")


@_attrs_define
class RunArtifactsResponse:
    """
    Attributes:
        artifacts (list[RunArtifact]):
    """

    artifacts: list[RunArtifact]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["artifacts"] = _to_json(self.artifacts)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_artifact import RunArtifact  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunArtifactsResponse", src_dict)
        d = dict(src_dict)
        if "artifacts" not in d:
            raise _missing("RunArtifactsResponse.artifacts")
        _artifacts = d.pop("artifacts")
        artifacts: list[RunArtifact]
        try:
            artifacts = [RunArtifact.from_dict(item) for item in _as_list(_artifacts)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            artifacts = _drifted("RunArtifactsResponse.artifacts", _artifacts, mismatch_)

        run_artifacts_response = cls(
            artifacts=artifacts,
        )
        run_artifacts_response.additional_properties = d
        return run_artifacts_response

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
