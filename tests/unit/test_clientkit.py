"""The test kit keeps tests honest: a script that runs out fails the test; the clock refuses a negative sleep."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from clientkit import FakeClock, Script, reply


def _get(path: str) -> httpx.Request:
    return httpx.Request("GET", f"https://api.eigenpal.test{path}")


def test_a_script_answers_once_each_in_order_and_fails_past_its_end_naming_the_request() -> None:
    server = Script(reply(503), reply(200))

    assert [server(_get("/v1/runs/a")).status_code, server(_get("/v1/runs/b")).status_code] == [503, 200]
    with pytest.raises(AssertionError, match=r"unexpected request #3: GET https://api\.eigenpal\.test/v1/runs/c"):
        server(_get("/v1/runs/c"))
    assert [request.url.path for request in server.requests] == ["/v1/runs/a", "/v1/runs/b", "/v1/runs/c"]


def test_check_fails_afterwards_when_the_client_swallowed_the_failure() -> None:
    server = Script()
    with pytest.raises(AssertionError):
        server(_get("/v1/runs/r"))

    with pytest.raises(AssertionError, match=r"GET https://api\.eigenpal\.test/v1/runs/r$"):
        server.check()
    Script(reply(200)).check()  # not asked at all: nothing to say


def test_then_answers_every_request_after_the_script_and_always_is_nothing_but_then() -> None:
    server = Script(reply(503), then=reply(200))
    assert [server(_get("/")).status_code for _ in range(4)] == [503, 200, 200, 200]

    failing = Script.always(httpx.ConnectError("refused"))
    for _ in range(3):
        with pytest.raises(httpx.ConnectError):
            failing(_get("/"))
    failing.check()


def test_the_clock_moves_only_by_sleeps_and_refuses_a_negative_one() -> None:
    clock = FakeClock()
    start = clock.monotonic()
    clock.sleep(1.5)
    asyncio.run(clock.asleep(0.5))

    assert clock.monotonic() - start == 2.0
    assert clock.sleeps == [1.5, 0.5]
    with pytest.raises(AssertionError, match=r"-0\.1 s"):
        clock.sleep(-0.1)
