"""The waiting engine, against an in-memory server whose reads advance a fake clock: nothing here really sleeps.

Behaviour shared by the sync and async entry points is tested once, through the ``waiter`` fixture that runs
either driver.
"""

from __future__ import annotations

import asyncio
import math
import random
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any

import attrs
import pytest
from clientkit import CLOCK_START, FakeClock, make_item, make_run
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_list_item import RunListItem

from eigenpal_ext import _fanout, _polling, _retry, _wait_rules
from eigenpal_ext._async._waiter import AsyncWaiter
from eigenpal_ext._deadline import Deadline
from eigenpal_ext._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    AuthenticationError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    NotFoundError,
    RateLimitError,
    RunFailedError,
    ServerError,
)
from eigenpal_ext._polling import Observation
from eigenpal_ext._status import is_terminal
from eigenpal_ext._sync._waiter import Waiter as SyncWaiter
from eigenpal_ext._wait_rules import (
    WaitSettings,
    hold_for,
    hold_was_honoured,
    is_new_state,
    jittered,
    next_tick,
    poll_delay,
)

# ---------------------------------------------------------------------------------------------------------------
# Fakes
# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class Call:
    kind: str  # read, list, cancel
    run_ids: tuple[str, ...]
    hold_seconds: int
    at: float  # seconds since CLOCK_START when sent
    expand: tuple[str, ...] = ()


Timeline = Sequence[tuple[float, str] | tuple[float, str, int]]


class FakeServer:
    """Runs that move along scripted timelines (seconds since CLOCK_START), served as the RunReader protocol asks.

    A held read on a server that honours holds moves the clock to the run's end or the hold's, whichever is first.
    Errors queued in ``read_errors``/``list_errors`` are raised by the next reads/lists, before any answer.
    """

    def __init__(
        self, clock: FakeClock, *, honours_holds: bool = True, poll_after: float | None = None, latency: float = 0.0
    ) -> None:
        self.clock = clock
        self.honours_holds = honours_holds
        self.poll_after = poll_after
        self.latency = latency
        self.timelines: dict[str, Timeline] = {}
        self.calls: list[Call] = []
        self.read_errors: list[Exception] = []
        self.list_errors: list[Exception] = []
        self.cancel_error: Exception | None = None
        self.unlisted: set[str] = set()

    def add(self, run_id: str, *timeline: tuple[float, str] | tuple[float, str, int]) -> None:
        self.timelines[run_id] = timeline

    def add_lasting(self, run_id: str, seconds: float) -> None:
        self.add(run_id, (0, "running"), (seconds, "completed"))

    def state(self, run_id: str) -> tuple[str, int | None]:
        """The run's status and progress now."""
        if run_id not in self.timelines:
            raise NotFoundError(404)
        elapsed = self.clock.now - CLOCK_START
        entry = [e for e in self.timelines[run_id] if e[0] <= elapsed + 1e-9][-1]
        return entry[1], entry[2] if len(entry) > 2 else None

    def snapshot(self, run_id: str) -> Run:
        status, progress = self.state(run_id)
        return make_run(run_id, status, progress=progress)

    def list_item(self, run_id: str) -> RunListItem:
        status, progress = self.state(run_id)
        return make_item(run_id, status, progress=progress)

    def end_of(self, run_id: str) -> float:
        ends = [e[0] for e in self.timelines[run_id] if is_terminal(e[1])]
        return CLOCK_START + min(ends) if ends else math.inf

    def read(
        self,
        run_id: str,
        *,
        hold_seconds: int,
        expand: Sequence[str],
        deadline: Deadline | None,
        options: object = None,
    ) -> Observation:
        self.calls.append(Call("read", (run_id,), hold_seconds, self.clock.now - CLOCK_START, tuple(expand)))
        assert 0 <= hold_seconds <= 60
        if self.read_errors:
            raise self.read_errors.pop(0)
        if self.honours_holds and hold_seconds > 0 and run_id in self.timelines:
            self.clock.now = max(self.clock.now, min(self.end_of(run_id), self.clock.now + hold_seconds))
        self.clock.now += self.latency
        return Observation(self.snapshot(run_id), self.poll_after)

    def read_many(self, run_ids: Sequence[str], *, deadline: Deadline, options: object = None) -> list[RunListItem]:
        self.calls.append(Call("list", tuple(run_ids), 0, self.clock.now - CLOCK_START))
        assert len(run_ids) <= 100
        if self.list_errors:
            raise self.list_errors.pop(0)
        self.clock.now += self.latency
        return [self.list_item(r) for r in run_ids if r in self.timelines and r not in self.unlisted]

    def cancel(self, run_id: str, *, deadline: Deadline, options: object = None) -> None:
        self.calls.append(Call("cancel", (run_id,), 0, self.clock.now - CLOCK_START))
        if self.cancel_error is not None:
            raise self.cancel_error

    def of_kind(self, kind: str) -> list[Call]:
        return [call for call in self.calls if call.kind == kind]


