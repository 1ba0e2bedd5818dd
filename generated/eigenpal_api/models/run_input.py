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
    from ..models.run_file import RunFile


T = TypeVar("T", bound="RunInput")


@_attrs_define
class RunInput:
    """
    Attributes:
        args (Any): Input arguments the run was started with.
        files (list[RunFile] | None): Uploaded input files (agent runs only).
        metadata (Any): Caller-supplied run metadata, if any.
    """

    args: Any
    files: list[RunFile] | None = None
    metadata: Any = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["args"] = _to_json(self.args)
        if self.files is not None:
            field_dict["files"] = _to_json(self.files)
        if self.metadata is not None:
            field_dict["metadata"] = _to_json(self.metadata)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_file import RunFile  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunInput", src_dict)
        d = dict(src_dict)
        if "args" not in d:
            raise _missing("RunInput.args")
        _args = d.pop("args")
        args: Any
        try:
            args = _args
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            args = _drifted("RunInput.args", _args, mismatch_)

        _files = d.pop("files", None)
        files: list[RunFile] | None
        if _files is None:
            files = None
        else:
            try:
                files = [RunFile.from_dict(item) for item in _as_list(_files)]
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                files = _drifted("RunInput.files", _files, mismatch_)

        _metadata = d.pop("metadata", None)
        metadata: Any
        if _metadata is None:
            metadata = None
        else:
            try:
                metadata = _metadata
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                metadata = _drifted("RunInput.metadata", _metadata, mismatch_)

        run_input = cls(
            args=args,
            files=files,
            metadata=metadata,
        )
        run_input.additional_properties = d
        return run_input

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
