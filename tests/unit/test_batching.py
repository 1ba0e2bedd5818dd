"""The pure parts of batches: keys, the strategy, the list-tick flow stepped by hand; and the fan-out helpers."""

from __future__ import annotations

import asyncio
import io
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from clientkit import FakeClock, make_item, make_run
from eigenpal_api.models.run_accepted import RunAccepted

from eigenpal_ext import (
    APIConnectionError,
    EigenpalError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    RateLimitError,
    ServerError,
    UnprocessableEntityError,
)
from eigenpal_ext._async._batch import AsyncLanes
from eigenpal_ext._async._client import AsyncEigenpalClient
from eigenpal_ext._core._batching import (
    LANE_CONNECTIONS,
    BatchProgress,
    Strategy,
    batch_keys,
    check_indices,
    choose_strategy,
)
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._json_input import sends_once
from eigenpal_ext._core._wait_rules import WaitSettings
from eigenpal_ext._core._waiting._flows import ticks_flow
from eigenpal_ext._core._waiting._steps import (
    Action,
    CancelEach,
    Flow,
    Observation,
    Read,
    ReadEach,
    ReadMany,
    Settled,
    Sleep,
    StartEach,
)
from eigenpal_ext._sync._batch import Lanes
from eigenpal_ext._sync._client import EigenpalClient
from eigenpal_ext._transport._fanout import Report, abatch_map, afan_out, batch_map, fan_out

# --- keys and arguments ------------------------------------------------------------------------------------------


def test_a_batch_key_gives_each_input_its_index() -> None:
    assert batch_keys("nightly-2026-12-01", [0, 1, 7]) == [
        "nightly-2026-12-01:0",
        "nightly-2026-12-01:1",
        "nightly-2026-12-01:7",
    ]


def test_without_a_batch_key_each_input_gets_a_fresh_one() -> None:
    keys = batch_keys(None, [0, 1, 2])
    assert len(set(keys)) == 3
    assert set(keys).isdisjoint(batch_keys(None, [0, 1, 2]))


def test_a_batch_key_must_leave_room_for_the_index() -> None:
    assert batch_keys("k" * 253, [0, 9]) == ["k" * 253 + ":0", "k" * 253 + ":9"]
    with pytest.raises(InvalidArgumentError, match="idempotency_key"):
        batch_keys("k" * 253, [10])


@pytest.mark.parametrize("indices", [[0, 0], [1], [-1, 2], ["0", "1"], "01", [True, 2]])
def test_indices_must_be_distinct_whole_numbers_one_per_input(indices: Any) -> None:
    with pytest.raises(InvalidArgumentError, match="indices"):
        check_indices(indices, 2)


def test_an_input_with_a_stream_that_cannot_be_rewound_is_sent_once() -> None:
    class Pipe(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

    assert sends_once({"doc": Pipe()})
    assert sends_once({"doc": ("a.pdf", Pipe())})
    assert sends_once({"doc": {"content": Pipe(), "filename": "a.pdf"}})
    assert not sends_once({"doc": io.BytesIO(b"x"), "n": 1})
    assert not sends_once({"doc": b"x"})
    assert not sends_once(None)


# --- the strategy ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "max_in_flight", "can_spread", "open_files", "expected"),
    [
        (1, 1000, True, 20000, Strategy(held=True, workers=1, lanes=1, in_flight=1)),
        (16, 1000, True, 20000, Strategy(held=True, workers=16, lanes=1, in_flight=16)),
        (17, 1000, True, 20000, Strategy(held=True, workers=17, lanes=2, in_flight=17)),
        (1000, 1000, True, 20000, Strategy(held=True, workers=1000, lanes=63, in_flight=1000)),
        (5000, 200, True, 20000, Strategy(held=True, workers=200, lanes=13, in_flight=200)),
        (2000, 2000, True, 20000, Strategy(held=False, workers=16, lanes=1, in_flight=2000)),
        (1000, 1000, True, 1024, Strategy(held=False, workers=16, lanes=1, in_flight=1000)),  # sockets to spare
        (500, 1000, True, None, Strategy(held=True, workers=500, lanes=32, in_flight=500)),
        (32, 1000, False, 20000, Strategy(held=True, workers=32, lanes=1, in_flight=32)),  # the caller's one pool
        (40, 1000, False, 20000, Strategy(held=False, workers=16, lanes=1, in_flight=40)),
    ],
)
def test_the_strategy_holds_while_the_runs_in_flight_fit_and_ticks_beyond(
    count: int, max_in_flight: int, can_spread: bool, open_files: int | None, expected: Strategy
) -> None:
    assert choose_strategy(count, max_in_flight, can_spread=can_spread, open_files=open_files) == expected


