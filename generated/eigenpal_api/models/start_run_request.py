from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _keep_json,
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="StartRunRequest")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"target", "input", "overrides", "metadata", "tags"})


@_attrs_define
class StartRunRequest(_LazyModel):
    """What to run and on what.

    Attributes:
        target (str): The automation to run, `workflows.<slug>` or `agents.<slug>`.
        input_ (JsonObject | None): A free-form JSON object.
        overrides (JsonObject | None): A free-form JSON object.
        metadata (JsonObject | None): A free-form JSON object.
        tags (list[str] | None): Tags to put on the run (at most 20, each 1 to 64 characters).
    """

    target: str
    input_: JsonObject | None = None
    overrides: JsonObject | None = None
    metadata: JsonObject | None = None
    tags: list[str] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        input_: dict[str, Any] | None = None
        if self.input_ is not None:
            input_ = self.input_.to_dict()

        overrides: dict[str, Any] | None = None
        if self.overrides is not None:
            overrides = self.overrides.to_dict()

        metadata: dict[str, Any] | None = None
        if self.metadata is not None:
            metadata = self.metadata.to_dict()

        tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "target": target,
            }
        )
        if input_ is not None:
            field_dict["input"] = input_
        if overrides is not None:
            field_dict["overrides"] = overrides
        if metadata is not None:
            field_dict["metadata"] = metadata
        if tags is not None:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("StartRunRequest", "an object", src_dict)
        try:
            target = src_dict["target"]
        except KeyError:
            raise _missing("StartRunRequest", src_dict, ("target",)) from None

        if type(target) is not str and not isinstance(target, str):
            raise _type_error("StartRunRequest.target", "a string", target)

        _input_ = src_dict.get("input")
        input_: JsonObject | None = None
        if _input_ is not None:
            if type(_input_) is not dict and not isinstance(_input_, dict) and not isinstance(_input_, Mapping):
                raise _type_error("StartRunRequest.input", "an object", _input_)
            input_ = _json_object_from_dict(_input_)

        _overrides = src_dict.get("overrides")
        overrides: JsonObject | None = None
        if _overrides is not None:
            if (
                type(_overrides) is not dict
                and not isinstance(_overrides, dict)
                and not isinstance(_overrides, Mapping)
            ):
                raise _type_error("StartRunRequest.overrides", "an object", _overrides)
            overrides = _json_object_from_dict(_overrides)

        _metadata = src_dict.get("metadata")
        metadata: JsonObject | None = None
        if _metadata is not None:
            if type(_metadata) is not dict and not isinstance(_metadata, dict) and not isinstance(_metadata, Mapping):
                raise _type_error("StartRunRequest.metadata", "an object", _metadata)
            metadata = _json_object_from_dict(_metadata)

        _tags = src_dict.get("tags")
        tags: list[str] | None = None
        if _tags is not None:
            if type(_tags) is not list and not isinstance(_tags, list):
                raise _type_error("StartRunRequest.tags", "an array", _tags)
            for tags_item_index, tags_item in enumerate(_tags):
                if type(tags_item) is not str and not isinstance(tags_item, str):
                    raise _type_error(f"StartRunRequest.tags[{tags_item_index}]", "a string", tags_item)
            tags = _tags

        start_run_request = _new_model(cls)
        start_run_request.target = target
        start_run_request.input_ = input_
        start_run_request.overrides = overrides
        start_run_request.metadata = metadata
        start_run_request.tags = tags
        if len(src_dict) > 1 and not _KNOWN_FIELDS.issuperset(src_dict):
            start_run_request.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            start_run_request.additional_properties = {}
        return start_run_request

    @staticmethod
    def _from_json(src_dict: Any) -> StartRunRequest:
        StartRunRequest._check(src_dict)
        return StartRunRequest._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("StartRunRequest", "an object", src_dict)
        try:
            target = src_dict["target"]
        except KeyError:
            raise _missing("StartRunRequest", src_dict, ("target",)) from None

        if type(target) is not str and not isinstance(target, str):
            raise _type_error("StartRunRequest.target", "a string", target)
        pass

        _input_ = src_dict.get("input")
        if _input_ is not None:
            if type(_input_) is not dict and not isinstance(_input_, dict) and not isinstance(_input_, Mapping):
                raise _type_error("StartRunRequest.input", "an object", _input_)
            pass

        _overrides = src_dict.get("overrides")
        if _overrides is not None:
            if (
                type(_overrides) is not dict
                and not isinstance(_overrides, dict)
                and not isinstance(_overrides, Mapping)
            ):
                raise _type_error("StartRunRequest.overrides", "an object", _overrides)
            pass

        _metadata = src_dict.get("metadata")
        if _metadata is not None:
            if type(_metadata) is not dict and not isinstance(_metadata, dict) and not isinstance(_metadata, Mapping):
                raise _type_error("StartRunRequest.metadata", "an object", _metadata)
            pass

        _tags = src_dict.get("tags")
        if _tags is not None:
            if type(_tags) is not list and not isinstance(_tags, list):
                raise _type_error("StartRunRequest.tags", "an array", _tags)
            for tags_item_index, tags_item in enumerate(_tags):
                if type(tags_item) is not str and not isinstance(tags_item, str):
                    raise _type_error(f"StartRunRequest.tags[{tags_item_index}]", "a string", tags_item)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> StartRunRequest:
        target = src_dict["target"]

        _input_ = src_dict.get("input")

        _overrides = src_dict.get("overrides")

        _metadata = src_dict.get("metadata")

        _tags = src_dict.get("tags")
        tags: list[str] | None = None
        if _tags is not None:
            tags = _tags

        start_run_request = _new_model(StartRunRequest)
        start_run_request.target = target
        start_run_request.tags = tags
        if _input_ is None:
            start_run_request.input_ = None
        if _overrides is None:
            start_run_request.overrides = None
        if _metadata is None:
            start_run_request.metadata = None
        if _input_ is not None or _overrides is not None or _metadata is not None:
            _keep_json(start_run_request, src_dict)
        if len(src_dict) > 1 and not _KNOWN_FIELDS.issuperset(src_dict):
            start_run_request.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return start_run_request

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
from ..models.json_object import JsonObject  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_json_object_from_dict = JsonObject.from_dict
_json_object_check = JsonObject._check
_json_object_build = JsonObject._build

# The nested objects built when first read (types.py's _LazyModel): field -> (JSON key, how to build it).
StartRunRequest._lazy_fields = {
    "input_": ("input", _json_object_build),
    "overrides": ("overrides", _json_object_build),
    "metadata": ("metadata", _json_object_build),
}
