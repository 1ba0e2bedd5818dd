"""A slow DNS server ends no call past its deadline, leaves no lookup behind that holds ``asyncio.run()`` open, and
takes no thread of the event loop's default executor (issue 21, item 9).

The lookup is made slow by replacing ``socket.getaddrinfo`` for one made-up host name (``slow-dns.test``): it
answers ``127.0.0.1`` after :data:`LOOKUP_SECONDS`, far past the 1 s deadline of each call. Every other name
resolves as usual, and ``fast-dns.test`` answers ``127.0.0.1`` at once (a name that really is looked up, by the
client's own resolver, and connected to). The hostile server answers every request with the run in its path.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Final

import pytest

from eigenpal_ext import APIConnectionError, APITimeoutError, AsyncEigenpalClient, EigenpalClient

from .server import HostileServer, RecordedRequest, Scripted, normal_answer

API_KEY: Final = "sk_test_hostile"
DEADLINE: Final = 1.0
BOUND: Final = DEADLINE + 1.0
"""Every call (and every ``asyncio.run`` around calls) must have ended after this many seconds of wall time."""
LOOKUP_SECONDS: Final = 8.0
"""How long a lookup of ``slow-dns.test`` takes (unless the test ends first)."""
CALLS: Final = 8
"""Calls at once in the executor case: more than the default executor's threads on a small machine."""

Start = Callable[..., HostileServer]


def _answer(request: RecordedRequest, _number: int) -> Scripted:
    import json

    status, body = normal_answer(request.method, request.path, request.query)
    return Scripted(status, {"Content-Type": "application/json"}, json.dumps(body).encode())


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make ``slow-dns.test`` slow and ``fast-dns.test`` fast; yields the names looked up, with the thread that
    looked each up. The slow lookups are released when the test ends, so no thread outlives the test for long."""
    release = threading.Event()
    seen: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        host = host.decode() if isinstance(host, bytes) else host  # anyio passes the name IDNA-encoded
        if host in ("slow-dns.test", "fast-dns.test"):
            seen.append(f"{host} {threading.current_thread().name}")
            if host == "slow-dns.test":
                release.wait(LOOKUP_SECONDS)
            return real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield seen
    release.set()


def _url(server: HostileServer, host: str) -> str:
    return server.base_url.replace("127.0.0.1", host)


def test_a_sync_call_ends_by_its_deadline_while_the_lookup_hangs(hostile: Start, lookups: list[str]) -> None:
    server = hostile("scripted", script=_answer)
    with EigenpalClient(
        api_key=API_KEY, base_url=_url(server, "slow-dns.test"), allow_insecure_http=True, timeout=DEADLINE
    ) as client:
        began = time.monotonic()
        with pytest.raises(APITimeoutError) as caught:
            client.runs.get("run_1")
        elapsed = time.monotonic() - began
    assert elapsed < BOUND, f"took {elapsed:.1f}s"
    assert "slow-dns.test" in str(caught.value)
    assert lookups and all(" eigenpal-ext-resolver" in seen for seen in lookups)  # not in the caller's thread
    assert server.requests == []


def test_an_async_call_ends_by_its_deadline_and_asyncio_run_does_not_wait_for_the_lookup(
    hostile: Start, lookups: list[str]
) -> None:
    server = hostile("scripted", script=_answer)
    errors: list[BaseException] = []
    executor_wait: list[float] = []

    async def main() -> None:
        async with AsyncEigenpalClient(
            api_key=API_KEY, base_url=_url(server, "slow-dns.test"), allow_insecure_http=True, timeout=DEADLINE
        ) as client:
            calls = [client.runs.get(f"run_{number}") for number in range(CALLS)]
            errors.extend(error for error in await asyncio.gather(*calls, return_exceptions=True))
            # The default executor is free for the program's own work: no lookup sits on its threads.
            began = time.monotonic()
            await asyncio.get_running_loop().run_in_executor(None, time.sleep, 0)
            executor_wait.append(time.monotonic() - began)

    began = time.monotonic()
    asyncio.run(main())
    elapsed = time.monotonic() - began
    assert elapsed < BOUND, f"asyncio.run took {elapsed:.1f}s"
    assert len(errors) == CALLS and all(isinstance(error, APITimeoutError) for error in errors), errors
    assert executor_wait[0] < 0.5
    assert lookups and all(" eigenpal-ext-resolver" in seen for seen in lookups)
    assert server.requests == []


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_name_is_looked_up_by_the_clients_resolver_and_connected_to(
    hostile: Start, lookups: list[str], flavour: str
) -> None:
    server = hostile("scripted", script=_answer)
    options: dict[str, Any] = {"api_key": API_KEY, "base_url": _url(server, "fast-dns.test"), "timeout": DEADLINE}
    if flavour == "sync":
        with EigenpalClient(allow_insecure_http=True, **options) as client:
            run = client.runs.get("run_7")
    else:

        async def get() -> Any:
            async with AsyncEigenpalClient(allow_insecure_http=True, **options) as client:
                return await client.runs.get("run_7")

        run = asyncio.run(get())
    assert run.id == "run_7"
    assert [request.headers["host"] for request in server.requests] == [_url(server, "fast-dns.test")[7:]]
    assert lookups and all(seen.startswith("fast-dns.test eigenpal-ext-resolver") for seen in lookups)


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_name_that_does_not_resolve_is_a_connection_error(flavour: str) -> None:
    options: dict[str, Any] = {"api_key": API_KEY, "base_url": "http://no-such-host.invalid", "timeout": DEADLINE}

    def get_sync() -> None:
        with EigenpalClient(allow_insecure_http=True, max_retries=0, **options) as client:
            client.runs.get("run_1")

    async def get_async() -> None:
        async with AsyncEigenpalClient(allow_insecure_http=True, max_retries=0, **options) as client:
            await client.runs.get("run_1")

    began = time.monotonic()
    with pytest.raises(APIConnectionError) as caught:
        get_sync() if flavour == "sync" else asyncio.run(get_async())
    assert time.monotonic() - began < BOUND + 5  # the system's own resolver may take a moment to say no
    assert "no-such-host.invalid" in str(caught.value)
    assert caught.value.request_sent is False
