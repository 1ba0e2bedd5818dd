from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_float,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_execution_retry_next_run import RunExecutionRetryNextRun


T = TypeVar("T", bound="RunExecutionRetry")


@_attrs_define
class RunExecutionRetry:
    """
    Attributes:
        number (float): Retry attempt index (0 = original run).
        previous_run_id (None | str): Run id of the prior attempt in the retry chain.
        next_run (None | RunExecutionRetryNextRun): Retry run spawned from this run, if any.
    """

    number: float
    previous_run_id: None | str
    next_run: None | RunExecutionRetryNextRun
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["number"] = _to_json(self.number)
        field_dict["previousRunId"] = _to_json(self.previous_run_id)
        field_dict["nextRun"] = _to_json(self.next_run)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_execution_retry_next_run import RunExecutionRetryNextRun  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunExecutionRetry", src_dict)
        d = dict(src_dict)
        if "number" not in d:
            raise _missing("RunExecutionRetry.number")
        if "previousRunId" not in d:
            raise _missing("RunExecutionRetry.previousRunId")
        if "nextRun" not in d:
            raise _missing("RunExecutionRetry.nextRun")
        _number = d.pop("number")
        number: float
        try:
            number = _as_float(_number)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            number = _drifted("RunExecutionRetry.number", _number, mismatch_)

        _previous_run_id = d.pop("previousRunId")
        previous_run_id: None | str
        try:
            previous_run_id = None if _previous_run_id is None else _as_str(_previous_run_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            previous_run_id = _drifted("RunExecutionRetry.previousRunId", _previous_run_id, mismatch_)

        _next_run = d.pop("nextRun")
        next_run: None | RunExecutionRetryNextRun
        try:
            next_run = None if _next_run is None else RunExecutionRetryNextRun.from_dict(_next_run)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            next_run = _drifted("RunExecutionRetry.nextRun", _next_run, mismatch_)

        run_execution_retry = cls(
            number=number,
            previous_run_id=previous_run_id,
            next_run=next_run,
        )
        run_execution_retry.additional_properties = d
        return run_execution_retry

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
