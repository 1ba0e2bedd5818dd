from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_list,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_list_item import RunListItem


T = TypeVar("T", bound="RunsListResponse")


@_attrs_define
class RunsListResponse:
    """
    Attributes:
        runs (list[RunListItem]):
        next_cursor (None | str):
    """

    runs: list[RunListItem]
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["runs"] = _to_json(self.runs)
        field_dict["nextCursor"] = _to_json(self.next_cursor)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_list_item import RunListItem  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunsListResponse", src_dict)
        d = dict(src_dict)
        if "runs" not in d:
            raise _missing("RunsListResponse.runs")
        if "nextCursor" not in d:
            raise _missing("RunsListResponse.nextCursor")
        _runs = d.pop("runs")
        runs: list[RunListItem]
        try:
            runs = [RunListItem.from_dict(item) for item in _as_list(_runs)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            runs = _drifted("RunsListResponse.runs", _runs, mismatch_)

        _next_cursor = d.pop("nextCursor")
        next_cursor: None | str
        try:
            next_cursor = None if _next_cursor is None else _as_str(_next_cursor)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            next_cursor = _drifted("RunsListResponse.nextCursor", _next_cursor, mismatch_)

        runs_list_response = cls(
            runs=runs,
            next_cursor=next_cursor,
        )
        runs_list_response.additional_properties = d
        return runs_list_response

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
