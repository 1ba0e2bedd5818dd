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
    from ..models.error_issue import ErrorIssue


T = TypeVar("T", bound="ErrorResponse")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"issues", "requestId", "hint", "docsUrl"})


@_attrs_define
class ErrorResponse(_LazyModel):
    """The envelope of every error answer.

    Attributes:
        issues (list[ErrorIssue]):
        request_id (str): The request's id, as in `X-Request-Id`.
        hint (str | None): What to try.
        docs_url (str | None): Where to read more.
    """

    issues: list[ErrorIssue]
    request_id: str
    hint: str | None = None
    docs_url: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        issues = []
        for issues_item_data in self.issues:
            issues_item = issues_item_data.to_dict()
            issues.append(issues_item)

        request_id = self.request_id

        hint = self.hint

        docs_url = self.docs_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "issues": issues,
                "requestId": request_id,
            }
        )
        if hint is not None:
            field_dict["hint"] = hint
        if docs_url is not None:
            field_dict["docsUrl"] = docs_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("ErrorResponse", "an object", src_dict)
        try:
            _issues = src_dict["issues"]
            request_id = src_dict["requestId"]
        except KeyError:
            raise _missing("ErrorResponse", src_dict, ("issues", "requestId")) from None

        if type(_issues) is not list and not isinstance(_issues, list):
            raise _type_error("ErrorResponse.issues", "an array", _issues)
        issues: list[ErrorIssue] = []
        for issues_item_index, issues_item_data in enumerate(_issues):
            if (
                type(issues_item_data) is not dict
                and not isinstance(issues_item_data, dict)
                and not isinstance(issues_item_data, Mapping)
            ):
                raise _type_error(f"ErrorResponse.issues[{issues_item_index}]", "an object", issues_item_data)
            issues_item = _error_issue_from_dict(issues_item_data)
            issues.append(issues_item)

        if type(request_id) is not str and not isinstance(request_id, str):
            raise _type_error("ErrorResponse.requestId", "a string", request_id)

        _hint = src_dict.get("hint")
        hint: str | None = None
        if _hint is not None:
            if type(_hint) is not str and not isinstance(_hint, str):
                raise _type_error("ErrorResponse.hint", "a string", _hint)
            hint = _hint

        _docs_url = src_dict.get("docsUrl")
        docs_url: str | None = None
        if _docs_url is not None:
            if type(_docs_url) is not str and not isinstance(_docs_url, str):
                raise _type_error("ErrorResponse.docsUrl", "a string", _docs_url)
            docs_url = _docs_url

        error_response = _new_model(cls)
        error_response.issues = issues
        error_response.request_id = request_id
        error_response.hint = hint
        error_response.docs_url = docs_url
        if len(src_dict) > 2 and not _KNOWN_FIELDS.issuperset(src_dict):
            error_response.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            error_response.additional_properties = {}
        return error_response

    @staticmethod
    def _from_json(src_dict: Any) -> ErrorResponse:
        ErrorResponse._check(src_dict)
        return ErrorResponse._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("ErrorResponse", "an object", src_dict)
        try:
            _issues = src_dict["issues"]
            request_id = src_dict["requestId"]
        except KeyError:
            raise _missing("ErrorResponse", src_dict, ("issues", "requestId")) from None

        if type(_issues) is not list and not isinstance(_issues, list):
            raise _type_error("ErrorResponse.issues", "an array", _issues)
        for issues_item_index, issues_item_data in enumerate(_issues):
            if (
                type(issues_item_data) is not dict
                and not isinstance(issues_item_data, dict)
                and not isinstance(issues_item_data, Mapping)
            ):
                raise _type_error(f"ErrorResponse.issues[{issues_item_index}]", "an object", issues_item_data)
            _error_issue_check(issues_item_data)

        if type(request_id) is not str and not isinstance(request_id, str):
            raise _type_error("ErrorResponse.requestId", "a string", request_id)
        pass

        _hint = src_dict.get("hint")
        if _hint is not None:
            if type(_hint) is not str and not isinstance(_hint, str):
                raise _type_error("ErrorResponse.hint", "a string", _hint)
            pass

        _docs_url = src_dict.get("docsUrl")
        if _docs_url is not None:
            if type(_docs_url) is not str and not isinstance(_docs_url, str):
                raise _type_error("ErrorResponse.docsUrl", "a string", _docs_url)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> ErrorResponse:
        _issues = src_dict["issues"]
        request_id = src_dict["requestId"]
        issues: list[ErrorIssue] = [_error_issue_build(issues_item_data) for issues_item_data in _issues]

        _hint = src_dict.get("hint")
        hint: str | None = None
        if _hint is not None:
            hint = _hint

        _docs_url = src_dict.get("docsUrl")
        docs_url: str | None = None
        if _docs_url is not None:
            docs_url = _docs_url

        error_response = _new_model(ErrorResponse)
        error_response.issues = issues
        error_response.request_id = request_id
        error_response.hint = hint
        error_response.docs_url = docs_url
        if len(src_dict) > 2 and not _KNOWN_FIELDS.issuperset(src_dict):
            error_response.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return error_response

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
from ..models.error_issue import ErrorIssue  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_error_issue_from_dict = ErrorIssue.from_dict
_error_issue_check = ErrorIssue._check
_error_issue_build = ErrorIssue._build
