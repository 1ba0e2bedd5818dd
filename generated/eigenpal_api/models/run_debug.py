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

T = TypeVar("T", bound="RunDebug")


@_attrs_define
class RunDebug:
    """
    Attributes:
        observability (Any): Execution phase timeline and structured failure.
        trace_id (None | str): Workflow trace id for span lookup (workflow runs only).
    """

    observability: Any
    trace_id: None | str = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["observability"] = _to_json(self.observability)
        if self.trace_id is not None:
            field_dict["traceId"] = _to_json(self.trace_id)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunDebug", src_dict)
        d = dict(src_dict)
        if "observability" not in d:
            raise _missing("RunDebug.observability")
        _observability = d.pop("observability")
        observability: Any
        try:
            observability = _observability
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            observability = _drifted("RunDebug.observability", _observability, mismatch_)

        _trace_id = d.pop("traceId", None)
        trace_id: None | str
        if _trace_id is None:
            trace_id = None
        else:
            try:
                trace_id = None if _trace_id is None else _as_str(_trace_id)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                trace_id = _drifted("RunDebug.traceId", _trace_id, mismatch_)

        run_debug = cls(
            observability=observability,
            trace_id=trace_id,
        )
        run_debug.additional_properties = d
        return run_debug

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
