from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_list,
    _drifted,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_file import RunFile


T = TypeVar("T", bound="WorkflowRunExecutionExpected")


@_attrs_define
class WorkflowRunExecutionExpected:
    """Ground-truth expected output and files.

    Attributes:
        output (Any):
        files (list[RunFile] | None):
    """

    output: Any = None
    files: list[RunFile] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        if self.output is not None:
            field_dict["output"] = _to_json(self.output)
        if self.files is not None:
            field_dict["files"] = _to_json(self.files)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_file import RunFile  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("WorkflowRunExecutionExpected", src_dict)
        d = dict(src_dict)
        _output = d.pop("output", None)
        output: Any
        if _output is None:
            output = None
        else:
            try:
                output = _output
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                output = _drifted("WorkflowRunExecutionExpected.output", _output, mismatch_)

        _files = d.pop("files", None)
        files: list[RunFile] | None
        if _files is None:
            files = None
        else:
            try:
                files = [RunFile.from_dict(item) for item in _as_list(_files)]
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                files = _drifted("WorkflowRunExecutionExpected.files", _files, mismatch_)

        workflow_run_execution_expected = cls(
            output=output,
            files=files,
        )
        workflow_run_execution_expected.additional_properties = d
        return workflow_run_execution_expected

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
