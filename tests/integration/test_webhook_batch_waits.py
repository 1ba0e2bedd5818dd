"""``run_many`` and ``run_many_as_completed`` fed by webhook events (``events=RunEvents``), against the local server
delivering to an in-process receiver, sync and async.

Through a caller's ``http_client`` a batch of more than 32 runs in flight is watched on list ticks: there a run whose
terminal event arrives is confirmed with one read and handed on at once, with no list request at all; a batch of
fewer holds one request per run, and a run a resumed batch finds is read once and then waited for on its events. With
the events lost the batch still ends by its fallback looks; a forged terminal event for a run still going does not
end that run's wait.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from cassette_kit import API_KEY
from eigenpal_api.models.run import Run

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient, EigenpalError, EigenpalTimeoutError
from eigenpal_ext.testing import Delivery, WebhookReceiver
from eigenpal_ext.webhooks import RunCreated, RunEvents, Webhook, sign
from eigenpal_local import LocalServer

SECRET = "whsec_" + "dGVzdC1zZWNyZXQtZm9yLWJhdGNoZXM="  # base64 of "test-secret-for-batches"
SHORT = {"seconds": 0.5, "steps": 2}
TICKED = 33  # more runs in flight than a caller's http_client holds requests for (32): the batch is on list ticks
POLL = 5.0  # a fallback look comes every 4 polls (20 s): a batch that ends sooner ended on the events
QUICK = 4 * POLL - 5  # generous: a batch of 33 short runs takes about 3 s, twice that on a loaded machine

Results = list[Run | EigenpalError]
Sent = list[httpx.Request]


class Feed:
    """The receiver's handler: verifies each delivery and feeds it to ``events``; once ``forge_from`` holds a
    genuine terminal delivery, each run's ``run.created`` is followed by a forged (signed) ``completed`` event."""

    def __init__(self) -> None:
        self.events = RunEvents()
        self.webhook = Webhook(SECRET)
        self.terminal_bodies: list[bytes] = []
        self.forge_from: bytes | None = None

    def __call__(self, delivery: Delivery, _number: int) -> int:
        event = self.webhook.unwrap(delivery.body, delivery.headers)
        if str(event.data.run.status) == "completed":
            self.terminal_bodies.append(delivery.body)
        self.events.feed(event)
        if self.forge_from is not None and isinstance(event, RunCreated):
            self.events.feed(self._lie(event.data.run.id))
        return 204

    def _lie(self, run_id: str) -> Any:
        payload = json.loads(self.forge_from or b"")
        payload["id"] = f"whev_lie_{run_id}"
        payload["data"]["run"]["id"] = run_id
        body = json.dumps(payload).encode()
        return self.webhook.unwrap(body, sign(body, secret=SECRET))


@pytest.fixture
def feed() -> Feed:
    return Feed()


@pytest.fixture
def base_url(feed: Feed) -> Iterator[str]:
    with (
        WebhookReceiver(respond=feed) as receiver,
        LocalServer(api_key=API_KEY, db=None, workers=64, webhook_url=receiver.url, webhook_secret=SECRET) as server,
    ):
        yield server.base_url


@pytest.fixture
def lost_base_url() -> Iterator[str]:
    with LocalServer(
        api_key=API_KEY, db=None, workers=64, webhook_url="http://127.0.0.1:9/nowhere", webhook_secret=SECRET
    ) as server:
        yield server.base_url


Batch = Callable[..., tuple[Results, Sent, float]]


@pytest.fixture(params=["sync run_many", "sync as_completed", "async run_many", "async as_completed"])
def batch(request: pytest.FixtureRequest) -> Batch:
    """Run a batch through a caller's ``http_client`` that records every request: its outcomes in input order, the
    requests, and how long the call took."""
    flavour, api = request.param.split()

    def call(base_url: str, inputs: list[dict[str, Any]], **kwargs: Any) -> tuple[Results, Sent, float]:
        sent: Sent = []
        began = time.monotonic()
        if flavour == "sync":
            with (
                httpx.Client(event_hooks={"request": [sent.append]}) as http,
                EigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
            ):
                if api == "run_many":
                    results = client.run_many("workflows.sleep", inputs, **kwargs)
                else:
                    with client.run_many_as_completed("workflows.sleep", inputs, **kwargs) as handed:
                        items = sorted(handed, key=lambda item: item.index)
                    results = [item.outcome for item in items]
            return results, sent, time.monotonic() - began

        async def record(request: httpx.Request) -> None:
            sent.append(request)

        async def main() -> Results:
            async with (
                httpx.AsyncClient(event_hooks={"request": [record]}) as http,
                AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
            ):
                if api == "run_many":
                    return await client.run_many("workflows.sleep", inputs, **kwargs)
                async with client.run_many_as_completed("workflows.sleep", inputs, **kwargs) as handed:
                    items = sorted([item async for item in handed], key=lambda item: item.index)
                return [item.outcome for item in items]

        results = asyncio.run(main())
        return results, sent, time.monotonic() - began

    return call


def _completed(results: Results) -> list[Run]:
    assert all(isinstance(result, Run) and result.execution.status == "completed" for result in results), results
    return [result for result in results if isinstance(result, Run)]


def _gets(sent: Sent) -> list[str]:
    return sorted(request.url.path for request in sent if request.method == "GET")


def test_a_batch_on_list_ticks_hands_on_each_run_on_its_event_with_one_read(
    batch: Batch, base_url: str, feed: Feed
) -> None:
    results, sent, took = batch(base_url, [SHORT] * TICKED, events=feed.events, poll_interval_seconds=POLL,
                                timeout_seconds=30)  # fmt: skip
    runs = _completed(results)
    assert took < QUICK, f"the batch took {took:.2f}s: it waited for the fallback look, not the events"
    # One start and one confirming read per run; no list request (no look was due).
    assert _gets(sent) == sorted(f"/v1/runs/{run.id}" for run in runs)
    assert [request.method for request in sent].count("POST") == TICKED


