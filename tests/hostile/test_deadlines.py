"""Every call ends by its deadline, whatever the server does: the client against :mod:`tests.hostile.server`.

Each case starts a :class:`HostileServer`, makes a client with default settings
(``EigenpalClient(api_key=..., base_url=server.base_url)``; plain calls add ``timeout=1``), makes one call with a
1 s deadline and checks that it ended within 2 s of wall time (the deadline plus a second: a correctness bound,
not a speed test; the margin is as large as the deadline itself, so a loaded machine running the tests on every
core does not fail a client that is right) with the error the API promises:

- a wait that ran out of time raises :class:`EigenpalTimeoutError` carrying the run id (when one is known), the
  last run seen and the time it really waited; when a ``Retry-After`` longer than the time left ended it, its
  ``__cause__`` is the last :class:`APIError`;
- a 2xx body with a wrong type in a field the client reads raises :class:`APIResponseValidationError` naming it,
  while one in a field the client does not read is kept, reported once on the ``eigenpal_ext.drift`` logger, and
  the call succeeds;
- an answer too large raises an :class:`EigenpalError` (the size-limit error);
- and no request reaches the server after the deadline.

A call still running after ``HOSTILE_GIVE_UP_SECONDS`` (default 4) is abandoned and the case fails: the async
task is cancelled; the sync call's thread is unblocked by stopping the server and then left to end on its own
(a daemon thread, which owns its client and catches everything). Raise the variable to see how long today's
client really takes.

The matrix: every hostile mode against sync ``runs.wait``, sync ``run_and_wait`` and async ``runs.wait``; every
other wait (sync and async) against ``silent``, ``trickle_body`` and ``retry_after_huge``; plain calls against the
modes that concern them.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Final

import eigenpal_api.types
import pytest
from eigenpal_api.models.run import Run

from eigenpal_ext import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    AsyncEigenpalClient,
    EigenpalClient,
    EigenpalError,
    EigenpalTimeoutError,
)

from .server import DEFAULT_RUN_ID, MODES, HostileServer, Mode

API_KEY: Final = "sk_test_hostile"
RUN_ID: Final = DEFAULT_RUN_ID
OTHER_RUN_ID: Final = "run_2"
TARGET: Final = "workflows.extract-invoice"
INPUT: Final = {"invoice": "INV-1"}

DEADLINE: Final = 1.0
"""``timeout_seconds`` of every wait, ``timeout=`` of plain calls."""
HELD_START_TIMEOUT: Final = 1.0
"""The client ``timeout=`` of the held-start case: its deadline is its hold plus this."""
HELD_DEADLINE: Final = 2.0
"""The deadline of the held-start case: the shortest hold (1 s: a hold is whole seconds) plus its ``timeout=``."""
MARGIN: Final = 1.5
"""How long after its deadline a call may still end: the time to notice it and raise, on a busy machine. The promise
is a second; the test command runs four workers on two cores, where a thread can wait its turn for a few tenths of a
second more (seen once: 2.13 s for a 1 s deadline)."""
BOUND: Final = DEADLINE + MARGIN
"""Every call must have ended (returned or raised) after this many seconds of wall time."""
EARLY: Final = 0.25
"""A wait that times out this much before its deadline gave up early."""
LATE: Final = 0.25
"""A request that reaches the server this long after the deadline was sent after it."""
GIVE_UP: Final = float(os.environ.get("HOSTILE_GIVE_UP_SECONDS", "4"))
"""After this long a call that has not ended is abandoned (the case fails)."""
SERVER_SECONDS: Final = GIVE_UP + 60
"""How long each hostile server lives: past the give-up, so a long look at today's client sees the server's
behaviour all along and not a server that went away."""

Start = Callable[..., HostileServer]
SyncCall = Callable[[EigenpalClient], object]
AsyncCall = Callable[[AsyncEigenpalClient], Awaitable[object]]


# --- running one call with a watchdog ------------------------------------------------------------------------


@dataclass
class Outcome:
    """How a call ended.

    Attributes:
        began: ``time.monotonic()`` just before the call.
        elapsed: Wall time of the call; ``None`` when it was abandoned after ``GIVE_UP`` seconds.
        result: What it returned.
        error: What it raised.
        give_up: After how long an unfinished call was (or would have been) abandoned.
    """

    began: float
    elapsed: float | None
    result: object = None
    error: BaseException | None = None
    give_up: float = GIVE_UP

    def describe(self) -> str:
        if self.elapsed is None:
            return f"still running after {self.give_up:g}s (abandoned)"
        if self.error is None:
            return f"returned {_short(self.result)} after {self.elapsed:.2f}s"
        cause = f", cause {type(self.error.__cause__).__name__}" if self.error.__cause__ is not None else ""
        return f"raised {type(self.error).__name__}({_short(self.error)}){cause} after {self.elapsed:.2f}s"


def _short(value: object) -> str:
    if isinstance(value, Run):
        return f"Run(status={value.execution.status}, finished={value.finished!r})"
    if isinstance(value, list):
        return "[" + ", ".join(_short(item) for item in value) + "]"
    text = str(value)
    return text if len(text) <= 160 else text[:160] + "..."


def run_sync(server: HostileServer, call: SyncCall, give_up: float = GIVE_UP, **options: Any) -> Outcome:
    """Make a sync client in a worker thread and ``call(client)`` there, waiting at most ``give_up`` seconds."""
    outcomes: list[Outcome] = []
    began = [time.monotonic()]
    clients: list[EigenpalClient] = []

    def work() -> None:
        client = EigenpalClient(api_key=API_KEY, base_url=server.base_url, **options)
        clients.append(client)
        began[0] = time.monotonic()
        try:
            result = call(client)
        except BaseException as exc:  # everything goes to the test: nothing leaks from the thread
            outcomes.append(Outcome(began[0], time.monotonic() - began[0], error=exc))
        else:
            outcomes.append(Outcome(began[0], time.monotonic() - began[0], result=result))
        finally:
            with suppress(BaseException):
                client.close()

    worker = threading.Thread(target=work, name="hostile-call", daemon=True)
    worker.start()
    worker.join(give_up)
    if outcomes:
        return outcomes[0]
    # Unblock what can be unblocked: the server's sockets close, and the closed client refuses any further request
    # (so a thread asleep in a retry delay cannot reach a later test's server on a reused port when it wakes).
    server.stop()
    for client in clients:
        with suppress(Exception):
            client.close()
    worker.join(2.0)
    return Outcome(began[0], None, give_up=give_up)


def run_async(server: HostileServer, call: AsyncCall, give_up: float = GIVE_UP, **options: Any) -> Outcome:
    """Make an async client and await ``call(client)`` in a fresh event loop, at most ``give_up`` seconds."""

    async def main() -> Outcome:
        async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, **options) as client:
            began = time.monotonic()

            async def timed() -> Outcome:
                try:
                    result = await call(client)
                except Exception as exc:  # reported to the test
                    return Outcome(began, time.monotonic() - began, error=exc)
                return Outcome(began, time.monotonic() - began, result=result)

            task = asyncio.ensure_future(timed())
            done, _ = await asyncio.wait({task}, timeout=give_up)
            if done:
                return task.result()
            task.cancel()
            await asyncio.wait({task}, timeout=2.0)
            return Outcome(began, None, give_up=give_up)

    return asyncio.run(main())


def run_call(flavour: str, server: HostileServer, calls: tuple[SyncCall, AsyncCall], **options: Any) -> Outcome:
    sync_call, async_call = calls
    if flavour == "sync":
        return run_sync(server, sync_call, **options)
    return run_async(server, async_call, **options)


async def _collect(items: AsyncIterator[Run]) -> list[Run]:
    return [item async for item in items]


# --- what to call ------------------------------------------------------------------------------------------------

WAITS: Final[dict[str, tuple[SyncCall, AsyncCall]]] = {
    "runs.wait": (
        lambda client: client.runs.wait(RUN_ID, timeout_seconds=DEADLINE),
        lambda client: client.runs.wait(RUN_ID, timeout_seconds=DEADLINE),
    ),
    "run_and_wait": (
        lambda client: client.run_and_wait(TARGET, INPUT, timeout_seconds=DEADLINE),
        lambda client: client.run_and_wait(TARGET, INPUT, timeout_seconds=DEADLINE),
    ),
    "runs.poll": (
        lambda client: list(client.runs.poll(RUN_ID, timeout_seconds=DEADLINE)),
        lambda client: _collect(client.runs.poll(RUN_ID, timeout_seconds=DEADLINE)),
    ),
    "runs.wait_all": (
        lambda client: client.runs.wait_all([RUN_ID, OTHER_RUN_ID], timeout_seconds=DEADLINE),
        lambda client: client.runs.wait_all([RUN_ID, OTHER_RUN_ID], timeout_seconds=DEADLINE),
    ),
    "runs.as_completed": (
        lambda client: list(client.runs.as_completed([RUN_ID, OTHER_RUN_ID], timeout_seconds=DEADLINE)),
        lambda client: _collect(client.runs.as_completed([RUN_ID, OTHER_RUN_ID], timeout_seconds=DEADLINE)),
    ),
    "handle.wait": (
        lambda client: client.runs.handle(RUN_ID).wait(timeout_seconds=DEADLINE),
        lambda client: client.runs.handle(RUN_ID).wait(timeout_seconds=DEADLINE),
    ),
    # A held start is bounded by its hold plus the client's per-call timeout (an upload may take long before the
    # hold begins, and the answer comes after it): a hold of 1 s with timeout=1 makes HELD_DEADLINE.
    "run(wait_for_completion)": (
        lambda client: client.run(TARGET, INPUT, wait_for_completion=HELD_DEADLINE - HELD_START_TIMEOUT),
        lambda client: client.run(TARGET, INPUT, wait_for_completion=HELD_DEADLINE - HELD_START_TIMEOUT),
    ),
}
SINGLE_RUN_WAITS: Final = frozenset({"runs.wait", "runs.poll", "handle.wait"})
"""Waits for one run whose id the caller gave: their timeout error must name it."""

PLAIN: Final[dict[str, tuple[SyncCall, AsyncCall]]] = {
    "runs.get": (lambda client: client.runs.get(RUN_ID), lambda client: client.runs.get(RUN_ID)),
    "runs.list": (lambda client: client.runs.list(), lambda client: client.runs.list()),
    "runs.cancel": (lambda client: client.runs.cancel(RUN_ID), lambda client: client.runs.cancel(RUN_ID)),
}

HOSTILE_MODES: Final[tuple[Mode, ...]] = tuple(
    mode
    for mode in MODES
    if mode not in ("null_output_then_completed", "scripted")  # scripted: the other files
)
"""Every mode in which a call must fail (``null_output_then_completed`` is the one that ends well)."""
STUCK_MODES: Final = frozenset({"silent", "trickle_headers", "trickle_body", "null_output_running"})
"""Modes in which the only honest ending is time running out."""
RETRY_AFTER_MODES: Final = frozenset({"retry_after_huge", "rate_limited_30"})
HUGE_MODES: Final = frozenset({"huge_body", "huge_body_chunked"})
FULLY_COVERED: Final = frozenset({("sync", "runs.wait"), ("sync", "run_and_wait"), ("async", "runs.wait")})
OTHER_MODES: Final[tuple[Mode, ...]] = ("silent", "trickle_body", "retry_after_huge")


def _wait_cases() -> list[Any]:
    cases: list[Any] = []
    for flavour in ("sync", "async"):
        for wait in WAITS:
            modes = HOSTILE_MODES if (flavour, wait) in FULLY_COVERED else OTHER_MODES
            cases.extend(pytest.param(flavour, wait, mode, id=f"{flavour}-{wait}-{mode}") for mode in modes)
    return cases


def _plain_cases() -> list[Any]:
    everywhere: tuple[Mode, ...] = ("silent", "trickle_headers", "trickle_body", "wrong_types")
    get_only: tuple[Mode, ...] = ("retry_after_huge", "rate_limited_30", "huge_body", "huge_body_chunked")
    cases: list[Any] = []
    for flavour in ("sync", "async"):
        for call in PLAIN:
            modes = everywhere + get_only if call == "runs.get" else everywhere
            cases.extend(pytest.param(flavour, call, mode, id=f"{flavour}-{call}-{mode}") for mode in modes)
    return cases


# --- checks ------------------------------------------------------------------------------------------------------


def _note(request: pytest.FixtureRequest, outcome: Outcome) -> None:
    """Keep the outcome with the test's report (``user_properties``: JUnit XML with ``junit_family=xunit1``)."""
    request.node.user_properties.append(("outcome", outcome.describe()))
    request.node.user_properties.append(
        ("elapsed", "abandoned" if outcome.elapsed is None else f"{outcome.elapsed:.2f}")
    )


