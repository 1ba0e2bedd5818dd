from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    _as_list,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
    _union,
)

if TYPE_CHECKING:
    from ..models.json_object import JsonObject
    from ..models.run_start_body_files import RunStartBodyFiles
    from ..models.run_start_body_overrides import RunStartBodyOverrides


T = TypeVar("T", bound="RunStartBody")


@_attrs_define
class RunStartBody:
    """Run envelope. Declare provenance with the `X-Eigenpal-Trigger` header (`api` or `cli`). Legacy 0.5.12 body shapes
    remain accepted.

    Attributes:
        target (str): Automation target without a version suffix, e.g. workflows.invoice or agents.support.
        files (RunStartBodyFiles | Unset): File inputs as ingress references (`{ "$fileId": "file_..." }` or `{
            "$inline": { filename, mimeType, base64 } }`). Upload bytes via multipart `files.<fieldName>` parts instead.
        overrides (RunStartBodyOverrides | Unset): Per-step output overrides. Workflow runs only.
        tags (list[str] | str | Unset): One exact tag or a list of up to 100 (256 characters each). Tags are returned on
            the run and in every webhook event as `data.run.tags`, so use them to carry your own correlation IDs.
        input_ (JsonObject | Unset): A free-form JSON object.
        metadata (JsonObject | Unset): A free-form JSON object.
    """

    target: str
    files: RunStartBodyFiles | Unset = UNSET
    overrides: RunStartBodyOverrides | Unset = UNSET
    tags: list[str] | str | Unset = UNSET
    input_: JsonObject | Unset = UNSET
    metadata: JsonObject | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["target"] = _to_json(self.target)
        if self.files is not UNSET:
            field_dict["files"] = _to_json(self.files)
        if self.overrides is not UNSET:
            field_dict["overrides"] = _to_json(self.overrides)
        if self.tags is not UNSET:
            field_dict["tags"] = _to_json(self.tags)
        if self.input_ is not UNSET:
            field_dict["input"] = _to_json(self.input_)
        if self.metadata is not UNSET:
            field_dict["metadata"] = _to_json(self.metadata)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.json_object import JsonObject  # noqa: PLC0415
        from ..models.run_start_body_files import RunStartBodyFiles  # noqa: PLC0415
        from ..models.run_start_body_overrides import RunStartBodyOverrides  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunStartBody", src_dict)
        d = dict(src_dict)
        if "target" not in d:
            raise _missing("RunStartBody.target")
        _target = d.pop("target")
        target: str
        try:
            target = _as_str(_target)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            target = _drifted("RunStartBody.target", _target, mismatch_)

        _files = d.pop("files", UNSET)
        files: RunStartBodyFiles | Unset
        if _files is UNSET:
            files = UNSET
        else:
            try:
                files = RunStartBodyFiles.from_dict(_files)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                files = _drifted("RunStartBody.files", _files, mismatch_)

        _overrides = d.pop("overrides", UNSET)
        overrides: RunStartBodyOverrides | Unset
        if _overrides is UNSET:
            overrides = UNSET
        else:
            try:
                overrides = RunStartBodyOverrides.from_dict(_overrides)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                overrides = _drifted("RunStartBody.overrides", _overrides, mismatch_)

        _tags = d.pop("tags", UNSET)
        tags: list[str] | str | Unset
        if _tags is UNSET:
            tags = UNSET
        else:
            try:
                tags = _union(
                    _tags,
                    (
                        lambda value: _as_str(value),
                        lambda value: [_as_str(item) for item in _as_list(value)],
                    ),
                )
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                tags = _drifted("RunStartBody.tags", _tags, mismatch_)

        _input_ = d.pop("input", UNSET)
        input_: JsonObject | Unset
        if _input_ is UNSET:
            input_ = UNSET
        else:
            try:
                input_ = JsonObject.from_dict(_input_)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                input_ = _drifted("RunStartBody.input", _input_, mismatch_)

        _metadata = d.pop("metadata", UNSET)
        metadata: JsonObject | Unset
        if _metadata is UNSET:
            metadata = UNSET
        else:
            try:
                metadata = JsonObject.from_dict(_metadata)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                metadata = _drifted("RunStartBody.metadata", _metadata, mismatch_)

        run_start_body = cls(
            target=target,
            files=files,
            overrides=overrides,
            tags=tags,
            input_=input_,
            metadata=metadata,
        )
        run_start_body.additional_properties = d
        return run_start_body

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
