from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_status import RunStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_retry import RunRetry
    from ..models.step import Step


T = TypeVar("T", bound="RunExecution")


@_attrs_define
class RunExecution:
    """How the run is executing. `steps` is present with `expand=execution`.

    Attributes:
        status (RunStatus | str): The run's status; a status this client does not know is kept as text and is non-
            terminal.
        schema_valid (bool | None): Whether the output matched the automation's output schema; null until known.
        batch_id (None | str): The batch the run belongs to.
        retry (None | RunRetry):
        steps (list[Step] | Unset): The run's steps, with `expand=execution`.
    """

    status: RunStatus | str
    schema_valid: bool | None
    batch_id: None | str
    retry: None | RunRetry
    steps: list[Step] | Unset = UNSET
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

        steps: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.steps, Unset):
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
        if steps is not UNSET:
            field_dict["steps"] = steps

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _status_data = d.pop("status")
        status: RunStatus | str
        try:
            if not isinstance(_status_data, str):
                raise TypeError()
            componentsschemas_run_status_value_type_0 = RunStatus(_status_data)

            status = componentsschemas_run_status_value_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            status = cast(RunStatus | str, _status_data)

        schema_valid = cast(bool | None, d.pop("schemaValid"))

        batch_id = cast(None | str, d.pop("batchId"))

        _retry_data = d.pop("retry")
        retry: None | RunRetry
        if _retry_data is None:
            retry = None
        else:
            try:
                if not isinstance(_retry_data, dict):
                    raise TypeError()
                retry_type_0 = RunRetry.from_dict(_retry_data)

                retry = retry_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                retry = cast(None | RunRetry, _retry_data)

        _steps = d.pop("steps", UNSET)
        steps: list[Step] | Unset = UNSET
        if _steps is not UNSET:
            steps = []
            for steps_item_data in _steps:
                steps_item = Step.from_dict(steps_item_data)

                steps.append(steps_item)

        run_execution = cls(
            status=status,
            schema_valid=schema_valid,
            batch_id=batch_id,
            retry=retry,
            steps=steps,
        )

        run_execution.additional_properties = d
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