def _ended_in_time(
    label: str, outcome: Outcome, request: pytest.FixtureRequest, deadline: float = DEADLINE
) -> BaseException:
    """Note the outcome; check the call ended within its deadline and MARGIN by raising an EigenpalError; return
    that error."""
    _note(request, outcome)
    bound = deadline + MARGIN
    assert outcome.elapsed is not None, f"{label}: {outcome.describe()}"
    assert outcome.elapsed <= bound, f"{label}: {outcome.describe()}; the bound is {bound:g}s"
    assert outcome.error is not None, f"{label}: {outcome.describe()}; expected an EigenpalError"
    assert isinstance(outcome.error, EigenpalError), f"{label}: {outcome.describe()}; not an EigenpalError"
    return outcome.error


def _nothing_sent_late(label: str, server: HostileServer, outcome: Outcome, deadline: float = DEADLINE) -> None:
    cutoff = outcome.began + deadline + LATE
    late = [
        f"{r.method} {r.path} at +{r.received_at - outcome.began:.2f}s"
        for r in server.requests
        if r.received_at > cutoff
    ]
    assert not late, f"{label}: requests after the {deadline:g}s deadline: {late}"


def _check_wait_error(label: str, wait: str, mode: Mode, outcome: Outcome, error: BaseException) -> None:
    said = outcome.describe()
    if mode == "wrong_types":
        assert isinstance(error, APIResponseValidationError), f"{label}: {said}; expected APIResponseValidationError"
        return
    if mode in HUGE_MODES:
        return  # the size-limit error: any EigenpalError, which _ended_in_time checked
    if wait == "run(wait_for_completion)":
        # A start held by the server is one request, not a wait of the client's: it may raise the request's own
        # error (an APITimeoutError, the 503/429 itself) or a timeout caused by it.
        if mode in RETRY_AFTER_MODES:
            assert isinstance(error, APIError) or (
                isinstance(error, EigenpalTimeoutError) and isinstance(error.__cause__, APIError)
            ), f"{label}: {said}; expected the APIError or an EigenpalTimeoutError caused by it"
        else:
            assert isinstance(error, TimeoutError), f"{label}: {said}; expected a timeout error"
        return
    assert isinstance(error, EigenpalTimeoutError), f"{label}: {said}; expected EigenpalTimeoutError"
    assert outcome.elapsed is not None
    assert abs(error.waited_seconds - outcome.elapsed) <= 0.5, (
        f"{label}: waited_seconds={error.waited_seconds:.3f} but the wait took {outcome.elapsed:.2f}s"
    )
    if mode in RETRY_AFTER_MODES:
        assert isinstance(error.__cause__, APIError), f"{label}: {said}; __cause__ should be the last APIError"
    else:
        assert outcome.elapsed >= DEADLINE - EARLY, f"{label}: {said}; timed out before the {DEADLINE:g}s deadline"
    id_known = wait in SINGLE_RUN_WAITS or (wait == "run_and_wait" and mode == "null_output_running")
    if id_known:
        assert error.run_id == RUN_ID, f"{label}: run_id={error.run_id!r}"
    if mode == "null_output_running" and (wait in SINGLE_RUN_WAITS or wait == "run_and_wait"):
        last = error.last_run
        assert isinstance(last, Run) and last.execution.status == "running", f"{label}: last_run={_short(last)}"


