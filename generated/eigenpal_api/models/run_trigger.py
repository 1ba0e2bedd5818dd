from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_trigger_by import RunTriggerBy


T = TypeVar("T", bound="RunTrigger")


@_attrs_define
class RunTrigger:
    """
    Attributes:
        type_ (None | str):
        by (None | RunTriggerBy):
        email (Any): Inbound email trigger details (agent runs, `expand=input` not required).
    """

    type_: None | str
    by: None | RunTriggerBy
    email: Any = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["type"] = _to_json(self.type_)
        field_dict["by"] = _to_json(self.by)
        if self.email is not None:
            field_dict["email"] = _to_json(self.email)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_trigger_by import RunTriggerBy  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunTrigger", src_dict)
        d = dict(src_dict)
        if "type" not in d:
            raise _missing("RunTrigger.type")
        if "by" not in d:
            raise _missing("RunTrigger.by")
        _type_ = d.pop("type")
        type_: None | str
        try:
            type_ = None if _type_ is None else _as_str(_type_)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            type_ = _drifted("RunTrigger.type", _type_, mismatch_)

        _by = d.pop("by")
        by: None | RunTriggerBy
        try:
            by = None if _by is None else RunTriggerBy.from_dict(_by)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            by = _drifted("RunTrigger.by", _by, mismatch_)

        _email = d.pop("email", None)
        email: Any
        if _email is None:
            email = None
        else:
            try:
                email = _email
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                email = _drifted("RunTrigger.email", _email, mismatch_)

        run_trigger = cls(
            type_=type_,
            by=by,
            email=email,
        )
        run_trigger.additional_properties = d
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
