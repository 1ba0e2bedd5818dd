"""One deadline per public call, on the fake clock: holds, sleeps, retries and ``waited_seconds`` add up exactly.

The handlers here play a server that honours holds by moving the harness's clock forward, so a test can account
for every second of a call without sleeping.
"""

from __future__ import annotations

import io

import httpx
import pytest
from clientkit import Client, FakeClock, MakeHarness, Script, error_json, reply, run_json

from eigenpal_ext import (
    APIResponseValidationError,
    EigenpalTimeoutError,
    NotFoundError,
    ResponseTooLargeError,
    ServerError,
)
from eigenpal_ext._core import _retry
from eigenpal_ext._core._correlation import key_tag

ACCEPTED = {"id": "run_1", "type": "workflow", "finished": False}
NONE_FOUND: dict[str, object] = {"runs": [], "nextCursor": None}
"""The answer to a lost start's lookup (``GET /v1/runs?tag=...``) when it made no run: the start is sent again."""


@pytest.fixture(autouse=True)
def no_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every backoff at its nominal length, so the sleeps can be compared exactly."""
    monkeypatch.setattr(_retry, "unit_random", lambda: 0.0)


class HoldingServer:
    """A run that lasts ``run_seconds`` on the harness clock; held requests move the clock, as a real hold would."""

    def __init__(self, clock: FakeClock, run_seconds: float) -> None:
        self.clock = clock
        self.began = clock.now
        self.ends = clock.now + run_seconds
        self.requests: list[httpx.Request] = []
        self.holds: list[int | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        raw = request.url.params.get("wait_for_completion")
        hold = None if raw is None else int(raw)
        self.holds.append(hold)
        if hold:
            self.clock.now = max(self.clock.now, min(self.ends, self.clock.now + hold))
        finished = self.clock.now >= self.ends
        if request.method == "POST":
            return reply(200, run_json()) if finished else reply(202, ACCEPTED)
        return reply(200, run_json(status="completed" if finished else "running"))

    def at(self) -> float:
        return self.clock.now - self.began


def test_run_and_wait_ends_at_its_deadline_and_counts_the_start_in_the_time_waited(
    make_harness: MakeHarness,
) -> None:
    server: HoldingServer  # made on the harness's clock, so after the harness
    harness = make_harness(lambda request: server(request))
    server = HoldingServer(harness.clock, run_seconds=5)

    with pytest.raises(EigenpalTimeoutError) as caught:
        harness.call(lambda client: client.run_and_wait("workflows.sleep", input={}, timeout_seconds=2))

    # The start is held for 1 s (its answer must arrive inside the 2 s); then the run is read without a hold (the
    # real API holds no read), at once and after short pauses, and the last pause ends at the deadline: nothing is
    # sent that could answer after it.
    assert server.holds[0] == 1
    assert set(server.holds[1:]) == {None}
    assert sum(harness.clock.sleeps) == pytest.approx(1.0)
    assert max(harness.clock.sleeps) <= 0.5  # a wait starts polling fast
    assert server.at() == 2
    assert caught.value.waited_seconds == pytest.approx(2.0)
    assert caught.value.run_id == "run_1"


def test_the_start_hold_is_rounded_down_and_the_rest_is_polled(make_harness: MakeHarness) -> None:
    server: HoldingServer  # made on the harness's clock, so after the harness
    harness = make_harness(lambda request: server(request))
    server = HoldingServer(harness.clock, run_seconds=5)

    with pytest.raises(EigenpalTimeoutError) as caught:
        harness.call(lambda client: client.run_and_wait("workflows.sleep", input={}, timeout_seconds=2.9))

    assert server.holds[0] == 2  # 2.9 s is held for 2 (a hold is whole seconds, and must end inside the deadline)
    assert set(server.holds[1:]) == {None}
    assert sum(harness.clock.sleeps) == pytest.approx(0.9)
    assert server.at() == pytest.approx(2.9)
    assert caught.value.waited_seconds == pytest.approx(2.9)


def test_a_wait_polls_to_its_deadline_then_stops(make_harness: MakeHarness) -> None:
    server: HoldingServer  # made on the harness's clock, so after the harness
    harness = make_harness(lambda request: server(request))
    server = HoldingServer(harness.clock, run_seconds=100)

    with pytest.raises(EigenpalTimeoutError) as caught:
        harness.call(lambda client: client.runs.wait("run_1", timeout_seconds=75))

    assert set(server.holds) == {None}  # the real API holds no read
    assert sum(harness.clock.sleeps) == pytest.approx(75)
    assert max(harness.clock.sleeps) <= 2.0 * 1.1  # poll_interval_seconds, with its jitter
    # The pauses grow from 0.25 s to 2 s in 6 reads (about 5 s), then one read per 2 s (±10 %) for the rest: 41
    # reads without jitter. A wait that did not back off would read 300 times; one that polled at 2 s from the
    # start, 38.
    assert 39 <= len(server.requests) <= 48
    assert caught.value.waited_seconds == pytest.approx(75)
    assert caught.value.last_run is not None


def test_a_run_that_ends_inside_the_deadline_costs_one_held_request(make_harness: MakeHarness) -> None:
    server: HoldingServer  # made on the harness's clock, so after the harness
    harness = make_harness(lambda request: server(request))
    server = HoldingServer(harness.clock, run_seconds=3)

    final = harness.call(lambda client: client.run_and_wait("workflows.sleep", input={}, timeout_seconds=30))

    assert final.execution.status == "completed"
    assert server.holds == [29]
    assert server.at() == 3


def test_the_start_of_run_and_wait_is_retried_until_it_lands_with_one_key_and_shrinking_holds(
    make_harness: MakeHarness,
) -> None:
    down, none = reply(503, error_json("down")), reply(200, NONE_FOUND)
    server = Script(down, none, down, none, down, none, down, none, reply(200, run_json()))
    harness = make_harness(server)  # max_retries=2 bounds plain calls; this start is bounded by its deadline

    final = harness.call(lambda client: client.run_and_wait("workflows.sleep", input={}, timeout_seconds=60))

    assert final.id == "run_1"
    assert harness.clock.sleeps == [0.5, 1.0, 2.0, 4.0]
    starts = [request for request in server.requests if request.method == "POST"]
    lookups = [request for request in server.requests if request.method == "GET"]
    assert len(starts) == 5 and len(lookups) == 4  # each 503 may have made the run: looked for before a resend
    keys = {request.headers["Idempotency-Key"] for request in starts}
    assert len(keys) == 1
    assert {request.url.params["tag"] for request in lookups} == {key_tag(keys.pop())}
    holds = [request.url.params["wait_for_completion"] for request in starts]
    assert holds == ["59", "59", "58", "56", "52"]  # each attempt holds for what is left less 0.5 s, rounded down


def test_the_start_of_run_and_wait_outlasts_a_server_that_is_down_for_everything_for_a_while(
    make_harness: MakeHarness,
) -> None:
    def server(request: httpx.Request) -> httpx.Response:
        if harness.clock.now - began < 20:
            return reply(503, error_json("down"))
        return reply(200, NONE_FOUND) if request.method == "GET" else reply(200, run_json())

    harness = make_harness(server)
    began = harness.clock.now

    final = harness.call(lambda client: client.run_and_wait("workflows.sleep", input={}, timeout_seconds=60))

    assert final.id == "run_1"


def test_a_start_the_deadline_cannot_fit_ends_with_a_timeout_carrying_the_key_and_the_cause(
    make_harness: MakeHarness,
) -> None:
    busy = reply(503, error_json("busy"), {"Retry-After": "30"})
    server = Script(busy, reply(200, NONE_FOUND), busy)
    harness = make_harness(server)

    with pytest.raises(EigenpalTimeoutError) as caught:
        harness.call(lambda client: client.run_and_wait("workflows.sleep", input={}, timeout_seconds=40))

    error = caught.value
    starts = [request for request in server.requests if request.method == "POST"]
    assert len(starts) == 2  # at 0 s and, after the server's 30 s (and a lookup), at 30 s; a third would be past 40 s
    assert harness.clock.sleeps == [30.0]
    assert error.run_id is None
    assert isinstance(error.__cause__, ServerError)
    assert error.idempotency_key == server.requests[0].headers["Idempotency-Key"]
    assert error.waited_seconds == pytest.approx(30.0)


def test_a_start_from_a_stream_that_cannot_be_rewound_is_sent_once(make_harness: MakeHarness) -> None:
    class OneShot(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
            return 0

    server = Script(reply(503, error_json("down")))
    # Kept in the request: with uploads on (the default), a stream that cannot seek is first copied to a temporary
    # file to learn its size, and can then be sent again (tests/unit/test_uploads.py).
    harness = make_harness(server, multipart_max_bytes=None)

    with pytest.raises(ServerError) as caught:
        harness.call(lambda client: client.run_and_wait("workflows.sleep", input={"doc": OneShot()}))

    assert len(server.requests) == 1
    assert caught.value.idempotency_key == server.requests[0].headers["Idempotency-Key"]


@pytest.mark.parametrize("operation", ["run", "rerun"])
def test_every_error_of_a_start_carries_its_key(make_harness: MakeHarness, operation: str) -> None:
    refused = reply(404, error_json("no such thing"))
    # A start with a key of the caller's first looks for the run it may have made (a resume); a rerun first reads
    # its source's nextRun, to tell a lost answer from a rerun never made.
    looked = reply(200, NONE_FOUND) if operation == "run" else reply(200, run_json("run_0"))
    server = Script(looked, refused)
    harness = make_harness(server)

    def start(client: Client) -> object:
        if operation == "run":
            return client.run("workflows.nope", input={}, idempotency_key="mine-1")
        return client.runs.rerun("run_0", idempotency_key="mine-1")

    with pytest.raises(NotFoundError) as caught:
        harness.call(start)

    assert caught.value.idempotency_key == "mine-1"
    assert server.requests[-1].method == "POST"
    assert server.requests[-1].headers["Idempotency-Key"] == "mine-1"


def test_a_plain_start_with_a_hold_is_bounded_by_the_hold_plus_the_call_timeout(make_harness: MakeHarness) -> None:
    server = Script(reply(503, error_json(), {"Retry-After": "20"}), reply(200, NONE_FOUND), reply(200, run_json()))
    harness = make_harness(server)  # timeout 30 s

    harness.call(lambda client: client.run("workflows.sleep", input={}, wait_for_completion=10))

    assert harness.clock.sleeps == [20.0]  # 20 s fits in the 10 + 30 s the call has
    starts = [request for request in server.requests if request.method == "POST"]
    assert [request.url.params["wait_for_completion"] for request in starts] == ["10", "10"]


def test_a_plain_call_stops_retrying_when_its_timeout_cannot_fit_another_try(make_harness: MakeHarness) -> None:
    busy = reply(503, error_json(), {"Retry-After": "20"})
    server = Script(busy, busy, reply(200, run_json()))
    harness = make_harness(server)  # timeout 30 s: a second 20 s wait would end past it

    with pytest.raises(ServerError):
        harness.call(lambda client: client.runs.get("run_1"))

    assert harness.clock.sleeps == [20.0]
    assert len(server.requests) == 2


def test_a_wait_refuses_an_answer_about_another_run(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json("run_other", status="completed")))
    harness = make_harness(server)

    with pytest.raises(APIResponseValidationError, match="run_other"):
        harness.call(lambda client: client.runs.wait("run_1", timeout_seconds=10))

    assert len(server.requests) == 1


def test_an_answer_announced_over_the_limit_is_refused_unread(make_harness: MakeHarness) -> None:
    read: list[int] = []

    class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
        def __iter__(self):  # type: ignore[no-untyped-def]
            read.append(1)
            yield b"{}"

        async def __aiter__(self):  # type: ignore[no-untyped-def]
            read.append(1)
            yield b"{}"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": str(10_000_000)}, stream=Body())

    harness = make_harness(handler, max_response_bytes=1_000_000)

    with pytest.raises(ResponseTooLargeError) as caught:
        harness.call(lambda client: client.runs.get("run_1"))

    assert caught.value.size == 10_000_000
    assert caught.value.limit == 1_000_000
    assert read == []


def test_an_answer_without_a_length_is_cut_off_at_the_limit(make_harness: MakeHarness) -> None:
    sent: list[int] = []

    def chunks() -> list[bytes]:
        return [b"x" * 100_000 for _ in range(50)]

    class Body(httpx.SyncByteStream, httpx.AsyncByteStream):
        def __iter__(self):  # type: ignore[no-untyped-def]
            for chunk in chunks():
                sent.append(len(chunk))
                yield chunk

        async def __aiter__(self):  # type: ignore[no-untyped-def]
            for chunk in chunks():
                sent.append(len(chunk))
                yield chunk

    harness = make_harness(lambda request: httpx.Response(200, stream=Body()), max_response_bytes=1_000_000)

    with pytest.raises(ResponseTooLargeError):
        harness.call(lambda client: client.runs.get("run_1"))

    assert sum(sent) <= 1_100_000  # stopped at the first chunk past the limit, not at the end of 5 MB


def test_an_error_answer_is_reported_from_its_start_whatever_its_size(make_harness: MakeHarness) -> None:
    page = b"<html>" + b"x" * 5_000_000
    harness = make_harness(lambda request: httpx.Response(500, content=page), max_retries=0)

    with pytest.raises(ServerError, match="<html>xxx"):
        harness.call(lambda client: client.runs.get("run_1"))


def test_a_download_into_memory_has_its_own_limit(make_harness: MakeHarness) -> None:
    harness = make_harness(lambda request: httpx.Response(200, content=b"0123456789"))

    assert harness.call(lambda client: client.runs.artifacts.download("run_1", "out.txt", max_bytes=10)) == (
        b"0123456789"
    )
    with pytest.raises(ResponseTooLargeError):
        harness.call(lambda client: client.runs.artifacts.download("run_1", "out.txt", max_bytes=9))
