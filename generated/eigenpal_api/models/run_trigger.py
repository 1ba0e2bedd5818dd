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

T = TypeVar("T", bound="RunTrigger")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"type", "by"})


@_attrs_define
class RunTrigger(_LazyModel):
    """What started the run.

    Attributes:
        type_ (str): How the run was started (`api`, `rerun`, `schedule`).
        by (None | str): Who started it, when known.
    """

    type_: str
    by: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        by: None | str
        by = self.by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "by": by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunTrigger", "an object", src_dict)
        try:
            type_ = src_dict["type"]
            _by = src_dict["by"]
        except KeyError:
            raise _missing("RunTrigger", src_dict, ("type", "by")) from None

        if type(type_) is not str and not isinstance(type_, str):
            raise _type_error("RunTrigger.type", "a string", type_)

        by: None | str
        if _by is None:
            by = None
        elif isinstance(_by, str):
            by = _by
        else:
            raise _type_error("RunTrigger.by", "a string or null", _by)

        run_trigger = _new_model(cls)
        run_trigger.type_ = type_
        run_trigger.by = by
        if len(src_dict) > 2:
            run_trigger.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run_trigger.additional_properties = {}
        return run_trigger

    @staticmethod
    def _from_json(src_dict: Any) -> RunTrigger:
        RunTrigger._check(src_dict)
        return RunTrigger._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunTrigger", "an object", src_dict)
        try:
            type_ = src_dict["type"]
            _by = src_dict["by"]
        except KeyError:
            raise _missing("RunTrigger", src_dict, ("type", "by")) from None

        if type(type_) is not str and not isinstance(type_, str):
            raise _type_error("RunTrigger.type", "a string", type_)
        pass

        if _by is None:
            _ = None
        elif isinstance(_by, str):
            pass
        else:
            raise _type_error("RunTrigger.by", "a string or null", _by)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> RunTrigger:
        type_ = src_dict["type"]
        _by = src_dict["by"]

        by: None | str
        if _by is None:
            by = None
        elif isinstance(_by, str):
            by = _by
        else:
            raise _type_error("RunTrigger.by", "a string or null", _by)

        run_trigger = _new_model(RunTrigger)
        run_trigger.type_ = type_
        run_trigger.by = by
        if len(src_dict) > 2:
            run_trigger.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return run_trigger

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
