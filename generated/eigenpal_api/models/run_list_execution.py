from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..types import (
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

if TYPE_CHECKING:
    from ..models.run_retry import RunRetry


T = TypeVar("T", bound="RunListExecution")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_RUN_STATUS_BY_VALUE: dict[str, RunStatus] = {member.value: member for member in RunStatus}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"status", "schemaValid", "batchId", "retry"})


@_attrs_define
class RunListExecution(_LazyModel):
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
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunListExecution", "an object", src_dict)
        try:
            _status = src_dict["status"]
        except KeyError:
            raise _missing("RunListExecution", src_dict, ("status",)) from None

        status: RunStatus | str
        if isinstance(_status, str):
            status = _RUN_STATUS_BY_VALUE.get(_status, _status)
        else:
            raise _type_error("RunListExecution.status", "a string", _status)

        _schema_valid = src_dict.get("schemaValid")
        schema_valid: bool | None
        if _schema_valid is None:
            schema_valid = None
        elif isinstance(_schema_valid, bool):
            schema_valid = _schema_valid
        else:
            raise _type_error("RunListExecution.schemaValid", "a boolean or null", _schema_valid)

        _batch_id = src_dict.get("batchId")
        batch_id: str | None
        if _batch_id is None:
            batch_id = None
        elif isinstance(_batch_id, str):
            batch_id = _batch_id
        else:
            raise _type_error("RunListExecution.batchId", "a string or null", _batch_id)

        _retry = src_dict.get("retry")
        retry: RunRetry | None
        if _retry is None:
            retry = None
        elif isinstance(_retry, dict) or isinstance(_retry, Mapping):
            retry = _run_retry_from_dict(_retry)
        else:
            raise _type_error("RunListExecution.retry", "an object or null", _retry)

        run_list_execution = _new_model(cls)
        run_list_execution.status = status
        run_list_execution.schema_valid = schema_valid
        run_list_execution.batch_id = batch_id
        run_list_execution.retry = retry
        if len(src_dict) > 1 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_list_execution.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run_list_execution.additional_properties = {}
        return run_list_execution

    @staticmethod
    def _from_json(src_dict: Any) -> RunListExecution:
        RunListExecution._check(src_dict)
        return RunListExecution._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunListExecution", "an object", src_dict)
        try:
            _status = src_dict["status"]
        except KeyError:
            raise _missing("RunListExecution", src_dict, ("status",)) from None

        if isinstance(_status, str):
            pass
        else:
            raise _type_error("RunListExecution.status", "a string", _status)

        _schema_valid = src_dict.get("schemaValid")
        if _schema_valid is None:
            _ = None
        elif isinstance(_schema_valid, bool):
            pass
        else:
            raise _type_error("RunListExecution.schemaValid", "a boolean or null", _schema_valid)

        _batch_id = src_dict.get("batchId")
        if _batch_id is None:
            _ = None
        elif isinstance(_batch_id, str):
            pass
        else:
            raise _type_error("RunListExecution.batchId", "a string or null", _batch_id)

        _retry = src_dict.get("retry")
        if _retry is None:
            _ = None
        elif isinstance(_retry, dict) or isinstance(_retry, Mapping):
            _run_retry_check(_retry)
        else:
            raise _type_error("RunListExecution.retry", "an object or null", _retry)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> RunListExecution:
        _status = src_dict["status"]
        status: RunStatus | str
        if isinstance(_status, str):
            status = _RUN_STATUS_BY_VALUE.get(_status, _status)
        else:
            raise _type_error("RunListExecution.status", "a string", _status)

        _schema_valid = src_dict.get("schemaValid")
        schema_valid: bool | None
        if _schema_valid is None:
            schema_valid = None
        elif isinstance(_schema_valid, bool):
            schema_valid = _schema_valid
        else:
            raise _type_error("RunListExecution.schemaValid", "a boolean or null", _schema_valid)

        _batch_id = src_dict.get("batchId")
        batch_id: str | None
        if _batch_id is None:
            batch_id = None
        elif isinstance(_batch_id, str):
            batch_id = _batch_id
        else:
            raise _type_error("RunListExecution.batchId", "a string or null", _batch_id)

        _retry = src_dict.get("retry")
        retry: RunRetry | None
        if _retry is None:
            retry = None
        elif isinstance(_retry, dict) or isinstance(_retry, Mapping):
            retry = _run_retry_build(_retry)
        else:
            raise _type_error("RunListExecution.retry", "an object or null", _retry)

        run_list_execution = _new_model(RunListExecution)
        run_list_execution.status = status
        run_list_execution.schema_valid = schema_valid
        run_list_execution.batch_id = batch_id
        run_list_execution.retry = retry
        if len(src_dict) > 1 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_list_execution.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_run_retry_from_dict = RunRetry.from_dict
_run_retry_check = RunRetry._check
_run_retry_build = RunRetry._build
