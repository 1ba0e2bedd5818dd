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
    from ..models.step import Step


T = TypeVar("T", bound="RunExecution")

# Each enum by value, built once: a dict lookup is cheaper than calling the enum and catching its ValueError.
_RUN_STATUS_BY_VALUE: dict[str, RunStatus] = {member.value: member for member in RunStatus}

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"status", "schemaValid", "batchId", "retry", "steps"})


@_attrs_define
class RunExecution(_LazyModel):
    """How the run is executing. `steps` is present with `expand=execution`.

    Attributes:
        status (RunStatus | str): The run's status; a status this client does not know is kept as text and is non-
            terminal.
        schema_valid (bool | None): Whether the output matched the automation's output schema; null until known.
        batch_id (None | str): The batch the run belongs to.
        retry (None | RunRetry):
        steps (list[Step] | None): The run's steps, with `expand=execution`.
    """

    status: RunStatus | str
    schema_valid: bool | None
    batch_id: None | str
    retry: None | RunRetry
    steps: list[Step] | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str
        if isinstance(self.status, RunStatus):
            status = self.status.value
        else:
            status = self.status

        schema_valid: bool | None
        schema_valid = self.schema_valid

        batch_id: None | str
        batch_id = self.batch_id

        retry: dict[str, Any] | None
        if isinstance(self.retry, RunRetry):
            retry = self.retry.to_dict()
        else:
            retry = self.retry

        steps: list[dict[str, Any]] | None = None
        if self.steps is not None:
            steps = []
            for steps_item_data in self.steps:
                steps_item = steps_item_data.to_dict()
                steps.append(steps_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "schemaValid": schema_valid,
                "batchId": batch_id,
                "retry": retry,
            }
        )
        if steps is not None:
            field_dict["steps"] = steps

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunExecution", "an object", src_dict)
        try:
            _status = src_dict["status"]
            _schema_valid = src_dict["schemaValid"]
            _batch_id = src_dict["batchId"]
            _retry = src_dict["retry"]
        except KeyError:
            raise _missing("RunExecution", src_dict, ("status", "schemaValid", "batchId", "retry")) from None

        status: RunStatus | str
        if isinstance(_status, str):
            status = _RUN_STATUS_BY_VALUE.get(_status, _status)
        else:
            raise _type_error("RunExecution.status", "a string", _status)

        schema_valid: bool | None
        if _schema_valid is None:
            schema_valid = None
        elif isinstance(_schema_valid, bool):
            schema_valid = _schema_valid
        else:
            raise _type_error("RunExecution.schemaValid", "a boolean or null", _schema_valid)

        batch_id: None | str
        if _batch_id is None:
            batch_id = None
        elif isinstance(_batch_id, str):
            batch_id = _batch_id
        else:
            raise _type_error("RunExecution.batchId", "a string or null", _batch_id)

        retry: None | RunRetry
        if _retry is None:
            retry = None
        elif isinstance(_retry, dict) or isinstance(_retry, Mapping):
            retry = _run_retry_from_dict(_retry)
        else:
            raise _type_error("RunExecution.retry", "an object or null", _retry)

        _steps = src_dict.get("steps")
        steps: list[Step] | None = None
        if _steps is not None:
            if type(_steps) is not list and not isinstance(_steps, list):
                raise _type_error("RunExecution.steps", "an array", _steps)
            steps = []
            for steps_item_index, steps_item_data in enumerate(_steps):
                if (
                    type(steps_item_data) is not dict
                    and not isinstance(steps_item_data, dict)
                    and not isinstance(steps_item_data, Mapping)
                ):
                    raise _type_error(f"RunExecution.steps[{steps_item_index}]", "an object", steps_item_data)
                steps_item = _step_from_dict(steps_item_data)
                steps.append(steps_item)

        run_execution = _new_model(cls)
        run_execution.status = status
        run_execution.schema_valid = schema_valid
        run_execution.batch_id = batch_id
        run_execution.retry = retry
        run_execution.steps = steps
        if len(src_dict) > 4 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_execution.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            run_execution.additional_properties = {}
        return run_execution

    @staticmethod
    def _from_json(src_dict: Any) -> RunExecution:
        RunExecution._check(src_dict)
        return RunExecution._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("RunExecution", "an object", src_dict)
        try:
            _status = src_dict["status"]
            _schema_valid = src_dict["schemaValid"]
            _batch_id = src_dict["batchId"]
            _retry = src_dict["retry"]
        except KeyError:
            raise _missing("RunExecution", src_dict, ("status", "schemaValid", "batchId", "retry")) from None

        if isinstance(_status, str):
            pass
        else:
            raise _type_error("RunExecution.status", "a string", _status)

        if _schema_valid is None:
            _ = None
        elif isinstance(_schema_valid, bool):
            pass
        else:
            raise _type_error("RunExecution.schemaValid", "a boolean or null", _schema_valid)

        if _batch_id is None:
            _ = None
        elif isinstance(_batch_id, str):
            pass
        else:
            raise _type_error("RunExecution.batchId", "a string or null", _batch_id)

        if _retry is None:
            _ = None
        elif isinstance(_retry, dict) or isinstance(_retry, Mapping):
            _run_retry_check(_retry)
        else:
            raise _type_error("RunExecution.retry", "an object or null", _retry)

        _steps = src_dict.get("steps")
        if _steps is not None:
            if type(_steps) is not list and not isinstance(_steps, list):
                raise _type_error("RunExecution.steps", "an array", _steps)
            for steps_item_index, steps_item_data in enumerate(_steps):
                if (
                    type(steps_item_data) is not dict
                    and not isinstance(steps_item_data, dict)
                    and not isinstance(steps_item_data, Mapping)
                ):
                    raise _type_error(f"RunExecution.steps[{steps_item_index}]", "an object", steps_item_data)
                _step_check(steps_item_data)

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> RunExecution:
        _status = src_dict["status"]
        _schema_valid = src_dict["schemaValid"]
        _batch_id = src_dict["batchId"]
        _retry = src_dict["retry"]
        status: RunStatus | str
        if isinstance(_status, str):
            status = _RUN_STATUS_BY_VALUE.get(_status, _status)
        else:
            raise _type_error("RunExecution.status", "a string", _status)

        schema_valid: bool | None
        if _schema_valid is None:
            schema_valid = None
        elif isinstance(_schema_valid, bool):
            schema_valid = _schema_valid
        else:
            raise _type_error("RunExecution.schemaValid", "a boolean or null", _schema_valid)

        batch_id: None | str
        if _batch_id is None:
            batch_id = None
        elif isinstance(_batch_id, str):
            batch_id = _batch_id
        else:
            raise _type_error("RunExecution.batchId", "a string or null", _batch_id)

        retry: None | RunRetry
        if _retry is None:
            retry = None
        elif isinstance(_retry, dict) or isinstance(_retry, Mapping):
            retry = _run_retry_build(_retry)
        else:
            raise _type_error("RunExecution.retry", "an object or null", _retry)

        _steps = src_dict.get("steps")
        steps: list[Step] | None = None
        if _steps is not None:
            steps = [_step_build(steps_item_data) for steps_item_data in _steps]

        run_execution = _new_model(RunExecution)
        run_execution.status = status
        run_execution.schema_valid = schema_valid
        run_execution.batch_id = batch_id
        run_execution.retry = retry
        run_execution.steps = steps
        if len(src_dict) > 4 and not _KNOWN_FIELDS.issuperset(src_dict):
            run_execution.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        return run_execution

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
from ..models.step import Step  # noqa: E402

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_run_retry_from_dict = RunRetry.from_dict
_run_retry_check = RunRetry._check
_run_retry_build = RunRetry._build
_step_from_dict = Step.from_dict
_step_check = Step._check
_step_build = Step._build
