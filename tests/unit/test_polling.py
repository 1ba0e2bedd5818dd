"""The waiting engine, against an in-memory server on a fake clock: nothing here really sleeps.

The real API holds no read of a run, so a wait polls: it reads at once, then pauses 0.25 s, half as long again after
each read, up to ``poll_interval_seconds``, with jitter. The schedules below are written out from that rule rather
than taken from ``_wait_rules``, so a change to the rules shows here.

Behaviour shared by the sync and async entry points is tested once, through the ``waiter`` fixture that runs
either driver.
"""

from __future__ import annotations

import asyncio
import inspect
import math
import random
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import attrs
import pytest
from clientkit import CLOCK_START, FakeClock, make_item, make_run
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_list_item import RunListItem

from eigenpal_ext._async._reader import AsyncRunReader
from eigenpal_ext._async._waiter import AsyncWaiter
from eigenpal_ext._core import _retry
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    NotFoundError,
    RateLimitError,
    RunFailedError,
    ServerError,
)
from eigenpal_ext._core._options import DEFAULT_WAIT_SECONDS
from eigenpal_ext._core._wait_rules import (
    WaitSettings,
    is_new_state,
    jittered,
    next_tick,
    poll_delay,
    poll_interval,
    wait_deadline,
)
from eigenpal_ext._core._waiting import _flows, _steps
from eigenpal_ext._core._waiting._steps import Observation
from eigenpal_ext._sync._reader import RunReader
from eigenpal_ext._sync._waiter import Waiter as SyncWaiter
from eigenpal_ext._transport import _fanout

# ---------------------------------------------------------------------------------------------------------------
# Fakes
# ---------------------------------------------------------------------------------------------------------------


@attrs.frozen
class Call:
    kind: str  # read, list, cancel
    run_ids: tuple[str, ...]
    at: float  # seconds since CLOCK_START when sent
    expand: tuple[str, ...] = ()


Timeline = Sequence[tuple[float, str] | tuple[float, str, int]]


class FakeServer:
    """Runs that move along scripted timelines (seconds since CLOCK_START), served as the RunReader protocol asks.

    Like the real API it answers every read at once (after ``latency``): its ``read`` has no hold to ask for.
    Errors queued in ``read_errors``/``list_errors`` are raised by the next reads/lists, before any answer.
    """

    def __init__(self, clock: FakeClock, *, poll_after: float | None = None, latency: float = 0.0) -> None:
        self.clock = clock
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

    def read(
        self,
        run_id: str,
        *,
        expand: Sequence[str],
        deadline: Deadline | None,
        options: object = None,
    ) -> Observation:
        self.calls.append(Call("read", (run_id,), self.clock.now - CLOCK_START, tuple(expand)))
        if self.read_errors:
            raise self.read_errors.pop(0)
        self.clock.now += self.latency
        return Observation(self.snapshot(run_id), self.poll_after)

    def read_many(self, run_ids: Sequence[str], *, deadline: Deadline, options: object = None) -> list[RunListItem]:
        self.calls.append(Call("list", tuple(run_ids), self.clock.now - CLOCK_START))
        assert len(run_ids) <= 100
        if self.list_errors:
            raise self.list_errors.pop(0)
        self.clock.now += self.latency
        return [self.list_item(r) for r in run_ids if r in self.timelines and r not in self.unlisted]

    def cancel(self, run_id: str, *, deadline: Deadline, options: object = None) -> None:
        self.calls.append(Call("cancel", (run_id,), self.clock.now - CLOCK_START))
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
        expand: Sequence[str],
        deadline: Deadline | None,
        options: object = None,
    ) -> Observation:
        await asyncio.sleep(0)
        return self.server.read(run_id, expand=expand, deadline=deadline)

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

    def deadline(self, timeout_seconds: float) -> Deadline:
        return wait_deadline(self.clock, timeout_seconds)

    def wait(
        self, run_id: str, settings: WaitSettings, timeout_seconds: float = DEFAULT_WAIT_SECONDS, **options: Any
    ) -> Run:
        options["deadline"] = self.deadline(timeout_seconds)
        if self.mode == "sync":
            return SyncWaiter(self.server, self.clock).wait(run_id, settings, **options)
        return asyncio.run(AsyncWaiter(AsyncFakeServer(self.server), self.clock).wait(run_id, settings, **options))

    def poll(
        self, run_id: str, settings: WaitSettings, seen: list[Run], timeout_seconds: float = DEFAULT_WAIT_SECONDS
    ) -> list[Run]:
        deadline = self.deadline(timeout_seconds)
        if self.mode == "sync":
            seen.extend(SyncWaiter(self.server, self.clock).poll(run_id, settings, deadline=deadline))
        else:
            states = AsyncWaiter(AsyncFakeServer(self.server), self.clock).poll(run_id, settings, deadline=deadline)
            asyncio.run(_collect(states, seen))
        return seen

    def wait_many(
        self, run_ids: Sequence[str], settings: WaitSettings, timeout_seconds: float = DEFAULT_WAIT_SECONDS
    ) -> list[Run]:
        deadline = self.deadline(timeout_seconds)
        if self.mode == "sync":
            return SyncWaiter(self.server, self.clock).wait_all(run_ids, settings, deadline=deadline)
        waiter = AsyncWaiter(AsyncFakeServer(self.server), self.clock)
        return asyncio.run(waiter.wait_all(run_ids, settings, deadline=deadline))

    def as_completed(self, run_ids: Sequence[str], settings: WaitSettings, seen: list[Run]) -> list[Run]:
        deadline = self.deadline(DEFAULT_WAIT_SECONDS)
        if self.mode == "sync":
            seen.extend(SyncWaiter(self.server, self.clock).as_completed(run_ids, settings, deadline=deadline))
        else:
            iterator = AsyncWaiter(AsyncFakeServer(self.server), self.clock).as_completed(
                run_ids, settings, deadline=deadline
            )
            asyncio.run(_collect(iterator, seen))
        return seen

    def first_state(self, run_id: str, settings: WaitSettings) -> Run:
        """The first state from ``poll``, then leave the iterator (closing it, as ``break`` in a loop would)."""
        deadline = self.deadline(DEFAULT_WAIT_SECONDS)
        if self.mode == "sync":
            states = SyncWaiter(self.server, self.clock).poll(run_id, settings, deadline=deadline)
            first = next(iter(states))
            del states
            return first
        return asyncio.run(
            _first(AsyncWaiter(AsyncFakeServer(self.server), self.clock).poll(run_id, settings, deadline=deadline))
        )

    @property
    def elapsed(self) -> float:
        return self.clock.now - CLOCK_START


