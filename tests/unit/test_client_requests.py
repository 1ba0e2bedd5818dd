"""Requests through the real clients on a mock transport: retries, idempotency keys, error translation, held-request
timeouts, redirects. Each test runs on the sync and the async client (the ``flavour`` fixture)."""

from __future__ import annotations

from collections.abc import Awaitable

import httpx
import pytest
from clientkit import (
    API_KEY,
    Client,
    Harness,
    MakeHarness,
    Script,
    body_of,
    error_json,
    list_item_json,
    reply,
    run_json,
)
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted

from eigenpal_ext import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    UnprocessableEntityError,
)
from eigenpal_ext._core._correlation import key_tag
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._retry import RetryBudget


def _get(client: Client) -> Run | Awaitable[Run]:
    return client.runs.get("run_1")


@pytest.mark.parametrize(
    ("status", "error", "attempts"),
    [
        (500, ServerError, 3),
        (502, ServerError, 3),
        (503, ServerError, 3),
        (520, ServerError, 3),
        (408, APIError, 3),
        (429, RateLimitError, 3),
        (400, BadRequestError, 1),
        (401, AuthenticationError, 1),
        (403, PermissionDeniedError, 1),
        (404, NotFoundError, 1),
        (409, ConflictError, 1),
        (422, UnprocessableEntityError, 1),
        (499, APIError, 1),
    ],
)
def test_retry_table(make_harness: MakeHarness, status: int, error: type[APIError], attempts: int) -> None:
    server = Script.always(reply(status, error_json()))
    harness = make_harness(server)
    with pytest.raises(error) as caught:
        harness.call(_get)
    assert type(caught.value) is error
    assert caught.value.status_code == status
    assert len(server.requests) == attempts
    assert len(harness.clock.sleeps) == attempts - 1


def test_success_after_transient_failures_sleeps_the_backoff(make_harness: MakeHarness) -> None:
    server = Script(
        reply(503, error_json()),
        reply(502, b"<html>bad gateway</html>"),
        reply(200, run_json()),
        reply(200, run_json()),  # the second call
    )
    harness = make_harness(server)
    run = harness.call(_get)
    assert run.id == "run_1"
    assert len(server.requests) == 3
    first, second = harness.clock.sleeps
    assert 0.375 <= first <= 0.5
    assert 0.75 <= second <= 1.0
    assert [request.headers.get("x-eigenpal-retry-count") for request in server.requests] == [None, "1", "2"]
    harness.call(_get)
    assert "x-eigenpal-retry-count" not in server.requests[-1].headers  # the next call starts again


def test_retry_after_is_honoured(make_harness: MakeHarness) -> None:
    server = Script(reply(429, error_json(), {"Retry-After": "3"}), reply(200, run_json()))
    harness = make_harness(server)
    harness.call(_get)
    assert harness.clock.sleeps == [3.0]


def test_retry_after_ms_is_honoured_and_long_waits_capped(make_harness: MakeHarness) -> None:
    server = Script(
        reply(503, error_json(), {"Retry-After-Ms": "1250"}),
        reply(503, error_json(), {"Retry-After": "86400"}),
        reply(200, run_json()),
    )
    harness = make_harness(server, timeout=120)
    harness.call(_get)
    assert harness.clock.sleeps == [1.25, 60.0]


@pytest.mark.parametrize("header", [{"Retry-After": "0"}, {"Retry-After": "-0"}, {"Retry-After-Ms": "0"}])
def test_a_retry_after_of_zero_does_not_shorten_the_backoff(make_harness: MakeHarness, header: dict[str, str]) -> None:
    server = Script(reply(429, error_json(), header), reply(429, error_json(), header), reply(200, run_json()))
    harness = make_harness(server)
    harness.call(_get)
    first, second = harness.clock.sleeps
    assert 0.375 <= first <= 0.5  # the backoff of the first retry, jittered down by at most a quarter
    assert 0.75 <= second <= 1.0


def test_a_retry_after_longer_than_the_call_has_left_is_not_waited_for(make_harness: MakeHarness) -> None:
    server = Script(reply(503, error_json(), {"Retry-After": "45"}), reply(200, run_json()))
    harness = make_harness(server)  # the default timeout: 30 s for the whole call
    with pytest.raises(ServerError) as caught:
        harness.call(_get)
    assert harness.clock.sleeps == []
    assert len(server.requests) == 1
    assert caught.value.retry_after == 45
    assert any("timeout leaves no time" in note for note in caught.value.__notes__)


def test_max_retries_zero_sends_once(make_harness: MakeHarness) -> None:
    server = Script(reply(503, error_json()))
    harness = make_harness(server, max_retries=0)
    with pytest.raises(ServerError):
        harness.call(_get)
    assert len(server.requests) == 1


