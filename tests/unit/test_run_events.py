"""RunEvents: memory stays bounded (statuses forgotten after ``ttl`` or beyond ``max_runs``, never while a wait
waits for them), and an event wakes only the waits of its run."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import pytest

from eigenpal_ext.webhooks import RunEvents, Webhook, WebhookEvent, sign

SECRET = "whsec_" + "dGVzdC1zZWNyZXQtZm9yLXdhaXRz"


def _event(run_id: str, status: str) -> WebhookEvent:
    payload = {
        "id": f"whev_{run_id}_{status}",
        "type": "run.status_changed",
        "apiVersion": "2026-07-01",
        "createdAt": "2026-07-01T00:00:00.000Z",
        "test": False,
        "data": {
            "run": {"id": run_id, "automationId": "a", "type": "workflow", "status": status, "triggerType": "api",
                    "tags": []},
            "previousStatus": "running",
            "currentStatus": status,
        },
    }  # fmt: skip
    body = json.dumps(payload).encode()
    return Webhook(SECRET).unwrap(body, sign(body, secret=SECRET))


def test_statuses_beyond_max_runs_are_forgotten_oldest_first() -> None:
    events = RunEvents(max_runs=2)
    for run_id in ("run_a", "run_b", "run_c"):
        events.feed(_event(run_id, "completed"))
    assert (events.status("run_a"), events.status("run_b"), events.status("run_c")) == (None, "completed", "completed")
    assert len(events) == 2


def test_statuses_past_their_ttl_are_forgotten() -> None:
    now = [0.0]
    events = RunEvents(ttl=60, clock=lambda: now[0])
    events.feed(_event("run_a", "completed"))
    now[0] = 61.0
    events.feed(_event("run_b", "running"))
    assert events.status("run_a") is None
    assert events.status("run_b") == "running"


def test_a_status_a_wait_waits_for_is_kept() -> None:
    events = RunEvents(max_runs=1)
    events.feed(_event("run_a", "running"))
    woke: list[set[str]] = []
    waiter = threading.Thread(target=lambda: woke.append(events.wait_ended(["run_a"], 10)))
    waiter.start()
    while not events._waiters:  # the wait has registered
        time.sleep(0.01)
    events.feed(_event("run_b", "running"))  # over the cap: run_b is newest, run_a is waited for
    assert events.status("run_a") == "running"
    events.feed(_event("run_a", "completed"))
    waiter.join(5)
    assert woke == [{"run_a"}]


def test_terminal_absorbs_and_feed_says_what_changed() -> None:
    events = RunEvents()
    assert events.feed(_event("run_a", "completed")) is True
    assert events.feed(_event("run_a", "running")) is False
    assert events.status("run_a") == "completed"


@pytest.mark.asyncio
async def test_an_event_wakes_only_the_waits_of_its_run() -> None:
    events = RunEvents()
    other = asyncio.create_task(events.await_ended(["run_b"], 10))
    mine = asyncio.create_task(events.await_ended(["run_a"], 10))
    await asyncio.sleep(0.05)
    assert set(events._waiters) == {"run_a", "run_b"}
    events.feed(_event("run_a", "completed"))
    assert await asyncio.wait_for(mine, 5) == {"run_a"}
    assert not other.done()
    events.feed(_event("run_b", "failed"))
    assert await asyncio.wait_for(other, 5) == {"run_b"}
    assert events._waiters == {}
