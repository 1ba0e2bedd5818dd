from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_int,
    _as_list,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunStepsResponse")


@_attrs_define
class RunStepsResponse:
    """
    Attributes:
        steps (list[Any]):
        total (int | None):
    """

    steps: list[Any]
    total: int | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["steps"] = _to_json(self.steps)
        if self.total is not None:
            field_dict["total"] = _to_json(self.total)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunStepsResponse", src_dict)
        d = dict(src_dict)
        if "steps" not in d:
            raise _missing("RunStepsResponse.steps")
        _steps = d.pop("steps")
        steps: list[Any]
        try:
            steps = [item for item in _as_list(_steps)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            steps = _drifted("RunStepsResponse.steps", _steps, mismatch_)

        _total = d.pop("total", None)
        total: int | None
        if _total is None:
            total = None
        else:
            try:
                total = _as_int(_total)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                total = _drifted("RunStepsResponse.total", _total, mismatch_)

        run_steps_response = cls(
            steps=steps,
            total=total,
        )
        run_steps_response.additional_properties = d
        return run_steps_response

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
