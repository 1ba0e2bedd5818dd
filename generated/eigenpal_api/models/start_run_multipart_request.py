from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import (
    File,
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

T = TypeVar("T", bound="StartRunMultipartRequest")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"target", "input", "overrides", "metadata", "tags"})


@_attrs_define
class StartRunMultipartRequest(_LazyModel):
    """What to run and on what, with files. `input`, `overrides`, `metadata` and `tags` are JSON text; each file input is
    one part named `files.<inputKey>`.

    Attributes:
        target (str): The automation to run, `workflows.<slug>` or `agents.<slug>`.
        input_ (str | None): The input object as JSON text, without the file inputs.
        overrides (str | None): Overrides as JSON text.
        metadata (str | None): Metadata as JSON text.
        tags (str | None): The tags as a JSON array of strings.
    """

    target: str
    input_: str | None = None
    overrides: str | None = None
    metadata: str | None = None
    tags: str | None = None
    additional_properties: dict[str, File] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        target = self.target

        input_ = self.input_

        overrides = self.overrides

        metadata = self.metadata

        tags = self.tags

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_tuple()

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

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("target", (None, str(self.target).encode(), "text/plain")))

        if self.input_ is not None:
            files.append(("input", (None, str(self.input_).encode(), "text/plain")))

        if self.overrides is not None:
            files.append(("overrides", (None, str(self.overrides).encode(), "text/plain")))

        if self.metadata is not None:
            files.append(("metadata", (None, str(self.metadata).encode(), "text/plain")))

        if self.tags is not None:
            files.append(("tags", (None, str(self.tags).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, prop.to_tuple()))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("StartRunMultipartRequest", "an object", src_dict)
        try:
            target = src_dict["target"]
        except KeyError:
            raise _missing("StartRunMultipartRequest", src_dict, ("target",)) from None

        if type(target) is not str and not isinstance(target, str):
            raise _type_error("StartRunMultipartRequest.target", "a string", target)

        _input_ = src_dict.get("input")
        input_: str | None = None
        if _input_ is not None:
            if type(_input_) is not str and not isinstance(_input_, str):
                raise _type_error("StartRunMultipartRequest.input", "a string", _input_)
            input_ = _input_

        _overrides = src_dict.get("overrides")
        overrides: str | None = None
        if _overrides is not None:
            if type(_overrides) is not str and not isinstance(_overrides, str):
                raise _type_error("StartRunMultipartRequest.overrides", "a string", _overrides)
            overrides = _overrides

        _metadata = src_dict.get("metadata")
        metadata: str | None = None
        if _metadata is not None:
            if type(_metadata) is not str and not isinstance(_metadata, str):
                raise _type_error("StartRunMultipartRequest.metadata", "a string", _metadata)
            metadata = _metadata

        _tags = src_dict.get("tags")
        tags: str | None = None
        if _tags is not None:
            if type(_tags) is not str and not isinstance(_tags, str):
                raise _type_error("StartRunMultipartRequest.tags", "a string", _tags)
            tags = _tags

        start_run_multipart_request = _new_model(cls)
        start_run_multipart_request.target = target
        start_run_multipart_request.input_ = input_
        start_run_multipart_request.overrides = overrides
        start_run_multipart_request.metadata = metadata
        start_run_multipart_request.tags = tags
        if len(src_dict) > 1 and not _KNOWN_FIELDS.issuperset(src_dict):
            additional_properties = {}
            for prop_name, prop_dict in src_dict.items():
                if prop_name in _KNOWN_FIELDS:
                    continue
                additional_property = File(payload=BytesIO(prop_dict))

                additional_properties[prop_name] = additional_property

            start_run_multipart_request.additional_properties = additional_properties
        else:
            start_run_multipart_request.additional_properties = {}
        return start_run_multipart_request

    @staticmethod
    def _from_json(src_dict: Any) -> StartRunMultipartRequest:
        StartRunMultipartRequest._check(src_dict)
        return StartRunMultipartRequest._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("StartRunMultipartRequest", "an object", src_dict)
        try:
            target = src_dict["target"]
        except KeyError:
            raise _missing("StartRunMultipartRequest", src_dict, ("target",)) from None

        if type(target) is not str and not isinstance(target, str):
            raise _type_error("StartRunMultipartRequest.target", "a string", target)
        pass

        _input_ = src_dict.get("input")
        if _input_ is not None:
            if type(_input_) is not str and not isinstance(_input_, str):
                raise _type_error("StartRunMultipartRequest.input", "a string", _input_)
            pass

        _overrides = src_dict.get("overrides")
        if _overrides is not None:
            if type(_overrides) is not str and not isinstance(_overrides, str):
                raise _type_error("StartRunMultipartRequest.overrides", "a string", _overrides)
            pass

        _metadata = src_dict.get("metadata")
        if _metadata is not None:
            if type(_metadata) is not str and not isinstance(_metadata, str):
                raise _type_error("StartRunMultipartRequest.metadata", "a string", _metadata)
            pass

        _tags = src_dict.get("tags")
        if _tags is not None:
            if type(_tags) is not str and not isinstance(_tags, str):
                raise _type_error("StartRunMultipartRequest.tags", "a string", _tags)
            pass

        if len(src_dict) > 1 and not _KNOWN_FIELDS.issuperset(src_dict):
            for prop_name, prop_dict in src_dict.items():
                if prop_name in _KNOWN_FIELDS:
                    continue
                additional_property = File(payload=BytesIO(prop_dict))

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> StartRunMultipartRequest:
        target = src_dict["target"]

        _input_ = src_dict.get("input")
        input_: str | None = None
        if _input_ is not None:
            input_ = _input_

        _overrides = src_dict.get("overrides")
        overrides: str | None = None
        if _overrides is not None:
            overrides = _overrides

        _metadata = src_dict.get("metadata")
        metadata: str | None = None
        if _metadata is not None:
            metadata = _metadata

        _tags = src_dict.get("tags")
        tags: str | None = None
        if _tags is not None:
            tags = _tags

        start_run_multipart_request = _new_model(StartRunMultipartRequest)
        start_run_multipart_request.target = target
        start_run_multipart_request.input_ = input_
        start_run_multipart_request.overrides = overrides
        start_run_multipart_request.metadata = metadata
        start_run_multipart_request.tags = tags
        if len(src_dict) > 1 and not _KNOWN_FIELDS.issuperset(src_dict):
            additional_properties = {}
            for prop_name, prop_dict in src_dict.items():
                if prop_name in _KNOWN_FIELDS:
                    continue
                additional_property = File(payload=BytesIO(prop_dict))

                additional_properties[prop_name] = additional_property

            start_run_multipart_request.additional_properties = additional_properties
        return start_run_multipart_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> File:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: File) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
