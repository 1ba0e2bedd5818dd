"""Redirects carry nothing away (issue 21, item 3): a redirected start is an error naming where it pointed, sent
nowhere else and never retried; a redirected read goes to another origin without any header that could be a
credential, the caller's extra headers included.

Each case starts two scripted :class:`HostileServer`: ``api`` (the base URL, which redirects) and ``other`` (another
port, so another origin, which answers as a well-behaved server would and counts what reaches it). Both are plain
http on 127.0.0.1, the one case where http may be followed at all (from http, never from https: the unit tests of
``_redirects`` cover the https cases). Sync and async; the client's own httpx client and a caller's that follows
redirects itself.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any, Final

import httpx
import pytest

from eigenpal_ext import APIError, AsyncEigenpalClient, EigenpalClient

from .server import HostileServer, RecordedRequest, Scripted, normal_answer

API_KEY: Final = "sk_test_hostile_redirects"
EXTRA_KEY: Final = "sk_extra_header_secret"
TARGET: Final = "workflows.extract-invoice"
INPUT: Final = {"invoice": "INV-1"}
DEADLINE: Final = 2.0
BOUND: Final = DEADLINE + 1.0
REDIRECTS: Final = (301, 302, 303, 307, 308)

Start = Callable[..., HostileServer]
Call = Callable[[Any], Any]


def _normal(request: RecordedRequest, _number: int) -> Scripted:
    status, body = normal_answer(request.method, request.path, request.query)
    return Scripted(status, {"Content-Type": "application/json"}, json.dumps(body).encode())


def _redirecting(status: int, location: str) -> Callable[[RecordedRequest, int], Scripted]:
    def script(request: RecordedRequest, number: int) -> Scripted:
        if request.path.startswith("/v1/runs"):
            return Scripted(status, {"Location": location, "Content-Length": "0"})
        return _normal(request, number)

    return script


def _call(flavour: str, base_url: str, call: Call, *, follow: bool = False) -> Any:
    """Make one call on a new client of ``flavour``; with ``follow``, on a caller's httpx client that follows
    redirects itself. Returns what it returned or raised, and checks it ended by the deadline."""
    began = time.monotonic()
    options: dict[str, Any] = {"api_key": API_KEY, "base_url": base_url, "timeout": DEADLINE}
    try:
        if flavour == "sync":
            with (
                httpx.Client(follow_redirects=True) as http,
                EigenpalClient(http_client=http if follow else None, **options) as client,
            ):
                return call(client)
        else:

            async def main() -> Any:
                async with (
                    httpx.AsyncClient(follow_redirects=True) as http,
                    AsyncEigenpalClient(http_client=http if follow else None, **options) as client,
                ):
                    result = call(client)
                    return await result if isinstance(result, Awaitable) else result

            return asyncio.run(main())
    except Exception as exc:  # the caller looks at it
        return exc
    finally:
        assert time.monotonic() - began < BOUND


@pytest.mark.parametrize("follow", [False, True], ids=["own-http-client", "callers-following-http-client"])
@pytest.mark.parametrize("status", REDIRECTS)
@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize(
    "start",
    [
        lambda client: client.run(TARGET, INPUT),
        lambda client: client.run_and_wait(TARGET, INPUT, timeout_seconds=DEADLINE),
    ],
    ids=["run", "run_and_wait"],
)
def test_a_redirected_start_is_an_error_naming_where_it_pointed_and_goes_nowhere(
    hostile: Start, flavour: str, status: int, follow: bool, start: Call
) -> None:
    other = hostile("scripted", script=_normal)
    api = hostile("scripted", script=_redirecting(status, f"{other.base_url}/v1/runs"))
    outcome = _call(flavour, api.base_url, start, follow=follow)
    assert isinstance(outcome, APIError), outcome  # not a run: not the other origin's answer, nor a GET's
    assert outcome.status_code == status
    assert f"{other.base_url}/v1/runs" in str(outcome)
    assert [request.method for request in api.requests] == ["POST"]  # not retried
    assert other.requests == []  # nothing sent there: not the input, not the key


@pytest.mark.parametrize("status", [302, 307])
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_redirected_cancel_is_not_followed(hostile: Start, flavour: str, status: int) -> None:
    other = hostile("scripted", script=_normal)
    api = hostile("scripted", script=_redirecting(status, f"{other.base_url}/v1/runs/run_1/cancel"))
    outcome = _call(flavour, api.base_url, lambda client: client.runs.cancel("run_1"))
    assert isinstance(outcome, APIError), outcome
    assert other.requests == []


@pytest.mark.parametrize("follow", [False, True], ids=["own-http-client", "callers-following-http-client"])
@pytest.mark.parametrize("how", ["with_options", "extra_headers"])
@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_read_redirected_to_another_origin_is_refused_and_nothing_goes_there(
    hostile: Start, flavour: str, how: str, follow: bool
) -> None:
    other = hostile("scripted", script=_normal)
    api = hostile("scripted", script=_redirecting(302, f"{other.base_url}/v1/runs/run_1"))
    headers = {"X-Api-Key": EXTRA_KEY, "X-Tenant-Token": EXTRA_KEY}  # a key of the caller's, under any name

    def get(client: Any) -> Any:
        if how == "with_options":
            return client.with_options(extra_headers=headers).runs.get("run_1")
        return client.runs.get("run_1", extra_headers=headers)

    outcome = _call(flavour, api.base_url, get, follow=follow)
    (sent,) = api.requests
    assert sent.headers["x-api-key"] == EXTRA_KEY  # the API itself gets what the caller gave it
    assert isinstance(outcome, APIError), outcome  # the real API redirects no read but a download's
    assert outcome.status_code == 302
    assert other.base_url in str(outcome)  # the error names where it pointed
    assert other.requests == []  # not the key, not the caller's headers, not even the request


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_read_redirected_within_its_origin_keeps_its_headers(hostile: Start, flavour: str) -> None:
    def script(request: RecordedRequest, number: int) -> Scripted:
        if "moved" not in request.query:
            return Scripted(307, {"Location": f"{request.path}?moved=1", "Content-Length": "0"})
        return _normal(request, number)

    api = hostile("scripted", script=script)
    outcome = _call(flavour, api.base_url, lambda client: client.runs.get("run_1", extra_headers={"X-Api-Key": "k"}))
    _, second = api.requests
    assert second.query == {"moved": "1"}
    assert second.headers["authorization"] == f"Bearer {API_KEY}"
    assert second.headers["x-api-key"] == "k"
    assert getattr(outcome, "id", None) == "run_1", outcome