# --- the tests ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("flavour", "wait", "mode"), _wait_cases())
def test_wait_ends_by_its_deadline(
    hostile: Start, request: pytest.FixtureRequest, flavour: str, wait: str, mode: Mode
) -> None:
    server = hostile(mode, max_seconds=SERVER_SECONDS)
    label = f"{flavour} {wait} against {mode}"
    held = wait == "run(wait_for_completion)"
    deadline = HELD_DEADLINE if held else DEADLINE
    options = {"timeout": HELD_START_TIMEOUT} if held else {}
    outcome = run_call(flavour, server, WAITS[wait], **options)
    error = _ended_in_time(label, outcome, request, deadline)
    _check_wait_error(label, wait, mode, outcome, error)
    _nothing_sent_late(label, server, outcome, deadline)


@pytest.mark.parametrize(("flavour", "call", "mode"), _plain_cases())
def test_plain_call_ends_by_the_client_timeout(
    hostile: Start, request: pytest.FixtureRequest, flavour: str, call: str, mode: Mode
) -> None:
    server = hostile(mode, max_seconds=SERVER_SECONDS)
    label = f"{flavour} {call} (timeout={DEADLINE:g}) against {mode}"
    outcome = run_call(flavour, server, PLAIN[call], timeout=DEADLINE)
    error = _ended_in_time(label, outcome, request)
    said = outcome.describe()
    if mode in STUCK_MODES:
        assert isinstance(error, APIConnectionError), f"{label}: {said}; expected APITimeoutError/APIConnectionError"
    elif mode in RETRY_AFTER_MODES:
        assert isinstance(error, APIError) or isinstance(error.__cause__, APIError), (
            f"{label}: {said}; expected the APIError or an error caused by it"
        )
    elif mode == "wrong_types":
        assert isinstance(error, APIResponseValidationError), f"{label}: {said}; expected APIResponseValidationError"
    _nothing_sent_late(label, server, outcome)