class AsyncFakeServer:
    """The same server behind the AsyncRunReader protocol."""

    def __init__(self, server: FakeServer) -> None:
        self.server = server

    async def read(
        self,
        run_id: str,
        *,
        hold_seconds: int,
        expand: Sequence[str],
        deadline: Deadline | None,
        options: object = None,
    ) -> Observation:
        await asyncio.sleep(0)
        return self.server.read(run_id, hold_seconds=hold_seconds, expand=expand, deadline=deadline)

    async def read_many(
        self, run_ids: Sequence[str], *, deadline: Deadline, options: object = None
    ) -> list[RunListItem]:
        await asyncio.sleep(0)
        return self.server.read_many(run_ids, deadline=deadline)

    async def cancel(self, run_id: str, *, deadline: Deadline, options: object = None) -> None:
        await asyncio.sleep(0)
        self.server.cancel(run_id, deadline=deadline)


class Waiter:
    """Runs the sync or the async entry points with the same arguments, so one test covers both."""

    def __init__(self, mode: str, server: FakeServer) -> None:
        self.mode = mode
        self.server = server
        self.clock = server.clock

    def wait(self, run_id: str, settings: WaitSettings, **options: Any) -> Run:
        if self.mode == "sync":
            return SyncWaiter(self.server, self.clock).wait(run_id, settings, **options)
        return asyncio.run(AsyncWaiter(AsyncFakeServer(self.server), self.clock).wait(run_id, settings, **options))

    def poll(self, run_id: str, settings: WaitSettings, seen: list[Run]) -> list[Run]:
        if self.mode == "sync":
            seen.extend(SyncWaiter(self.server, self.clock).poll(run_id, settings))
        else:
            asyncio.run(_collect(AsyncWaiter(AsyncFakeServer(self.server), self.clock).poll(run_id, settings), seen))
        return seen

    def wait_many(self, run_ids: Sequence[str], settings: WaitSettings) -> list[Run]:
        if self.mode == "sync":
            return SyncWaiter(self.server, self.clock).wait_all(run_ids, settings)
        return asyncio.run(AsyncWaiter(AsyncFakeServer(self.server), self.clock).wait_all(run_ids, settings))

    def as_completed(self, run_ids: Sequence[str], settings: WaitSettings, seen: list[Run]) -> list[Run]:
        if self.mode == "sync":
            seen.extend(SyncWaiter(self.server, self.clock).as_completed(run_ids, settings))
        else:
            iterator = AsyncWaiter(AsyncFakeServer(self.server), self.clock).as_completed(run_ids, settings)
            asyncio.run(_collect(iterator, seen))
        return seen

    @property
    def elapsed(self) -> float:
        return self.clock.now - CLOCK_START


async def _collect(runs: AsyncIterator[Run], into: list[Run]) -> None:
    async for run in runs:
        into.append(run)


