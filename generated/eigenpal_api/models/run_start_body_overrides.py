from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    UNSET,
    Unset,
    _drifted,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_start_body_overrides_steps import RunStartBodyOverridesSteps


T = TypeVar("T", bound="RunStartBodyOverrides")


@_attrs_define
class RunStartBodyOverrides:
    """Per-step output overrides. Workflow runs only.

    Attributes:
        steps (RunStartBodyOverridesSteps | Unset):
    """

    steps: RunStartBodyOverridesSteps | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        if self.steps is not UNSET:
            field_dict["steps"] = _to_json(self.steps)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_start_body_overrides_steps import RunStartBodyOverridesSteps  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunStartBodyOverrides", src_dict)
        d = dict(src_dict)
        _steps = d.pop("steps", UNSET)
        steps: RunStartBodyOverridesSteps | Unset
        if _steps is UNSET:
            steps = UNSET
        else:
            try:
                steps = RunStartBodyOverridesSteps.from_dict(_steps)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                steps = _drifted("RunStartBodyOverrides.steps", _steps, mismatch_)

        run_start_body_overrides = cls(
            steps=steps,
        )
        run_start_body_overrides.additional_properties = d
        return run_start_body_overrides

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