NULL_THEN_COMPLETED: Final[dict[str, tuple[SyncCall, AsyncCall]]] = {
    "runs.wait": (
        lambda client: client.runs.wait(RUN_ID, timeout_seconds=10, poll_interval_seconds=0.2),
        lambda client: client.runs.wait(RUN_ID, timeout_seconds=10, poll_interval_seconds=0.2),
    ),
    "run_and_wait": (
        lambda client: client.run_and_wait(TARGET, INPUT, timeout_seconds=10, poll_interval_seconds=0.2),
        lambda client: client.run_and_wait(TARGET, INPUT, timeout_seconds=10, poll_interval_seconds=0.2),
    ),
    "runs.poll": (
        lambda client: list(client.runs.poll(RUN_ID, timeout_seconds=10, poll_interval_seconds=0.2))[-1],
        lambda client: _last(client.runs.poll(RUN_ID, timeout_seconds=10, poll_interval_seconds=0.2)),
    ),
}


async def _last(items: AsyncIterator[Run]) -> Run:
    return (await _collect(items))[-1]


@pytest.mark.parametrize("wait", list(NULL_THEN_COMPLETED))
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_null_output_on_a_running_run_does_not_end_the_wait(
    hostile: Start, request: pytest.FixtureRequest, flavour: str, wait: str
) -> None:
    server = hostile("null_output_then_completed", max_seconds=SERVER_SECONDS)
    label = f"{flavour} {wait} against null_output_then_completed"
    outcome = run_call(flavour, server, NULL_THEN_COMPLETED[wait], give_up=12.0)
    _note(request, outcome)
    assert outcome.error is None and outcome.elapsed is not None, f"{label}: {outcome.describe()}"
    run = outcome.result
    assert isinstance(run, Run), f"{label}: {outcome.describe()}"
    assert run.finished is True and run.execution.status == "completed", f"{label}: {outcome.describe()}"
    assert len(server.requests) >= 3, f"{label}: ended after {len(server.requests)} requests"


