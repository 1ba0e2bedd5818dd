from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import (
    UNSET,
    File,
    Unset,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunStartMultipartRequest")


@_attrs_define
class RunStartMultipartRequest:
    """
    Attributes:
        target (str): Automation target, e.g. `workflows.invoice`.
        input_ (str | Unset): JSON-encoded scalar input object.
        overrides (str | Unset): JSON-encoded step overrides.
        metadata (str | Unset): JSON-encoded run metadata.
        tags (str | Unset): JSON string or string array of exact execution tags. Returned in every webhook event as
            `data.run.tags`.
    """

    target: str
    input_: str | Unset = UNSET
    overrides: str | Unset = UNSET
    metadata: str | Unset = UNSET
    tags: str | Unset = UNSET
    additional_properties: dict[str, File] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["target"] = _to_json(self.target)
        if self.input_ is not UNSET:
            field_dict["input"] = _to_json(self.input_)
        if self.overrides is not UNSET:
            field_dict["overrides"] = _to_json(self.overrides)
        if self.metadata is not UNSET:
            field_dict["metadata"] = _to_json(self.metadata)
        if self.tags is not UNSET:
            field_dict["tags"] = _to_json(self.tags)
        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []
        files.append(("target", (None, str(self.target).encode(), "text/plain")))

        if not isinstance(self.input_, Unset):
            files.append(("input", (None, str(self.input_).encode(), "text/plain")))

        if not isinstance(self.overrides, Unset):
            files.append(("overrides", (None, str(self.overrides).encode(), "text/plain")))

        if not isinstance(self.metadata, Unset):
            files.append(("metadata", (None, str(self.metadata).encode(), "text/plain")))

        if not isinstance(self.tags, Unset):
            files.append(("tags", (None, str(self.tags).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, prop.to_tuple()))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunStartMultipartRequest", src_dict)
        d = dict(src_dict)
        if "target" not in d:
            raise _missing("RunStartMultipartRequest.target")
        _target = d.pop("target")
        target: str
        try:
            target = _as_str(_target)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            target = _drifted("RunStartMultipartRequest.target", _target, mismatch_)

        _input_ = d.pop("input", UNSET)
        input_: str | Unset
        if _input_ is UNSET:
            input_ = UNSET
        else:
            try:
                input_ = _as_str(_input_)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                input_ = _drifted("RunStartMultipartRequest.input", _input_, mismatch_)

        _overrides = d.pop("overrides", UNSET)
        overrides: str | Unset
        if _overrides is UNSET:
            overrides = UNSET
        else:
            try:
                overrides = _as_str(_overrides)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                overrides = _drifted("RunStartMultipartRequest.overrides", _overrides, mismatch_)

        _metadata = d.pop("metadata", UNSET)
        metadata: str | Unset
        if _metadata is UNSET:
            metadata = UNSET
        else:
            try:
                metadata = _as_str(_metadata)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                metadata = _drifted("RunStartMultipartRequest.metadata", _metadata, mismatch_)

        _tags = d.pop("tags", UNSET)
        tags: str | Unset
        if _tags is UNSET:
            tags = UNSET
        else:
            try:
                tags = _as_str(_tags)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                tags = _drifted("RunStartMultipartRequest.tags", _tags, mismatch_)

        run_start_multipart_request = cls(
            target=target,
            input_=input_,
            overrides=overrides,
            metadata=metadata,
            tags=tags,
        )
        run_start_multipart_request.additional_properties = d
        return run_start_multipart_request

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
