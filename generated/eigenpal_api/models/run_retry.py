from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

T = TypeVar("T", bound="RunRetry")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"number", "previousRunId", "nextRun"})


@_attrs_define
class RunRetry(_LazyModel):
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
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunRetry", "an object", src_dict)
        try:
            number = src_dict["number"]
            _previous_run_id = src_dict["previousRunId"]
            _next_run = src_dict["nextRun"]
        except KeyError:
            raise _missing("RunRetry", src_dict, ("number", "previousRunId", "nextRun")) from None

        if type(number) is not int and (not isinstance(number, int) or isinstance(number, bool)):
            raise _type_error("RunRetry.number", "an integer", number)

        previous_run_id: None | str
        if _previous_run_id is None:
            previous_run_id = None
        elif isinstance(_previous_run_id, str):
            previous_run_id = _previous_run_id
        else:
            raise _type_error("RunRetry.previousRunId", "a string or null", _previous_run_id)

        next_run: None | str
        if _next_run is None:
            next_run = None
        elif isinstance(_next_run, str):
            next_run = _next_run
        else:
            raise _type_error("RunRetry.nextRun", "a string or null", _next_run)

        run_retry = _new_model(cls)
        run_retry.number = number
        run_retry.previous_run_id = previous_run_id
        run_retry.next_run = next_run
        if len(src_dict) > 3:
            run_retry.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run_retry.additional_properties = {}
        return run_retry

    @staticmethod
    def _from_json(src_dict: Any) -> RunRetry:
        RunRetry._check(src_dict)
        return RunRetry._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunRetry", "an object", src_dict)
        try:
            number = src_dict["number"]
            _previous_run_id = src_dict["previousRunId"]
            _next_run = src_dict["nextRun"]
        except KeyError:
            raise _missing("RunRetry", src_dict, ("number", "previousRunId", "nextRun")) from None

        if type(number) is not int and (not isinstance(number, int) or isinstance(number, bool)):
            raise _type_error("RunRetry.number", "an integer", number)
        pass

        if _previous_run_id is None:
            _ = None
        elif isinstance(_previous_run_id, str):
            pass
        else:
            raise _type_error("RunRetry.previousRunId", "a string or null", _previous_run_id)

        if _next_run is None:
            _ = None
        elif isinstance(_next_run, str):
            pass
        else:
            raise _type_error("RunRetry.nextRun", "a string or null", _next_run)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> RunRetry:
        number = src_dict["number"]
        _previous_run_id = src_dict["previousRunId"]
        _next_run = src_dict["nextRun"]

        previous_run_id: None | str
        if _previous_run_id is None:
            previous_run_id = None
        elif isinstance(_previous_run_id, str):
            previous_run_id = _previous_run_id
        else:
            raise _type_error("RunRetry.previousRunId", "a string or null", _previous_run_id)

        next_run: None | str
        if _next_run is None:
            next_run = None
        elif isinstance(_next_run, str):
            next_run = _next_run
        else:
            raise _type_error("RunRetry.nextRun", "a string or null", _next_run)

        run_retry = _new_model(RunRetry)
        run_retry.number = number
        run_retry.previous_run_id = previous_run_id
        run_retry.next_run = next_run
        if len(src_dict) > 3:
            run_retry.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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