def test_connection_errors_are_retried_then_translated(make_harness: MakeHarness) -> None:
    server = Script.always(httpx.ConnectError("connection refused"))
    harness = make_harness(server)
    with pytest.raises(APIConnectionError) as caught:
        harness.call(_get)
    assert not isinstance(caught.value, APITimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ConnectError)
    assert caught.value.method == "GET"
    assert caught.value.url == "https://api.eigenpal.test/v1/runs/run_1"
    assert len(server.requests) == 3


def test_http_timeouts_become_api_timeout_errors(make_harness: MakeHarness) -> None:
    server = Script.always(httpx.ReadTimeout("read timed out"))
    harness = make_harness(server, max_retries=1)
    with pytest.raises(APITimeoutError) as caught:
        harness.call(_get)
    assert isinstance(caught.value, TimeoutError)
    assert isinstance(caught.value.__cause__, httpx.ReadTimeout)
    assert len(server.requests) == 2


def test_the_retry_budget_stops_a_retry_storm(make_harness: MakeHarness) -> None:
    server = Script.always(reply(503, error_json()))
    harness = make_harness(server, max_retries=5)
    harness.client._requester.budget = RetryBudget(capacity=12, retry_cost=5)
    with pytest.raises(ServerError):
        harness.call(_get)
    assert len(server.requests) == 3  # two retries took 10 of 12 tokens
    server.requests.clear()
    with pytest.raises(ServerError):
        harness.call(_get)
    assert len(server.requests) == 1  # the budget is client-wide: no retry left


def test_every_start_carries_an_idempotency_key_reused_by_its_retries(make_harness: MakeHarness) -> None:
    accepted = {"id": "run_9", "type": "workflow", "finished": False}
    # refused before sending: sent again at once; a 503 may have made the run: sent again after a lookup found none
    none_found = reply(200, {"runs": [], "nextCursor": None})
    server = Script(httpx.ConnectError("refused"), reply(503, error_json()), none_found, reply(202, accepted))
    harness = make_harness(server)
    started = harness.call(lambda client: client.run("workflows.extract-invoice", input={"a": 1}))
    assert isinstance(started, RunAccepted)
    assert started.id == "run_9"
    assert [request.method for request in server.requests] == ["POST", "POST", "GET", "POST"]
    starts = [request for request in server.requests if request.method == "POST"]
    keys = [request.headers.get("idempotency-key") for request in starts]
    assert keys[0] and len(set(keys)) == 1
    assert all(request.headers["x-eigenpal-trigger"] == "api" for request in starts)
    assert {tuple(body_of(request)["tags"]) for request in starts} == {(key_tag(str(keys[0])),)}

    server2 = Script(reply(202, accepted))
    harness2 = make_harness(server2)
    harness2.call(lambda client: client.run("workflows.extract-invoice", input={"a": 1}))
    assert server2.requests[0].headers["idempotency-key"] != keys[0]  # a new call, a new key


def test_the_callers_idempotency_key_is_sent(make_harness: MakeHarness) -> None:
    accepted = {"id": "run_9", "type": "workflow", "finished": False}
    source = reply(200, run_json("run_1"))  # read before the rerun and after its lost answer: no nextRun yet
    server = Script(source, reply(500, error_json()), source, reply(202, accepted))
    harness = make_harness(server)
    harness.call(lambda client: client.runs.rerun("run_1", idempotency_key="my-key-1"))
    starts = [request for request in server.requests if request.method == "POST"]
    assert [request.headers["idempotency-key"] for request in starts] == ["my-key-1", "my-key-1"]


def test_cancel_is_retried_as_idempotent(make_harness: MakeHarness) -> None:
    result = {
        "id": "run_1",
        "type": "workflow",
        "finished": True,
        "execution": {"status": "cancelled"},
        "cancellation": {"state": "cancelled", "wasStatus": "pending"},
    }
    server = Script(reply(503, error_json()), reply(200, result))
    harness = make_harness(server)
    cancelled = harness.call(lambda client: client.runs.cancel("run_1"))
    assert cancelled.cancellation.state == "cancelled"
    assert len(server.requests) == 2
    assert "idempotency-key" not in server.requests[0].headers


@pytest.mark.parametrize("status", [499, 520, 299])
def test_status_codes_httpstatus_does_not_know_are_api_errors(make_harness: MakeHarness, status: int) -> None:
    server = Script(reply(status, b"<html>proxy says no</html>", {"X-Request-Id": "req_proxy"}))
    harness = make_harness(server, max_retries=0)
    with pytest.raises(APIError) as caught:
        harness.call(_get)
    error = caught.value
    assert error.status_code == status
    assert error.request_id == "req_proxy"
    assert "proxy says no" in str(error)


