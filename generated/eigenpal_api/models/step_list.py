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
    from ..models.step import Step


T = TypeVar("T", bound="StepList")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"steps", "total"})


@_attrs_define
class StepList(_LazyModel):
    """A run's steps in order.

    Attributes:
        steps (list[Step]):
        total (int): How many steps the run has in all.
    """

    steps: list[Step]
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "steps": steps,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("StepList", "an object", src_dict)
        try:
            _steps = src_dict["steps"]
            total = src_dict["total"]
        except KeyError:
            raise _missing("StepList", src_dict, ("steps", "total")) from None

        if type(_steps) is not list and not isinstance(_steps, list):
            raise _type_error("StepList.steps", "an array", _steps)
        steps: list[Step] = []
        for steps_item_index, steps_item_data in enumerate(_steps):
            if (
                type(steps_item_data) is not dict
                and not isinstance(steps_item_data, dict)
                and not isinstance(steps_item_data, Mapping)
            ):
                raise _type_error(f"StepList.steps[{steps_item_index}]", "an object", steps_item_data)
            steps_item = _step_from_dict(steps_item_data)
            steps.append(steps_item)

        if type(total) is not int and (not isinstance(total, int) or isinstance(total, bool)):
            raise _type_error("StepList.total", "an integer", total)

        step_list = _new_model(cls)
        step_list.steps = steps
        step_list.total = total
        if len(src_dict) > 2:
            step_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            step_list.additional_properties = {}
        return step_list

    @staticmethod
    def _from_json(src_dict: Any) -> StepList:
        StepList._check(src_dict)
        return StepList._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("StepList", "an object", src_dict)
        try:
            _steps = src_dict["steps"]
            total = src_dict["total"]
        except KeyError:
            raise _missing("StepList", src_dict, ("steps", "total")) from None

        if type(_steps) is not list and not isinstance(_steps, list):
            raise _type_error("StepList.steps", "an array", _steps)
        for steps_item_index, steps_item_data in enumerate(_steps):
            if (
                type(steps_item_data) is not dict
                and not isinstance(steps_item_data, dict)
                and not isinstance(steps_item_data, Mapping)
            ):
                raise _type_error(f"StepList.steps[{steps_item_index}]", "an object", steps_item_data)
            _step_check(steps_item_data)

        if type(total) is not int and (not isinstance(total, int) or isinstance(total, bool)):
            raise _type_error("StepList.total", "an integer", total)
        pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> StepList:
        _steps = src_dict["steps"]
        total = src_dict["total"]
        steps: list[Step] = [_step_build(steps_item_data) for steps_item_data in _steps]

        step_list = _new_model(StepList)
        step_list.steps = steps
        step_list.total = total
        if len(src_dict) > 2:
            step_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return step_list

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
from ..models.step import Step  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_step_from_dict = Step.from_dict
_step_check = Step._check
_step_build = Step._build