@pytest.fixture(autouse=True)
def seeded_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Jitter from a seeded source, so a failure shows again on the next run."""
    monkeypatch.setattr(_retry, "unit_random", random.Random(20261121).random)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def server(clock: FakeClock) -> FakeServer:
    return FakeServer(clock)


@pytest.fixture(params=["sync", "async"])
def waiter(request: pytest.FixtureRequest, server: FakeServer) -> Waiter:
    return Waiter(request.param, server)


def statuses(runs: Sequence[Run]) -> list[str]:
    return [str(run.execution.status) for run in runs]


# ---------------------------------------------------------------------------------------------------------------
# Pure decisions
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("time_left", "max_hold", "expected"),
    [
        (300, 60, 60),
        (300, 30.5, 30),
        (42.9, 60, 42),
        (1.5, 60, 1),
        (1.49, 60, 0),  # a hold ends half a second before the deadline, so its answer arrives inside it
        (1.0, 60, 0),
        (-3, 60, 0),
        (300, 10, 10),
        (300, 600, 60),
        (5, 0, 0),
    ],
)
def test_hold_never_outlasts_the_deadline_nor_the_server_limit(
    time_left: float, max_hold: float, expected: int
) -> None:
    assert hold_for(time_left, max_hold) == expected


@pytest.mark.parametrize(
    ("hold", "answered_after", "honoured"),
    [
        (60, 0.05, False),
        (60, 0.99, False),
        (60, 1.0, True),
        (60, 60, True),
        (1, 0.3, False),
        (1, 0.5, True),
        (0, 9, False),
    ],
)
def test_hold_counts_as_honoured_only_when_the_answer_took_a_while(
    hold: int, answered_after: float, honoured: bool
) -> None:
    assert hold_was_honoured(hold, answered_after) is honoured


def test_poll_delay_takes_the_server_hint_over_the_interval_with_bounded_jitter() -> None:
    assert poll_delay(2.0, None, 0.5) == pytest.approx(2.0)
    assert poll_delay(2.0, 0.75, 0.5) == pytest.approx(0.75)
    assert poll_delay(2.0, 0.0, 0.5) == pytest.approx(_wait_rules.MIN_POLL_AFTER_SECONDS)
    assert jittered(10.0, 0.0) == pytest.approx(9.0)
    assert jittered(10.0, 0.999999) == pytest.approx(11.0)


def test_looks_at_many_runs_slow_down_while_none_finish_and_speed_up_when_one_does() -> None:
    ticks = [0.5]
    for _ in range(12):
        ticks.append(next_tick(ticks[-1], 0.5, 2.0, progressed=False))
    assert ticks[:3] == [0.5, 0.625, 0.78125]
    assert max(ticks) == ticks[-1] == 2.0
    assert next_tick(2.0, 0.5, 2.0, progressed=True) == 0.5
    assert next_tick(0.2, 0.2, 0.2, progressed=False) == 0.2  # a short poll interval stays short


def test_the_flow_is_a_plan_without_io_that_a_test_can_step_by_hand() -> None:
    clock = FakeClock()
    clock.now = 0.0
    deadline = Deadline.after(clock, 100)
    flow = _polling.wait_flow("r1", WaitSettings(), deadline, lambda: 0.5)

    assert next(flow) == _polling.Read("r1", 60, (), deadline)
    clock.now = 60.0  # the server held the read for the whole hold
    assert flow.send(Observation(make_run("r1", "running"))) == _polling.Emit(make_run("r1", "running"))
    assert next(flow) == _polling.Read("r1", 39, (), deadline)  # at once, held, cut to the time left less 0.5 s
    clock.now = 60.2  # answered at once this time: the server ignores holds
    assert flow.send(Observation(make_run("r1", "running"), poll_after_seconds=3.0)) == _polling.Sleep(3.0)
    clock.now = 63.2
    assert next(flow) == _polling.Read("r1", 36, (), deadline)
    assert flow.throw(ServerError(503, retry_after=4.0)) == _polling.Sleep(4.0)
    clock.now = 67.2
    assert next(flow) == _polling.Read("r1", 32, (), deadline)
    done = make_run("r1", "completed")
    assert flow.send(Observation(done)) == _polling.Emit(done)
    with pytest.raises(StopIteration) as stopped:
        next(flow)
    assert stopped.value.value is done


def test_a_state_is_new_when_anything_in_the_snapshot_changed() -> None:
    assert is_new_state(None, make_run("r", "running"))
    assert not is_new_state(make_run("r", "running"), make_run("r", "running"))
    assert is_new_state(make_run("r", "running"), make_run("r", "running", progress=1))
    assert is_new_state(make_run("r", "running"), make_run("r", "completed"))


def test_settings_refuse_values_that_cannot_bound_a_wait() -> None:
    with pytest.raises(InvalidArgumentError, match="timeout_seconds"):
        WaitSettings(timeout_seconds=-1)
    with pytest.raises(InvalidArgumentError, match="poll_interval_seconds"):
        WaitSettings(poll_interval_seconds=0)
    with pytest.raises(InvalidArgumentError, match="timeout_seconds"):
        WaitSettings(timeout_seconds=math.nan)
    with pytest.raises(InvalidArgumentError, match="max_hold_seconds"):
        WaitSettings(max_hold_seconds=-1)
    assert WaitSettings(expand=["usage"]).expand == ("usage",)
    assert WaitSettings(expand="usage, execution").expand == ("usage", "execution")


# ---------------------------------------------------------------------------------------------------------------
# One run
# ---------------------------------------------------------------------------------------------------------------


def test_a_held_read_catches_the_end_the_moment_it_happens(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"), (42.3, "completed"))

    run = waiter.wait("r1", WaitSettings(expand=("usage",)))

    assert run.execution.status == "completed"
    assert waiter.elapsed == pytest.approx(42.3)  # no delay after the end
    assert server.calls == [Call("read", ("r1",), 60, 0.0, ("usage",))]
    assert waiter.clock.sleeps == []


def test_a_ninety_second_run_costs_two_held_reads(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("r1", 90)

    waiter.wait("r1", WaitSettings())

    assert [(c.hold_seconds, c.at) for c in server.calls] == [(60, 0.0), (60, 60.0)]
    assert waiter.elapsed == pytest.approx(90)


def test_holds_are_cut_to_the_time_left_and_the_wait_ends_at_the_deadline(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"))

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait("r1", WaitSettings(timeout_seconds=130.5))

    assert [c.hold_seconds for c in server.calls] == [60, 60, 10]
    assert waiter.elapsed == pytest.approx(130.5)  # never past the deadline: the last half second is slept
    error = caught.value
    assert error.run_id == "r1"
    assert error.waited_seconds == pytest.approx(130.5)
    assert error.last_run is not None
    assert error.last_run.execution.status == "running"
    assert not error.cancelled
    assert server.of_kind("cancel") == []  # the run goes on


def test_ignored_holds_fall_back_to_polling_at_the_interval(waiter: Waiter, server: FakeServer) -> None:
    server.honours_holds = False
    server.add("r1", (0, "pending"), (7, "completed"))

    run = waiter.wait("r1", WaitSettings(poll_interval_seconds=2.0))

    assert run.execution.status == "completed"
    reads = server.of_kind("read")
    assert 4 <= len(reads) <= 5  # about one read per two seconds, not a busy loop
    assert all(1.8 <= s <= 2.2 for s in waiter.clock.sleeps)
    assert waiter.elapsed - 7 <= 2.2  # the end is seen within one interval


def test_a_slow_server_that_holds_is_not_mistaken_for_one_that_ignores_holds(
    waiter: Waiter, server: FakeServer
) -> None:
    server.honours_holds = False
    server.latency = 1.5  # answers late, like a server that holds for less than asked
    server.add_lasting("r1", 5)

    waiter.wait("r1", WaitSettings())

    assert waiter.clock.sleeps == []  # each answer took long enough to count as held: read again at once
    assert len(server.calls) == 4


def test_the_servers_poll_after_hint_sets_the_pace(waiter: Waiter, server: FakeServer) -> None:
    server.honours_holds = False
    server.poll_after = 0.5
    server.add_lasting("r1", 3)

    waiter.wait("r1", WaitSettings(poll_interval_seconds=5.0))

    assert waiter.clock.sleeps
    assert all(0.45 <= s <= 0.55 for s in waiter.clock.sleeps)
    assert waiter.elapsed - 3 <= 0.55


def test_poll_sleeps_are_jittered_within_ten_percent(waiter: Waiter, server: FakeServer) -> None:
    server.honours_holds = False
    server.add("r1", (0, "running"))

    with pytest.raises(EigenpalTimeoutError):
        waiter.wait("r1", WaitSettings(timeout_seconds=60, poll_interval_seconds=1.0))

    polls = waiter.clock.sleeps[:-1]  # the last one is cut short by the deadline
    assert len(polls) > 40
    assert all(0.9 <= s <= 1.1 for s in polls)
    assert len(set(polls)) > 1  # really jittered
    assert waiter.clock.sleeps[-1] <= 1.1
    assert waiter.elapsed == pytest.approx(60)


def test_cancel_on_timeout_cancels_once_and_says_so(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"))

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait("r1", WaitSettings(timeout_seconds=5, cancel_on_timeout=True))

    assert server.of_kind("cancel") == [Call("cancel", ("r1",), 0, 5.0)]
    assert caught.value.cancelled


def test_a_failed_cancel_does_not_hide_the_timeout(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"))
    server.cancel_error = ServerError(503)

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait("r1", WaitSettings(timeout_seconds=5, cancel_on_timeout=True))

    assert len(server.of_kind("cancel")) == 1
    assert not caught.value.cancelled
    assert any("cancelling run r1 failed" in note for note in caught.value.__notes__)


@pytest.mark.parametrize("status", ["failed", "cancelled", "rejected"])
def test_a_run_that_did_not_complete_is_returned_or_raised_as_asked(
    waiter: Waiter, server: FakeServer, status: str
) -> None:
    server.add("r1", (0, "running"), (3, status))

    assert waiter.wait("r1", WaitSettings()).execution.status == status

    with pytest.raises(RunFailedError) as caught:
        waiter.wait("r1", WaitSettings(raise_on_failure=True))
    assert caught.value.run.execution.status == status
    assert caught.value.run.id == "r1"


def test_an_unknown_status_keeps_the_wait_going_until_the_deadline(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"), (10, "awaiting_review"))

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait("r1", WaitSettings(timeout_seconds=100))

    assert waiter.elapsed == pytest.approx(100)
    assert caught.value.last_run is not None
    assert caught.value.last_run.execution.status == "awaiting_review"


@pytest.mark.parametrize(
    "error",
    [
        APIConnectionError("connection reset"),
        APITimeoutError("read timed out"),
        ServerError(502),
        RateLimitError(429),
        APIError(408),
    ],
    ids=["connection", "http-timeout", "502", "429", "408"],
)
def test_a_transient_error_is_waited_out_and_never_taken_for_the_end(
    waiter: Waiter, server: FakeServer, error: Exception
) -> None:
    server.add_lasting("r1", 20)
    server.read_errors = [error, error]

    run = waiter.wait("r1", WaitSettings())

    assert run.execution.status == "completed"
    assert waiter.clock.sleeps == [pytest.approx(0.5, rel=0.26), pytest.approx(1.0, rel=0.26)]  # backing off
    assert len(server.of_kind("read")) == 3


def test_a_retry_after_longer_than_the_time_left_ends_the_wait_with_the_error_as_cause(
    waiter: Waiter, server: FakeServer
) -> None:
    server.add_lasting("r1", 2)
    too_long = ServerError(503, retry_after=60.0)
    server.read_errors = [RateLimitError(429, retry_after=3.0), too_long]

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait("r1", WaitSettings(timeout_seconds=30))

    assert waiter.clock.sleeps == [3.0]  # honoured; the second would outlast the deadline, so nothing more is sent
    assert len(server.calls) == 2
    assert caught.value.__cause__ is too_long
    assert caught.value.waited_seconds == pytest.approx(3.0)
    assert caught.value.last_run is None  # no read ever answered


@pytest.mark.parametrize(
    "error", [NotFoundError(404), AuthenticationError(401), APIError(400)], ids=["404", "401", "400"]
)
def test_a_client_error_ends_the_wait_at_once(waiter: Waiter, server: FakeServer, error: Exception) -> None:
    server.add("r1", (0, "running"))
    server.read_errors = [error]

    with pytest.raises(type(error)):
        waiter.wait("r1", WaitSettings())

    assert len(server.calls) == 1
    assert waiter.clock.sleeps == []


def test_on_update_sees_each_new_state_once(waiter: Waiter, server: FakeServer) -> None:
    server.honours_holds = False
    server.add(
        "r1",
        (0, "pending"),
        (3, "running"),
        (6, "running", 1),
        (9, "running", 2),
        (12, "finalizing"),
        (15, "completed"),
    )
    updates: list[Run] = []

    run = waiter.wait("r1", WaitSettings(poll_interval_seconds=1.0), on_update=updates.append)

    assert len(server.of_kind("read")) > 12  # each state was read several times ...
    assert statuses(updates) == [
        "pending",
        "running",
        "running",
        "running",
        "finalizing",
        "completed",
    ]  # ... shown once
    assert [u.additional_properties.get("progress") for u in updates] == [None, None, 1, 2, None, None]
    assert updates[-1] == run


def test_last_seen_is_not_reported_again_and_a_terminal_one_costs_nothing(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"), (5, "completed"))
    updates: list[Run] = []

    waiter.wait("r1", WaitSettings(), on_update=updates.append, last_seen=make_run("r1", "running"))
    assert statuses(updates) == ["completed"]

    server.calls.clear()
    done = make_run("r1", "completed")
    assert waiter.wait("r1", WaitSettings(), last_seen=done) is done
    assert server.calls == []


def test_poll_yields_each_new_state_and_ends_at_the_terminal_one(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "pending"), (2.5, "running"), (4, "running", 1), (8, "completed"))

    seen = waiter.poll("r1", WaitSettings(poll_interval_seconds=1.0), [])

    assert statuses(seen) == ["pending", "running", "running", "completed"]
    assert all(call.hold_seconds == 0 for call in server.calls)  # a UI wants progress, so reads are not held
    assert waiter.elapsed - 8 <= 1.1


def test_poll_raises_at_the_deadline_after_the_states_it_saw(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "pending"), (2, "running"))
    seen: list[Run] = []

    with pytest.raises(EigenpalTimeoutError):
        waiter.poll("r1", WaitSettings(timeout_seconds=10), seen)

    assert statuses(seen) == ["pending", "running"]
    assert waiter.elapsed == pytest.approx(10)


def test_a_wait_with_no_time_still_reads_once(waiter: Waiter, server: FakeServer) -> None:
    server.add("done", (0, "completed"))
    server.add("going", (0, "running"))

    assert waiter.wait("done", WaitSettings(timeout_seconds=0)).execution.status == "completed"
    with pytest.raises(EigenpalTimeoutError):
        waiter.wait("going", WaitSettings(timeout_seconds=0))
    assert [c.hold_seconds for c in server.calls] == [0, 0]
    assert waiter.elapsed == 0


# ---------------------------------------------------------------------------------------------------------------
# Many runs
# ---------------------------------------------------------------------------------------------------------------


def test_many_runs_cost_one_list_per_hundred_per_look_and_one_read_per_finished_run(
    waiter: Waiter, server: FakeServer
) -> None:
    ids = [f"r{i:03}" for i in range(250)]
    for i, run_id in enumerate(ids):
        server.add_lasting(run_id, 1 + (i % 5))  # 1 to 5 seconds
    asked = [*ids, "r000", "r007"]  # repeats are waited for once

    runs = waiter.wait_many(asked, WaitSettings(expand=("usage",)))

    assert [run.id for run in runs] == ids
    assert all(run.execution.status == "completed" for run in runs)
    lists = server.of_kind("list")
    assert [len(c.run_ids) for c in lists[:3]] == [100, 100, 50]
    assert all(len(c.run_ids) <= 100 for c in lists)
    looks = {c.at for c in lists}
    assert len(lists) <= 3 * len(looks)  # one list per chunk per look
    reads = server.of_kind("read")
    assert sorted(c.run_ids[0] for c in reads) == ids  # each run read in full exactly once
    assert all(c.expand == ("usage",) for c in reads)
    assert waiter.elapsed <= 5 + 0.55


def test_a_thousand_short_runs_cost_about_one_request_each_and_end_on_time(waiter: Waiter, server: FakeServer) -> None:
    ids = [f"r{i:04}" for i in range(1000)]
    for i, run_id in enumerate(ids):
        server.add_lasting(run_id, 1 + 4 * i / 999)
    server.latency = 0.002

    runs = waiter.wait_many(ids, WaitSettings())

    assert len(runs) == 1000
    assert len(server.calls) <= 1.1 * len(ids)  # plus the start, at most ~2 per run
    assert waiter.elapsed <= 5 * 1.1 + 1


def test_as_completed_yields_runs_in_the_order_they_end(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 3.2)
    server.add_lasting("b", 1.1)
    server.add_lasting("c", 2.1)
    server.add("d", (0, "running"), (1.6, "failed"))

    seen = waiter.as_completed(["a", "b", "c", "d"], WaitSettings(), [])

    assert [run.id for run in seen] == ["b", "d", "c", "a"]
    assert statuses(seen) == ["completed", "failed", "completed", "completed"]
    assert all(run.output for run in seen if run.execution.status == "completed")  # read in full, not list items


def test_the_last_run_left_is_caught_with_a_held_read(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("quick", 0.2)
    server.add_lasting("slow", 47.3)

    waiter.wait_many(["quick", "slow"], WaitSettings())

    assert waiter.elapsed == pytest.approx(47.3)  # seen the moment it ended
    held = [c for c in server.calls if c.hold_seconds > 0]
    assert [c.run_ids for c in held] == [("slow",)]
    assert len(server.calls) <= 5


def test_a_few_long_runs_do_not_cost_a_list_every_half_second(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 100)
    server.add_lasting("b", 120)
    server.add_lasting("c", 130)

    waiter.wait_many(["a", "b", "c"], WaitSettings())

    assert len(server.of_kind("list")) <= 122 / 2 + 15  # about one look per poll interval once nothing changes
    assert waiter.elapsed == pytest.approx(130)  # the last run is caught by a held read


def test_a_run_missing_from_the_list_is_read_on_its_own(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 1)
    server.add_lasting("b", 1)
    server.unlisted = {"b"}

    runs = waiter.wait_many(["a", "b"], WaitSettings(max_hold_seconds=0))

    assert [run.id for run in runs] == ["a", "b"]
    assert ("b",) in [c.run_ids for c in server.of_kind("read")]


def test_an_unknown_run_among_many_ends_the_wait(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 1)

    with pytest.raises(NotFoundError):
        waiter.wait_many(["a", "ghost"], WaitSettings())


def test_transient_errors_among_many_are_waited_out(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 1)
    server.add_lasting("b", 2)
    server.add_lasting("c", 3)
    server.list_errors = [ServerError(503, retry_after=0.7)]
    server.read_errors = [APIConnectionError("reset")]

    runs = waiter.wait_many(["a", "b", "c"], WaitSettings(max_hold_seconds=0))

    assert [run.id for run in runs] == ["a", "b", "c"]
    assert 0.7 in waiter.clock.sleeps


def test_many_runs_time_out_naming_the_first_unfinished_and_cancel_them_all(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 1)
    server.add("b", (0, "running"))
    server.add("c", (0, "running"))

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait_many(["a", "b", "c"], WaitSettings(timeout_seconds=10, cancel_on_timeout=True))

    assert caught.value.run_id == "b"
    assert caught.value.cancelled
    assert caught.value.waited_seconds == pytest.approx(10)
    assert "2 of 3 runs not finished: b, c" in caught.value.__notes__
    assert [c.run_ids for c in server.of_kind("cancel")] == [("b",), ("c",)]


def test_many_runs_raise_on_the_first_failure_when_asked(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 5)
    server.add("b", (0, "running"), (1, "rejected"))

    with pytest.raises(RunFailedError) as caught:
        waiter.wait_many(["a", "b"], WaitSettings(raise_on_failure=True))

    assert caught.value.run.id == "b"
    assert waiter.elapsed < 2


def test_waiting_for_no_runs_asks_nothing(waiter: Waiter, server: FakeServer) -> None:
    assert waiter.wait_many([], WaitSettings()) == []
    assert server.calls == []


# ---------------------------------------------------------------------------------------------------------------
# Drivers
# ---------------------------------------------------------------------------------------------------------------


def test_async_wait_reads_finished_runs_concurrently(server: FakeServer, clock: FakeClock) -> None:
    in_flight = 0
    most_in_flight = 0

    class Slow(AsyncFakeServer):
        async def read(
            self,
            run_id: str,
            *,
            hold_seconds: int,
            expand: Sequence[str],
            deadline: Deadline | None,
            options: object = None,
        ) -> Observation:
            nonlocal in_flight, most_in_flight
            in_flight += 1
            most_in_flight = max(most_in_flight, in_flight)
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            in_flight -= 1
            return self.server.read(run_id, hold_seconds=hold_seconds, expand=expand, deadline=deadline)

    ids = [f"r{i}" for i in range(40)]
    for run_id in ids:
        server.add_lasting(run_id, 1)

    runs = asyncio.run(AsyncWaiter(Slow(server), clock).wait_all(ids, WaitSettings()))

    assert len(runs) == 40
    assert most_in_flight == _fanout.FETCH_CONCURRENCY


def test_leaving_an_iterator_early_sends_nothing_more(server: FakeServer, clock: FakeClock) -> None:
    server.add("r1", (0, "pending"), (2, "running"), (4, "completed"))

    states: Iterator[Run] = SyncWaiter(server, clock).poll("r1", WaitSettings())
    first = next(states)
    calls = len(server.calls)
    del states

    assert first.execution.status == "pending"
    assert len(server.calls) == calls


def test_poll_sleeps_take_their_jitter_from_the_modules_random_source(monkeypatch: pytest.MonkeyPatch) -> None:
    draws: list[float] = []
    real: Callable[[], float] = _retry.unit_random

    def recording() -> float:
        draws.append(real())
        return draws[-1]

    monkeypatch.setattr(_retry, "unit_random", recording)
    clock = FakeClock()
    server = FakeServer(clock, honours_holds=False)
    server.add_lasting("r1", 5)

    SyncWaiter(server, clock).wait("r1", WaitSettings(poll_interval_seconds=1.0))

    assert draws
    assert [pytest.approx(s) for s in clock.sleeps] == [jittered(1.0, d) for d in draws]
