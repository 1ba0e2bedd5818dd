from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RunRetry")


@_attrs_define
class RunRetry:
    """How this run relates to the runs it reran or that reran it.

    Attributes:
        number (int): 0 for an original run, n for the n-th rerun.
        previous_run_id (None | str): The run this one reran.
        next_run (None | str): The id of the latest rerun of this run.
    """

    number: int
    previous_run_id: None | str
    next_run: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        previous_run_id: None | str
        previous_run_id = self.previous_run_id

        next_run: None | str
        next_run = self.next_run

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "previousRunId": previous_run_id,
                "nextRun": next_run,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number")

        previous_run_id = cast(None | str, d.pop("previousRunId"))

        next_run = cast(None | str, d.pop("nextRun"))

        run_retry = cls(
            number=number,
            previous_run_id=previous_run_id,
            next_run=next_run,
        )

        run_retry.additional_properties = d
        return run_retry

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