# --- drift: a wrong type where the client reads it, and where it does not ----------------------------------------

DRIFT_LOGGER: Final = "eigenpal_ext.drift"

REFUSED: Final[dict[str, tuple[SyncCall, AsyncCall]]] = {
    **PLAIN,
    "runs.wait": WAITS["runs.wait"],
    "run": (lambda client: client.run(TARGET, INPUT), lambda client: client.run(TARGET, INPUT)),
}

# (call, what the server puts where, the field the error must name): every field the client acts on
# (eigenpal_ext/_core/_answers.py), in each kind of answer that carries it.
READ_FIELDS: Final[list[tuple[str, dict[str, Any], str]]] = [
    ("runs.get", {"id": 5}, "Run.id"),
    ("runs.get", {"finished": "yes"}, "Run.finished"),
    ("runs.get", {"execution": "running"}, "Run.execution"),
    ("runs.get", {"execution.status": 5}, "Run.execution.status"),
    ("runs.get", {"output": "INV-1"}, "Run.output"),
    ("runs.wait", {"execution.status": 5}, "Run.execution.status"),
    ("runs.list", {"runs": "notalist"}, "RunsListResponse.runs"),
    ("runs.list", {"nextCursor": 5}, "RunsListResponse.nextCursor"),
    ("runs.list", {"finished": "yes"}, "RunsListResponse.runs[0].finished"),
    ("runs.list", {"execution.status": 5}, "RunsListResponse.runs[0].execution.status"),
    ("runs.cancel", {"execution.status": 5}, "RunCancelResponse.execution.status"),
    ("run", {"finished": "yes"}, "RunAccepted.finished"),
]


