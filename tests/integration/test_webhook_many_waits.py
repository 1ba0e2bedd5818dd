"""Every wait fed by webhook events: ``runs.wait_all``, ``runs.as_completed`` and ``run_and_wait`` with
``events=RunEvents``, against the local server delivering to an in-process receiver. A run whose terminal event
arrives is confirmed with one read and handed on at once; with the events lost the waits still end by polling; an
event that says terminal while the server says otherwise does not end a wait (nor make it read in a loop)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from cassette_kit import API_KEY

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient, EigenpalTimeoutError, Run
from eigenpal_ext.testing import Delivery, WebhookReceiver
from eigenpal_ext.webhooks import RunEvents, Webhook, sign
from eigenpal_local import LocalServer

SECRET = "whsec_" + "dGVzdC1zZWNyZXQtZm9yLXdhaXRz"  # base64 of "test-secret-for-waits"
RUN = {"seconds": 0.3, "steps": 2}
POLL = 2.0  # a fallback look comes every 4 polls (8 s): a wait that ends sooner ended on the events
QUICK = 4 * POLL - 2


@pytest.fixture
def events() -> RunEvents:
    return RunEvents()


@pytest.fixture
def terminal_bodies() -> list[bytes]:
    return []


@pytest.fixture
def base_url(events: RunEvents, terminal_bodies: list[bytes]) -> Iterator[str]:
    webhook = Webhook(SECRET)

    def feed(delivery: Delivery, _number: int) -> int:
        event = webhook.unwrap(delivery.body, delivery.headers)
        if str(event.data.run.status) == "completed":
            terminal_bodies.append(delivery.body)
        events.feed(event)
        return 204

    with (
        WebhookReceiver(respond=feed) as receiver,
        LocalServer(api_key=API_KEY, db=None, webhook_url=receiver.url, webhook_secret=SECRET) as server,
    ):
        yield server.base_url


@pytest.fixture
def lost_base_url() -> Iterator[str]:
    with LocalServer(
        api_key=API_KEY, db=None, webhook_url="http://127.0.0.1:9/nowhere", webhook_secret=SECRET
    ) as server:
        yield server.base_url


def _start(base_url: str, count: int = 2, run: dict[str, float] = RUN) -> list[str]:
    with EigenpalClient(api_key=API_KEY, base_url=base_url) as client:
        return [client.run("workflows.sleep", input=run).id for _ in range(count)]


def _reads(sent: list[httpx.Request], run_ids: list[str]) -> list[tuple[str, str]]:
    return sorted((request.method, request.url.path) for request in sent if request.method == "GET") or [
        ("none", ",".join(run_ids))
    ]


def _one_read_each(run_ids: list[str]) -> list[tuple[str, str]]:
    return sorted(("GET", f"/v1/runs/{run_id}") for run_id in run_ids)


def test_wait_all_ends_on_the_terminal_events_with_one_read_each(base_url: str, events: RunEvents) -> None:
    sent: list[httpx.Request] = []
    run_ids = _start(base_url)
    with (
        httpx.Client(event_hooks={"request": [sent.append]}) as http,
        EigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        began = time.monotonic()
        runs = client.runs.wait_all(run_ids, events=events, poll_interval_seconds=POLL, timeout_seconds=30)
        took = time.monotonic() - began
    assert [run.id for run in runs] == run_ids
    assert all(run.execution.status == "completed" for run in runs)
    assert took < QUICK, f"the wait took {took:.2f}s: it waited for the fallback look, not the events"
    assert _reads(sent, run_ids) == _one_read_each(run_ids)
    assert [r for r in sent if r.method != "GET"] == []


@pytest.mark.asyncio
async def test_async_wait_all_ends_on_the_terminal_events_with_one_read_each(base_url: str, events: RunEvents) -> None:
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    run_ids = _start(base_url)
    async with (
        httpx.AsyncClient(event_hooks={"request": [record]}) as http,
        AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        began = time.monotonic()
        runs = await client.runs.wait_all(run_ids, events=events, poll_interval_seconds=POLL, timeout_seconds=30)
        took = time.monotonic() - began
    assert [run.execution.status for run in runs] == ["completed", "completed"]
    assert took < QUICK, f"the wait took {took:.2f}s: it waited for the fallback look, not the events"
    assert _reads(sent, run_ids) == _one_read_each(run_ids)


def test_as_completed_hands_on_each_run_on_its_event_with_one_read(base_url: str, events: RunEvents) -> None:
    sent: list[httpx.Request] = []
    run_ids = _start(base_url)
    with (
        httpx.Client(event_hooks={"request": [sent.append]}) as http,
        EigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        began = time.monotonic()
        runs = list(client.runs.as_completed(run_ids, events=events, poll_interval_seconds=POLL, timeout_seconds=30))
        took = time.monotonic() - began
    assert sorted(run.id for run in runs) == sorted(run_ids)
    assert took < QUICK, f"the wait took {took:.2f}s: it waited for the fallback look, not the events"
    assert _reads(sent, run_ids) == _one_read_each(run_ids)


@pytest.mark.asyncio
async def test_async_as_completed_hands_on_each_run_on_its_event_with_one_read(
    base_url: str, events: RunEvents
) -> None:
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    run_ids = _start(base_url)
    async with (
        httpx.AsyncClient(event_hooks={"request": [record]}) as http,
        AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        began = time.monotonic()
        runs = [run async for run in client.runs.as_completed(run_ids, events=events, poll_interval_seconds=POLL,
                                                                timeout_seconds=30)]  # fmt: skip
        took = time.monotonic() - began
    assert sorted(run.id for run in runs) == sorted(run_ids)
    assert took < QUICK, f"the wait took {took:.2f}s: it waited for the fallback look, not the events"
    assert _reads(sent, run_ids) == _one_read_each(run_ids)


# run_and_wait: a held start answers when the run ends, with no read at all; a start that is not held (a wait that
# stops at a human review) is followed by the wait the events feed.


def test_run_and_wait_ends_on_the_terminal_event_with_one_read(base_url: str, events: RunEvents) -> None:
    sent: list[httpx.Request] = []
    with (
        httpx.Client(event_hooks={"request": [sent.append]}) as http,
        EigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        began = time.monotonic()
        run = client.run_and_wait("workflows.sleep", RUN, events=events, stop_on_human_review=True,
                                  poll_interval_seconds=POLL, timeout_seconds=30)  # fmt: skip
        took = time.monotonic() - began
    assert run.execution.status == "completed"
    assert took < QUICK, f"the wait took {took:.2f}s: it waited for the fallback read, not the event"
    assert [(r.method, r.url.path) for r in sent] == [
        ("POST", "/v1/runs"),
        ("GET", f"/v1/runs/{run.id}"),
    ]


@pytest.mark.asyncio
async def test_async_run_and_wait_ends_on_the_terminal_event_with_one_read(base_url: str, events: RunEvents) -> None:
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    async with (
        httpx.AsyncClient(event_hooks={"request": [record]}) as http,
        AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        began = time.monotonic()
        run = await client.run_and_wait("workflows.sleep", RUN, events=events, stop_on_human_review=True,
                                        poll_interval_seconds=POLL, timeout_seconds=30)  # fmt: skip
        took = time.monotonic() - began
    assert run.execution.status == "completed"
    assert took < QUICK, f"the wait took {took:.2f}s: it waited for the fallback read, not the event"
    assert [(r.method, r.url.path) for r in sent] == [
        ("POST", "/v1/runs"),
        ("GET", f"/v1/runs/{run.id}"),
    ]


def test_lost_events_still_end_every_wait_by_polling(lost_base_url: str) -> None:
    # The three waits run side by side: each sleeps until its first fallback look (at least 5 s) and then ends.
    with EigenpalClient(api_key=API_KEY, base_url=lost_base_url) as client, ThreadPoolExecutor(3) as pool:
        all_of = pool.submit(client.runs.wait_all, _start(lost_base_url), events=RunEvents(),
                             poll_interval_seconds=0.5, timeout_seconds=30)  # fmt: skip
        each = client.runs.as_completed
        each_of = pool.submit(lambda: list(each(_start(lost_base_url), events=RunEvents(), poll_interval_seconds=0.5,
                                                timeout_seconds=30)))  # fmt: skip
        one = pool.submit(client.run_and_wait, "workflows.sleep", RUN, events=RunEvents(), stop_on_human_review=True,
                          poll_interval_seconds=0.5, timeout_seconds=30)  # fmt: skip
        assert [run.execution.status for run in all_of.result()] == ["completed", "completed"]
        assert [run.execution.status for run in each_of.result()] == ["completed", "completed"]
        assert one.result().execution.status == "completed"


@pytest.mark.asyncio
async def test_async_lost_events_still_end_every_wait_by_polling(lost_base_url: str) -> None:
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=lost_base_url) as client:

        async def each_of() -> list[Run]:
            each = client.runs.as_completed(_start(lost_base_url), events=RunEvents(), poll_interval_seconds=0.5,
                                            timeout_seconds=30)  # fmt: skip
            return [run async for run in each]

        runs, ended, run = await asyncio.gather(
            client.runs.wait_all(_start(lost_base_url), events=RunEvents(), poll_interval_seconds=0.5,
                                 timeout_seconds=30),
            each_of(),
            client.run_and_wait("workflows.sleep", RUN, events=RunEvents(), stop_on_human_review=True,
                                poll_interval_seconds=0.5, timeout_seconds=30),
        )  # fmt: skip
        assert [run.execution.status for run in runs] == ["completed", "completed"]
        assert [run.execution.status for run in ended] == ["completed", "completed"]
        assert run.execution.status == "completed"


def _lying_event(template: bytes, run_id: str) -> RunEvents:
    """A RunEvents told that ``run_id`` completed, by a signed event made from a real terminal delivery."""
    payload = json.loads(template)
    payload["id"] = "whev_lie"
    payload["data"]["run"]["id"] = run_id
    body = json.dumps(payload).encode()
    events = RunEvents()
    events.feed(Webhook(SECRET).unwrap(body, sign(body, secret=SECRET)))
    assert events.status(run_id) == "completed"
    return events


def _contradicted(base_url: str, terminal_bodies: list[bytes]) -> tuple[str, RunEvents]:
    """A run that goes on for a minute, and a RunEvents told (by a forged, signed event) that it completed."""
    _start(base_url, count=1)
    deadline = time.monotonic() + 10
    while not terminal_bodies and time.monotonic() < deadline:
        time.sleep(0.05)
    [long_id] = _start(base_url, count=1, run={"seconds": 60})
    return long_id, _lying_event(terminal_bodies[0], long_id)


@pytest.mark.parametrize("wait", ["wait", "wait_all", "as_completed"])
def test_an_event_the_server_contradicts_does_not_end_the_wait(
    base_url: str, terminal_bodies: list[bytes], wait: str
) -> None:
    long_id, events = _contradicted(base_url, terminal_bodies)
    sent: list[httpx.Request] = []
    with (
        httpx.Client(event_hooks={"request": [sent.append]}) as http,
        EigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        waits: dict[str, Callable[[], object]] = {
            "wait": lambda: client.runs.wait(long_id, events=events, poll_interval_seconds=0.5, timeout_seconds=3),
            "wait_all": lambda: client.runs.wait_all(
                [long_id], events=events, poll_interval_seconds=0.5, timeout_seconds=3
            ),
            "as_completed": lambda: list(
                client.runs.as_completed([long_id], events=events, poll_interval_seconds=0.5, timeout_seconds=3)
            ),
        }
        with pytest.raises(EigenpalTimeoutError):
            waits[wait]()
    assert 1 <= len(sent) <= 12, f"{len(sent)} requests in 3 s: the wait read in a loop on the contradicted event"


@pytest.mark.asyncio
@pytest.mark.parametrize("wait", ["wait", "wait_all"])
async def test_async_an_event_the_server_contradicts_does_not_end_the_wait(
    base_url: str, terminal_bodies: list[bytes], wait: str
) -> None:
    long_id, events = _contradicted(base_url, terminal_bodies)
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    async with (
        httpx.AsyncClient(event_hooks={"request": [record]}) as http,
        AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        run_ids = [long_id]
        waiting = (
            client.runs.wait(long_id, events=events, poll_interval_seconds=0.5, timeout_seconds=3)
            if wait == "wait"
            else client.runs.wait_all(run_ids, events=events, poll_interval_seconds=0.5, timeout_seconds=3)
        )
        with pytest.raises(EigenpalTimeoutError):
            await waiting
    assert 1 <= len(sent) <= 12, f"{len(sent)} requests in 3 s: the wait read in a loop on the contradicted event"