def test_the_error_envelope_is_parsed(make_harness: MakeHarness) -> None:
    server = Script(reply(422, error_json("must be a PDF", field="input.contract_document"), {"X-Request-Id": "r1"}))
    harness = make_harness(server)
    with pytest.raises(UnprocessableEntityError) as caught:
        harness.call(lambda client: client.run("workflows.extract-invoice", input={}))
    error = caught.value
    assert error.request_id == "r1"
    assert error.issues[0].field == "input.contract_document"
    assert error.issues[0].message == "must be a PDF"
    assert error.hint == "try again"
    assert error.method == "POST"
    assert "input.contract_document: must be a PDF" in str(error)


def test_a_malformed_success_body_is_a_response_validation_error(make_harness: MakeHarness) -> None:
    server = Script(reply(200, {"id": "run_1"}))
    harness = make_harness(server)
    with pytest.raises(APIResponseValidationError):
        harness.call(_get)
    assert len(server.requests) == 1


def test_a_held_start_gets_the_hold_plus_a_margin_as_read_timeout(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json()), reply(200, run_json()))  # the start, then a get
    harness = make_harness(server, timeout=5.0)
    harness.call(lambda client: client.run("workflows.extract-invoice", input={}, wait_for_completion=120))
    request = server.requests[0]
    assert request.url.params["wait_for_completion"] == "120"
    assert request.extensions["timeout"]["read"] == 130.0
    assert request.extensions["timeout"]["connect"] == 5.0

    harness.call(lambda client: client.runs.get("run_1"))
    assert server.requests[1].extensions["timeout"]["read"] == 5.0  # no hold, no change


def _minute(harness: Harness) -> Deadline:
    return Deadline.after(harness.clock, 60)


def test_a_read_of_a_run_asks_for_no_hold_the_real_api_does_not_have(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json()))
    harness = make_harness(server, timeout=5.0)
    observation = harness.call(
        lambda client: client.runs._waiter.reader.read(
            "run_1", expand=["usage", "execution"], deadline=_minute(harness)
        )
    )
    assert observation.run.id == "run_1"
    request = server.requests[0]
    assert "wait_for_completion" not in request.url.params
    assert request.url.params["expand"] == "usage,execution"
    assert request.extensions["timeout"]["read"] == 5.0


def test_read_many_lists_by_ids_in_one_request(make_harness: MakeHarness) -> None:
    page = {"runs": [list_item_json("a", "running"), list_item_json("b", "completed")], "nextCursor": None}
    server = Script(reply(200, page))
    harness = make_harness(server)
    items = harness.call(lambda client: client.runs._waiter.reader.read_many(["a", "b"], deadline=_minute(harness)))
    assert [item.id for item in items] == ["a", "b"]
    assert server.requests[0].url.params["ids"] == "a,b"
    assert server.requests[0].url.params["limit"] == "2"


def test_poll_after_hint_is_read(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json(status="running"), {"X-Poll-After-Ms": "1500"}))
    harness = make_harness(server)
    observation = harness.call(
        lambda client: client.runs._waiter.reader.read("run_1", expand=(), deadline=_minute(harness))
    )
    assert observation.poll_after_seconds == 1.5
    assert "wait_for_completion" not in server.requests[0].url.params


def test_a_read_redirected_to_another_origin_is_refused_before_anything_goes_there(flavour: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.eigenpal.test":
            return httpx.Response(302, headers={"Location": "https://elsewhere.example/v1/runs/run_1"})
        return httpx.Response(200, json=run_json())

    server = Script.always(handler)
    harness = Harness(flavour, server)
    try:
        with pytest.raises(APIError, match=r"elsewhere\.example") as caught:
            harness.call(_get)
    finally:
        harness.close()
    (first,) = server.requests  # the key never went to elsewhere.example: no request did
    assert first.headers["authorization"] == f"Bearer {API_KEY}"
    assert caught.value.status_code == 302
    assert API_KEY not in str(caught.value)


def test_a_same_origin_redirect_keeps_authorization(make_harness: MakeHarness) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/runs/run_1":
            return httpx.Response(307, headers={"Location": "/v1/moved/run_1"})
        return httpx.Response(200, json=run_json("run_1"))

    server = Script.always(handler)
    harness = make_harness(server)
    assert harness.call(_get).id == "run_1"  # (an answer about another run than run_1 would be refused)
    assert server.requests[1].headers["authorization"] == f"Bearer {API_KEY}"


def test_the_key_never_shows_in_repr_or_errors(make_harness: MakeHarness) -> None:
    server = Script(reply(401, error_json("wrong key")), httpx.ConnectError("refused"))
    harness = make_harness(server, max_retries=0)
    assert API_KEY not in repr(harness.client)
    assert API_KEY not in str(harness.client)
    assert "***" in repr(harness.client)
    for part in (harness.client._requester, harness.client.runs, harness.client._http, harness.client._http.headers):
        assert API_KEY not in repr(part)
    for _ in range(2):
        with pytest.raises((AuthenticationError, APIConnectionError)) as caught:
            harness.call(_get)
        assert API_KEY not in str(caught.value)
        assert API_KEY not in repr(caught.value)
