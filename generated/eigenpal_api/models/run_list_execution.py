from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..types import UNSET, _type_error

if TYPE_CHECKING:
    from ..models.run_retry import RunRetry


T = TypeVar("T", bound="RunListExecution")


@_attrs_define
class RunListExecution:
    """The slim execution section of a list item.

    Attributes:
        status (RunStatus | str): The run's status; a status this client does not know is kept as text and is non-
            terminal.
        schema_valid (bool | None): Whether the output matched the automation's output schema; null until known.
        batch_id (str | None): The batch the run belongs to.
        retry (RunRetry | None):
    """

    status: RunStatus | str
    schema_valid: bool | None = None
    batch_id: str | None = None
    retry: RunRetry | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str
        if isinstance(self.status, RunStatus):
            status = self.status.value
        else:
            status = self.status

        schema_valid = self.schema_valid

        batch_id = self.batch_id

        retry: dict[str, Any] | None
        if self.retry is None:
            retry = None
        else:
            retry = self.retry.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        field_dict["schemaValid"] = schema_valid
        field_dict["batchId"] = batch_id
        field_dict["retry"] = retry

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunListExecution", "an object", src_dict)
        d = dict(src_dict)
        _status = d.pop("status", UNSET)
        status: RunStatus | str
        if isinstance(_status, str):
            try:
                status = RunStatus(_status)
            except ValueError:
                status = _status
        else:
            raise _type_error("RunListExecution.status", "a string", _status)

        _schema_valid = d.pop("schemaValid", None)
        schema_valid: bool | None
        if _schema_valid is None:
            schema_valid = None
        elif isinstance(_schema_valid, bool):
            schema_valid = _schema_valid
        else:
            raise _type_error("RunListExecution.schemaValid", "a boolean or null", _schema_valid)

        _batch_id = d.pop("batchId", None)
        batch_id: str | None
        if _batch_id is None:
            batch_id = None
        elif isinstance(_batch_id, str):
            batch_id = _batch_id
        else:
            raise _type_error("RunListExecution.batchId", "a string or null", _batch_id)

        _retry = d.pop("retry", None)
        retry: RunRetry | None
        if _retry is None:
            retry = None
        elif isinstance(_retry, dict) or isinstance(_retry, Mapping):
            retry = RunRetry.from_dict(_retry)
        else:
            raise _type_error("RunListExecution.retry", "an object or null", _retry)

        run_list_execution = cls(
            status=status,
            schema_valid=schema_valid,
            batch_id=batch_id,
            retry=retry,
        )

        run_list_execution.additional_properties = d
        return run_list_execution

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
from ..models.run_retry import RunRetry  # noqa: E402
