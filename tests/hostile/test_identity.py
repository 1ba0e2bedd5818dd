"""Answers about another run, listings that never end, and requests that would go astray (issue 21, items 5, 8, 9).

Each case starts a scripted :class:`HostileServer`, makes one call with a client of default settings (``timeout=2``)
and checks that it ends with the error the README promises within the deadline plus a second, and what reached the
server:

- a read, a cancel or a handle's refresh of ``run_1`` answered about ``run_2`` raises
  :class:`APIResponseValidationError` naming both, after one request (it is not retried);
- ``runs.iter`` ends at an empty page whatever cursor comes with it, and raises after the most pages one walk reads;
- a ``nextCursor`` of 70 KiB is a validation error naming it, not httpx's ``InvalidURL``;
- ``runs.cancel('.')`` and a lone surrogate in the input are refused before any request;
- an async client used from a second ``asyncio.run()`` raises :class:`ClientUsageError` before any request.
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from collections.abc import Callable, Iterator
from typing import Any, Final

import pytest

from eigenpal_ext import (
    APIResponseValidationError,
    AsyncEigenpalClient,
    ClientUsageError,
    EigenpalClient,
    InvalidArgumentError,
)
from eigenpal_ext._core import _paging as paging

from .server import HostileServer, RecordedRequest, Scripted, run_json

API_KEY: Final = "sk_test_hostile"
DEADLINE: Final = 2.0
BOUND: Final = DEADLINE + 1.0
TARGET: Final = "workflows.extract-invoice"

Start = Callable[..., HostileServer]
Script = Callable[[RecordedRequest, int], Scripted]


def _json(body: dict[str, Any]) -> Scripted:
    return Scripted(200, {"Content-Type": "application/json"}, json.dumps(body).encode())


def _about_run_2(request: RecordedRequest, number: int) -> Scripted:
    """Every answer is about run_2, whatever run the path names."""
    if request.path.endswith("/cancel"):
        return _json({
            "id": "run_2", "type": "workflow", "finished": False, "execution": {"status": "running"},
            "cancellation": {"state": "requested", "wasStatus": "running"},
        })  # fmt: skip
    return _json(run_json("run_2"))


def _fresh_cursor_pages(runs_on_first: int) -> Script:
    """A list whose every page brings a new cursor; only the first page has runs."""

    def script(request: RecordedRequest, number: int) -> Scripted:
        runs = [run_json(f"run_{i}") for i in range(runs_on_first)] if number == 1 else []
        return _json({"runs": runs, "nextCursor": f"cursor-{number}"})

    return script


def _endless_pages(request: RecordedRequest, number: int) -> Scripted:
    return _json({"runs": [run_json(f"run_{number}")], "nextCursor": f"cursor-{number}"})


def _huge_cursor(request: RecordedRequest, number: int) -> Scripted:
    return _json({"runs": [run_json("run_1")], "nextCursor": "c" * (70 * 1024)})


@pytest.fixture
def sync_client(hostile: Start) -> Iterator[Callable[[Script], tuple[EigenpalClient, HostileServer]]]:
    made: list[EigenpalClient] = []

    def make(script: Script) -> tuple[EigenpalClient, HostileServer]:
        server = hostile("scripted", script=script, max_seconds=15)  # an unbounded walk ends when the server does
        client = EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=DEADLINE)
        made.append(client)
        return client, server

    yield make
    for client in made:
        client.close()


def _timed(call: Callable[[], object]) -> tuple[BaseException | None, float]:
    started = time.monotonic()
    try:
        call()
    except Exception as exc:  # what the call raised is what the test checks
        return exc, time.monotonic() - started
    return None, time.monotonic() - started


def _atimed(make: Callable[[AsyncEigenpalClient], Any], base_url: str) -> tuple[BaseException | None, float]:
    async def main() -> None:
        async with AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, timeout=DEADLINE) as client:
            await make(client)

    return _timed(lambda: asyncio.run(main()))


async def _drain(items: Any) -> list[Any]:
    return [item async for item in items]


# --- answers about another run ------------------------------------------------------------------------------------

ANOTHER_RUN: list[tuple[str, Callable[[EigenpalClient], object], Callable[[AsyncEigenpalClient], Any]]] = [
    ("runs.get", lambda c: c.runs.get("run_1"), lambda c: c.runs.get("run_1")),
    ("runs.cancel", lambda c: c.runs.cancel("run_1"), lambda c: c.runs.cancel("run_1")),
    ("handle.refresh", lambda c: c.runs.handle("run_1").refresh(), lambda c: c.runs.handle("run_1").refresh()),
]


@pytest.mark.parametrize(("name", "sync_call", "async_call"), ANOTHER_RUN, ids=[case[0] for case in ANOTHER_RUN])
def test_an_answer_about_another_run_is_refused(
    hostile: Start,
    sync_client: Callable[[Script], tuple[EigenpalClient, HostileServer]],
    name: str,
    sync_call: Callable[[EigenpalClient], object],
    async_call: Callable[[AsyncEigenpalClient], Any],
) -> None:
    client, server = sync_client(_about_run_2)
    error, elapsed = _timed(lambda: sync_call(client))
    assert isinstance(error, APIResponseValidationError), error
    assert "'run_1'" in str(error) and "'run_2'" in str(error)
    assert elapsed < BOUND
    assert len(server.requests) == 1

    server = hostile("scripted", script=_about_run_2)
    error, elapsed = _atimed(async_call, server.base_url)
    assert isinstance(error, APIResponseValidationError), error
    assert "'run_1'" in str(error) and "'run_2'" in str(error)
    assert elapsed < BOUND
    assert len(server.requests) == 1


def test_a_handle_does_not_take_another_runs_state(
    sync_client: Callable[[Script], tuple[EigenpalClient, HostileServer]],
) -> None:
    client, _server = sync_client(_about_run_2)
    handle = client.runs.handle("run_1")
    with pytest.raises(APIResponseValidationError):
        handle.refresh()
    assert handle.run is None
    assert handle.id == "run_1"


# --- listings that never end --------------------------------------------------------------------------------------


@pytest.mark.parametrize("runs_on_first", [0, 3])
def test_iter_ends_at_an_empty_page_with_a_fresh_cursor(
    hostile: Start, sync_client: Callable[[Script], tuple[EigenpalClient, HostileServer]], runs_on_first: int
) -> None:
    client, server = sync_client(_fresh_cursor_pages(runs_on_first))
    started = time.monotonic()
    assert len(list(client.runs.iter())) == runs_on_first
    assert time.monotonic() - started < BOUND
    assert len(server.requests) == (1 if runs_on_first == 0 else 2)

    server = hostile("scripted", script=_fresh_cursor_pages(runs_on_first))
    found: list[Any] = []

    async def collect(c: AsyncEigenpalClient) -> None:
        found.extend(await _drain(c.runs.iter()))

    error, elapsed = _atimed(collect, server.base_url)
    assert error is None
    assert elapsed < BOUND
    assert len(found) == runs_on_first
    assert len(server.requests) == (1 if runs_on_first == 0 else 2)


def test_cancel_many_ends_at_an_empty_page_with_a_fresh_cursor(
    hostile: Start, sync_client: Callable[[Script], tuple[EigenpalClient, HostileServer]]
) -> None:
    client, server = sync_client(_fresh_cursor_pages(0))
    assert client.runs.cancel_many(status="running").matched == 0
    assert len(server.requests) == 1


def test_a_listing_that_never_ends_raises_after_the_most_pages(
    hostile: Start,
    sync_client: Callable[[Script], tuple[EigenpalClient, HostileServer]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(paging, "MAX_PAGES", 20)  # the real bound is 10,000 pages: the same code, sooner
    client, server = sync_client(_endless_pages)
    with pytest.raises(APIResponseValidationError, match="narrow the filters"):
        list(client.runs.iter())
    assert len(server.requests) == 20

    server = hostile("scripted", script=_endless_pages, max_seconds=15)
    error, _elapsed = _atimed(lambda c: _drain(c.runs.iter()), server.base_url)
    assert isinstance(error, APIResponseValidationError), error
    assert len(server.requests) == 20


def test_a_70_kib_next_cursor_is_a_validation_error_naming_it(
    hostile: Start, sync_client: Callable[[Script], tuple[EigenpalClient, HostileServer]]
) -> None:
    client, server = sync_client(_huge_cursor)
    error, elapsed = _timed(lambda: list(client.runs.iter()))
    assert isinstance(error, APIResponseValidationError), error
    assert "nextCursor" in str(error)
    assert elapsed < BOUND
    assert len(server.requests) == 1

    server = hostile("scripted", script=_huge_cursor)
    error, elapsed = _atimed(lambda c: _drain(c.runs.iter()), server.base_url)
    assert isinstance(error, APIResponseValidationError), error
    assert "nextCursor" in str(error)
    assert len(server.requests) == 1


# --- requests that would go astray --------------------------------------------------------------------------------

ASTRAY: list[tuple[str, str, Callable[[EigenpalClient], object], Callable[[AsyncEigenpalClient], Any]]] = [
    ("cancel-dot", "run_id", lambda c: c.runs.cancel("."), lambda c: c.runs.cancel(".")),
    ("get-dotdot", "run_id", lambda c: c.runs.get(".."), lambda c: c.runs.get("..")),
    ("surrogate-input", "input.name", lambda c: c.run(TARGET, input={"name": "\ud800"}),
     lambda c: c.run(TARGET, input={"name": "\ud800"})),
    ("surrogate-tag", "tags[0]", lambda c: c.run(TARGET, tags=["\udc00"]), lambda c: c.run(TARGET, tags=["\udc00"])),
]  # fmt: skip


@pytest.mark.parametrize(("name", "argument", "sync_call", "async_call"), ASTRAY, ids=[case[0] for case in ASTRAY])
def test_a_request_that_would_go_astray_is_refused_before_it_is_sent(
    hostile: Start,
    sync_client: Callable[[Script], tuple[EigenpalClient, HostileServer]],
    name: str,
    argument: str,
    sync_call: Callable[[EigenpalClient], object],
    async_call: Callable[[AsyncEigenpalClient], Any],
) -> None:
    client, server = sync_client(_about_run_2)
    error, _elapsed = _timed(lambda: sync_call(client))
    assert isinstance(error, InvalidArgumentError), error
    assert error.argument == argument
    error, _elapsed = _atimed(async_call, server.base_url)
    assert isinstance(error, InvalidArgumentError), error
    assert error.argument == argument
    assert server.requests == []


# The first asyncio.run() ends with the client's kept-alive connection still open, as the user's code left it; its
# socket is reclaimed by the garbage collector, which warns. That leak is the first loop's, not the client's.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_an_async_client_from_a_second_event_loop_raises_a_clear_error(hostile: Start) -> None:
    server = hostile("scripted", script=lambda request, number: _json(run_json("run_1")))
    kind, message, elapsed = _second_loop(server.base_url)
    gc.collect()  # the first loop's socket, while the warnings it raises are ignored
    assert issubclass(kind, ClientUsageError), kind
    assert issubclass(kind, RuntimeError)
    assert "one client per event loop" in message
    assert elapsed < BOUND
    assert len(server.requests) == 1


def _second_loop(base_url: str) -> tuple[type[BaseException], str, float]:
    client = AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, timeout=DEADLINE)
    assert asyncio.run(client.runs.get("run_1")).id == "run_1"
    error, elapsed = _timed(lambda: asyncio.run(client.runs.get("run_1")))
    assert error is not None
    return type(error), str(error), elapsed