@pytest.fixture
def drift(caplog: pytest.LogCaptureFixture) -> Iterator[Callable[[], list[str]]]:
    """The fields the drift logger reported during the test, in order (its once-per-process record cleared)."""
    eigenpal_api.types._drift_seen.clear()
    caplog.set_level(logging.WARNING, logger=DRIFT_LOGGER)
    # Each report reads "<Model>.<field> does not fit the API document (...); kept as received".
    yield lambda: [record.getMessage().split(" ", 1)[0] for record in caplog.records if record.name == DRIFT_LOGGER]
    eigenpal_api.types._drift_seen.clear()


@pytest.mark.parametrize(
    ("call", "wrong", "named"), [pytest.param(*case, id=f"{case[0]}-{case[2]}") for case in READ_FIELDS]
)
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_wrong_type_where_the_client_reads_is_refused_naming_the_field(
    hostile: Start, request: pytest.FixtureRequest, flavour: str, call: str, wrong: dict[str, Any], named: str
) -> None:
    server = hostile("wrong_types", wrong=wrong, max_seconds=SERVER_SECONDS)
    label = f"{flavour} {call} against wrong_types {wrong}"
    outcome = run_call(flavour, server, REFUSED[call], timeout=DEADLINE)
    error = _ended_in_time(label, outcome, request)
    said = outcome.describe()
    assert isinstance(error, APIResponseValidationError), f"{label}: {said}; expected APIResponseValidationError"
    assert f"{named}:" in str(error), f"{label}: {said}; the error should name {named}"
    _nothing_sent_late(label, server, outcome)


async def _get_then_wait(client: AsyncEigenpalClient) -> tuple[Run, Run]:
    return await client.runs.get(RUN_ID), await client.runs.wait(RUN_ID, timeout_seconds=DEADLINE)


GET_THEN_WAIT: Final[tuple[SyncCall, AsyncCall]] = (
    lambda client: (client.runs.get(RUN_ID), client.runs.wait(RUN_ID, timeout_seconds=DEADLINE)),
    _get_then_wait,
)

# (field, the wrong value, how the drift logger names it, where the run keeps it): fields no logic of the client reads.
UNREAD_FIELDS: Final[list[tuple[str, object, str, Callable[[Run], object]]]] = [
    ("timing.durationMs", "slow", "RunTiming.durationMs", lambda run: run.timing.duration_ms),
    ("tags", "notalist", "Run.tags", lambda run: run.tags),
]


@pytest.mark.parametrize(
    ("field", "value", "named", "kept"), [pytest.param(*case, id=case[0]) for case in UNREAD_FIELDS]
)
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_wrong_type_where_the_client_does_not_read_is_kept_and_reported_once(
    hostile: Start,
    request: pytest.FixtureRequest,
    drift: Callable[[], list[str]],
    flavour: str,
    field: str,
    value: object,
    named: str,
    kept: Callable[[Run], object],
) -> None:
    server = hostile("wrong_types", wrong={field: value}, max_seconds=SERVER_SECONDS)
    label = f"{flavour} runs.get + runs.wait against wrong_types {{{field!r}: {value!r}}}"
    outcome = run_call(flavour, server, GET_THEN_WAIT, timeout=DEADLINE)
    _note(request, outcome)
    said = outcome.describe()
    assert outcome.elapsed is not None and outcome.elapsed <= BOUND, f"{label}: {said}; the bound is {BOUND:g}s"
    assert outcome.error is None, f"{label}: {said}; a field the client does not read must not fail the call"
    assert isinstance(outcome.result, tuple), f"{label}: {said}"
    runs = list(outcome.result)
    assert [type(run) for run in runs] == [Run, Run], f"{label}: {said}"
    for run in runs:
        assert run.finished is True and run.execution.status == "completed", f"{label}: {said}"
        assert kept(run) == value, f"{label}: {named} should be kept as received, got {kept(run)!r}"
    assert len(server.requests) >= 2, f"{label}: {len(server.requests)} request(s)"
    assert drift() == [named], f"{label}: the drift logger reported {drift()}; expected {named} once"
    _nothing_sent_late(label, server, outcome)
