"""What users do with the client, end to end: each scenario replayed from its cassette and run live.

The scenarios follow the Python examples of the Eigenpal seed document (seeds/001) and the rest of the
public API. Runs are kept short so recording and live runs take seconds.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

import attrs
import pytest
from cassette_kit import API_KEY
from eigenpal_api.models import Run, RunAccepted

from eigenpal_ext import (
    AsyncEigenpalClient,
    AuthenticationError,
    BadRequestError,
    EigenpalClient,
    NotFoundError,
    RunFailedError,
    RunStatus,
    is_failure,
    is_success,
    is_terminal,
)
from eigenpal_local.samples import path as sample_path


@attrs.frozen
class Vendor:
    name: str
    address: str


@attrs.frozen
class LineItem:
    description: str
    amount: float


@attrs.frozen
class Invoice:
    invoice_number: str
    vendor: Vendor
    total_amount: float
    line_items: list[LineItem]


def sleep_input(seconds: float, outcome: str = "completed", steps: int = 2) -> dict[str, object]:
    return {"seconds": seconds, "outcome": outcome, "steps": steps}


# -- sync scenarios ------------------------------------------------------------------------------------------


def seed_short_run_with_server_hold(client: EigenpalClient, tmp_path: Path) -> None:
    """seeds/001: 0-60 s runs use the server hold; output and files sit at the top level of a finished run."""
    done = client.run(
        "workflows.extract-invoice",
        input={"contract_document": sample_path("invoice-acme.txt")},
        wait_for_completion=60,
        tags=["q3"],
    )
    assert isinstance(done, Run)
    assert done.finished and done.execution.status == RunStatus.COMPLETED
    assert is_terminal(done) and is_success(done)
    output = done.output.to_dict() if done.output else {}
    assert output["invoiceNumber"]
    assert done.tags is not None and done.tags[0] == "q3"  # the caller's tags, then the start's correlation tag
    assert len(done.tags) == 2 and done.tags[1].startswith("eigenpal-ext:key:")
    assert done.files and done.files[0].name == "extracted.json"

    content = client.runs.artifacts.download(done.id, done.files[0].path)
    assert json.loads(content) == output
    written = client.runs.artifacts.download(done.id, done.files[0].path, to=tmp_path / "out")
    assert written.is_relative_to(tmp_path / "out")
    assert json.loads(written.read_bytes()) == output


def seed_start_then_get_then_wait(client: EigenpalClient, tmp_path: Path) -> None:
    """seeds/001: start without a hold, read it, wait for it; expand adds usage and execution in place."""
    started = client.run("workflows.sleep", input=sleep_input(0.4))
    assert isinstance(started, RunAccepted)
    assert not started.finished
    final = client.runs.wait(started.id, timeout_seconds=30)
    assert final.finished and is_success(final)
    run = client.runs.get(started.id, expand=["usage", "execution"])
    assert run.usage and run.usage.duration_ms >= 0
    assert run.execution.steps and len(run.execution.steps) == 2
    assert run.output is not None


def seed_run_and_wait_helpers(client: EigenpalClient, tmp_path: Path) -> None:
    """seeds/001: workflows.executions.run_and_wait and client.run_and_wait return the terminal run."""
    final = client.workflows.executions.run_and_wait(
        "extract-invoice",
        input={"contract_document": sample_path("invoice-globex.txt")},
        poll_interval_seconds=2.0,
        timeout_seconds=60.0,
    )
    assert final.finished and is_success(final)
    again = client.run_and_wait("workflows.sleep", input=sleep_input(0.2, steps=1))
    assert again.execution.status == RunStatus.COMPLETED


def typed_output(client: EigenpalClient, tmp_path: Path) -> None:
    """output_type gives the run's output as the caller's class, camelCase keys mapped to snake_case fields."""
    final = client.run_and_wait(
        "workflows.extract-invoice",
        input={"contract_document": sample_path("invoice-acme.txt")},
        output_type=Invoice,
    )
    assert isinstance(final.output, Invoice)
    assert final.output.line_items
    assert final.output.total_amount == pytest.approx(sum(item.amount for item in final.output.line_items))


def failed_runs_are_returned_or_raised(client: EigenpalClient, tmp_path: Path) -> None:
    """A failed run is returned by default (as the seeds show) and raised with raise_on_failure=True."""
    failed = client.run_and_wait("workflows.sleep", input=sleep_input(0.2, outcome="failed", steps=1))
    assert is_failure(failed) and failed.execution.status == RunStatus.FAILED
    assert failed.error
    with pytest.raises(RunFailedError) as caught:
        client.run_and_wait(
            "workflows.sleep", input=sleep_input(0.2, outcome="rejected", steps=1), raise_on_failure=True
        )
    assert caught.value.run.execution.status == RunStatus.REJECTED


def list_filter_and_iterate(client: EigenpalClient, tmp_path: Path) -> None:
    """seeds/001 list filters; iter walks every page lazily."""
    ids = []
    for _ in range(3):
        started = client.run("workflows.sleep", input=sleep_input(0.1, outcome="failed", steps=1), tags=["listing"])
        ids.append(started.id)
    client.runs.wait_all(ids)
    page = client.runs.list(
        type="workflow", source="sleep", status=["failed", "cancelled"], from_date="now()-7d", to_date="now()", limit=2
    )
    assert len(page.runs) == 2
    assert all(item.execution.status == RunStatus.FAILED for item in page.runs)
    assert page.next_cursor
    seen = [item.id for item in client.runs.iter(tag="listing", status="failed", limit=2)]
    assert seen == list(reversed(ids))


def cancel_then_rerun(client: EigenpalClient, tmp_path: Path) -> None:
    """Cancel (requested, then terminal; safe to repeat), then rerun with a hold: the rerun links back to its source,
    the source forward to the rerun, and the tags set at start are read from the run."""
    started = client.run("workflows.sleep", input=sleep_input(20, steps=20), tags=["nightly"])
    cancelled = client.runs.cancel(started.id)
    assert cancelled.cancellation.state in ("cancelled", "requested")
    final = client.runs.wait(started.id, timeout_seconds=30)
    assert final.execution.status == RunStatus.CANCELLED
    assert final.tags is not None and final.tags[:1] == ["nightly"]
    assert client.runs.cancel(started.id).cancellation.state == "already_terminal"

    rerun = client.runs.rerun(started.id, wait_for_completion=1)
    assert rerun.id != started.id
    client.runs.cancel(rerun.id)
    client.runs.wait(rerun.id, timeout_seconds=30)
    again = client.runs.get(rerun.id)
    assert again.execution.retry and again.execution.retry.previous_run_id == started.id
    source = client.runs.get(started.id)
    assert source.execution.retry and source.execution.retry.next_run
    assert source.execution.retry.next_run.id == rerun.id


def cancel_many_by_filter(client: EigenpalClient, tmp_path: Path) -> None:
    """cancel_many lists the unfinished runs that match and cancels each; a finished match is left alone."""
    done = client.run_and_wait("workflows.sleep", input=sleep_input(0.1, steps=1), tags=["bulk"])
    ids = [client.run("workflows.sleep", input=sleep_input(20, steps=20), tags=["bulk"]).id for _ in range(3)]
    result = client.runs.cancel_many(tag="bulk")
    assert result.matched == 3 and result.cancelled + result.requested == 3
    finals = client.runs.wait_all(ids, timeout_seconds=30)
    assert [run.execution.status for run in finals] == [RunStatus.CANCELLED] * 3
    assert client.runs.get(done.id).execution.status == RunStatus.COMPLETED
    again = client.runs.cancel_many(tag="bulk", status=["created", "pending", "running", "completed"])
    assert again.matched == 0


def tags_usage_steps_events_artifacts(client: EigenpalClient, tmp_path: Path) -> None:
    """What a finished run holds besides its output: the tags set at start, usage, steps, events, artifacts."""
    final = client.run_and_wait(
        "workflows.sleep", input={**sleep_input(0.2), "output": {"answer": 42}}, tags=["q3", "audit"]
    )
    assert final.output and final.output.to_dict()["answer"] == 42
    assert final.tags is not None and final.tags[:2] == ["q3", "audit"]
    assert [item.id for item in client.runs.iter(tag="audit")] == [final.id]
    usage = client.runs.usage(final.id)
    assert usage is not None and usage.duration_ms is not None and usage.duration_ms >= 0
    steps = client.runs.steps(final.id)
    assert steps.total == 2 and [step["status"] for step in steps.steps] == ["completed", "completed"]
    events = client.runs.events(final.id)
    assert events[0].type_ == "run.created" and events[-1].type_ == "run.completed"
    artifacts = client.runs.artifacts.list(final.id)
    assert [artifact.name for artifact in artifacts if artifact.role == "output"] == ["result.json"]


def manual_polling_for_a_ui(client: EigenpalClient, tmp_path: Path) -> None:
    """seeds/001 polling pattern, done by the library: each new state once, ending with the terminal one."""
    started = client.run("workflows.sleep", input=sleep_input(0.6, steps=3))
    states = list(client.runs.poll(started.id))
    assert states[-1].finished
    assert all(not state.finished for state in states[:-1])
    # Each state is new: poll never hands the UI the same snapshot twice in a row.
    assert all(before.to_dict() != after.to_dict() for before, after in itertools.pairwise(states))


def errors_name_the_problem(client: EigenpalClient, tmp_path: Path) -> None:
    """A bad input is a 400 naming the field, an unknown target or run a 404, a wrong key a 401 that never shows it."""
    with pytest.raises(BadRequestError) as invalid:
        client.run("workflows.sleep", input={"seconds": -1})
    assert any(issue.field == "input.seconds" for issue in invalid.value.issues)
    assert invalid.value.request_id
    with pytest.raises(NotFoundError):
        client.run("workflows.does-not-exist", input={})
    with pytest.raises(NotFoundError):
        client.runs.get("run_does_not_exist")
    with (
        EigenpalClient(api_key="wrong-key", base_url=str(client.base_url)) as wrong,
        pytest.raises(AuthenticationError) as unauthorised,
    ):
        wrong.runs.list()
    assert "wrong-key" not in str(unauthorised.value)
    assert API_KEY not in repr(client)


def run_handle(client: EigenpalClient, tmp_path: Path) -> None:
    """The run handle reaches everything from the run itself, its rerun included."""
    started = client.run("workflows.sleep", input=sleep_input(0.3, steps=1), tags=["handled"])
    handle = client.runs.handle(started.id)
    final = handle.wait(timeout_seconds=30)
    assert final.finished
    assert handle.refresh().finished
    assert handle.tags()[:1] == ["handled"]
    outputs = [artifact for artifact in handle.artifacts() if artifact.role == "output"]
    assert [artifact.name for artifact in outputs] == ["result.json"]
    assert json.loads(handle.download(outputs[0].path)) == final.output.to_dict()  # type: ignore[union-attr]
    assert handle.steps().total == 1
    assert handle.cancel().cancellation.state == "already_terminal"
    rerun = handle.rerun(wait_for_completion=30)
    assert rerun.id != started.id
    assert rerun.wait(timeout_seconds=30).finished
    assert rerun.refresh().execution.retry.previous_run_id == started.id


SCENARIOS: list[Callable[[EigenpalClient, Path], None]] = [
    seed_short_run_with_server_hold,
    seed_start_then_get_then_wait,
    seed_run_and_wait_helpers,
    typed_output,
    failed_runs_are_returned_or_raised,
    list_filter_and_iterate,
    cancel_then_rerun,
    cancel_many_by_filter,
    tags_usage_steps_events_artifacts,
    manual_polling_for_a_ui,
    errors_name_the_problem,
    run_handle,
]


# -- async scenarios -----------------------------------------------------------------------------------------


async def async_run_and_wait_and_artifacts(client: AsyncEigenpalClient, tmp_path: Path) -> None:
    final = await client.run_and_wait(
        "workflows.extract-invoice", input={"contract_document": sample_path("invoice-initech.txt")}
    )
    assert final.finished and is_success(final)
    assert final.files
    written = await client.runs.artifacts.download(final.id, final.files[0].path, to=tmp_path)
    assert json.loads(written.read_bytes())["invoiceNumber"]


async def async_many_runs_as_completed(client: AsyncEigenpalClient, tmp_path: Path) -> None:
    started = [await client.run("workflows.sleep", input=sleep_input(0.2 * (n + 1), steps=1)) for n in range(3)]
    ids = [run.id for run in started]
    finished_order = [run.id async for run in client.runs.as_completed(ids)]
    assert sorted(finished_order) == sorted(ids)
    finals = await client.runs.wait_all(ids)
    assert [run.id for run in finals] == ids
    assert all(is_success(run) for run in finals)


async def async_poll_and_list(client: AsyncEigenpalClient, tmp_path: Path) -> None:
    started = await client.run("workflows.sleep", input=sleep_input(0.4, steps=2), tags=["async-poll"])
    states = [state async for state in client.runs.poll(started.id)]
    assert states[-1].finished
    listed = [item.id async for item in client.runs.iter(tag="async-poll")]
    assert started.id in listed


ASYNC_SCENARIOS: list[Callable[[AsyncEigenpalClient, Path], Awaitable[None]]] = [
    async_run_and_wait_and_artifacts,
    async_many_runs_as_completed,
    async_poll_and_list,
]


def _name(scenario: object) -> str:
    return str(getattr(scenario, "__name__", scenario))


@pytest.mark.vcr
@pytest.mark.parametrize("scenario", SCENARIOS, ids=_name)
def test_replayed(scenario: Callable[[EigenpalClient, Path], None], client: EigenpalClient, tmp_path: Path) -> None:
    scenario(client, tmp_path)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=_name)
def test_live(scenario: Callable[[EigenpalClient, Path], None], client: EigenpalClient, tmp_path: Path) -> None:
    scenario(client, tmp_path)


@pytest.mark.vcr
@pytest.mark.asyncio
@pytest.mark.parametrize("scenario", ASYNC_SCENARIOS, ids=_name)
async def test_replayed_async(
    scenario: Callable[[AsyncEigenpalClient, Path], Awaitable[None]], async_client: AsyncEigenpalClient, tmp_path: Path
) -> None:
    await scenario(async_client, tmp_path)


@pytest.mark.asyncio
@pytest.mark.parametrize("scenario", ASYNC_SCENARIOS, ids=_name)
async def test_live_async(
    scenario: Callable[[AsyncEigenpalClient, Path], Awaitable[None]], async_client: AsyncEigenpalClient, tmp_path: Path
) -> None:
    await scenario(async_client, tmp_path)
