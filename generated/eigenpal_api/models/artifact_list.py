from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

if TYPE_CHECKING:
    from ..models.artifact import Artifact


T = TypeVar("T", bound="ArtifactList")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"artifacts"})


@_attrs_define
class ArtifactList(_LazyModel):
    """A run's artifacts.

    Attributes:
        artifacts (list[Artifact]):
    """

    artifacts: list[Artifact]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        artifacts = []
        for artifacts_item_data in self.artifacts:
            artifacts_item = artifacts_item_data.to_dict()
            artifacts.append(artifacts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifacts": artifacts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("ArtifactList", "an object", src_dict)
        try:
            _artifacts = src_dict["artifacts"]
        except KeyError:
            raise _missing("ArtifactList", src_dict, ("artifacts",)) from None

        if type(_artifacts) is not list and not isinstance(_artifacts, list):
            raise _type_error("ArtifactList.artifacts", "an array", _artifacts)
        artifacts: list[Artifact] = []
        for artifacts_item_index, artifacts_item_data in enumerate(_artifacts):
            if (
                type(artifacts_item_data) is not dict
                and not isinstance(artifacts_item_data, dict)
                and not isinstance(artifacts_item_data, Mapping)
            ):
                raise _type_error(f"ArtifactList.artifacts[{artifacts_item_index}]", "an object", artifacts_item_data)
            artifacts_item = _artifact_from_dict(artifacts_item_data)
            artifacts.append(artifacts_item)

        artifact_list = _new_model(cls)
        artifact_list.artifacts = artifacts
        if len(src_dict) > 1:
            artifact_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            artifact_list.additional_properties = {}
        return artifact_list

    @staticmethod
    def _from_json(src_dict: Any) -> ArtifactList:
        ArtifactList._check(src_dict)
        return ArtifactList._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("ArtifactList", "an object", src_dict)
        try:
            _artifacts = src_dict["artifacts"]
        except KeyError:
            raise _missing("ArtifactList", src_dict, ("artifacts",)) from None

        if type(_artifacts) is not list and not isinstance(_artifacts, list):
            raise _type_error("ArtifactList.artifacts", "an array", _artifacts)
        for artifacts_item_index, artifacts_item_data in enumerate(_artifacts):
            if (
                type(artifacts_item_data) is not dict
                and not isinstance(artifacts_item_data, dict)
                and not isinstance(artifacts_item_data, Mapping)
            ):
                raise _type_error(f"ArtifactList.artifacts[{artifacts_item_index}]", "an object", artifacts_item_data)
            _artifact_check(artifacts_item_data)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> ArtifactList:
        _artifacts = src_dict["artifacts"]
        artifacts: list[Artifact] = [_artifact_build(artifacts_item_data) for artifacts_item_data in _artifacts]

        artifact_list = _new_model(ArtifactList)
        artifact_list.artifacts = artifacts
        if len(src_dict) > 1:
            artifact_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return artifact_list

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


# Imported after the class, not at the top, so that models referring to each other import in any order.
from ..models.artifact import Artifact  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_artifact_from_dict = Artifact.from_dict
_artifact_check = Artifact._check
_artifact_build = Artifact._build
