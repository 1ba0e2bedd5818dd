"""The runs resources on a mock transport: what goes on the wire and what comes back typed, sync and async alike."""

from __future__ import annotations

import dataclasses
import json

import httpx
import pytest
from clientkit import MakeHarness, Script, error_json, list_item_json, reply, run_json
from eigenpal_api.models.execution_status import ExecutionStatus as RunStatus
from eigenpal_api.models.json_object import JsonObject
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.run_usage import RunUsage

from eigenpal_ext import (
    AsyncRunHandle,
    EigenpalTimeoutError,
    OutputValidationError,
    RunFailedError,
    RunHandle,
    TypedRun,
    is_terminal,
)

ACCEPTED = {"id": "run_1", "type": "workflow", "finished": False}


def test_list_sends_every_filter(make_harness: MakeHarness) -> None:
    server = Script(reply(200, {"runs": [list_item_json("a", "failed")], "nextCursor": "c2"}))
    harness = make_harness(server)
    page = harness.call(
        lambda client: client.runs.list(
            type="workflow",
            source="wf_abc123",
            status=["failed", "cancelled"],
            from_date="now()-7d",
            to_date="now()",
            limit=50,
        )
    )
    assert page.runs[0].id == "a"
    assert page.next_cursor == "c2"
    params = server.requests[0].url.params
    assert dict(params) == {
        "type": "workflow",
        "source": "wf_abc123",
        "status": "failed,cancelled",
        "from": "now()-7d",
        "to": "now()",
        "limit": "50",
    }


def test_a_single_status_string_is_accepted(make_harness: MakeHarness) -> None:
    server = Script(reply(200, {"runs": [], "nextCursor": None}))
    harness = make_harness(server)
    harness.call(lambda client: client.runs.list(status="failed"))
    assert server.requests[0].url.params["status"] == "failed"


def test_iter_follows_cursors_lazily(make_harness: MakeHarness) -> None:
    pages = {
        None: {"runs": [list_item_json("a", "failed"), list_item_json("b", "failed")], "nextCursor": "c2"},
        "c2": {"runs": [list_item_json("c", "failed")], "nextCursor": "c3"},
        "c3": {"runs": [], "nextCursor": None},
    }
    server = Script.always(lambda request: httpx.Response(200, json=pages[request.url.params.get("cursor")]))
    harness = make_harness(server)
    items = harness.collect(lambda client: client.runs.iter(status="failed", limit=2))
    assert [item.id for item in items] == ["a", "b", "c"]
    assert [request.url.params.get("cursor") for request in server.requests] == [None, "c2", "c3"]
    assert all(request.url.params["status"] == "failed" for request in server.requests)
    assert all(request.url.params["limit"] == "2" for request in server.requests)


def test_iter_sends_nothing_until_consumed(make_harness: MakeHarness) -> None:
    server = Script(reply(200, {"runs": [], "nextCursor": None}))
    harness = make_harness(server)
    harness.call(lambda client: client.runs.iter(status="failed"))
    assert server.requests == []


def test_iter_stops_on_a_repeated_cursor(make_harness: MakeHarness) -> None:
    stuck = reply(200, {"runs": [list_item_json("a", "failed")], "nextCursor": "same"})
    server = Script(stuck, stuck)  # the first page, then the same page for its own cursor
    harness = make_harness(server)
    items = harness.collect(lambda client: client.runs.iter())
    assert len(items) == 2
    assert len(server.requests) == 2


def test_get_with_expand_returns_the_typed_run(make_harness: MakeHarness) -> None:
    usage = {
        "tokens": {"input": 1, "output": 2, "cacheRead": 0, "cacheWrite": 0},
        "creditsCharged": 0.5,
        "durationMs": 9,
    }
    server = Script(reply(200, run_json(usage=usage)))
    harness = make_harness(server)
    run = harness.call(lambda client: client.runs.get("run_1", expand=["usage", "execution"]))
    assert isinstance(run, Run)
    assert run.finished
    assert run.execution.status == RunStatus.COMPLETED
    assert isinstance(run.output, JsonObject)
    assert run.output["invoiceNumber"] == "INV-1"
    assert isinstance(run.usage, RunUsage)
    assert run.usage.credits_charged == 0.5
    assert server.requests[0].url.params["expand"] == "usage,execution"


@dataclasses.dataclass
class Invoice:
    invoice_number: str
    total_amount: float


def test_get_with_output_type_gives_a_typed_run(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json()))
    harness = make_harness(server)
    typed = harness.call(lambda client: client.runs.get("run_1", output_type=Invoice))
    assert isinstance(typed, TypedRun)
    assert typed.output == Invoice(invoice_number="INV-1", total_amount=12.5)


