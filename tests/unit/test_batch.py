"""``run_many`` and ``run_many_as_completed`` on a mock transport, sync (threads) and async (tasks) alike.

The harness gives the client an ``http_client`` of its own (a mock), so batches run on its one pool: held requests
while at most 32 runs are in flight, list ticks beyond. The requests of the sync client come from many threads, so
the fake server answers by what a request is, never by its place in a sequence.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from collections.abc import Awaitable
from typing import Any

import httpx
import pytest
from clientkit import Client, Harness, MakeHarness, error_json, list_item_json, reply, run_json
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
from eigenpal_ext._core._batching import choose_strategy
from eigenpal_ext._core._correlation import batch_tag, key_tag

TARGET = "workflows.sleep"


class FakeRuns:
    """A server for batches. A start makes a run named after its ``Idempotency-Key`` (a repeated key gives the same
    run) that keeps the start's tags and ends as its input's ``outcome`` says: ``completed`` (the default),
    ``failed``, ``never`` (it goes on until ``finish_all``), ``slow`` (it completes once ``slow_after`` other runs were
    seen ended, so the threads of the sync client cannot finish it first by chance), ``refuse`` (the start answers
    422), ``flaky`` (the first start answers ``flaky_status`` and makes nothing) or ``lost`` (the first start makes
    the run, then its answer is lost: 500). While ``hang`` is set, every run goes on.
    A held start answers the ended run, an unheld one ``202``; reads and lists answer what the run is.
    ``GET /v1/runs?tag=`` lists the runs that hold the tag, newest first, a page of ``limit`` per request, as the real
    API does; ``keeps_tags=False`` plays a server that keeps no tags (its items have none, and it ignores the filter),
    ``filters=False`` one that keeps them but ignores the filter. ``down`` holds the ``n`` of inputs whose starts
    answer 503 without making anything."""

    def __init__(
        self, *, slow_after: int = 0, keeps_tags: bool = True, filters: bool = True, flaky_status: int = 503
    ) -> None:
        self.slow_after = slow_after
        self.keeps_tags = keeps_tags
        self.filters = filters and keeps_tags
        self.flaky_status = flaky_status
        self.down: set[int] = set()
        self.hang = False
        self.ended: set[str] = set()
        self.lock = threading.Lock()
        self.requests: list[httpx.Request] = []
        self.keys: list[str] = []
        self.bodies: dict[str, bytes] = {}
        self.runs: dict[str, tuple[str, dict[str, Any]]] = {}  # run id -> (outcome, input), oldest first
        self.tags: dict[str, list[str]] = {}  # run id -> its tags
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
        if request.method == "GET" and path == "/v1/runs" and "tag" in request.url.params:
            return self._list_by_tag(request.url.params)
        if request.method == "GET" and path == "/v1/runs":
            ids = request.url.params["ids"].split(",")
            return reply(200, {"runs": [self._item(i) for i in ids], "nextCursor": None})
        if request.method == "GET" and path.startswith("/v1/runs/"):
            run_id = path.rsplit("/", 1)[1]
            return reply(200, self._run(run_id))
        raise AssertionError(f"unexpected {request.method} {request.url}")

    def _start(self, request: httpx.Request) -> httpx.Response:
        key = request.headers["Idempotency-Key"]
        self.keys.append(key)
        is_json = request.headers["content-type"].startswith("application/json")
        body: dict[str, Any] = json.loads(request.content) if is_json else {}
        run_input: dict[str, Any] = body.get("input", {})
        outcome = str(run_input.get("outcome", "completed"))
        if outcome == "refuse":
            return reply(422, error_json("seconds must be a number", field="input.seconds"))
        if run_input.get("n") in self.down or (outcome == "flaky" and key not in self.flaked):
            self.flaked.add(key)
            return reply(503 if run_input.get("n") in self.down else self.flaky_status, error_json("busy"))
        previous = self.bodies.setdefault(key, request.content)
        assert previous == request.content or not is_json, f"key {key} came again with another body"
        run_id = self.run_of_key.setdefault(key, f"run_{len(self.run_of_key) + 1}")
        self.runs.setdefault(run_id, ("completed" if outcome in ("flaky", "lost") else outcome, run_input))
        self.tags.setdefault(run_id, list(body.get("tags", [])))
        if outcome == "lost" and key not in self.flaked:
            self.flaked.add(key)
            return reply(500, error_json("the answer was lost after the run was made"))
        if "wait_for_completion" in request.url.params and self._status(run_id) != "running":
            return reply(200, self._run(run_id))
        return reply(201, {"id": run_id, "type": "workflow", "finished": False})

    def _list_by_tag(self, params: httpx.QueryParams) -> httpx.Response:
        newest_first = list(reversed(self.runs))
        listed = [i for i in newest_first if params["tag"] in self.tags[i]] if self.filters else newest_first
        offset, limit = int(params.get("cursor", "0")), int(params["limit"])
        assert 1 <= limit <= 100, "the real API pages by 100 at most"
        page = listed[offset : offset + limit]
        more = offset + limit < len(listed)
        return reply(200, {"runs": [self._item(i) for i in page], "nextCursor": str(offset + limit) if more else None})

    def _status(self, run_id: str) -> str:
        outcome = self.runs[run_id][0]
        if self.hang:
            return "running"
        if outcome == "slow":
            return "completed" if len(self.ended - {run_id}) >= self.slow_after else "running"
        return "running" if outcome == "never" else outcome

    def _item(self, run_id: str) -> dict[str, Any]:
        item = list_item_json(run_id, self._status(run_id), tags=self.tags[run_id])
        if not self.keeps_tags:
            del item["tags"]
        return item

    def _run(self, run_id: str) -> dict[str, Any]:
        status = self._status(run_id)
        if status != "running":
            self.ended.add(run_id)
        body = run_json(run_id, status, tags=self.tags[run_id])
        if not self.keeps_tags:
            del body["tags"]
        if status == "completed":
            body["output"] = {"n": self.runs[run_id][1].get("n")}
        return body

    def starts_of(self, since: int = 0) -> Counter[object]:
        """How many starts were sent for each input (by its ``n``), from request number ``since`` on."""
        return Counter(
            json.loads(request.content)["input"]["n"]
            for request in self.requests[since:]
            if request.method == "POST" and request.url.path == "/v1/runs"
        )

    def made_for(self) -> Counter[object]:
        """How many runs were made for each input (by its ``n``)."""
        return Counter(run_input.get("n") for _, run_input in self.runs.values())

    def add_stranger(self) -> None:
        """A run of someone else's in the account, without this client's tags."""
        self.runs["run_stranger"] = ("completed", {})
        self.tags["run_stranger"] = ["someone-else"]

    def kinds(self) -> Counter[str]:
        """How many requests of each kind came: start, held start, get, list, lookup (by tag), cancel."""
        counts: Counter[str] = Counter()
        for request in self.requests:
            held = "wait_for_completion" in request.url.params
            if request.method == "POST":
                kind = "cancel" if request.url.path.endswith("/cancel") else ("held start" if held else "start")
            elif request.url.path == "/v1/runs":
                kind = "lookup" if "tag" in request.url.params else "list"
            else:
                kind = "get"
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

    # The slow run completes on the server only once the two others have: as_completed hands it on after at least
    # one of them (the sync client's threads may hand the other two on in either order, before or after it).
    assert ended[0].index != 0
    assert sorted(item.index for item in ended) == [0, 1, 2]
    assert outputs(results) == [0, 1, 2]  # run_many: input order, although run 0 ended last


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
    sent_first = len(server.requests)
    again = harness.call(lambda client: client.run_many(TARGET, inputs, idempotency_key="nightly-2026-12-01"))

    assert sorted(server.keys) == [f"nightly-2026-12-01:{n}" for n in range(5)]  # the second call started nothing
    assert [run.id for run in first if isinstance(run, Run)] == [run.id for run in again if isinstance(run, Run)]
    assert len(server.runs) == 5
    assert outputs(again) == list(range(5))
    batch = batch_tag("nightly-2026-12-01")
    # each run: its input's key tag after the batch's (the sync client's threads start the inputs in no fixed order)
    run_of_key = server.run_of_key
    for n in range(5):
        tags = server.tags[run_of_key[f"nightly-2026-12-01:{n}"]]
        assert tags[-2:] == [batch, key_tag(f"nightly-2026-12-01:{n}")]
    second = server.requests[sent_first:]
    assert [request.url.params.get("tag") for request in second if request.url.path == "/v1/runs"] == [batch]
    assert {request.method for request in second} == {"GET"}  # found by the batch's tag, read, never started again


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
        pytest.param({"tags": [f"t{n}" for n in range(100)]}, "tags", id="100-tags"),
        pytest.param(
            {"tags": [f"t{n}" for n in range(99)], "idempotency_key": "k"},
            "tags",
            id="99-tags",
        ),
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


@pytest.mark.parametrize(
    "status",
    [
        pytest.param(429, id="429-made-nothing"),
        pytest.param(503, id="503-may-have-made-it"),
    ],
)
def test_on_ticks_a_transient_start_failure_is_sent_again_with_its_key(make_harness: MakeHarness, status: int) -> None:
    server = FakeRuns(flaky_status=status)
    harness = make_harness(server, max_retries=0)  # the start's own retries would hide the failure
    inputs: list[dict[str, Any]] = [{"n": n} for n in range(40)]
    inputs[5] = {"n": 5, "outcome": "flaky"}
    inputs[6] = {"n": 6, "outcome": "refuse"}

    results = harness.call(lambda client: client.run_many(TARGET, inputs, idempotency_key="t"))

    assert outputs(results) == [*range(6), "UnprocessableEntityError", *range(7, 40)]
    assert server.keys.count("t:5") == 2
    lookups = [request.url.params["tag"] for request in server.requests if "tag" in request.url.params]
    # a batch with a key lists its runs by the batch's tag first; a 503 may have made the run: looked for by its key
    expected = [batch_tag("t"), key_tag("t:5")] if status == 503 else [batch_tag("t")]
    assert lookups == expected


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


# --- resuming a batch with a key, by its tag ---------------------------------------------------------------------

SIZES = {"held": (4, 2), "ticks": (40, 35)}
"""Inputs and ``max_in_flight`` per strategy: the harness's own ``http_client`` is one pool, which holds at most 32
runs (``ONE_POOL_HELD_RUNS``); beyond that a batch watches its runs with list ticks."""


def _first_call_stopped_by_its_deadline(
    harness: Harness, server: FakeRuns, count: int, in_flight: int
) -> list[Run | EigenpalError]:
    server.hang = True
    results = harness.call(
        lambda client: client.run_many(
            TARGET,
            [{"n": n} for n in range(count)],
            idempotency_key="nightly",
            max_in_flight=in_flight,
            timeout_seconds=5,
        )
    )
    server.hang = False
    assert all(isinstance(result, EigenpalTimeoutError) for result in results)
    return results


@pytest.mark.parametrize("strategy", SIZES)
def test_the_same_batch_again_after_its_deadline_starts_only_the_inputs_without_a_run(
    make_harness: MakeHarness, strategy: str
) -> None:
    count, in_flight = SIZES[strategy]
    server = FakeRuns()
    harness = make_harness(server)
    assert choose_strategy(count, in_flight, can_spread=False, open_files=None).held is (strategy == "held")
    first = _first_call_stopped_by_its_deadline(harness, server, count, in_flight)
    started = {
        n: result.run_id for n, result in enumerate(first) if isinstance(result, EigenpalTimeoutError) and result.run_id
    }
    assert 1 <= len(started) <= in_flight < count  # the sync client's threads may reach the deadline before some
    sent = len(server.requests)

    again = harness.call(
        lambda client: client.run_many(
            TARGET, [{"n": n} for n in range(count)], idempotency_key="nightly", max_in_flight=in_flight
        )
    )

    assert outputs(again) == list(range(count))
    assert server.starts_of() == Counter(range(count))  # one start per input over both calls
    assert set(server.starts_of(since=sent)) == set(range(count)) - set(started)
    assert all(getattr(again[n], "id", None) == run_id for n, run_id in started.items())  # waited on, not redone
    assert [request.url.params.get("tag") for request in server.requests[sent:] if "tag" in request.url.params] == [
        batch_tag("nightly")
    ]


@pytest.mark.parametrize("strategy", SIZES)
def test_the_same_batch_again_after_a_server_error_for_some_inputs_starts_only_those(
    make_harness: MakeHarness, strategy: str
) -> None:
    count, in_flight = SIZES[strategy]
    server = FakeRuns()
    harness = make_harness(server)
    inputs = [{"n": n} for n in range(count)]
    server.down = {1, 3}

    def batch(client: Client) -> list[Run | EigenpalError] | Awaitable[list[Run | EigenpalError]]:
        return client.run_many(TARGET, inputs, idempotency_key="k", max_in_flight=in_flight, timeout_seconds=5)

    first = harness.call(batch)
    failed = {n for n, result in enumerate(first) if isinstance(result, EigenpalError)}
    assert {1, 3} <= failed  # (on ticks, inputs queued behind them may have started late, or not at all)
    assert all(getattr(first[n], "idempotency_key", None) == f"k:{n}" for n in failed)
    made = {n: getattr(result, "id", None) or getattr(result, "run_id", None) for n, result in enumerate(first)}
    unstarted = {n for n, run_id in made.items() if run_id is None}
    assert {1, 3} <= unstarted
    server.down.clear()
    sent = len(server.requests)

    again = harness.call(batch)

    assert outputs(again) == list(range(count))
    assert server.made_for() == Counter(range(count))  # one run per input over both calls
    assert server.starts_of(since=sent) == Counter(unstarted)  # only the inputs without a run, each once
    assert all(getattr(again[n], "id", None) == run_id for n, run_id in made.items() if run_id is not None)


def test_the_same_batch_again_lists_its_runs_a_page_of_100_at_a_time(make_harness: MakeHarness) -> None:
    server = FakeRuns()
    harness = make_harness(server)
    _first_call_stopped_by_its_deadline(harness, server, 130, 120)
    sent = len(server.requests)

    again = harness.call(
        lambda client: client.run_many(
            TARGET, [{"n": n} for n in range(130)], idempotency_key="nightly", max_in_flight=120
        )
    )

    assert outputs(again) == list(range(130))
    assert server.starts_of() == Counter(range(130))
    listed = [request.url.params for request in server.requests[sent:] if "tag" in request.url.params]
    assert [(params["limit"], params.get("cursor")) for params in listed] == [("100", None), ("100", "100")]


@pytest.mark.parametrize("strategy", SIZES)
def test_on_a_server_that_keeps_no_tags_the_same_batch_again_starts_nothing(
    make_harness: MakeHarness, strategy: str
) -> None:
    count, in_flight = SIZES[strategy]
    server = FakeRuns(keeps_tags=False)
    harness = make_harness(server)
    _first_call_stopped_by_its_deadline(harness, server, count, in_flight)
    starts = server.starts_of()

    again = harness.call(
        lambda client: client.run_many(
            TARGET, [{"n": n} for n in range(count)], idempotency_key="nightly", max_in_flight=in_flight
        )
    )

    assert server.starts_of() == starts  # nothing started: the server cannot say which inputs have a run
    assert all(isinstance(result, EigenpalError) for result in again)
    assert [getattr(result, "idempotency_key", None) for result in again] == [f"nightly:{n}" for n in range(count)]
    assert all("keeps no tags" in str(result) for result in again)


@pytest.mark.parametrize("strategy", SIZES)
def test_on_a_server_that_ignores_the_tag_filter_a_batch_with_a_key_starts_nothing_and_adopts_no_stranger(
    make_harness: MakeHarness, strategy: str
) -> None:
    count, in_flight = SIZES[strategy]
    server = FakeRuns(filters=False)
    server.add_stranger()
    harness = make_harness(server)

    results = harness.call(
        lambda client: client.run_many(
            TARGET, [{"n": n} for n in range(count)], idempotency_key="nightly", max_in_flight=in_flight
        )
    )

    assert server.kinds() == {"lookup": 1}  # no start, and the stranger's run is never read
    assert [getattr(result, "idempotency_key", None) for result in results] == [f"nightly:{n}" for n in range(count)]
    assert all(isinstance(result, EigenpalError) and "ignored the tag filter" in str(result) for result in results)


@pytest.mark.parametrize(
    "strategy",
    [
        "held",
        pytest.param("ticks"),
    ],
)
def test_a_batch_start_whose_answer_was_lost_adopts_the_run_it_made(make_harness: MakeHarness, strategy: str) -> None:
    count, in_flight = SIZES[strategy]
    server = FakeRuns()
    harness = make_harness(server, max_retries=0)  # on ticks, the start's own retries would hide the loss
    inputs: list[dict[str, object]] = [{"n": n} for n in range(count)]
    inputs[1] = {"n": 1, "outcome": "lost"}

    results = harness.call(lambda client: client.run_many(TARGET, inputs, max_in_flight=in_flight, timeout_seconds=30))

    assert outputs(results) == list(range(count))
    assert server.starts_of()[1] == 1  # found by its key tag after the lost answer, never started again
    key = server.keys[[json.loads(r.content)["input"]["n"] for r in server.requests if r.method == "POST"].index(1)]
    assert [request.url.params["tag"] for request in server.requests if "tag" in request.url.params] == [key_tag(key)]