def test_the_pools_of_a_held_batch_are_small_and_share_one_tls_context() -> None:
    client = EigenpalClient(api_key="k", base_url="https://api.eigenpal.test")
    lanes = Lanes(client._requester, client._settings, 3)
    transports = [http._transport for http in lanes._own]
    for transport in transports:  # a pool opens at its first request
        transport._pool_on_first_use.open(transport)  # type: ignore[attr-defined]
    pools = [transport._pool for transport in transports]  # type: ignore[attr-defined]
    assert len(pools) == 3
    assert {pool._max_connections for pool in pools} == {LANE_CONNECTIONS}
    assert len({id(pool._ssl_context) for pool in pools}) == 1
    assert lanes.lane(0) is lanes.lane(3) and lanes.lane(0) is not lanes.lane(1)
    lanes.close()
    client.close()


def test_a_client_on_the_callers_http_client_opens_no_pools_of_its_own() -> None:
    import httpx

    http = httpx.AsyncClient()
    client = AsyncEigenpalClient(api_key="k", base_url="https://api.eigenpal.test", http_client=http)
    lanes = AsyncLanes(client._requester, client._settings, 3)
    assert lanes._own == []
    asyncio.run(http.aclose())


def test_progress_counts_what_is_begun_and_settled() -> None:
    progress = BatchProgress(3)
    progress.begin(0)
    progress.begin(1)
    progress.settle(0, make_run("a"))
    progress.settle(2, UnprocessableEntityError(422))  # settled without being begun: refused before its start
    assert (progress.started, progress.finished, progress.failed, progress.in_flight) == (2, 2, 1, 1)


# --- the list-tick flow, stepped by hand -------------------------------------------------------------------------


def _accepted(run_id: str) -> RunAccepted:
    return RunAccepted.from_dict({"id": run_id, "type": "workflow", "finished": False})


def _step(flow: Flow[None], answer: Callable[[Action], object]) -> list[Action]:
    """Every action of a flow, each answered by ``answer`` (an exception is thrown in)."""
    actions: list[Action] = []
    reply: object = None
    while True:
        try:
            action = flow.throw(reply) if isinstance(reply, Exception) else flow.send(reply)
        except StopIteration:
            return actions
        actions.append(action)
        reply = answer(action)


def test_ticks_start_into_free_slots_and_settle_each_run_read_in_full() -> None:
    clock = FakeClock()
    flow = ticks_flow(3, 2, WaitSettings(), Deadline.after(clock, 60), lambda: 0.5)
    ended: set[str] = set()
    reads: list[str] = []

    def answer(action: Action) -> object:
        if isinstance(action, StartEach):
            return [_accepted(f"run_{slot}") for slot in action.slots]
        if isinstance(action, ReadMany):
            ended.update(action.chunks[0][:1])  # one run ends per look
            return [make_item(run_id, "completed" if run_id in ended else "running") for run_id in action.chunks[0]]
        if isinstance(action, ReadEach):
            return [Observation(make_run(run_id)) for run_id in action.run_ids]
        if isinstance(action, Read):
            reads.append(action.run_id)
            return Observation(make_run(action.run_id))
        if isinstance(action, Sleep):
            clock.sleep(action.seconds)
        return None

    actions = _step(flow, answer)

    assert reads == []  # every run watched through list requests; the real API holds no read worth waiting on
    starts = [action.slots for action in actions if isinstance(action, StartEach)]
    assert starts == [(0, 1), (2,)]  # two slots, the third input started as the first run ended
    settled = [(action.slot, action.outcome) for action in actions if isinstance(action, Settled)]
    assert [slot for slot, _ in settled] == [0, 1, 2]
    assert all(getattr(outcome, "id", None) == f"run_{slot}" for slot, outcome in settled)


@pytest.mark.parametrize(
    ("failure", "looked"),
    [
        pytest.param(RateLimitError(429), frozenset(), id="429-made-nothing"),
        pytest.param(APIConnectionError("refused", request_sent=False), frozenset(), id="never-sent"),
        pytest.param(ServerError(503), frozenset({0}), id="503-may-have-made-it"),
    ],
)
def test_ticks_send_a_transient_failure_again_and_settle_a_refusal(
    failure: EigenpalError, looked: frozenset[int]
) -> None:
    clock = FakeClock()
    flow = ticks_flow(2, 10, WaitSettings(), Deadline.after(clock, 60), lambda: 0.5)
    tries: list[StartEach] = []

    def answer(action: Action) -> object:
        if isinstance(action, StartEach):
            tries.append(action)
            if len(tries) == 1:
                return [failure, UnprocessableEntityError(422)]
            return [make_run("run_0")]  # a finished run straight away
        if isinstance(action, Sleep):
            clock.sleep(action.seconds)
        return None

    actions = _step(flow, answer)

    assert [start.slots for start in tries] == [(0, 1), (0,)]
    assert tries[0].may_exist == frozenset()
    assert tries[1].may_exist == looked  # a start that may have made its run looks for it before it is sent again
    settled = {action.slot: action.outcome for action in actions if isinstance(action, Settled)}
    assert isinstance(settled[1], UnprocessableEntityError)
    assert getattr(settled[0], "id", None) == "run_0"
    assert any(isinstance(action, Sleep) and action.seconds > 0 for action in actions)  # backed off in between