def test_a_held_batch_resumed_waits_for_the_runs_it_finds_on_their_events(
    batch: Batch, base_url: str, feed: Feed
) -> None:
    key = f"resume-{uuid.uuid4().hex[:8]}"
    inputs = [{"seconds": 2.5, "steps": 2}] * 3
    first, _, _ = batch(base_url, inputs, idempotency_key=key, timeout_seconds=0.5)
    assert all(isinstance(result, EigenpalTimeoutError) for result in first), first

    results, sent, took = batch(base_url, inputs, idempotency_key=key, events=feed.events,
                                poll_interval_seconds=POLL, timeout_seconds=30)  # fmt: skip
    runs = _completed(results)
    assert took < QUICK, f"the batch took {took:.2f}s: it waited for the fallback read, not the events"
    # The batch's tag listed once; each run found read once at once, then once more on its terminal event.
    assert _gets(sent) == sorted(["/v1/runs"] + [f"/v1/runs/{run.id}" for run in runs] * 2)
    assert [request.method for request in sent].count("POST") == 0


def test_lost_events_still_end_the_batch_by_its_fallback_looks(batch: Batch, lost_base_url: str) -> None:
    results, sent, took = batch(lost_base_url, [SHORT] * TICKED, events=RunEvents(), poll_interval_seconds=0.5,
                                timeout_seconds=30)  # fmt: skip
    _completed(results)
    assert took < 20, f"the batch took {took:.2f}s"
    assert "/v1/runs" in _gets(sent)  # ended by a look


def test_a_forged_terminal_event_does_not_end_the_wait_for_a_run_still_going(
    batch: Batch, base_url: str, feed: Feed
) -> None:
    with EigenpalClient(api_key=API_KEY, base_url=base_url) as client:
        client.run("workflows.sleep", input={"seconds": 0.1, "steps": 1})
    deadline = time.monotonic() + 10
    while not feed.terminal_bodies and time.monotonic() < deadline:
        time.sleep(0.05)
    feed.forge_from = feed.terminal_bodies[0]  # from now on every run is said to have completed as it is created

    inputs = [{"seconds": 60, "steps": 2}] + [SHORT] * (TICKED - 1)
    results, sent, took = batch(base_url, inputs, events=feed.events, poll_interval_seconds=0.5, timeout_seconds=4)

    late = results[0]
    assert isinstance(late, EigenpalTimeoutError), late
    assert late.run_id is not None
    assert late.last_run is None or late.last_run.execution.status == "running"  # read to confirm the lie: going on
    _completed(results[1:])
    assert took < 10
    assert len(sent) < 4 * TICKED, f"{len(sent)} requests: the batch read in a loop on the forged events"


def test_a_resumed_batch_whose_runs_ended_unseen_ends_at_once(batch: Batch, base_url: str) -> None:
    key, tag = f"ended-{uuid.uuid4().hex[:8]}", f"t{uuid.uuid4().hex[:10]}"
    inputs = [{"seconds": 1.0, "steps": 1}] * 3
    first, _, _ = batch(base_url, inputs, idempotency_key=key, tags=[tag], timeout_seconds=0.3)
    assert all(isinstance(result, EigenpalTimeoutError) for result in first), first
    with EigenpalClient(api_key=API_KEY, base_url=base_url) as client:  # the runs end while nothing feeds events
        client.runs.wait_all([item.id for item in client.runs.iter(tag=tag)], timeout_seconds=30)

    results, sent, took = batch(base_url, inputs, idempotency_key=key, tags=[tag], events=RunEvents(),
                                poll_interval_seconds=POLL, timeout_seconds=30)  # fmt: skip
    runs = _completed(results)
    assert took < QUICK, f"the batch took {took:.2f}s: it slept on events that had come and gone"
    assert _gets(sent) == sorted(["/v1/runs"] + [f"/v1/runs/{run.id}" for run in runs])


# A run handle's wait is runs.wait: fed by the same events.


def test_a_handle_waits_on_its_run_s_terminal_event_with_one_read(base_url: str, feed: Feed) -> None:
    sent: Sent = []
    with (
        httpx.Client(event_hooks={"request": [sent.append]}) as http,
        EigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        handle = client.runs.handle(client.run("workflows.sleep", SHORT).id)
        began = time.monotonic()
        run = handle.wait(events=feed.events, poll_interval_seconds=POLL, timeout_seconds=30)
        took = time.monotonic() - began
    assert run.execution.status == "completed" and handle.run is run
    assert took < QUICK, f"the wait took {took:.2f}s: it waited for the fallback read, not the event"
    assert [(r.method, r.url.path) for r in sent] == [("POST", "/v1/runs"), ("GET", f"/v1/runs/{run.id}")]


@pytest.mark.asyncio
async def test_async_a_handle_waits_on_its_run_s_terminal_event_with_one_read(base_url: str, feed: Feed) -> None:
    sent: Sent = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    async with (
        httpx.AsyncClient(event_hooks={"request": [record]}) as http,
        AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http) as client,
    ):
        handle = client.runs.handle((await client.run("workflows.sleep", SHORT)).id)
        began = time.monotonic()
        run = await handle.wait(events=feed.events, poll_interval_seconds=POLL, timeout_seconds=30)
        took = time.monotonic() - began
    assert run.execution.status == "completed" and handle.run is run
    assert took < QUICK, f"the wait took {took:.2f}s: it waited for the fallback read, not the event"
    assert [(r.method, r.url.path) for r in sent] == [("POST", "/v1/runs"), ("GET", f"/v1/runs/{run.id}")]
