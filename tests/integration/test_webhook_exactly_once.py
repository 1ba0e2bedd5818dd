"""Issue 24's receiving guarantee end to end: the local server delivers with duplicates, reordering and forgeries
injected, and a handler built on the dedup store (``unwrap_once`` + a ``SeenEvents``) and the stale-event helper
(``LatestRunStates``) processes each run's end exactly once, with the status the API gives the run."""

from __future__ import annotations

import base64
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from eigenpal_ext import EigenpalClient
from eigenpal_ext.testing import Delivery, WebhookReceiver
from eigenpal_ext.webhooks import (
    LatestRunStates,
    RunStatusChanged,
    SqliteSeenEvents,
    Webhook,
    WebhookVerificationError,
)
from eigenpal_local import LocalServer

API_KEY = "test-key-webhooks-once"
SECRET = "whsec_" + base64.b64encode(b"exactly-once-webhook-test-key!!!").decode()
FAULTS = "duplicate=0.5,reorder=0.5,bad_signature=0.2,stale_timestamp=0.2"
TERMINAL = {"completed", "failed", "cancelled", "rejected"}
RUNS = 12


class Handler:
    """What a user's receiver does: verify, drop repeats by event id, drop stale states, act on each run's end."""

    def __init__(self, seen: SqliteSeenEvents) -> None:
        self.webhook = Webhook(SECRET)
        self.seen = seen
        self.states = LatestRunStates()
        self.lock = threading.Lock()
        self.ends: Counter[str] = Counter()
        self.end_status: dict[str, str] = {}
        self.refused = 0

    def __call__(self, delivery: Delivery, _number: int) -> int:
        try:
            event = self.webhook.unwrap_once(delivery.body, delivery.headers, self.seen)
        except WebhookVerificationError:
            with self.lock:
                self.refused += 1
            return 400
        with self.lock:
            if event is None:
                return 204
            if self.states.advance(event) and isinstance(event, RunStatusChanged):
                status = str(event.current_status)
                if status in TERMINAL:
                    self.ends[event.data.run.id] += 1
                    self.end_status[event.data.run.id] = status
        return 204


@pytest.mark.parametrize("seed", [5, 17])
def test_injected_duplicates_and_reordering_end_each_run_exactly_once(tmp_path: Path, seed: int) -> None:
    with (
        SqliteSeenEvents(tmp_path / "seen.sqlite3") as seen,
        WebhookReceiver() as receiver,
    ):
        handler = Handler(seen)
        receiver.respond = handler
        with LocalServer(
            api_key=API_KEY,
            db=None,
            webhook_url=receiver.url,
            webhook_secret=SECRET,
            webhook_faults=FAULTS,
            webhook_seed=seed,
        ) as server:
            with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as client:
                run_ids = [
                    client.run(
                        "workflows.sleep",
                        input={"seconds": 0.2 + 0.05 * index, "outcome": "failed" if index % 3 == 0 else "completed"},
                    ).id
                    for index in range(RUNS)
                ]
                finals = {
                    run.id: str(run.execution.status) for run in client.runs.wait_all(run_ids, timeout_seconds=60)
                }
            deadline = time.monotonic() + 15
            while set(handler.end_status) != set(run_ids) and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(0.5)  # a late duplicate or a held (reordered) delivery of an end would land now
            webhooks = server.webhooks
            assert webhooks is not None
            faults = [fault for *_, fault in webhooks.log]
        delivered = Counter(delivery.json["id"] for delivery in receiver.deliveries)

    # The faults happened: repeats were delivered and refused forgeries arrived, so the handler was put to the test.
    assert any("duplicate" in fault for fault in faults) and any("reorder" in fault for fault in faults)
    assert max(delivered.values()) > 1 and handler.refused > 0
    assert handler.ends == Counter(dict.fromkeys(run_ids, 1))  # each run's end processed once, none missed
    assert handler.end_status == finals  # and with the status the API gives the run
