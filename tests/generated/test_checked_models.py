"""The response models' drift policy (openapi/templates/model.py.jinja, types.py's `_drifted`).

A value of the wrong JSON type, an unknown enum value, or a nested object that does not fit its model is kept as it
came and reported once per field, as a WARNING of the `eigenpal_ext.drift` logger; an unknown status is no drift (the
status enum is open). What cannot be kept raises, naming what is wrong: a missing required field is a KeyError naming
`Model.field`, and a body that is not an object a TypeError. `Run.execution` is the first alternative whose required
fields the body has: the expanded `WorkflowRunExecution` when `steps` is there, `AgentRunExecution` when `files` is,
else the slim `RunExecutionMeta`. (tests/contract/ parses every body the sources allow; these are the rules, one each.)
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterator
from typing import Any

import eigenpal_api.types
import httpx
import pytest
from eigenpal_api.api.runs import runs_get, runs_list
from eigenpal_api.client import AuthenticatedClient
from eigenpal_api.models import (
    AgentRunExecution,
    ExecutionStatus,
    Run,
    RunExecutionMeta,
    RunListItem,
    RunsListResponse,
    RunTiming,
    RunType,
    WorkflowRunExecution,
)

DRIFT_LOGGER = "eigenpal_ext.drift"
Body = dict[str, Any]
Drift = Callable[[], list[logging.LogRecord]]


@pytest.fixture
def drift(caplog: pytest.LogCaptureFixture) -> Iterator[Drift]:
    """The drift logger's records so far; the models' record of fields already reported is cleared around the test,
    so that "once per field" can be counted."""
    eigenpal_api.types._drift_seen.clear()
    caplog.set_level(logging.WARNING, logger=DRIFT_LOGGER)
    yield lambda: [record for record in caplog.records if record.name == DRIFT_LOGGER]
    eigenpal_api.types._drift_seen.clear()


def reported(records: list[logging.LogRecord]) -> list[str]:
    """The fields the records name (`Run.finished`)."""
    return [str(record.args[0]) for record in records if isinstance(record.args, tuple) and record.args]


def run_json(**changes: Any) -> Body:
    """A slim run as `GET /v1/runs/{id}` answers it, with `changes` on top."""
    body: Body = {
        "id": "run_1",
        "type": "workflow",
        "finished": True,
        "sampleRank": 0.25,
        "tags": ["invoice"],
        "timing": {
            "createdAt": "2026-11-21T05:00:00.000Z",
            "startedAt": "2026-11-21T05:00:01.000Z",
            "completedAt": "2026-11-21T05:00:09.000Z",
            "durationMs": 8000,
            "cancelRequestedAt": None,
        },
        "source": {"id": "wf_1", "name": "Extract invoice", "version": "3"},
        "trigger": {"type": "api", "by": None},
        "execution": {
            "status": "completed",
            "schemaValid": True,
            "batchId": None,
            "retry": {"number": 0, "previousRunId": None, "nextRun": None},
        },
        "output": {"invoiceNumber": "INV-1"},
    }
    body.update(changes)
    return body


def with_execution(**changes: Any) -> Body:
    body = run_json()
    body["execution"] = {**body["execution"], **changes}
    return body


def without(body: Body, *path: str) -> Body:
    """A deep copy of `body` without the key at `path` (`"timing", "durationMs"`)."""
    result = copy.deepcopy(body)
    *parents, last = path
    holder = result
    for key in parents:
        holder = holder[key]
    del holder[last]
    return result


# Raising, naming what is wrong ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["id", "type", "finished", "timing", "source", "trigger", "execution"])
def test_a_missing_required_field_is_a_key_error_naming_model_and_field(field: str, drift: Drift) -> None:
    with pytest.raises(KeyError, match=rf"^'Run\.{field}: required, but missing'$"):
        Run.from_dict(without(run_json(), field))
    assert drift() == []


def test_a_missing_required_field_of_a_nested_model_is_named_in_the_drift_report(drift: Drift) -> None:
    # The nested model raises; the field holding it keeps the object as it came, and the report says why.
    timing = without(run_json(), "timing", "durationMs")["timing"]
    run = Run.from_dict(run_json(timing=timing))
    assert run.timing == timing
    assert not isinstance(run.timing, RunTiming)
    (record,) = drift()
    assert record.getMessage() == (
        "Run.timing does not fit the API document ('RunTiming.durationMs: required, but missing'); kept as received"
    )


@pytest.mark.parametrize("body", [[run_json()], "run_1", None, 7], ids=["list", "str", "null", "int"])
def test_a_body_that_is_not_an_object_is_a_type_error_naming_the_model(body: Any, drift: Drift) -> None:
    with pytest.raises(TypeError, match=r"^Run: expected an object, got "):
        Run.from_dict(body)
    assert drift() == []


def test_the_generated_operation_raises_those_errors_too() -> None:
    def answer(body: Any) -> Callable[[httpx.Request], httpx.Response]:
        return lambda request: httpx.Response(200, json=body)

    for body, error, message in [
        (without(run_json(), "id"), KeyError, r"Run\.id: required, but missing"),
        ([run_json()], TypeError, r"^Run: expected an object, got list"),
    ]:
        transport = httpx.MockTransport(answer(body))
        with (
            AuthenticatedClient(
                base_url="https://api.eigenpal.com", token="t", httpx_args={"transport": transport}
            ) as client,
            pytest.raises(error, match=message),
        ):
            runs_get.sync_detailed("run_1", client=client)


# Kept as it came, and reported once ----------------------------------------------------------------------------------


def test_a_value_of_the_wrong_type_is_kept_and_reported_once(drift: Drift) -> None:
    body = run_json(finished="yes")
    first = Run.from_dict(body)
    second = Run.from_dict(body)
    kept: Any = (first.finished, second.finished)  # typed bool, but what came is kept
    assert kept == ("yes", "yes")
    (record,) = drift()
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        "Run.finished does not fit the API document (expected true or false, got str 'yes'); kept as received"
    )
    assert first.to_dict() == Run.from_dict(run_json()).to_dict() | {"finished": "yes"}


def test_each_field_is_reported_once_and_again_once_the_record_is_cleared(drift: Drift) -> None:
    Run.from_dict(run_json(finished="yes", sampleRank="high"))
    Run.from_dict(run_json(finished="no", sampleRank="low"))
    assert reported(drift()) == ["Run.finished", "Run.sampleRank"]
    eigenpal_api.types._drift_seen.clear()
    Run.from_dict(run_json(finished="maybe"))
    assert reported(drift()) == ["Run.finished", "Run.sampleRank", "Run.finished"]


def test_the_same_field_name_on_another_model_is_another_field(drift: Drift) -> None:
    item = {key: value for key, value in run_json().items() if key != "output"}
    RunsListResponse.from_dict({"runs": [{**item, "finished": "yes"}], "nextCursor": None})
    Run.from_dict(run_json(finished="yes"))
    assert reported(drift()) == ["RunListItem.finished", "Run.finished"]


@pytest.mark.parametrize(
    ("changes", "field", "kept"),
    [
        ({"type": "robot"}, "Run.type", "robot"),
        ({"sampleRank": "high"}, "Run.sampleRank", "high"),
        ({"tags": ["invoice", 7]}, "Run.tags", ["invoice", 7]),
        ({"timing": []}, "Run.timing", []),
        ({"output": ["not", "an", "object"]}, "Run.output", ["not", "an", "object"]),
        ({"execution": "done"}, "Run.execution", "done"),
    ],
    ids=["unknown-enum-value", "wrong-number", "wrong-list-item", "wrong-nested-object", "wrong-free-form", "no-union"],
)
def test_what_does_not_fit_is_kept_as_it_came(changes: Body, field: str, kept: Any, drift: Drift) -> None:
    run = Run.from_dict(run_json(**changes))
    (json_key,) = changes
    assert run.to_dict()[json_key] == kept
    assert reported(drift()) == [field]


def test_a_wrong_value_deep_inside_is_reported_at_its_own_model(drift: Drift) -> None:
    body = run_json()
    body["execution"]["retry"]["number"] = "first"
    run = Run.from_dict(body)
    assert isinstance(run.execution, RunExecutionMeta)
    number: Any = run.execution.retry.number  # typed float, but what came is kept
    assert number == "first"
    assert reported(drift()) == ["RunExecutionRetry.number"]


def test_a_known_enum_value_is_its_member_and_an_unknown_one_is_kept_as_text(drift: Drift) -> None:
    assert Run.from_dict(run_json(type="agent")).type_ is RunType.AGENT
    assert drift() == []
    robot = Run.from_dict(run_json(type="robot")).type_
    assert robot == "robot"
    assert not isinstance(robot, RunType)
    assert reported(drift()) == ["Run.type"]


def test_an_unknown_execution_status_is_text_and_no_drift(drift: Drift) -> None:
    known = Run.from_dict(with_execution(status="waiting")).execution
    assert known.status is ExecutionStatus.WAITING
    unknown = Run.from_dict(with_execution(status="paused_for_review")).execution
    assert isinstance(unknown, RunExecutionMeta)
    assert unknown.status == "paused_for_review"
    assert type(unknown.status) is str
    steps = Run.from_dict(with_execution(status="paused_for_review", steps=[])).execution
    assert isinstance(steps, WorkflowRunExecution)
    assert type(steps.status) is str
    assert drift() == []


def test_an_execution_status_of_the_wrong_type_is_kept_and_reported(drift: Drift) -> None:
    execution = Run.from_dict(with_execution(status=3)).execution
    assert isinstance(execution, RunExecutionMeta)
    status: Any = execution.status  # typed ExecutionStatus | str, but what came is kept
    assert status == 3
    assert reported(drift()) == ["RunExecutionMeta.status"]


# Which execution ----------------------------------------------------------------------------------------------------


def test_the_expanded_workflow_execution_is_picked_when_steps_are_there(drift: Drift) -> None:
    steps = [{"id": "step_1", "name": "extract", "status": "completed"}]
    execution = Run.from_dict(with_execution(steps=steps, definitionSnapshot=None)).execution
    assert type(execution) is WorkflowRunExecution
    assert execution.steps == steps
    assert execution.status is ExecutionStatus.COMPLETED
    assert drift() == []


def test_the_expanded_agent_execution_is_picked_when_files_are_there(drift: Drift) -> None:
    execution = Run.from_dict(with_execution(files={"output": [{"name": "answer.json"}]})).execution
    assert type(execution) is AgentRunExecution
    assert [file.name for file in execution.files.output] == ["answer.json"]
    assert drift() == []


def test_the_slim_execution_meta_is_picked_for_the_slim_body(drift: Drift) -> None:
    execution = Run.from_dict(run_json()).execution
    assert type(execution) is RunExecutionMeta
    assert execution.status is ExecutionStatus.COMPLETED
    assert execution.additional_properties == {}
    assert drift() == []


def test_a_list_item_execution_is_always_the_slim_one(drift: Drift) -> None:
    item = {key: value for key, value in run_json().items() if key != "output"}
    page = RunsListResponse.from_dict({"runs": [item], "nextCursor": "c_2"})
    assert type(page.runs[0]) is RunListItem
    assert type(page.runs[0].execution) is RunExecutionMeta
    assert page.next_cursor == "c_2"
    assert drift() == []


# Absent, null and unknown fields -------------------------------------------------------------------------------------


def test_absent_and_null_optional_fields_read_as_none(drift: Drift) -> None:
    absent = Run.from_dict(without(without(without(run_json(), "output"), "tags"), "sampleRank"))
    null = Run.from_dict(run_json(output=None, error=None, usage=None))
    for run in (absent, null):
        assert run.output is None
        assert run.error is None
        assert run.usage is None
        assert run.files is None
    assert absent.tags is None
    assert absent.sample_rank is None
    assert drift() == []


def test_unknown_fields_are_kept_at_every_level_and_written_back(drift: Drift) -> None:
    body = run_json(reviewQueue="legal")
    body["timing"]["queuedAt"] = "2026-11-21T04:59:59.000Z"
    body["execution"]["lane"] = 2
    run = Run.from_dict(body)
    assert run.additional_properties == {"reviewQueue": "legal"}
    assert run.timing.additional_properties == {"queuedAt": "2026-11-21T04:59:59.000Z"}
    assert isinstance(run.execution, RunExecutionMeta)
    assert run.execution.additional_properties == {"lane": 2}
    assert run.to_dict()["reviewQueue"] == "legal"
    assert run.to_dict()["execution"]["lane"] == 2
    assert drift() == []


def test_a_page_through_the_generated_operation_keeps_unknown_values_too(drift: Drift) -> None:
    item = {key: value for key, value in run_json(type="robot").items() if key != "output"}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={"runs": [item], "nextCursor": None}))
    with AuthenticatedClient(
        base_url="https://api.eigenpal.com", token="t", httpx_args={"transport": transport}
    ) as client:
        page = runs_list.sync_detailed(client=client).parsed
    assert isinstance(page, RunsListResponse)
    assert page.runs[0].type_ == "robot"
    assert reported(drift()) == ["RunListItem.type"]
