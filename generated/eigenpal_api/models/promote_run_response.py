from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.promote_run_response_automation_type import (
    PromoteRunResponseAutomationType,
)
from ..types import (
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="PromoteRunResponse")


@_attrs_define
class PromoteRunResponse:
    """
    Attributes:
        automation_id (str): Automation that owns the promoted example.
        automation_type (PromoteRunResponseAutomationType): Implementation type behind the automation.
        example_id (str): Dataset example identifier returned for follow-up API calls.
        name (None | str): Dataset example name.
    """

    automation_id: str
    automation_type: PromoteRunResponseAutomationType
    example_id: str
    name: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["automationId"] = _to_json(self.automation_id)
        field_dict["automationType"] = _to_json(self.automation_type)
        field_dict["exampleId"] = _to_json(self.example_id)
        field_dict["name"] = _to_json(self.name)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("PromoteRunResponse", src_dict)
        d = dict(src_dict)
        if "automationId" not in d:
            raise _missing("PromoteRunResponse.automationId")
        if "automationType" not in d:
            raise _missing("PromoteRunResponse.automationType")
        if "exampleId" not in d:
            raise _missing("PromoteRunResponse.exampleId")
        if "name" not in d:
            raise _missing("PromoteRunResponse.name")
        _automation_id = d.pop("automationId")
        automation_id: str
        try:
            automation_id = _as_str(_automation_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            automation_id = _drifted("PromoteRunResponse.automationId", _automation_id, mismatch_)

        _automation_type = d.pop("automationType")
        automation_type: PromoteRunResponseAutomationType
        try:
            automation_type = PromoteRunResponseAutomationType(_automation_type)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            automation_type = _drifted("PromoteRunResponse.automationType", _automation_type, mismatch_)

        _example_id = d.pop("exampleId")
        example_id: str
        try:
            example_id = _as_str(_example_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            example_id = _drifted("PromoteRunResponse.exampleId", _example_id, mismatch_)

        _name = d.pop("name")
        name: None | str
        try:
            name = None if _name is None else _as_str(_name)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            name = _drifted("PromoteRunResponse.name", _name, mismatch_)

        promote_run_response = cls(
            automation_id=automation_id,
            automation_type=automation_type,
            example_id=example_id,
            name=name,
        )
        promote_run_response.additional_properties = d
        return promote_run_response

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
