"""No retry storms (issue 21, item 1): a server that answers ``429``/``503`` with ``Retry-After: 0`` (or ``-0``, or
``Retry-After-Ms: 0``) asks to be called again at once, forever; the client backs off anyway.

The rule under test (:func:`eigenpal_ext._core._retry.server_delay`): a delay the server gives is floored by the backoff
the retry would have had without it (0.5 s, 1 s, 2 s ... each cut by at most a quarter at random) and capped at
60 s. So a 2 s wait on one run sends its first read at once and retries after at least 0.375 s, 0.75 s more,
1.5 s more: 3 or 4 reads before the next backoff passes the deadline, and never more than :data:`ONE_RUN_BOUND`.
A wait of many runs fans out (one read per finished run), so it also spends a per-call budget of failed requests
(:class:`~eigenpal_ext._core._retry.CallBudget`: 20, then 4 a second): see :data:`MANY_RUNS_BOUND`.

Each case: the call ends with the library's typed error within the deadline plus a second (generous: a deadline is
correctness, not speed), and the server saw few requests. Before this rule: thousands in 5 s (issue 21).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from typing import Any, Final

import pytest

from eigenpal_ext import AsyncEigenpalClient, EigenpalTimeoutError, RateLimitError, ServerError
from eigenpal_ext._core._retry import CallBudget

from .server import DEFAULT_RUN_ID, ERROR_ENVELOPE, HostileServer, RecordedRequest, Scripted, normal_answer
from .test_deadlines import MARGIN, TARGET, Outcome, run_async, run_sync

DEADLINE: Final = 2.0
"""The deadline of every call here: 2 s, not the 1 s of test_deadlines, so that a wait sees at least two reads (at
once, then after the first backoff of at most 0.5 s) with a second to spare on a busy machine."""
BOUND: Final = DEADLINE + MARGIN

HEADERS: Final[Mapping[str, Mapping[str, str]]] = {
    "Retry-After: 0": {"Retry-After": "0"},
    "Retry-After: -0": {"Retry-After": "-0"},
    "Retry-After-Ms: 0": {"Retry-After-Ms": "0"},
}
FIFTY: Final = [f"run_{number}" for number in range(1, 51)]
ONE_MIB: Final = b"%PDF-1.7\n" + b"\0" * ((1 << 20) - 9)

ONE_RUN_BOUND: Final = 10
"""Requests one run's 2 s wait (or ``run_and_wait``'s start) may send: the backoff allows 4 (at 0 s, >= 0.375 s,
>= 1.125 s, >= 2.625 s: past the deadline); 10 leaves room for a server that answers some reads well."""

_BUDGET = CallBudget.for_fan_out(len(FIFTY))
MANY_RUNS_BOUND: Final = 1 + len(FIFTY) + int(_BUDGET.capacity + _BUDGET.refill_per_second * DEADLINE) + 4
"""Requests a 2 s wait for 50 runs may send: one look's fan-out (a list request and a read of each of the 50 runs
the list shows finished), the failed requests the call's budget allows in 2 s (one failed read of each run
forgiven, 20 more, 4 a second: 78) and a few list requests that succeed: 133 in all, where the client without the
rule sent over a thousand in 5 s."""

Refuse = Callable[[RecordedRequest], bool]


def _server(refuse: Refuse, status: int, headers: Mapping[str, str]) -> HostileServer:
    """Refuses the requests ``refuse`` picks with ``status`` and ``headers``; answers the others as the API would."""
    refusal = json.dumps(ERROR_ENVELOPE).encode()

    def script(request: RecordedRequest, _number: int) -> Scripted:
        if refuse(request):
            return Scripted(status, {**headers, "Content-Type": "application/json"}, refusal)
        code, body = normal_answer(request.method, request.path, request.query)
        return Scripted(code, {"Content-Type": "application/json"}, json.dumps(body).encode())

    return HostileServer("scripted", script=script, max_seconds=BOUND + 60).start()


def _is_read(request: RecordedRequest) -> bool:
    return request.method == "GET" and request.path.startswith("/v1/runs/")


def _is_start(request: RecordedRequest) -> bool:
    return request.method == "POST" and request.path.rstrip("/") == "/v1/runs"


def _is_get(request: RecordedRequest) -> bool:
    return request.method == "GET"


def _run(flavour: str, server: HostileServer, call: Callable[[Any], Any], **options: Any) -> Outcome:
    if flavour == "sync":
        return run_sync(server, call, **options)

    async def awaited(client: AsyncEigenpalClient) -> object:
        return await call(client)

    return run_async(server, awaited, **options)


def _ended_in_time(outcome: Outcome) -> BaseException:
    assert outcome.elapsed is not None, outcome.describe()
    assert outcome.elapsed <= BOUND, outcome.describe()
    assert outcome.error is not None, outcome.describe()
    return outcome.error


FLAVOURS = pytest.mark.parametrize("flavour", ["sync", "async"])
STATUSES = pytest.mark.parametrize("status", [429, 503])
EACH_HEADER = pytest.mark.parametrize("header", list(HEADERS))


@FLAVOURS
@STATUSES
@EACH_HEADER
def test_a_wait_backs_off_whatever_retry_after_says(flavour: str, status: int, header: str) -> None:
    server = _server(_is_read, status, HEADERS[header])
    try:
        outcome = _run(flavour, server, lambda client: client.runs.wait(DEFAULT_RUN_ID, timeout_seconds=DEADLINE))
    finally:
        server.stop()
    error = _ended_in_time(outcome)
    assert isinstance(error, EigenpalTimeoutError), outcome.describe()
    assert isinstance(error.__cause__, RateLimitError | ServerError)
    assert 2 <= len(server.requests) <= ONE_RUN_BOUND, len(server.requests)


@FLAVOURS
@EACH_HEADER
def test_run_and_wait_does_not_upload_its_file_in_a_loop(flavour: str, header: str) -> None:
    # 429 proves the start made nothing, so it is sent again without a lookup: each try uploads the 1 MiB again.
    server = _server(_is_start, 429, HEADERS[header])
    try:
        outcome = _run(
            flavour,
            server,
            lambda client: client.run_and_wait(TARGET, {"document": ONE_MIB}, timeout_seconds=DEADLINE),
        )
    finally:
        server.stop()
    error = _ended_in_time(outcome)
    assert isinstance(error, EigenpalTimeoutError), outcome.describe()
    starts = [request for request in server.requests if _is_start(request)]
    assert 2 <= len(starts) <= ONE_RUN_BOUND, len(starts)
    assert sum(len(request.body) for request in starts) <= ONE_RUN_BOUND * (len(ONE_MIB) + 64 * 1024)


@FLAVOURS
@pytest.mark.parametrize(
    ("refuse", "header"),
    [
        pytest.param(_is_read, "Retry-After: 0", id="list-answered-reads-refused"),
        pytest.param(_is_get, "Retry-After-Ms: 0", id="every-get-refused"),
        pytest.param(_is_get, "Retry-After: -0", id="every-get-refused-minus-0"),
    ],
)
def test_a_wait_for_fifty_runs_does_not_multiply_the_storm(flavour: str, refuse: Refuse, header: str) -> None:
    server = _server(refuse, 429, HEADERS[header])
    try:
        outcome = _run(flavour, server, lambda client: client.runs.wait_all(FIFTY, timeout_seconds=DEADLINE))
    finally:
        server.stop()
    error = _ended_in_time(outcome)
    assert isinstance(error, EigenpalTimeoutError), outcome.describe()
    assert error.run_id == FIFTY[0]
    assert len(server.requests) <= MANY_RUNS_BOUND, len(server.requests)


@FLAVOURS
@EACH_HEADER
def test_a_plain_read_retries_twice_with_backoff(flavour: str, header: str) -> None:
    server = _server(_is_read, 429, HEADERS[header])
    try:
        outcome = _run(flavour, server, lambda client: client.runs.get(DEFAULT_RUN_ID), timeout=DEADLINE)
    finally:
        server.stop()
    error = _ended_in_time(outcome)
    assert isinstance(error, RateLimitError), outcome.describe()
    assert len(server.requests) == 3  # max_retries=2, after 0.375-0.5 s and 0.75-1 s: both fit in the 2 s
    times = [request.received_at for request in server.requests]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 0.3, gaps
