"""The public API as a type checker sees it. mypy checks this file (``mypy tests/typing``); nothing runs it.

Each ``assert_type`` fails the type check when a result stops being the typed model it promises (``Any`` included).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Any, assert_type

from eigenpal_api.models.agent_run_execution import AgentRunExecution
from eigenpal_api.models.json_object import JsonObject
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.run_artifact import RunArtifact
from eigenpal_api.models.run_cancel_response import RunCancelResponse
from eigenpal_api.models.run_event import RunEvent
from eigenpal_api.models.run_execution_meta import RunExecutionMeta
from eigenpal_api.models.run_list_item import RunListItem
from eigenpal_api.models.run_steps_response import RunStepsResponse
from eigenpal_api.models.run_trigger_by import RunTriggerBy
from eigenpal_api.models.run_usage import RunUsage
from eigenpal_api.models.runs_list_response import RunsListResponse
from eigenpal_api.models.workflow_run_execution import WorkflowRunExecution

from eigenpal_ext import (
    DEFAULT_BASE_URL,
    TERMINAL_STATUSES,
    AsyncBatch,
    AsyncEigenpalClient,
    AsyncRunHandle,
    Batch,
    BatchItem,
    CancelManyResult,
    EigenpalClient,
    EigenpalError,
    EigenpalTimeoutError,
    RawResponse,
    RunHandle,
    RunStatus,
    TypedRun,
    is_failure,
    is_success,
    is_terminal,
)


@dataclasses.dataclass
class Invoice:
    invoice_number: str
    total_amount: float


def sync_api() -> None:
    with EigenpalClient(
        api_key=None, base_url=None, timeout=30.0, max_retries=2, http_client=None, correlation_tags=True
    ) as client:
        started = client.run("workflows.extract-invoice", input={"contract_document": Path("c.pdf")}, tags=["q3"])
        assert_type(started, Run | RunAccepted)
        assert_type(started.id, str)
        done = client.run("workflows.extract-invoice", input={}, wait_for_completion=60)
        if isinstance(done, Run):
            assert_type(done.finished, bool)

        run = client.runs.get(started.id, expand=["usage", "execution"])
        assert_type(run, Run)
        assert_type(run.finished, bool)
        assert_type(run.execution, WorkflowRunExecution | AgentRunExecution | RunExecutionMeta)
        assert_type(run.execution.status, RunStatus | str)
        assert_type(run.output, JsonObject | None)
        assert_type(run.files, list[RunArtifact] | None)
        assert_type(run.error, str | None)
        assert_type(run.usage, RunUsage | None)
        assert_type(run.trigger.by, RunTriggerBy | None)
        assert_type(run.tags, list[str] | None)
        if isinstance(run.execution, WorkflowRunExecution):
            assert_type(run.execution.steps, list[Any])
        if run.output is not None:
            assert_type(run.output["totalAmount"], Any)
            assert_type(dict(run.output), dict[str, Any])
            output: Mapping[str, Any] = run.output
            assert_type(output, Mapping[str, Any])
        for artifact in run.files or []:
            assert_type(artifact.path, str)
            assert_type(artifact.size, int | None)
        assert_type(is_terminal(run), bool)
        assert_type(is_success(run.execution.status), bool)
        assert_type(is_failure("failed"), bool)
        assert_type(TERMINAL_STATUSES, frozenset[RunStatus])
        assert_type(DEFAULT_BASE_URL, str)

        typed = client.runs.get(started.id, output_type=Invoice)
        assert_type(typed, TypedRun[Invoice])
        assert_type(typed.output, Invoice | None)
        assert_type(typed.run, Run)

        page = client.runs.list(
            type="workflow",
            source="wf_abc123",
            status=["failed", "cancelled"],
            from_date="now()-7d",
            to_date="now()",
            limit=50,
        )
        assert_type(page, RunsListResponse)
        assert_type(page.runs, list[RunListItem])
        assert_type(page.next_cursor, str | None)
        for item in client.runs.iter(status="failed"):
            assert_type(item, RunListItem)
            assert_type(item.timing.created_at, str)  # the document types times as text
            # A misspelt attribute is a type error (or this ignore would be unused, which strict mypy reports).
            item.timin  # type: ignore[attr-defined]  # noqa: B018

        assert_type(client.runs.cancel(started.id), RunCancelResponse)
        assert_type(client.runs.cancel_many(status=["pending"], source="extract-invoice"), CancelManyResult)
        assert_type(client.runs.rerun(started.id, wait_for_completion=60), Run | RunAccepted)
        assert_type(client.runs.usage(started.id), RunUsage | None)
        assert_type(client.runs.steps(started.id), RunStepsResponse)
        assert_type(client.runs.events(started.id), list[RunEvent])
        assert_type(client.runs.artifacts.list(started.id), list[RunArtifact])
        assert_type(client.runs.artifacts.download(started.id, "out/a.json"), bytes)
        assert_type(client.runs.artifacts.download(started.id, "out/a.json", to=Path("out/")), Path)

        final = client.workflows.executions.run_and_wait(
            "extract-invoice", input={}, poll_interval_seconds=2.0, timeout_seconds=300.0
        )
        assert_type(final, Run)
        assert_type(client.run_and_wait("workflows.extract-invoice", input={}), Run)
        assert_type(client.run_and_wait("workflows.extract-invoice", output_type=Invoice), TypedRun[Invoice])

        def show(update: Run) -> None:
            print(update.execution.status)

        waited = client.runs.wait(
            started.id, timeout_seconds=60, poll_interval_seconds=2.0, on_update=show, cancel_on_timeout=False
        )
        assert_type(waited, Run)
        assert_type(client.runs.wait(started.id, output_type=Invoice), TypedRun[Invoice])
        for seen in client.runs.poll(started.id):
            assert_type(seen, Run)
        assert_type(client.runs.wait_all([started.id]), list[Run])
        for completed in client.runs.as_completed([started.id]):
            assert_type(completed, Run)

        handle = client.runs.handle(started.id)
        assert_type(handle, RunHandle)
        assert_type(client.runs.get_handle(started.id, expand=["usage"]), RunHandle)
        assert_type(handle.refresh(), Run)
        assert_type(handle.wait(timeout_seconds=10), Run)
        assert_type(handle.run, Run | None)
        assert_type(handle.rerun(), RunHandle)
        assert_type(handle.tags(), list[str])
        assert_type(handle.download("a.json"), bytes)

        try:
            client.runs.wait(started.id)
        except EigenpalTimeoutError as timeout:
            assert_type(timeout.run_id, str | None)  # None: a start that never got an answer in time
            assert_type(timeout.idempotency_key, str | None)
            assert_type(timeout.last_run, Run | None)
            assert_type(timeout.waited_seconds, float)
        assert_type(client.runs.artifacts.download(started.id, "a.json", max_bytes=1024, timeout=5.0), bytes)
        assert_type(client.runs.get(started.id, timeout=2.0, extra_headers={"X-Trace": "t"}), Run)
        assert_type(client.runs.wait(started.id, extra_query={"debug": "1"}), Run)
        assert_type(client.with_options(timeout=5, extra_headers={"X-Team": "a"}), EigenpalClient)
        raw = client.with_raw_response.runs.get(started.id)
        assert_type(raw, RawResponse[Run])
        assert_type(raw.request_id, str | None)
        assert_type(client.with_raw_response.runs.get(started.id, output_type=Invoice), RawResponse[TypedRun[Invoice]])
        for listed in client.runs.handles(status="failed"):
            assert_type(listed, RunHandle)

        def note(item: BatchItem) -> None:
            assert_type(item.outcome, Run | EigenpalError)
            assert_type(item.run, Run | None)
            assert_type(item.error, EigenpalError | None)

        outcomes = client.run_many("workflows.x", [{"n": 1}, None], on_done=note, idempotency_key="nightly")
        assert_type(outcomes, list[Run | EigenpalError])
        with client.run_many_as_completed("workflows.x", [{"doc": Path("a.pdf")}]) as batch:
            assert_type(batch, Batch)
            for finished in batch:
                assert_type(finished, BatchItem)
                assert_type(batch.in_flight, int)


async def async_api() -> None:
    async with AsyncEigenpalClient(correlation_tags=False) as client:
        started = await client.run("workflows.extract-invoice", input={"contract_document": Path("c.pdf")})
        assert_type(started, Run | RunAccepted)
        assert_type(await client.runs.get(started.id), Run)
        assert_type(await client.runs.get(started.id, output_type=Invoice), TypedRun[Invoice])
        assert_type(await client.runs.list(status="failed"), RunsListResponse)
        async for item in client.runs.iter(status="failed"):
            assert_type(item, RunListItem)
        assert_type(await client.runs.wait(started.id), Run)
        async for seen in client.runs.poll(started.id):
            assert_type(seen, Run)
        assert_type(await client.runs.wait_all([started.id]), list[Run])
        async for completed in client.runs.as_completed([started.id]):
            assert_type(completed, Run)
        assert_type(await client.run_many("workflows.x", [{}]), list[Run | EigenpalError])
        async with client.run_many_as_completed("workflows.x", [{}], max_in_flight=10) as batch:
            assert_type(batch, AsyncBatch)
            async for done in batch:
                assert_type(done, BatchItem)
        assert_type(await client.run_and_wait("workflows.x"), Run)
        assert_type(await client.workflows.executions.run_and_wait("x", output_type=Invoice), TypedRun[Invoice])
        assert_type(await client.runs.artifacts.download(started.id, "a", to="out"), Path)
        handle = await client.runs.get_handle(started.id)
        assert_type(handle, AsyncRunHandle)
        assert_type(await handle.refresh(), Run)
        assert_type(await handle.cancel(), RunCancelResponse)
        assert_type(await handle.tags(), list[str])
