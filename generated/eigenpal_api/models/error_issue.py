from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.issue_severity import IssueSeverity
from ..types import (
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

T = TypeVar("T", bound="ErrorIssue")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_ISSUE_SEVERITY_BY_VALUE: dict[str, IssueSeverity] = {member.value: member for member in IssueSeverity}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"message", "code", "severity", "field"})


@_attrs_define
class ErrorIssue(_LazyModel):
    """One problem with a request.

    Attributes:
        message (str): What is wrong, for a person.
        code (str): What is wrong, for a program.
        severity (IssueSeverity | str):
        field (str | None): The field or parameter at fault (`input.seconds`, `limit`).
    """

    message: str
    code: str
    severity: IssueSeverity | str
    field: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        code = self.code

        severity: str
        if isinstance(self.severity, IssueSeverity):
            severity = self.severity.value
        else:
            severity = self.severity

        field = self.field

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "code": code,
                "severity": severity,
            }
        )
        if field is not None:
            field_dict["field"] = field

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("ErrorIssue", "an object", src_dict)
        try:
            message = src_dict["message"]
            code = src_dict["code"]
            _severity = src_dict["severity"]
        except KeyError:
            raise _missing("ErrorIssue", src_dict, ("message", "code", "severity")) from None

        if type(message) is not str and not isinstance(message, str):
            raise _type_error("ErrorIssue.message", "a string", message)

        if type(code) is not str and not isinstance(code, str):
            raise _type_error("ErrorIssue.code", "a string", code)

        severity: IssueSeverity | str
        if isinstance(_severity, str):
            severity = _ISSUE_SEVERITY_BY_VALUE.get(_severity, _severity)
        else:
            raise _type_error("ErrorIssue.severity", "a string", _severity)

        _field = src_dict.get("field")
        field: str | None = None
        if _field is not None:
            if type(_field) is not str and not isinstance(_field, str):
                raise _type_error("ErrorIssue.field", "a string", _field)
            field = _field

        error_issue = _new_model(cls)
        error_issue.message = message
        error_issue.code = code
        error_issue.severity = severity
        error_issue.field = field
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            error_issue.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            error_issue.additional_properties = {}
        return error_issue

    @staticmethod
    def _from_json(src_dict: Any) -> ErrorIssue:
        ErrorIssue._check(src_dict)
        return ErrorIssue._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("ErrorIssue", "an object", src_dict)
        try:
            message = src_dict["message"]
            code = src_dict["code"]
            _severity = src_dict["severity"]
        except KeyError:
            raise _missing("ErrorIssue", src_dict, ("message", "code", "severity")) from None

        if type(message) is not str and not isinstance(message, str):
            raise _type_error("ErrorIssue.message", "a string", message)
        pass

        if type(code) is not str and not isinstance(code, str):
            raise _type_error("ErrorIssue.code", "a string", code)
        pass

        if isinstance(_severity, str):
            pass
        else:
            raise _type_error("ErrorIssue.severity", "a string", _severity)

        _field = src_dict.get("field")
        if _field is not None:
            if type(_field) is not str and not isinstance(_field, str):
                raise _type_error("ErrorIssue.field", "a string", _field)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> ErrorIssue:
        message = src_dict["message"]
        code = src_dict["code"]
        _severity = src_dict["severity"]

        severity: IssueSeverity | str
        if isinstance(_severity, str):
            severity = _ISSUE_SEVERITY_BY_VALUE.get(_severity, _severity)
        else:
            raise _type_error("ErrorIssue.severity", "a string", _severity)

        _field = src_dict.get("field")
        field: str | None = None
        if _field is not None:
            field = _field

        error_issue = _new_model(ErrorIssue)
        error_issue.message = message
        error_issue.code = code
        error_issue.severity = severity
        error_issue.field = field
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            error_issue.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return error_issue

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