def test_an_output_that_does_not_fit_names_the_field(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json(output={"invoiceNumber": "INV-1", "totalAmount": "lots"})))
    harness = make_harness(server)
    with pytest.raises(OutputValidationError, match="totalAmount"):
        harness.call(lambda client: client.runs.get("run_1", output_type=Invoice))


def test_an_unknown_status_parses_and_the_wait_goes_on(make_harness: MakeHarness) -> None:
    server = Script(
        reply(200, run_json(status="paused_for_review")),
        reply(200, run_json(status="paused_for_review")),
        reply(200, run_json(status="completed")),
    )
    harness = make_harness(server)
    seen: list[object] = []
    run = harness.call(lambda client: client.runs.wait("run_1", timeout_seconds=60, on_update=seen.append))
    assert run.execution.status == RunStatus.COMPLETED
    assert len(server.requests) == 3
    first = seen[0]
    assert isinstance(first, Run)
    assert first.execution.status == "paused_for_review"
    assert not is_terminal(first)


def test_a_wait_that_runs_out_raises_with_what_it_saw(make_harness: MakeHarness) -> None:
    server = Script.always(reply(200, run_json(status="running")))
    harness = make_harness(server)
    with pytest.raises(EigenpalTimeoutError) as caught:
        harness.call(lambda client: client.runs.wait("run_1", timeout_seconds=10, poll_interval_seconds=2))
    error = caught.value
    assert error.run_id == "run_1"
    assert error.last_run is not None
    assert error.last_run.execution.status == RunStatus.RUNNING
    assert error.waited_seconds >= 10
    assert not error.cancelled
    assert all(request.method == "GET" for request in server.requests)


def test_run_and_wait_takes_one_request_for_a_short_run(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json()))
    harness = make_harness(server)
    final = harness.call(lambda client: client.run_and_wait("workflows.extract-invoice", input={"a": 1}))
    assert final.execution.status == RunStatus.COMPLETED
    assert len(server.requests) == 1
    # the real API's longest hold is 600 s; the default wait of 300 s leaves 299 of it (less 0.5 s, rounded down)
    assert server.requests[0].url.params["wait_for_completion"] == "299"


def test_run_and_wait_holds_no_longer_than_its_timeout(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json()))
    harness = make_harness(server)
    harness.call(
        lambda client: client.workflows.executions.run_and_wait(
            "extract-invoice", input={}, poll_interval_seconds=2.0, timeout_seconds=4.5
        )
    )
    request = server.requests[0]
    assert request.url.params["wait_for_completion"] == "4"  # rounded down: a hold never outlasts the call
    assert json.loads(request.content)["target"] == "workflows.extract-invoice"


def test_run_and_wait_asks_for_the_real_apis_longest_hold_and_no_more(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json()))
    harness = make_harness(server)
    harness.call(lambda client: client.run_and_wait("workflows.extract-invoice", input={}, timeout_seconds=900))
    assert server.requests[0].url.params["wait_for_completion"] == "600"  # a run under ten minutes: one request


def test_run_and_wait_waits_on_after_a_202(make_harness: MakeHarness) -> None:
    server = Script(
        reply(202, ACCEPTED),
        reply(200, run_json(status="running")),
        reply(200, run_json(status="completed")),
    )
    harness = make_harness(server)
    final = harness.call(lambda client: client.run_and_wait("workflows.x", input={}, output_type=Invoice))
    assert isinstance(final, TypedRun)
    assert final.output == Invoice("INV-1", 12.5)
    assert [request.method for request in server.requests] == ["POST", "GET", "GET"]


def test_run_and_wait_can_raise_on_failure(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json(status="failed")), reply(200, run_json(status="failed")))  # two calls
    harness = make_harness(server)
    assert harness.call(lambda client: client.run_and_wait("workflows.x")).error == "it broke"
    with pytest.raises(RunFailedError) as caught:
        harness.call(lambda client: client.run_and_wait("workflows.x", raise_on_failure=True))
    assert caught.value.run_id == "run_1"


def test_run_returns_a_run_or_an_acceptance(make_harness: MakeHarness) -> None:
    server = Script(reply(202, ACCEPTED), reply(200, run_json()))
    harness = make_harness(server)
    assert isinstance(harness.call(lambda client: client.run("workflows.x")), RunAccepted)
    assert isinstance(harness.call(lambda client: client.run("workflows.x", wait_for_completion=60)), Run)
    assert "wait_for_completion" not in server.requests[0].url.params


def test_wait_all_reads_many_runs_with_list_requests(make_harness: MakeHarness) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/runs":
            ids = request.url.params["ids"].split(",")
            return httpx.Response(200, json={"runs": [list_item_json(i, "completed") for i in ids], "nextCursor": None})
        return httpx.Response(200, json=run_json(request.url.path.rsplit("/", 1)[1]))

    server = Script.always(answer)
    harness = make_harness(server)
    ids = [f"run_{i}" for i in range(150)]
    runs = harness.call(lambda client: client.runs.wait_all(ids, timeout_seconds=30))
    assert [run.id for run in runs] == ids
    lists = [request for request in server.requests if request.url.path == "/v1/runs"]
    assert [len(request.url.params["ids"].split(",")) for request in lists] == [100, 50]