async def _collect(runs: AsyncIterator[Run], into: list[Run]) -> None:
    async for run in runs:
        into.append(run)


async def _first(runs: AsyncIterator[Run]) -> Run:
    async for run in runs:
        return run  # asyncio.run closes the iterator left behind
    raise AssertionError("the iterator gave no state")


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


@pytest.fixture
def no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every jitter draw in the middle of its range, so pauses are exactly what the rules say and counts are exact."""
    monkeypatch.setattr(_retry, "unit_random", lambda: 0.5)


def schedule(poll_interval_seconds: float, pauses: int) -> list[float]:
    """The first ``pauses`` pauses of a wait on a run that goes on, before jitter, as the docs state the rule:
    0.25 s, then half as long again each time, never more than ``poll_interval_seconds``."""
    return [min(poll_interval_seconds, 0.25 * 1.5**n) for n in range(pauses)]


def within_jitter(pauses: Sequence[float], expected: Sequence[float]) -> bool:
    """Whether each pause is its expected length give or take 10 %."""
    return len(pauses) == len(expected) and all(
        0.9 * want - 1e-9 <= got <= 1.1 * want + 1e-9 for got, want in zip(pauses, expected, strict=True)
    )


# ---------------------------------------------------------------------------------------------------------------
# Pure decisions
# ---------------------------------------------------------------------------------------------------------------


def test_the_poll_interval_starts_at_a_quarter_second_and_grows_by_half_up_to_the_cap() -> None:
    assert [poll_interval(reads, 2.0) for reads in range(1, 9)] == [
        0.25,
        0.375,
        0.5625,
        0.84375,
        1.265625,
        1.8984375,
        2.0,
        2.0,
    ]
    assert [poll_interval(reads, 1.0) for reads in range(1, 7)] == [0.25, 0.375, 0.5625, 0.84375, 1.0, 1.0]
    assert poll_interval(1, 0.1) == 0.1  # a poll interval shorter than the first pause is never exceeded
    assert poll_interval(500, 5.0) == 5.0


def test_a_server_hint_may_lengthen_a_poll_never_shorten_it_and_jitter_is_bounded() -> None:
    assert poll_delay(2.0, None, 0.5) == pytest.approx(2.0)
    assert poll_delay(2.0, 0.75, 0.5) == pytest.approx(2.0)  # a shorter hint does not speed the wait up
    assert poll_delay(0.25, 3.0, 0.5) == pytest.approx(3.0)  # a longer one wins
    assert poll_delay(0.25, 1e9, 0.5) == pytest.approx(_retry.MAX_RETRY_AFTER_SECONDS)  # capped like a Retry-After
    # A hint of 0 keeps the schedule, which never polls more than four times a second (jitter: +-10 %).
    for hint in (0.0, -0.0, None):
        assert poll_delay(poll_interval(1, 2.0), hint, 0.0) >= 0.25 * 0.9
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
    flow = _flows.wait_flow("r1", WaitSettings(), deadline, lambda: 0.5)
    running = make_run("r1", "running")

    assert next(flow) == _steps.Read("r1", (), deadline)  # at once
    assert flow.send(Observation(running)) == _steps.Emit(running)
    assert next(flow) == _steps.Sleep(0.25)
    clock.now = 0.25
    assert next(flow) == _steps.Read("r1", (), deadline)
    assert flow.send(Observation(running)) == _steps.Sleep(0.375)  # the same state is not shown again
    clock.now = 0.625
    assert next(flow) == _steps.Read("r1", (), deadline)
    assert flow.send(Observation(running, poll_after_seconds=3.0)) == _steps.Sleep(3.0)  # the server's hint
    clock.now = 3.625
    assert next(flow) == _steps.Read("r1", (), deadline)
    assert flow.throw(ServerError(503, retry_after=4.0)) == _steps.Sleep(4.0)  # Retry-After
    clock.now = 7.625
    assert next(flow) == _steps.Read("r1", (), deadline)
    assert flow.send(Observation(running)) == _steps.Sleep(1.265625)  # the fifth read: 0.25 * 1.5**4
    clock.now = 8.890625
    assert next(flow) == _steps.Read("r1", (), deadline)
    done = make_run("r1", "completed")
    assert flow.send(Observation(done)) == _steps.Emit(done)
    with pytest.raises(StopIteration) as stopped:
        next(flow)
    assert stopped.value.value is done


def test_no_read_asks_for_a_hold() -> None:
    """The real API holds no read of a run: the flow's read, the readers and the settings have no place for one."""
    assert [field.name for field in attrs.fields(_steps.Read)] == ["run_id", "expand", "deadline"]
    for reader in (RunReader, AsyncRunReader):
        assert list(inspect.signature(reader.read).parameters) == ["self", "run_id", "expand", "deadline", "options"]
    assert "max_hold_seconds" not in attrs.fields_dict(WaitSettings)


