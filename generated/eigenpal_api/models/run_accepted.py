from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_accepted_type import RunAcceptedType
from ..types import (
    _as_bool,
    _as_str,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_source import RunSource


T = TypeVar("T", bound="RunAccepted")


@_attrs_define
class RunAccepted:
    """
    Attributes:
        id (str):
        type_ (RunAcceptedType):
        finished (bool):
        source (RunSource | None):
    """

    id: str
    type_: RunAcceptedType
    finished: bool
    source: RunSource | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["id"] = _to_json(self.id)
        field_dict["type"] = _to_json(self.type_)
        field_dict["finished"] = _to_json(self.finished)
        if self.source is not None:
            field_dict["source"] = _to_json(self.source)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_source import RunSource  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunAccepted", src_dict)
        d = dict(src_dict)
        if "id" not in d:
            raise _missing("RunAccepted.id")
        if "type" not in d:
            raise _missing("RunAccepted.type")
        if "finished" not in d:
            raise _missing("RunAccepted.finished")
        _id = d.pop("id")
        id: str
        try:
            id = _as_str(_id)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            id = _drifted("RunAccepted.id", _id, mismatch_)

        _type_ = d.pop("type")
        type_: RunAcceptedType
        try:
            type_ = RunAcceptedType(_type_)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            type_ = _drifted("RunAccepted.type", _type_, mismatch_)

        _finished = d.pop("finished")
        finished: bool
        try:
            finished = _as_bool(_finished)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            finished = _drifted("RunAccepted.finished", _finished, mismatch_)

        _source = d.pop("source", None)
        source: RunSource | None
        if _source is None:
            source = None
        else:
            try:
                source = RunSource.from_dict(_source)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                source = _drifted("RunAccepted.source", _source, mismatch_)

        run_accepted = cls(
            id=id,
            type_=type_,
            finished=finished,
            source=source,
        )
        run_accepted.additional_properties = d
        return run_accepted

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
