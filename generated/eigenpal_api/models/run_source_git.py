from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

T = TypeVar("T", bound="RunSourceGit")


@_attrs_define
class RunSourceGit:
    """
    Attributes:
        requested_ref (None | str):
        resolved_ref (None | str):
        resolved_tag (None | str):
        commit_sha (None | str):
    """

    requested_ref: None | str
    resolved_ref: None | str
    resolved_tag: None | str
    commit_sha: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["requestedRef"] = _to_json(self.requested_ref)
        field_dict["resolvedRef"] = _to_json(self.resolved_ref)
        field_dict["resolvedTag"] = _to_json(self.resolved_tag)
        field_dict["commitSha"] = _to_json(self.commit_sha)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunSourceGit", src_dict)
        d = dict(src_dict)
        if "requestedRef" not in d:
            raise _missing("RunSourceGit.requestedRef")
        if "resolvedRef" not in d:
            raise _missing("RunSourceGit.resolvedRef")
        if "resolvedTag" not in d:
            raise _missing("RunSourceGit.resolvedTag")
        if "commitSha" not in d:
            raise _missing("RunSourceGit.commitSha")
        _requested_ref = d.pop("requestedRef")
        requested_ref: None | str
        try:
            requested_ref = None if _requested_ref is None else _as_str(_requested_ref)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            requested_ref = _drifted("RunSourceGit.requestedRef", _requested_ref, mismatch_)

        _resolved_ref = d.pop("resolvedRef")
        resolved_ref: None | str
        try:
            resolved_ref = None if _resolved_ref is None else _as_str(_resolved_ref)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            resolved_ref = _drifted("RunSourceGit.resolvedRef", _resolved_ref, mismatch_)

        _resolved_tag = d.pop("resolvedTag")
        resolved_tag: None | str
        try:
            resolved_tag = None if _resolved_tag is None else _as_str(_resolved_tag)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            resolved_tag = _drifted("RunSourceGit.resolvedTag", _resolved_tag, mismatch_)

        _commit_sha = d.pop("commitSha")
        commit_sha: None | str
        try:
            commit_sha = None if _commit_sha is None else _as_str(_commit_sha)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            commit_sha = _drifted("RunSourceGit.commitSha", _commit_sha, mismatch_)

        run_source_git = cls(
            requested_ref=requested_ref,
            resolved_ref=resolved_ref,
            resolved_tag=resolved_tag,
            commit_sha=commit_sha,
        )
        run_source_git.additional_properties = d
        return run_source_git

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