def test_a_state_is_new_when_anything_in_the_snapshot_changed() -> None:
    assert is_new_state(None, make_run("r", "running"))
    assert not is_new_state(make_run("r", "running"), make_run("r", "running"))
    assert is_new_state(make_run("r", "running"), make_run("r", "running", progress=1))
    assert is_new_state(make_run("r", "running"), make_run("r", "completed"))


def test_settings_refuse_values_that_cannot_bound_a_wait() -> None:
    with pytest.raises(InvalidArgumentError, match="timeout_seconds"):
        wait_deadline(FakeClock(), -1)
    with pytest.raises(InvalidArgumentError, match="poll_interval_seconds"):
        WaitSettings(poll_interval_seconds=0)
    with pytest.raises(InvalidArgumentError, match="timeout_seconds"):
        wait_deadline(FakeClock(), math.nan)
    assert "timeout_seconds" not in attrs.fields_dict(WaitSettings)  # time travels as the call's Deadline only
    assert WaitSettings(expand=["usage"]).expand == ("usage",)
    assert WaitSettings(expand="usage, execution").expand == ("usage", "execution")


# ---------------------------------------------------------------------------------------------------------------
# One run
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("interval", [2.0, 1.0, 5.0])
def test_a_wait_on_a_long_run_pauses_a_quarter_second_then_half_as_long_again_up_to_the_interval(
    waiter: Waiter, server: FakeServer, interval: float
) -> None:
    server.add("r1", (0, "running"))

    with pytest.raises(EigenpalTimeoutError):
        waiter.wait("r1", WaitSettings(poll_interval_seconds=interval), timeout_seconds=40)

    pauses = waiter.clock.sleeps[:-1]  # the last one is cut short by the deadline
    assert within_jitter(pauses, schedule(interval, len(pauses)))
    assert pauses[0] <= 0.275  # the second read comes a quarter second after the first
    assert len(pauses) > 10
    reads = server.of_kind("read")
    assert reads[0].at == 0  # the first read goes out at once
    assert len(reads) == len(waiter.clock.sleeps)  # one read before each pause, none after the deadline
    assert waiter.elapsed == pytest.approx(sum(waiter.clock.sleeps))  # every read answered at once: none was held


