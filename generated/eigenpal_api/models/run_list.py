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
    from ..models.run_list_item import RunListItem


T = TypeVar("T", bound="RunList")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"runs", "nextCursor"})


@_attrs_define
class RunList(_LazyModel):
    """One page of runs, newest first.

    Attributes:
        runs (list[RunListItem]):
        next_cursor (None | str): The cursor of the next page; null on the last page.
    """

    runs: list[RunListItem]
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        runs = []
        for runs_item_data in self.runs:
            runs_item = runs_item_data.to_dict()
            runs.append(runs_item)

        next_cursor: None | str
        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "runs": runs,
                "nextCursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunList", "an object", src_dict)
        try:
            _runs = src_dict["runs"]
            _next_cursor = src_dict["nextCursor"]
        except KeyError:
            raise _missing("RunList", src_dict, ("runs", "nextCursor")) from None

        if type(_runs) is not list and not isinstance(_runs, list):
            raise _type_error("RunList.runs", "an array", _runs)
        runs: list[RunListItem] = []
        for runs_item_index, runs_item_data in enumerate(_runs):
            if (
                type(runs_item_data) is not dict
                and not isinstance(runs_item_data, dict)
                and not isinstance(runs_item_data, Mapping)
            ):
                raise _type_error(f"RunList.runs[{runs_item_index}]", "an object", runs_item_data)
            runs_item = _run_list_item_from_dict(runs_item_data)
            runs.append(runs_item)

        next_cursor: None | str
        if _next_cursor is None:
            next_cursor = None
        elif isinstance(_next_cursor, str):
            next_cursor = _next_cursor
        else:
            raise _type_error("RunList.nextCursor", "a string or null", _next_cursor)

        run_list = _new_model(cls)
        run_list.runs = runs
        run_list.next_cursor = next_cursor
        if len(src_dict) > 2:
            run_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run_list.additional_properties = {}
        return run_list

    @staticmethod
    def _from_json(src_dict: Any) -> RunList:
        RunList._check(src_dict)
        return RunList._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunList", "an object", src_dict)
        try:
            _runs = src_dict["runs"]
            _next_cursor = src_dict["nextCursor"]
        except KeyError:
            raise _missing("RunList", src_dict, ("runs", "nextCursor")) from None

        if type(_runs) is not list and not isinstance(_runs, list):
            raise _type_error("RunList.runs", "an array", _runs)
        for runs_item_index, runs_item_data in enumerate(_runs):
            if (
                type(runs_item_data) is not dict
                and not isinstance(runs_item_data, dict)
                and not isinstance(runs_item_data, Mapping)
            ):
                raise _type_error(f"RunList.runs[{runs_item_index}]", "an object", runs_item_data)
            _run_list_item_check(runs_item_data)

        if _next_cursor is None:
            _ = None
        elif isinstance(_next_cursor, str):
            pass
        else:
            raise _type_error("RunList.nextCursor", "a string or null", _next_cursor)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> RunList:
        _runs = src_dict["runs"]
        _next_cursor = src_dict["nextCursor"]
        runs: list[RunListItem] = [_run_list_item_build(runs_item_data) for runs_item_data in _runs]

        next_cursor: None | str
        if _next_cursor is None:
            next_cursor = None
        elif isinstance(_next_cursor, str):
            next_cursor = _next_cursor
        else:
            raise _type_error("RunList.nextCursor", "a string or null", _next_cursor)

        run_list = _new_model(RunList)
        run_list.runs = runs
        run_list.next_cursor = next_cursor
        if len(src_dict) > 2:
            run_list.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return run_list

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
from ..models.run_list_item import RunListItem  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_run_list_item_from_dict = RunListItem.from_dict
_run_list_item_check = RunListItem._check
_run_list_item_build = RunListItem._build
