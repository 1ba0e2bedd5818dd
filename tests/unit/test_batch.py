"""``run_many`` and ``run_many_as_completed`` on a mock transport, sync (threads) and async (tasks) alike.

The harness gives the client an ``http_client`` of its own (a mock), so batches run on its one pool: held requests
while at most 32 runs are in flight, list ticks beyond. The requests of the sync client come from many threads, so
the fake server answers by what a request is, never by its place in a sequence.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from typing import Any

import httpx
import pytest
from clientkit import MakeHarness, error_json, list_item_json, reply, run_json
from eigenpal_api.models.run import Run

from eigenpal_ext import (
    AsyncBatch,
    Batch,
    BatchItem,
    EigenpalError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    ServerError,
    UnprocessableEntityError,
)

TARGET = "workflows.sleep"


class FakeRuns:
    """A server for batches. A start makes a run named after its ``Idempotency-Key`` (a repeated key gives the same
    run, as the real server does) that ends as its input's ``outcome`` says: ``completed`` (the default), ``failed``,
    ``never`` (it goes on for ever), ``slow`` (it completes once ``slow_after`` other runs were seen ended, so the
    threads of the sync client cannot finish it first by chance), ``refuse`` (the start answers 422) or ``flaky``
    (the first start answers 503).
    A held start answers the ended run, an unheld one ``202``; reads and lists answer what the run is."""

    def __init__(self, *, slow_after: int = 0) -> None:
        self.slow_after = slow_after
        self.ended: set[str] = set()
        self.lock = threading.Lock()
        self.requests: list[httpx.Request] = []
        self.keys: list[str] = []
        self.bodies: dict[str, bytes] = {}
        self.runs: dict[str, tuple[str, dict[str, Any]]] = {}  # run id -> (outcome, input)
        self.run_of_key: dict[str, str] = {}
        self.flaked: set[str] = set()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        with self.lock:
            self.requests.append(request)
            return self._answer(request)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "POST" and path == "/v1/runs":
            return self._start(request)
        if request.method == "POST" and path.endswith("/cancel"):
            run_id = path.split("/")[3]
            state = {"state": "requested", "wasStatus": "running"}
            body = {"id": run_id, "type": "workflow", "finished": False, "execution": {"status": "running"}}
            return reply(200, {**body, "cancellation": state})
        if request.method == "GET" and path == "/v1/runs":
            ids = request.url.params["ids"].split(",")
            return reply(200, {"runs": [list_item_json(i, self._status(i)) for i in ids], "nextCursor": None})
        if request.method == "GET" and path.startswith("/v1/runs/"):
            run_id = path.rsplit("/", 1)[1]
            return reply(200, self._run(run_id))
        raise AssertionError(f"unexpected {request.method} {request.url}")

    def _start(self, request: httpx.Request) -> httpx.Response:
        key = request.headers["Idempotency-Key"]
        self.keys.append(key)
        is_json = request.headers["content-type"].startswith("application/json")
        run_input: dict[str, Any] = json.loads(request.content).get("input", {}) if is_json else {}
        outcome = str(run_input.get("outcome", "completed"))
        if outcome == "refuse":
            return reply(422, error_json("seconds must be a number", field="input.seconds"))
        if outcome == "flaky" and key not in self.flaked:
            self.flaked.add(key)
            return reply(503, error_json("busy"))
        previous = self.bodies.setdefault(key, request.content)
        assert previous == request.content or not is_json, f"key {key} came again with another body"
        run_id = self.run_of_key.setdefault(key, f"run_{len(self.run_of_key) + 1}")
        self.runs.setdefault(run_id, ("completed" if outcome == "flaky" else outcome, run_input))
        if "wait_for_completion" in request.url.params and self._status(run_id) != "running":
            return reply(200, self._run(run_id))
        return reply(201, {"id": run_id, "type": "workflow", "finished": False})

    def _status(self, run_id: str) -> str:
        outcome = self.runs[run_id][0]
        if outcome == "slow":
            return "completed" if len(self.ended - {run_id}) >= self.slow_after else "running"
        return "running" if outcome == "never" else outcome

    def _run(self, run_id: str) -> dict[str, Any]:
        status = self._status(run_id)
        if status != "running":
            self.ended.add(run_id)
        body = run_json(run_id, status)
        if status == "completed":
            body["output"] = {"n": self.runs[run_id][1].get("n")}
        return body

    def kinds(self) -> Counter[str]:
        """How many requests of each kind came: start, held start, get, list, cancel."""
        counts: Counter[str] = Counter()
        for request in self.requests:
            held = "wait_for_completion" in request.url.params
            if request.method == "POST":
                kind = "cancel" if request.url.path.endswith("/cancel") else ("held start" if held else "start")
            else:
                kind = "list" if request.url.path == "/v1/runs" else "get"
            counts[kind] += 1
        return counts


def outputs(results: list[Run | EigenpalError]) -> list[object]:
    return [result.output["n"] if isinstance(result, Run) else type(result).__name__ for result in results]  # type: ignore[index]


# --- results, order, requests ------------------------------------------------------------------------------------


def test_every_input_gets_its_run_in_input_order_with_one_held_request_each(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)

    results = harness.call(lambda client: client.run_many(TARGET, [{"n": n} for n in range(20)]))

    assert outputs(results) == list(range(20))
    assert server.kinds() == {"held start": 20}
    assert len(set(server.keys)) == 20  # a fresh key each, without a batch key


def test_results_come_in_input_order_whatever_order_the_runs_end_in(make_harness: MakeHarness) -> None:
    server = FakeRuns(slow_after=2)
    harness = make_harness(server)
    inputs: list[dict[str, object]] = [{"n": 0, "outcome": "slow"}, {"n": 1}, {"n": 2}]

    ended = harness.collect(lambda client: client.run_many_as_completed(TARGET, inputs))
    server.ended.clear()
    results = harness.call(lambda client: client.run_many(TARGET, inputs))

    assert [item.index for item in ended][-1] == 0  # the slow run ended last
    assert outputs(results) == [0, 1, 2]


def test_one_bad_input_never_stops_the_others(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)
    inputs: list[dict[str, object]] = [{"n": 0}, {"n": 1, "outcome": "refuse"}, {"n": 2, "outcome": "failed"}, {"n": 3}]

    results = harness.call(lambda client: client.run_many(TARGET, inputs, idempotency_key="batch-7"))

    assert isinstance(results[0], Run) and isinstance(results[3], Run)
    refused = results[1]
    assert isinstance(refused, UnprocessableEntityError)
    assert refused.idempotency_key == "batch-7:1"
    failed = results[2]
    assert isinstance(failed, Run)
    assert failed.execution.status == "failed"  # a run that ended badly is a run, not an error


def test_a_batch_key_gives_each_input_its_index_and_the_same_batch_again_starts_no_second_run(
    make_harness: MakeHarness,
) -> None:
    server = FakeRuns()
    harness = make_harness(server)
    inputs = [{"n": n} for n in range(5)]

    first = harness.call(lambda client: client.run_many(TARGET, inputs, idempotency_key="nightly-2026-12-01"))
    again = harness.call(lambda client: client.run_many(TARGET, inputs, idempotency_key="nightly-2026-12-01"))

    assert sorted(server.keys) == sorted([f"nightly-2026-12-01:{n}" for n in range(5)] * 2)
    assert [run.id for run in first if isinstance(run, Run)] == [run.id for run in again if isinstance(run, Run)]
    assert len(server.runs) == 5  # every repeated start got the run of the first


def test_indices_name_the_inputs_of_a_part_of_a_batch(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)
    items: list[BatchItem] = []

    results = harness.call(
        lambda client: client.run_many(
            TARGET, [{"n": 7}, {"n": 9}], idempotency_key="k", indices=[7, 9], on_done=items.append
        )
    )

    assert outputs(results) == [7, 9]
    assert sorted(server.keys) == ["k:7", "k:9"]
    assert sorted(item.index for item in items) == [7, 9]
    assert all(item.input == {"n": item.index} and item.succeeded for item in items)


def test_on_done_sees_every_input_once(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)
    items: list[BatchItem] = []

    harness.call(lambda client: client.run_many(TARGET, [{"n": n} for n in range(6)], on_done=items.append))

    assert sorted(item.index for item in items) == list(range(6))
    assert all(item.run is not None and item.run_id == item.run.id and item.error is None for item in items)


def test_no_inputs_is_an_empty_batch(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)

    assert harness.call(lambda client: client.run_many(TARGET, [])) == []
    assert server.requests == []


def test_files_go_out_as_multipart(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)

    results = harness.call(lambda client: client.run_many(TARGET, [{"doc": b"%PDF-1"}, {"doc": ("b.txt", b"hi")}]))

    assert all(isinstance(result, Run) for result in results)
    assert all(request.headers["content-type"].startswith("multipart/form-data") for request in server.requests)
    assert any(b'filename="b.txt"' in request.content for request in server.requests)


# --- the iterator form -------------------------------------------------------------------------------------------


def test_as_completed_hands_on_each_item_and_counts_progress(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)
    batch = harness.call(lambda client: client.run_many_as_completed(TARGET, [{"n": n} for n in range(4)]))
    assert isinstance(batch, Batch | AsyncBatch)
    assert (batch.total, batch.started, batch.finished) == (4, 0, 0)
    assert server.requests == []  # nothing is sent until the first item is asked for

    items = harness.collect(lambda _client: batch)

    assert sorted(item.index for item in items) == [0, 1, 2, 3]
    assert (batch.started, batch.finished, batch.failed, batch.in_flight) == (4, 4, 0, 0)


# --- the deadline ------------------------------------------------------------------------------------------------


def test_the_deadline_is_an_outcome_with_the_run_and_inputs_never_started_have_none(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)
    inputs: list[dict[str, object]] = [{"n": 0, "outcome": "never"}, {"n": 1}]

    results = harness.call(
        lambda client: client.run_many(TARGET, inputs, timeout_seconds=5, max_in_flight=1, idempotency_key="late")
    )

    going, unstarted = results
    assert isinstance(going, EigenpalTimeoutError)
    assert going.run_id == "run_1"
    assert going.idempotency_key == "late:0"
    assert isinstance(unstarted, EigenpalTimeoutError)
    assert unstarted.run_id is None
    assert unstarted.idempotency_key == "late:1"  # the same batch later starts it under this key
    assert "before it started" in str(unstarted)


# --- arguments ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ({"inputs": {"n": 1}}, "inputs"),
        ({"inputs": [{"n": 1}, 3]}, "inputs[1]"),
        ({"max_in_flight": 0}, "max_in_flight"),
        ({"indices": [0, 0]}, "indices"),
        ({"indices": [0]}, "indices"),
        ({"idempotency_key": "x" * 255}, "idempotency_key"),
        ({"target": "sleep"}, "target"),
        ({"tags": [""]}, "tags"),
    ],
)
def test_a_bad_call_is_refused_before_anything_is_sent(
    make_harness: MakeHarness, arguments: dict[str, Any], argument: str
) -> None:
    server = FakeRuns()
    harness = make_harness(server)
    call: dict[str, Any] = {"target": TARGET, "inputs": [{"n": 1}, {"n": 2}], **arguments}

    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.run_many(**call))

    assert caught.value.argument.startswith(argument)
    assert server.requests == []


# --- list ticks --------------------------------------------------------------------------------------------------


def test_beyond_one_pool_runs_are_watched_with_list_ticks(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)

    results = harness.call(lambda client: client.run_many(TARGET, [{"n": n} for n in range(40)]))

    assert outputs(results) == list(range(40))
    kinds = server.kinds()
    assert kinds["start"] == 40 and kinds["get"] == 40  # started unheld, each finished run read once in full
    assert 1 <= kinds["list"] <= 2  # one list request per 100 runs per look
    assert "held start" not in kinds


def test_on_ticks_a_transient_start_failure_is_sent_again_with_its_key(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server, max_retries=0)  # the start's own retries would hide the failure
    inputs: list[dict[str, Any]] = [{"n": n} for n in range(40)]
    inputs[5] = {"n": 5, "outcome": "flaky"}
    inputs[6] = {"n": 6, "outcome": "refuse"}

    results = harness.call(lambda client: client.run_many(TARGET, inputs, idempotency_key="t"))

    assert outputs(results) == [*range(6), "UnprocessableEntityError", *range(7, 40)]
    assert server.keys.count("t:5") == 2


def test_on_ticks_the_deadline_cancels_what_is_left_when_asked(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)
    inputs = [{"n": n, "outcome": "never"} for n in range(40)]

    results = harness.call(
        lambda client: client.run_many(TARGET, inputs, timeout_seconds=10, max_in_flight=35, cancel_on_timeout=True)
    )

    going = [result for result in results if isinstance(result, EigenpalTimeoutError) and result.run_id]
    waiting = [result for result in results if isinstance(result, EigenpalTimeoutError) and not result.run_id]
    assert (len(going), len(waiting)) == (35, 5)
    assert all(result.cancelled for result in going)
    assert server.kinds()["cancel"] == 35  # the real API has no bulk cancel: one request per run


def test_a_server_down_for_the_whole_batch_gives_every_input_its_error(make_harness: MakeHarness) -> None:
    harness = make_harness(lambda request: reply(503, error_json("down")), max_retries=0)

    results = harness.call(lambda client: client.run_many(TARGET, [{"n": n} for n in range(3)], timeout_seconds=3))

    assert len(results) == 3
    assert all(isinstance(result, EigenpalTimeoutError | ServerError) for result in results)
    assert all(isinstance(result, EigenpalError) and result.idempotency_key for result in results)
