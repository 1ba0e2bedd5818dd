from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_type import RunType
from ..types import (
    _keep_json,
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

if TYPE_CHECKING:
    from ..models.run_source import RunSource


T = TypeVar("T", bound="RunAccepted")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_RUN_TYPE_BY_VALUE: dict[str, RunType] = {member.value: member for member in RunType}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"id", "type", "finished", "source"})


@_attrs_define
class RunAccepted(_LazyModel):
    """A run that was accepted and has not finished yet.

    Attributes:
        id (str): The run's id.
        type_ (RunType | str): The kind of automation, `workflow` or `agent`; a kind this client does not know is kept
            as text.
        finished (bool): Whether the run is terminal.
        source (RunSource | None): The automation the run executes.
    """

    id: str
    type_: RunType | str
    finished: bool
    source: RunSource | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_: str
        if isinstance(self.type_, RunType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        finished = self.finished

        source: dict[str, Any] | None = None
        if self.source is not None:
            source = self.source.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "finished": finished,
            }
        )
        if source is not None:
            field_dict["source"] = source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunAccepted", "an object", src_dict)
        try:
            id = src_dict["id"]
            _type_ = src_dict["type"]
            finished = src_dict["finished"]
        except KeyError:
            raise _missing("RunAccepted", src_dict, ("id", "type", "finished")) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("RunAccepted.id", "a string", id)

        type_: RunType | str
        if isinstance(_type_, str):
            type_ = _RUN_TYPE_BY_VALUE.get(_type_, _type_)
        else:
            raise _type_error("RunAccepted.type", "a string", _type_)

        if type(finished) is not bool:
            raise _type_error("RunAccepted.finished", "a boolean", finished)

        _source = src_dict.get("source")
        source: RunSource | None = None
        if _source is not None:
            if type(_source) is not dict and not isinstance(_source, dict) and not isinstance(_source, Mapping):
                raise _type_error("RunAccepted.source", "an object", _source)
            source = _run_source_from_dict(_source)

        run_accepted = _new_model(cls)
        run_accepted.id = id
        run_accepted.type_ = type_
        run_accepted.finished = finished
        run_accepted.source = source
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_accepted.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run_accepted.additional_properties = {}
        return run_accepted

    @staticmethod
    def _from_json(src_dict: Any) -> RunAccepted:
        RunAccepted._check(src_dict)
        return RunAccepted._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunAccepted", "an object", src_dict)
        try:
            id = src_dict["id"]
            _type_ = src_dict["type"]
            finished = src_dict["finished"]
        except KeyError:
            raise _missing("RunAccepted", src_dict, ("id", "type", "finished")) from None

        if type(id) is not str and not isinstance(id, str):
            raise _type_error("RunAccepted.id", "a string", id)
        pass

        if isinstance(_type_, str):
            pass
        else:
            raise _type_error("RunAccepted.type", "a string", _type_)

        if type(finished) is not bool:
            raise _type_error("RunAccepted.finished", "a boolean", finished)
        pass

        _source = src_dict.get("source")
        if _source is not None:
            if type(_source) is not dict and not isinstance(_source, dict) and not isinstance(_source, Mapping):
                raise _type_error("RunAccepted.source", "an object", _source)
            _run_source_check(_source)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> RunAccepted:
        id = src_dict["id"]
        _type_ = src_dict["type"]
        finished = src_dict["finished"]

        type_: RunType | str
        if isinstance(_type_, str):
            type_ = _RUN_TYPE_BY_VALUE.get(_type_, _type_)
        else:
            raise _type_error("RunAccepted.type", "a string", _type_)

        _source = src_dict.get("source")

        run_accepted = _new_model(RunAccepted)
        run_accepted.id = id
        run_accepted.type_ = type_
        run_accepted.finished = finished
        if _source is None:
            run_accepted.source = None
        if _source is not None:
            _keep_json(run_accepted, src_dict)
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_accepted.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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


# Imported after the class, not at the top, so that models referring to each other import in any order.
from ..models.run_source import RunSource  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_run_source_from_dict = RunSource.from_dict
_run_source_check = RunSource._check
_run_source_build = RunSource._build

# The nested objects built when first read (types.py's _LazyModel): field -> (JSON key, how to build it).
RunAccepted._lazy_fields = {
    "source": ("source", _run_source_build),
}
