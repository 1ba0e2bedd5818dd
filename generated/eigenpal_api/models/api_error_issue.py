from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.api_error_issue_severity import ApiErrorIssueSeverity
from ..types import (
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="ApiErrorIssue")


@_attrs_define
class ApiErrorIssue:
    """
    Attributes:
        field (str): JSON path of the offending field, or "<root>"
        message (str): Human-readable error message
        code (str): Machine-readable error code (e.g. invalid_value, not_found, api_trigger_disabled,
            manual_trigger_disabled)
        severity (ApiErrorIssueSeverity): Issue severity
    """

    field: str
    message: str
    code: str
    severity: ApiErrorIssueSeverity
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["field"] = _to_json(self.field)
        field_dict["message"] = _to_json(self.message)
        field_dict["code"] = _to_json(self.code)
        field_dict["severity"] = _to_json(self.severity)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("ApiErrorIssue", src_dict)
        d = dict(src_dict)
        if "field" not in d:
            raise _missing("ApiErrorIssue.field")
        if "message" not in d:
            raise _missing("ApiErrorIssue.message")
        if "code" not in d:
            raise _missing("ApiErrorIssue.code")
        if "severity" not in d:
            raise _missing("ApiErrorIssue.severity")
        _field = d.pop("field")
        field: str
        try:
            field = _as_str(_field)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            field = _drifted("ApiErrorIssue.field", _field, mismatch_)

        _message = d.pop("message")
        message: str
        try:
            message = _as_str(_message)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            message = _drifted("ApiErrorIssue.message", _message, mismatch_)

        _code = d.pop("code")
        code: str
        try:
            code = _as_str(_code)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            code = _drifted("ApiErrorIssue.code", _code, mismatch_)

        _severity = d.pop("severity")
        severity: ApiErrorIssueSeverity
        try:
            severity = ApiErrorIssueSeverity(_severity)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            severity = _drifted("ApiErrorIssue.severity", _severity, mismatch_)

        api_error_issue = cls(
            field=field,
            message=message,
            code=code,
            severity=severity,
        )
        api_error_issue.additional_properties = d
        return api_error_issue

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