def test_poll_yields_each_new_state(make_harness: MakeHarness) -> None:
    server = Script(
        reply(200, run_json(status="pending")),
        reply(200, run_json(status="running")),
        reply(200, run_json(status="completed")),
    )
    harness = make_harness(server)
    states = harness.collect(lambda client: client.runs.poll("run_1", poll_interval_seconds=1))
    assert [run.execution.status for run in states] == [RunStatus.PENDING, RunStatus.RUNNING, RunStatus.COMPLETED]


def test_cancel_many_and_sub_resources(make_harness: MakeHarness) -> None:
    cancellations = {"run_a": "cancelled", "run_b": "requested", "run_c": "already_terminal"}

    def answer(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/v1/runs" and request.method == "GET":
            items = [list_item_json(run_id, "running") for run_id in cancellations]
            return httpx.Response(200, json={"runs": items, "nextCursor": None})
        if path.endswith("/cancel"):
            run_id = path.split("/")[3]
            state = cancellations[run_id]
            body = {
                "id": run_id,
                "type": "workflow",
                "finished": state != "requested",
                "execution": {"status": "cancelled" if state != "requested" else "running"},
                "cancellation": {"state": state, "wasStatus": "running"},
            }
            return httpx.Response(200, json=body)
        if path.endswith("/steps"):
            return httpx.Response(200, json={"steps": [{"name": "ocr", "status": "completed"}], "total": 3})
        if path.endswith("/events"):
            return httpx.Response(200, json={"events": [{"type": "run.created", "timestamp": "2026-11-21T05:00:00Z"}]})
        if path.endswith("/artifacts"):
            return httpx.Response(200, json={"artifacts": [{"name": "a.json", "role": "output", "path": "out/a.json"}]})
        if path.endswith("/usage"):
            return httpx.Response(200, json={"usage": None})
        return httpx.Response(404, json=error_json())

    server = Script.always(answer)
    harness = make_harness(server)
    result = harness.call(lambda client: client.runs.cancel_many(status=["pending", "failed"], source="invoices"))
    # No bulk route in the real API: one list of the unfinished matches, then one cancel per run.
    assert (result.matched, result.cancelled, result.requested) == (2, 1, 1)
    listing = server.requests[0]
    assert (listing.method, listing.url.path) == ("GET", "/v1/runs")
    assert listing.url.params["status"] == "pending"  # a finished run cannot be cancelled: "failed" is not asked
    assert listing.url.params["source"] == "invoices"
    assert listing.url.params["limit"] == "100"
    assert sorted(request.url.path for request in server.requests[1:]) == [
        f"/v1/runs/{run_id}/cancel" for run_id in sorted(cancellations)
    ]
    count = len(server.requests)
    nothing = harness.call(lambda client: client.runs.cancel_many(status="completed"))
    assert (nothing.matched, len(server.requests)) == (0, count)  # only finished statuses: nothing to cancel
    steps = harness.call(lambda client: client.runs.steps("run_1"))
    assert steps.total == 3
    assert steps.steps[0]["name"] == "ocr"  # free-form rows, as the document has them
    assert harness.call(lambda client: client.runs.events("run_1"))[0].type_ == "run.created"
    assert harness.call(lambda client: client.runs.artifacts.list("run_1"))[0].path == "out/a.json"
    assert harness.call(lambda client: client.runs.usage("run_1")) is None  # {"usage": null}: no telemetry


def test_a_handle_reaches_the_run_and_its_parts(make_harness: MakeHarness) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/rerun"):
            return httpx.Response(202, json={"id": "run_2", "type": "workflow", "finished": False})
        return httpx.Response(200, json=run_json(status="completed", tags=["q3"]))

    server = Script.always(answer)
    harness = make_harness(server)
    handle = harness.call(lambda client: client.runs.get_handle("run_1", expand=["usage"]))
    assert isinstance(handle, RunHandle | AsyncRunHandle)
    assert handle.id == "run_1"
    assert handle.finished
    assert handle.status == RunStatus.COMPLETED
    assert "run_1" in repr(handle)
    assert server.requests[0].url.params["expand"] == "usage"
    count = len(server.requests)
    assert harness.call(lambda _: handle.wait()).id == "run_1"  # seen finished: no request
    assert len(server.requests) == count
    assert harness.call(lambda _: handle.tags()) == ["q3"]
    rerun = harness.call(lambda _: handle.rerun())
    assert rerun.id == "run_2"
    assert rerun.run is None
    fresh = harness.call(lambda client: client.runs.handle("run_3"))
    assert fresh.run is None
    assert fresh.status is None
