"""Waits fed by webhook events against waits that poll: requests per run and how late a wait returns.

The local server (in this process) delivers signed events to an in-process receiver that feeds a ``RunEvents``;
200 runs are started (not counted), then waited for at once with ``runs.wait`` (async), once with ``events=`` and
once polling. Printed per mode: the wait's requests per run on average, and the p50/p99 of (the time ``wait``
returned - the time the run's terminal event was delivered, or the time ``wait`` was called if that was later: a run
that ended while the 200 were being started had no wait to wake). Issue 24's targets: <= 1.1 requests per run and a p99
<= 50 ms with events. Run from the repository root: ``python -m benchmarks.webhook_waits [RUNS]``.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import time

import httpx

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient
from eigenpal_ext.testing import Delivery, WebhookReceiver
from eigenpal_ext.webhooks import RunEvents, RunStatusChanged, Webhook
from eigenpal_local import LocalServer

API_KEY = "bench-key"
SECRET = "whsec_" + "YmVuY2gtc2VjcmV0LWZvci13YWl0cw=="


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _measure(runs: int, server: LocalServer, events: RunEvents | None, delivered: dict[str, float]) -> str:
    rng = random.Random(24)
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as starter:
        run_ids = [
            starter.run("workflows.sleep", input={"seconds": rng.uniform(0.5, 3.0), "steps": 2}).id for _ in range(runs)
        ]
    sent: list[httpx.Request] = []

    async def record(request: httpx.Request) -> None:
        sent.append(request)

    returned: dict[str, float] = {}
    called: dict[str, float] = {}
    async with (
        httpx.AsyncClient(event_hooks={"request": [record]}, timeout=30) as http,
        AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, http_client=http) as client,
    ):

        async def wait(run_id: str) -> None:
            called[run_id] = time.monotonic()
            await client.runs.wait(run_id, events=events, timeout_seconds=120)
            returned[run_id] = time.monotonic()

        await asyncio.gather(*(wait(run_id) for run_id in run_ids))
    await asyncio.sleep(0.5)  # the last deliveries of the polling run may land after its waits returned
    # From the delivery, or from the call for a run that ended before its wait began (starting the runs takes a
    # while): what was delivered before anyone waited is no wait's latency.
    seen = [run_id for run_id in run_ids if run_id in delivered]
    late_ms = [(returned[run_id] - max(delivered[run_id], called[run_id])) * 1000 for run_id in seen]
    early = sum(delivered[run_id] < called[run_id] for run_id in seen)
    mode = "events" if events is not None else "polling"
    return (
        f"{mode:8} {runs:5} runs  {len(sent) / runs:6.2f} requests/run  "
        f"return - delivery: p50 {statistics.median(late_ms):7.1f} ms  p99 {_percentile(late_ms, 0.99):7.1f} ms  "
        f"({len(late_ms)} terminal deliveries seen, {early} before the wait began)"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    webhook = Webhook(SECRET)
    events = RunEvents()
    delivered: dict[str, float] = {}

    def feed(delivery: Delivery, _number: int) -> int:
        event = webhook.unwrap(delivery.body, delivery.headers)
        if (
            isinstance(event, RunStatusChanged)
            and event.data.run.id not in delivered
            and str(event.current_status) in {"completed", "failed", "cancelled", "rejected"}
        ):
            delivered[event.data.run.id] = time.monotonic()
        events.feed(event)
        return 204

    with (
        WebhookReceiver(respond=feed) as receiver,
        LocalServer(api_key=API_KEY, db=None, webhook_url=receiver.url, webhook_secret=SECRET) as server,
    ):
        print(asyncio.run(_measure(runs, server, None, delivered)))
        print(asyncio.run(_measure(runs, server, events, delivered)))
    print("target with events: <= 1.10 requests/run, p99 <= 50 ms")


if __name__ == "__main__":
    main()
