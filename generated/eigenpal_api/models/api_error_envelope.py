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
    from ..models.api_error_issue import ApiErrorIssue


T = TypeVar("T", bound="ApiErrorEnvelope")


@_attrs_define
class ApiErrorEnvelope:
    """
    Attributes:
        issues (list[ApiErrorIssue]):
        request_id (str): Request id echoed via the x-request-id header
        hint (str | None): Suggested fix for known error patterns
        docs_url (str | None): Link to relevant docs
        conflicting_workflow_id (str | None): Present on 409 workflow_name_conflict responses. Id of the workflow that
            already owns the requested name.
    """

    issues: list[ApiErrorIssue]
    request_id: str
    hint: str | None = None
    docs_url: str | None = None
    conflicting_workflow_id: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["issues"] = _to_json(self.issues)
        field_dict["requestId"] = _to_json(self.request_id)
        if self.hint is not None:
            field_dict["hint"] = _to_json(self.hint)
        if self.docs_url is not None:
            field_dict["docsUrl"] = _to_json(self.docs_url)
        if self.conflicting_workflow_id is not None:
            field_dict["conflictingWorkflowId"] = _to_json(self.conflicting_workflow_id)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.api_error_issue import ApiErrorIssue  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("ApiErrorEnvelope", src_dict)
        d = dict(src_dict)
        if "issues" not in d:
            raise _missing("ApiErrorEnvelope.issues")
        if "requestId" not in d:
            raise _missing("ApiErrorEnvelope.requestId")
        _issues = d.pop("issues")
        issues: list[ApiErrorIssue]
        try:
            issues = [ApiErrorIssue.from_dict(item) for item in _as_list(_issues)]
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            issues = _drifted("ApiErrorEnvelope.issues", _issues, mismatch_)

        _request_id = d.pop("requestId")
        request_id: str
        try:
            request_id = _as_str(_request_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            request_id = _drifted("ApiErrorEnvelope.requestId", _request_id, mismatch_)

        _hint = d.pop("hint", None)
        hint: str | None
        if _hint is None:
            hint = None
        else:
            try:
                hint = _as_str(_hint)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                hint = _drifted("ApiErrorEnvelope.hint", _hint, mismatch_)

        _docs_url = d.pop("docsUrl", None)
        docs_url: str | None
        if _docs_url is None:
            docs_url = None
        else:
            try:
                docs_url = _as_str(_docs_url)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                docs_url = _drifted("ApiErrorEnvelope.docsUrl", _docs_url, mismatch_)

        _conflicting_workflow_id = d.pop("conflictingWorkflowId", None)
        conflicting_workflow_id: str | None
        if _conflicting_workflow_id is None:
            conflicting_workflow_id = None
        else:
            try:
                conflicting_workflow_id = _as_str(_conflicting_workflow_id)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                conflicting_workflow_id = _drifted(
                    "ApiErrorEnvelope.conflictingWorkflowId", _conflicting_workflow_id, mismatch_
                )

        api_error_envelope = cls(
            issues=issues,
            request_id=request_id,
            hint=hint,
            docs_url=docs_url,
            conflicting_workflow_id=conflicting_workflow_id,
        )
        api_error_envelope.additional_properties = d
        return api_error_envelope

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