def test_ticks_settle_everything_left_at_the_deadline_cancelling_when_asked() -> None:
    clock = FakeClock()
    settings = WaitSettings(cancel_on_timeout=True)
    flow = ticks_flow(3, 2, settings, Deadline.after(clock, 5), lambda: 0.5)

    def answer(action: Action) -> object:
        if isinstance(action, StartEach):
            return [_accepted(f"run_{slot}") for slot in action.slots]
        if isinstance(action, ReadMany):
            return [make_item(run_id, "running") for run_id in action.chunks[0]]
        if isinstance(action, CancelEach):
            return ["run_1"]  # its cancel request failed
        if isinstance(action, Sleep):
            clock.sleep(action.seconds)
        return None

    actions = _step(flow, answer)

    cancels = [action for action in actions if isinstance(action, CancelEach)]
    assert [cancel.run_ids for cancel in cancels] == [("run_0", "run_1")]
    settled = {action.slot: action.outcome for action in actions if isinstance(action, Settled)}
    assert all(isinstance(outcome, EigenpalTimeoutError) for outcome in settled.values())
    first, second, never = (settled[slot] for slot in (0, 1, 2))
    assert isinstance(first, EigenpalTimeoutError) and first.cancelled and first.run_id == "run_0"
    assert isinstance(second, EigenpalTimeoutError) and not second.cancelled
    assert isinstance(never, EigenpalTimeoutError) and never.run_id is None
    assert clock.now - 1000.0 <= 5.0  # no sleep ran past the deadline


# --- fanning out -------------------------------------------------------------------------------------------------


def test_batch_map_uses_threads_and_keeps_the_order_and_the_errors() -> None:
    names: set[str] = set()

    def call(n: int) -> int:
        names.add(threading.current_thread().name)
        time.sleep(0.01)
        if n == 3:
            raise ValueError("three")
        return n * 10

    results = batch_map([lambda n=n: call(n) for n in range(8)], 4)  # type: ignore[misc]

    assert results[:3] == [0, 10, 20] and results[4:] == [40, 50, 60, 70]
    assert isinstance(results[3], ValueError)
    assert len(names) > 1


def test_abatch_map_keeps_the_order_and_the_errors() -> None:
    async def call(n: int) -> int:
        await asyncio.sleep(0.001 * (5 - n))
        if n == 1:
            raise ValueError("one")
        return n

    results = asyncio.run(abatch_map([lambda n=n: call(n) for n in range(5)], 2))  # type: ignore[misc]

    assert results[0] == 0 and results[2:] == [2, 3, 4]
    assert isinstance(results[1], ValueError)


def test_fan_out_yields_what_every_worker_reports_and_stops_taking_when_left() -> None:
    taken: list[int] = []

    def work(worker: int, index: int, report: Report[tuple[int, int]]) -> None:
        taken.append(index)
        time.sleep(0.002)
        report((worker, index))

    events = list(fan_out(work, 30, 4))
    assert sorted(index for _, index in events) == list(range(30))
    assert {worker for worker, _ in events} <= {0, 1, 2, 3}

    taken.clear()
    early = fan_out(work, 1000, 2)
    next(early)
    early.close()
    time.sleep(0.05)
    assert len(taken) < 10  # the workers stopped taking inputs


def test_afan_out_yields_what_every_task_reports_and_cancels_when_left() -> None:
    async def main() -> tuple[list[int], int]:
        async def work(worker: int, index: int, report: Report[int]) -> None:
            await asyncio.sleep(0.001)
            report(index)

        everything = [event async for event in afan_out(work, 25, 5)]
        started: list[int] = []

        async def slow(worker: int, index: int, report: Report[int]) -> None:
            started.append(index)
            report(index)
            await asyncio.sleep(10)

        early = afan_out(slow, 100, 3)
        await early.__anext__()
        await early.aclose()  # cancels the three tasks asleep
        return everything, len(started)

    everything, started = asyncio.run(main())
    assert sorted(everything) == list(range(25))
    assert started == 3


def test_a_worker_that_raises_ends_the_fan_out_with_its_error() -> None:
    def work(worker: int, index: int, report: Report[int]) -> None:
        if index == 2:
            raise RuntimeError("a bug")
        report(index)

    with pytest.raises(RuntimeError, match="a bug"):
        list(fan_out(work, 5, 1))
