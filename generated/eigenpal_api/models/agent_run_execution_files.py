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


T = TypeVar("T", bound="AgentRunExecutionFiles")


@_attrs_define
class AgentRunExecutionFiles:
    """
    Attributes:
        output (list[RunFile]): Output artifacts the agent produced.
    """

    output: list[RunFile]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["output"] = _to_json(self.output)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_file import RunFile  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("AgentRunExecutionFiles", src_dict)
        d = dict(src_dict)
        if "output" not in d:
            raise _missing("AgentRunExecutionFiles.output")
        _output = d.pop("output")
        output: list[RunFile]
        try:
            output = [RunFile.from_dict(item) for item in _as_list(_output)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            output = _drifted("AgentRunExecutionFiles.output", _output, mismatch_)

        agent_run_execution_files = cls(
            output=output,
        )
        agent_run_execution_files.additional_properties = d
        return agent_run_execution_files

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