def test_a_run_that_ends_a_second_in_is_seen_within_one_pause_of_its_end(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("r1", 1.0)

    run = waiter.wait("r1", WaitSettings())  # poll_interval_seconds=2: the old pace would see it a second late

    assert run.execution.status == "completed"
    assert 1.0 <= waiter.elapsed <= 1.0 + waiter.clock.sleeps[-1]
    assert within_jitter(waiter.clock.sleeps, [0.25, 0.375, 0.5625])  # reads at about 0, 0.25, 0.625, 1.19 s
    assert len(server.of_kind("read")) == 4


@pytest.mark.usefixtures("no_jitter")
def test_a_ninety_second_run_costs_the_reads_of_the_ramp_then_one_per_poll_interval(
    waiter: Waiter, server: FakeServer
) -> None:
    server.add_lasting("r1", 90)

    waiter.wait("r1", WaitSettings(poll_interval_seconds=2.0))

    # The ramp: reads at 0 s and after pauses of 0.25, 0.375, 0.5625, 0.84375, 1.265625 and 1.8984375 s, 7 reads by
    # 5.1953125 s; then one every 2 s, the first at or after 90 s being 5.1953125 + 43 * 2 = 91.1953125 s.
    ramp = schedule(2.0, 6)
    assert ramp[-1] < 2.0 <= 0.25 * 1.5 ** len(ramp)
    after_ramp = math.ceil((90 - sum(ramp)) / 2.0)
    expected_reads = 1 + len(ramp) + after_ramp
    assert expected_reads == 50
    reads = server.of_kind("read")
    assert len(reads) == expected_reads
    assert [call.at for call in reads[:8]] == [0, 0.25, 0.625, 1.1875, 2.03125, 3.296875, 5.1953125, 7.1953125]
    assert waiter.elapsed == pytest.approx(sum(ramp) + 2.0 * after_ramp) == pytest.approx(91.1953125)


def test_the_wait_ends_at_the_deadline_with_the_last_state_seen(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"))

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait("r1", WaitSettings(), timeout_seconds=130.5)

    assert waiter.elapsed == pytest.approx(130.5)  # never past the deadline: the last pause is cut to what is left
    assert all(call.at < 130.5 for call in server.calls)  # no read at the deadline, when its answer would be late
    error = caught.value
    assert error.run_id == "r1"
    assert error.waited_seconds == pytest.approx(130.5)
    assert error.last_run is not None
    assert error.last_run.execution.status == "running"
    assert error.__cause__ is None
    assert not error.cancelled
    assert server.of_kind("cancel") == []  # the run goes on


def test_a_servers_poll_after_hint_longer_than_the_interval_sets_the_pace(waiter: Waiter, server: FakeServer) -> None:
    server.poll_after = 3.0
    server.add_lasting("r1", 10)

    waiter.wait("r1", WaitSettings(poll_interval_seconds=2.0))

    assert waiter.clock.sleeps
    assert within_jitter(waiter.clock.sleeps, [3.0] * len(waiter.clock.sleeps))  # not the ramp, not the interval
    assert 10 <= waiter.elapsed <= 10 + 1.1 * 3.0


@pytest.mark.parametrize("hint", [0.0, 0.1, 0.5])
def test_a_servers_short_poll_after_hint_never_speeds_the_wait_up(
    waiter: Waiter, server: FakeServer, hint: float
) -> None:
    server.poll_after = hint
    server.add_lasting("r1", 10)

    waiter.wait("r1", WaitSettings(poll_interval_seconds=2.0))

    ramp = [max(hint, poll_interval(reads, 2.0)) for reads in range(1, len(waiter.clock.sleeps) + 1)]
    assert within_jitter(waiter.clock.sleeps, ramp)
    assert len(waiter.clock.sleeps) <= 10  # about 14 s of ramp and interval for a 10 s run, not 10 / hint


def test_poll_sleeps_are_jittered_within_ten_percent(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"))

    with pytest.raises(EigenpalTimeoutError):
        waiter.wait("r1", WaitSettings(poll_interval_seconds=1.0), timeout_seconds=60)

    polls = waiter.clock.sleeps[:-1]  # the last one is cut short by the deadline
    assert len(polls) > 40
    ratios = [pause / want for pause, want in zip(polls, schedule(1.0, len(polls)), strict=True)]
    assert all(0.9 <= ratio <= 1.1 for ratio in ratios)
    assert min(ratios) < 0.97 and max(ratios) > 1.03  # really jittered, either way
    assert waiter.clock.sleeps[-1] <= 1.1
    assert waiter.elapsed == pytest.approx(60)


def test_cancel_on_timeout_cancels_once_and_says_so(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"))

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait("r1", WaitSettings(cancel_on_timeout=True), timeout_seconds=5)

    assert server.of_kind("cancel") == [Call("cancel", ("r1",), 5.0)]
    assert caught.value.cancelled


def test_a_failed_cancel_does_not_hide_the_timeout(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "running"))
    server.cancel_error = ServerError(503)

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait("r1", WaitSettings(cancel_on_timeout=True), timeout_seconds=5)

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
        waiter.wait("r1", WaitSettings(), timeout_seconds=100)

    assert waiter.elapsed == pytest.approx(100)
    assert server.of_kind("read")[-1].at > 98  # it kept reading to the end
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
    assert waiter.clock.sleeps[:2] == [pytest.approx(0.5, rel=0.26), pytest.approx(1.0, rel=0.26)]  # backing off
    assert 20 <= waiter.elapsed <= 20 + 2.2  # then polled on to the end
    assert len(server.of_kind("read")) == len(waiter.clock.sleeps) + 1


def test_a_retry_after_longer_than_the_time_left_ends_the_wait_with_the_error_as_cause(
    waiter: Waiter, server: FakeServer
) -> None:
    server.add_lasting("r1", 2)
    too_long = ServerError(503, retry_after=60.0)
    server.read_errors = [RateLimitError(429, retry_after=3.0), too_long]

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait("r1", WaitSettings(), timeout_seconds=30)

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
    assert 8 <= waiter.elapsed <= 8 + 1.1


def test_poll_raises_at_the_deadline_after_the_states_it_saw(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "pending"), (2, "running"))
    seen: list[Run] = []

    with pytest.raises(EigenpalTimeoutError):
        waiter.poll("r1", WaitSettings(), seen, timeout_seconds=10)

    assert statuses(seen) == ["pending", "running"]
    assert waiter.elapsed == pytest.approx(10)


def test_a_wait_with_no_time_still_reads_once(waiter: Waiter, server: FakeServer) -> None:
    server.add("done", (0, "completed"))
    server.add("going", (0, "running"))

    assert waiter.wait("done", WaitSettings(), timeout_seconds=0).execution.status == "completed"
    with pytest.raises(EigenpalTimeoutError):
        waiter.wait("going", WaitSettings(), timeout_seconds=0)
    assert [(c.kind, c.run_ids) for c in server.calls] == [("read", ("done",)), ("read", ("going",))]
    assert waiter.clock.sleeps == []
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
    assert len(server.of_kind("read")) == 1000  # each read in full once
    assert len(server.calls) <= 1.1 * len(ids)  # and a few lists
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


def test_the_last_run_left_is_watched_with_lists_and_read_once_it_ends(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("quick", 0.2)
    server.add_lasting("slow", 47.3)

    waiter.wait_many(["quick", "slow"], WaitSettings(poll_interval_seconds=2.0))

    reads = server.of_kind("read")
    assert [c.run_ids for c in reads] == [("quick",), ("slow",)]  # no lone reads of the run still going ...
    assert reads[1].at >= 47.3  # ... only the full read once the list showed it finished
    lists = server.of_kind("list")
    assert all(c.run_ids == ("slow",) for c in lists[2:])
    assert 47.3 / 2.2 <= len(lists) <= 47.3 / 2 + 10  # about one look per poll interval once nothing changes
    assert 47.3 <= waiter.elapsed <= 47.3 + 2.2  # its end seen within a look


def test_a_few_long_runs_do_not_cost_a_list_every_half_second(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 100)
    server.add_lasting("b", 120)
    server.add_lasting("c", 130)

    waiter.wait_many(["a", "b", "c"], WaitSettings())

    assert len(server.of_kind("list")) <= 130 / 2 + 15  # about one look per poll interval once nothing changes
    assert len(server.of_kind("read")) == 3
    assert 130 <= waiter.elapsed <= 130 + 2.2


def test_a_run_missing_from_the_list_is_read_on_its_own(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 1)
    server.add_lasting("b", 1)
    server.unlisted = {"b"}

    runs = waiter.wait_many(["a", "b"], WaitSettings())

    assert [run.id for run in runs] == ["a", "b"]
    assert ("b",) in [c.run_ids for c in server.of_kind("read")]


def test_an_unknown_run_among_many_ends_the_wait(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 1)

    with pytest.raises(NotFoundError):
        waiter.wait_many(["a", "ghost"], WaitSettings())

    assert waiter.elapsed < 1  # at once, not at the deadline


def test_transient_errors_among_many_are_waited_out(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 1)
    server.add_lasting("b", 1)
    server.add_lasting("c", 3)
    server.list_errors = [ServerError(503, retry_after=0.7)]
    server.read_errors = [APIConnectionError("reset")]  # the full read of "a"

    runs = waiter.wait_many(["a", "b", "c"], WaitSettings())

    assert [run.id for run in runs] == ["a", "b", "c"]
    assert 0.7 in waiter.clock.sleeps
    reads = Counter(c.run_ids[0] for c in server.of_kind("read"))
    assert reads == {"a": 2, "b": 1, "c": 1}  # "a" read again; "b", read in the same look, was taken in at once


def test_many_runs_time_out_naming_the_first_unfinished_and_cancel_them_all(waiter: Waiter, server: FakeServer) -> None:
    server.add_lasting("a", 1)
    server.add("b", (0, "running"))
    server.add("c", (0, "running"))

    with pytest.raises(EigenpalTimeoutError) as caught:
        waiter.wait_many(["a", "b", "c"], WaitSettings(cancel_on_timeout=True), timeout_seconds=10)

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
            return self.server.read(run_id, expand=expand, deadline=deadline)

    ids = [f"r{i}" for i in range(40)]
    for run_id in ids:
        server.add_lasting(run_id, 1)

    runs = asyncio.run(
        AsyncWaiter(Slow(server), clock).wait_all(ids, WaitSettings(), deadline=Deadline.after(clock, 300))
    )

    assert len(runs) == 40
    assert most_in_flight == _fanout.FETCH_CONCURRENCY


def test_leaving_an_iterator_early_sends_nothing_more(waiter: Waiter, server: FakeServer) -> None:
    server.add("r1", (0, "pending"), (2, "running"), (4, "completed"))

    first = waiter.first_state("r1", WaitSettings())

    assert first.execution.status == "pending"
    assert [(c.kind, c.run_ids, c.at) for c in server.calls] == [("read", ("r1",), 0)]  # the read that showed it ...
    assert waiter.clock.sleeps == []  # ... and nothing after it: no read ahead, no pause, no read on leaving


def test_poll_sleeps_take_their_jitter_from_the_modules_random_source(monkeypatch: pytest.MonkeyPatch) -> None:
    draws: list[float] = []
    real: Callable[[], float] = _retry.unit_random

    def recording() -> float:
        draws.append(real())
        return draws[-1]

    monkeypatch.setattr(_retry, "unit_random", recording)
    clock = FakeClock()
    server = FakeServer(clock)
    server.add_lasting("r1", 5)

    SyncWaiter(server, clock).wait("r1", WaitSettings(poll_interval_seconds=1.0), deadline=Deadline.after(clock, 300))

    assert len(draws) == len(clock.sleeps) > 5
    expected = [jittered(want, draw) for want, draw in zip(schedule(1.0, len(draws)), draws, strict=True)]
    assert clock.sleeps == [pytest.approx(pause) for pause in expected]


@pytest.mark.parametrize("flow_of", ["many", "ticks"])
def test_every_flow_refuses_a_full_read_about_another_run(flow_of: str) -> None:
    """The run-id check is one function (``_in_flight.observed``) that every flow's reads go through."""
    clock = FakeClock()
    deadline = Deadline.after(clock, 60)
    settings = WaitSettings()
    if flow_of == "many":
        flow: Any = _flows.many_flow(["r1"], settings, deadline, lambda: 0.5)
        assert isinstance(next(flow), _steps.ReadMany)
    else:
        flow = _flows.ticks_flow(1, 1, settings, deadline, lambda: 0.5)
        assert isinstance(next(flow), _steps.StartEach)
        assert isinstance(flow.send([make_run("r1", "running")]), _steps.Sleep)
        assert isinstance(next(flow), _steps.ReadMany)
    assert isinstance(flow.send([make_item("r1", "completed")]), _steps.ReadEach)
    with pytest.raises(APIResponseValidationError, match=r"'r1'.*'r2'"):
        flow.send([Observation(make_run("r2", "completed"))])
