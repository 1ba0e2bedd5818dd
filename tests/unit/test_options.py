"""Per-call options, with_options, raw responses and handles from lists, on the sync and the async client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from clientkit import Harness, Script, error_json, list_item_json, refuse, reply, run_json

from eigenpal_ext import InvalidArgumentError, RawResponse, ServerError

MakeHarness = Callable[..., Harness]


def test_extra_headers_and_query_go_on_the_call_and_only_on_it(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json()), reply(200, run_json()))
    harness = make_harness(server)

    harness.call(lambda client: client.runs.get("run_1", extra_headers={"X-Trace": "t-1"}, extra_query={"debug": "1"}))
    harness.call(lambda client: client.runs.get("run_1"))

    first, second = server.requests
    assert first.headers["X-Trace"] == "t-1"
    assert first.url.params["debug"] == "1"
    assert "X-Trace" not in second.headers
    assert "debug" not in second.url.params


def test_every_request_of_a_wait_carries_the_extra_headers(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json(status="running")), reply(200, run_json(status="completed")))
    harness = make_harness(server)

    harness.call(lambda client: client.runs.wait("run_1", timeout_seconds=60, extra_headers={"X-Trace": "w"}))

    assert [request.headers.get("X-Trace") for request in server.requests] == ["w", "w"]


def test_a_per_call_timeout_bounds_that_call_in_all(make_harness: MakeHarness) -> None:
    busy = reply(503, error_json(), {"Retry-After": "8"})
    server = Script(busy, reply(200, run_json()), busy)
    harness = make_harness(server)

    harness.call(lambda client: client.runs.get("run_1"))  # the client's 30 s: the 8 s wait fits
    with pytest.raises(ServerError):
        harness.call(lambda client: client.runs.get("run_1", timeout=5))  # 5 s: it does not

    assert harness.clock.sleeps == [8.0]
    assert len(server.requests) == 3


def test_bad_options_are_refused_before_any_request(make_harness: MakeHarness) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError, match="extra_headers"):
        harness.call(lambda client: client.runs.get("run_1", extra_headers={"Bad Header": "x"}))
    with pytest.raises(InvalidArgumentError, match="extra_headers"):
        harness.call(lambda client: client.runs.get("run_1", extra_headers={"X-A": "one\r\nX-B: two"}))
    with pytest.raises(InvalidArgumentError, match="timeout"):
        harness.call(lambda client: client.runs.get("run_1", timeout=-1))


def test_with_options_shares_the_pool_and_adds_its_defaults(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json()), reply(200, run_json()))
    harness = make_harness(server)
    tagged = harness.client.with_options(extra_headers={"X-Team": "billing"}, max_retries=0)

    harness.call(lambda _client: tagged.runs.get("run_1", extra_headers={"X-Trace": "t"}))
    harness.call(lambda client: client.runs.get("run_1"))

    assert tagged._http is harness.client._http
    assert tagged._requester.max_retries == 0
    with_defaults, plain = server.requests
    assert (with_defaults.headers["X-Team"], with_defaults.headers["X-Trace"]) == ("billing", "t")
    assert "X-Team" not in plain.headers


def test_with_options_reaches_every_call_that_starts_a_run(make_harness: MakeHarness) -> None:
    # run, run_and_wait and workflows.executions.run_and_wait are methods on the copy's own starter and waiter.
    server = Script.always(reply(200, run_json()))
    harness = make_harness(server)
    tagged = harness.client.with_options(extra_headers={"X-Team": "billing"})

    harness.call(lambda _client: tagged.run("workflows.x", input={}))
    harness.call(lambda _client: tagged.run_and_wait("workflows.x", input={}))
    harness.call(lambda _client: tagged.workflows.executions.run_and_wait("x", input={}))
    harness.call(lambda _client: tagged.with_raw_response.run_and_wait("workflows.x", input={}))
    harness.call(lambda client: client.run_and_wait("workflows.x", input={}))

    assert [request.headers.get("X-Team") for request in server.requests] == ["billing"] * 4 + [None]


def test_closing_a_with_options_client_leaves_the_pool_open(flavour: str) -> None:
    server = Script(reply(200, run_json()), reply(200, run_json()))
    harness = Harness(flavour, server)
    try:
        other = harness.client.with_options(timeout=10)
        harness.call(lambda _client: other.close())
        harness.call(lambda client: client.runs.get("run_1"))  # still works: the pool was not closed
        assert len(server.requests) == 1
    finally:
        harness.close()


def test_a_raw_response_carries_the_request_id_status_and_every_answer(make_harness: MakeHarness) -> None:
    server = Script(
        reply(200, run_json(status="running"), {"X-Request-Id": "req_a"}),
        reply(200, run_json(status="completed"), {"X-Request-Id": "req_b"}),
        reply(200, run_json(), {"X-Request-Id": "req_c"}),
    )
    harness = make_harness(server)

    waited = harness.call(lambda client: client.with_raw_response.runs.wait("run_1", timeout_seconds=60))
    got = harness.call(lambda client: client.with_raw_response.runs.get("run_1"))

    assert isinstance(waited, RawResponse)
    assert [response.headers["x-request-id"] for response in waited.responses] == ["req_a", "req_b"]
    assert waited.parsed.execution.status == "completed"
    assert (got.request_id, got.status_code, got.parse().id) == ("req_c", 200, "run_1")


def test_raw_run_and_wait_answers_with_the_start_and_every_read(make_harness: MakeHarness) -> None:
    server = Script(
        reply(202, {"id": "run_1", "type": "workflow", "finished": False}, {"X-Request-Id": "req_start"}),
        reply(200, run_json(status="completed"), {"X-Request-Id": "req_read"}),
    )
    harness = make_harness(server)

    raw = harness.call(lambda client: client.with_raw_response.run_and_wait("workflows.x", input={}))

    assert [response.headers["x-request-id"] for response in raw.responses] == ["req_start", "req_read"]
    assert raw.parsed.execution.status == "completed"


def test_a_raw_error_is_still_an_error(make_harness: MakeHarness) -> None:
    harness = make_harness(Script(reply(404, error_json("no such run", request_id="req_404"))))
    with pytest.raises(Exception, match="req_404"):
        harness.call(lambda client: client.with_raw_response.runs.get("nope"))


def test_handles_from_a_list_page_lazily_and_know_their_status(make_harness: MakeHarness) -> None:
    first = {"runs": [list_item_json("a", "running"), list_item_json("b", "failed")], "nextCursor": "c2"}
    second = {"runs": [list_item_json("c", "completed")], "nextCursor": None}
    server = Script(reply(200, first), reply(200, second))
    harness = make_harness(server)

    handles: Any = harness.client.runs.handles(status="running,failed,completed", limit=2)
    assert server.requests == []  # nothing until consumed
    seen: list[Any] = harness.collect(lambda _client: handles)

    assert [(handle.id, str(handle.status), handle.finished) for handle in seen] == [
        ("a", "running", False),
        ("b", "failed", True),
        ("c", "completed", True),
    ]
    assert all(handle.run is None for handle in seen)  # a list item is not the whole run
    assert len(server.requests) == 2


def test_cancelling_through_a_handle_refreshes_what_it_shows(make_harness: MakeHarness) -> None:
    cancel = {
        "id": "run_1",
        "type": "workflow",
        "finished": True,
        "execution": {"status": "cancelled"},
        "cancellation": {"state": "cancelled", "wasStatus": "pending"},
    }
    server = Script(
        reply(200, run_json(status="pending")), reply(200, cancel), reply(200, run_json(status="cancelled"))
    )
    harness = make_harness(server)
    handle = harness.call(lambda client: client.runs.get_handle("run_1"))

    harness.call(lambda _client: handle.cancel())

    assert str(handle.status) == "cancelled"
    assert handle.finished
    assert [request.method for request in server.requests] == ["GET", "POST", "GET"]


def test_a_handle_reads_tags_from_the_run_and_unknown_fields_stay(make_harness: MakeHarness) -> None:
    server = Script(
        reply(200, run_json(status="running", extraField=7)),
        reply(200, run_json(status="running", tags=["q3", "audit"], extraField=7)),
    )
    harness = make_harness(server)
    handle: Any = harness.call(lambda client: client.runs.get_handle("run_1"))

    assert harness.call(lambda _client: handle.tags()) == ["q3", "audit"]  # read afresh: no tags route exists

    assert handle.run.tags == ["q3", "audit"]
    assert handle.run.additional_properties == {"extraField": 7}
    assert [request.url.path for request in server.requests] == ["/v1/runs/run_1", "/v1/runs/run_1"]
