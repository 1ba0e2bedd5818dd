"""Waits fed by webhook events (``events=RunEvents``), against the local server delivering to an in-process receiver:
a wait ends soon after its run's terminal event with one read, and when the events are lost it still ends by
polling."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from cassette_kit import API_KEY

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient, EigenpalTimeoutError
from eigenpal_ext.testing import Delivery, WebhookReceiver
from eigenpal_ext.webhooks import RunEvents, Webhook
from eigenpal_local import LocalServer

SECRET = "whsec_" + "dGVzdC1zZWNyZXQtZm9yLXdhaXRz"  # base64 of "test-secret-for-waits"
RUN = {"seconds": 0.3, "steps": 2}
POLL = 2.0  # a fallback read comes every 4 polls (8 s): a wait that ends sooner ended on the event


@pytest.fixture
def events() -> RunEvents:
    return RunEvents()


@pytest.fixture
def base_url(events: RunEvents) -> Iterator[str]:
    webhook = Webhook(SECRET)

    def feed(delivery: Delivery, _number: int) -> int:
        events.feed(webhook.unwrap(delivery.body, delivery.headers))
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


def _start(base_url: str) -> str:
    with EigenpalClient(api_key=API_KEY, base_url=base_url) as client:
        return client.run("workflows.sleep", input=RUN).id


def test_a_wait_ends_on_the_terminal_event_with_one_read(base_url: str, events: RunEvents) -> None:
    sent: list[httpx.Request] = []
    run_id = _start(base_url)
    with (
        httpx.Client(event_hooks={"request": [sent.append]}) as http,
        EigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        began = time.monotonic()
        run = client.runs.wait(run_id, events=events, poll_interval_seconds=POLL, timeout_seconds=30)
        took = time.monotonic() - began
    assert run.execution.status == "completed"
    assert events.status(run_id) == "completed"
    assert took < 4 * POLL - 2, f"the wait took {took:.2f}s: it waited for the fallback read, not the event"
    assert [(r.method, r.url.path) for r in sent] == [("GET", f"/v1/runs/{run_id}")]


@pytest.mark.asyncio
async def test_an_async_wait_ends_on_the_terminal_event_with_one_read(base_url: str, events: RunEvents) -> None:
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    run_id = _start(base_url)
    async with (
        httpx.AsyncClient(event_hooks={"request": [record]}) as http,
        AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        began = time.monotonic()
        run = await client.runs.wait(run_id, events=events, poll_interval_seconds=POLL, timeout_seconds=30)
        took = time.monotonic() - began
    assert run.execution.status == "completed"
    assert took < 4 * POLL - 2, f"the wait took {took:.2f}s: it waited for the fallback read, not the event"
    assert [(r.method, r.url.path) for r in sent] == [("GET", f"/v1/runs/{run_id}")]


def test_a_wait_whose_events_are_lost_ends_by_polling(lost_base_url: str) -> None:
    run_id = _start(lost_base_url)
    with EigenpalClient(api_key=API_KEY, base_url=lost_base_url) as client:
        run = client.runs.wait(run_id, events=RunEvents(), poll_interval_seconds=0.5, timeout_seconds=30)
    assert run.execution.status == "completed"


@pytest.mark.asyncio
async def test_an_async_wait_whose_events_are_lost_ends_by_polling(lost_base_url: str) -> None:
    run_id = _start(lost_base_url)
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=lost_base_url) as client:
        run = await client.runs.wait(run_id, events=RunEvents(), poll_interval_seconds=0.5, timeout_seconds=30)
    assert run.execution.status == "completed"


def test_a_lost_wait_still_ends_at_its_deadline(lost_base_url: str) -> None:
    with EigenpalClient(api_key=API_KEY, base_url=lost_base_url) as client:
        run_id = client.run("workflows.sleep", input={"seconds": 60}).id
        began = time.monotonic()
        with pytest.raises(EigenpalTimeoutError):
            client.runs.wait(run_id, events=RunEvents(), timeout_seconds=1)
        assert time.monotonic() - began < 3
