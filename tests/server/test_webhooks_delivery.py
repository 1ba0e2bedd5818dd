"""The local server delivers signed run events as Eigenpal does: at least once, retried, faults on a seed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from eigenpal_ext.testing import Delivery, WebhookReceiver
from eigenpal_local import LocalServer
from eigenpal_local._webhooks import signing_key

API_KEY = "test-key-webhooks"
KEY = b"eigenpal-local-webhook-test-key!"
SECRET = "whsec_" + base64.b64encode(KEY).decode()
CHAIN = ["created", "pending", "running", "finalizing", "completed"]


@contextmanager
def delivering(receiver: WebhookReceiver, **options: Any) -> Iterator[httpx.Client]:
    with (
        LocalServer(
            api_key=API_KEY,
            webhook_url=receiver.url,
            webhook_secret=SECRET,
            webhook_retry_base=0.05,
            webhook_max_attempts=4,
            **options,
        ) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}) as http,
    ):
        yield http


def start(http: httpx.Client, run_input: dict[str, Any] | None = None) -> str:
    answer = http.post("/v1/runs", json={"target": "agents.echo", "input": run_input or {}, "tags": ["t1"]})
    assert answer.status_code in (200, 201, 202), answer.text
    run_id: str = answer.json()["id"]
    return run_id


def verifies(delivery: Delivery, key: bytes = KEY, tolerance: int = 300) -> bool:
    """An independent check of the documented scheme: HMAC-SHA256 over `<id>.<timestamp>.<body>`, `v1,<hex>`."""
    event_id, timestamp = delivery.headers["webhook-id"], delivery.headers["webhook-timestamp"]
    expected = hmac.new(key, f"{event_id}.{timestamp}.".encode() + delivery.body, hashlib.sha256).hexdigest()
    fresh = abs(time.time() - int(timestamp)) <= tolerance
    return fresh and hmac.compare_digest(delivery.headers["webhook-signature"], f"v1,{expected}")


def of_run(run_id: str, status: str = "completed") -> Any:
    return lambda d: d.json["data"]["run"]["id"] == run_id and d.json["data"]["run"]["status"] == status


def test_each_status_of_a_run_arrives_signed() -> None:
    with WebhookReceiver() as receiver, delivering(receiver) as http:
        run_id = start(http, {"question": "ping"})
        receiver.wait_for(of_run(run_id))
    genuine = [d for d in receiver.deliveries if d.json["data"]["run"]["id"] == run_id]
    assert all(verifies(d) for d in genuine)
    assert [d.json["data"]["run"]["status"] for d in genuine] == CHAIN
    created, *changes = (d.json for d in genuine)
    assert created["type"] == "run.created" and "previousStatus" not in created["data"]
    assert created["id"].startswith("whev_") and created["apiVersion"] == "2026-07-01" and created["test"] is False
    assert created["data"]["run"] == {
        "id": run_id,
        "type": "agent",
        "automationId": "ag_echo",
        "status": "created",
        "triggerType": "api",
        "tags": ["t1"],
    }
    assert [(c["type"], c["data"]["previousStatus"], c["data"]["currentStatus"]) for c in changes] == [
        ("run.status_changed", before, after) for before, after in itertools.pairwise(CHAIN)
    ]
    assert changes[-1]["data"]["run"]["output"] == {"question": "ping"}
    assert len({d.headers["webhook-id"] for d in genuine}) == len(CHAIN)
    assert all(d.headers["webhook-id"] == d.json["id"] for d in genuine)


def test_a_503_is_retried_until_accepted() -> None:
    refused: set[str] = set()

    def first_refused(delivery: Delivery, number: int) -> int:
        if delivery.json["type"] == "run.created" and delivery.json["id"] not in refused:
            refused.add(delivery.json["id"])
            return 503
        return 204

    with WebhookReceiver(first_refused) as receiver, delivering(receiver) as http:
        run_id = start(http)
        created = receiver.wait_for(lambda d: d.json["type"] == "run.created" and d.status == 204)
    [answered] = created
    tries = [d for d in receiver.deliveries if d.json["id"] == answered.json["id"]]
    assert [d.status for d in tries] == [503, 204]
    assert all(verifies(d) for d in tries)
    assert answered.json["data"]["run"]["id"] == run_id


def test_a_400_ends_the_delivery() -> None:
    with WebhookReceiver(lambda delivery, number: 400) as receiver, delivering(receiver) as http:
        run_id = start(http)
        receiver.wait_for(of_run(run_id))
        time.sleep(0.4)  # past the 0.05 + 0.1 + 0.2 s a retried delivery would take for its attempts
    assert Counter(d.json["id"] for d in receiver.deliveries) == {d.json["id"]: 1 for d in receiver.deliveries}
    assert len(receiver.deliveries) == len(CHAIN)


def test_an_output_above_1_mib_is_left_out() -> None:
    with WebhookReceiver() as receiver, delivering(receiver) as http:
        big = start(http, {"blob": "x" * (1024 * 1024)})
        small = start(http, {"blob": "x" * 1000})
        [big_end] = receiver.wait_for(of_run(big))
        [small_end] = receiver.wait_for(of_run(small))
    assert big_end.json["data"]["run"]["outputOmitted"] is True and "output" not in big_end.json["data"]["run"]
    assert small_end.json["data"]["run"]["output"] == {"blob": "x" * 1000}
    assert "outputOmitted" not in small_end.json["data"]["run"]


FAULTS = "duplicate=0.4,reorder=0.4,bad_signature=0.3,stale_timestamp=0.3"


def faulty_run(seed: int) -> tuple[list[tuple[str, ...]], list[Delivery]]:
    with WebhookReceiver() as receiver:
        with LocalServer(
            api_key=API_KEY, webhook_url=receiver.url, webhook_secret=SECRET, webhook_faults=FAULTS, webhook_seed=seed
        ) as server:
            with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}) as http:
                run_id = start(http)
            webhooks = server.webhooks
            assert webhooks is not None
            deadline = time.monotonic() + 5
            while len(webhooks.log) < len(CHAIN) and time.monotonic() < deadline:
                time.sleep(0.01)
            faults = [faults for *_, faults in webhooks.log]
            total = sum(1 + ("duplicate" in f) + ("bad_signature" in f) + ("stale_timestamp" in f) for f in faults)
            receiver.wait_for(lambda d: True, count=total)
        assert all(d.json["data"]["run"]["id"] == run_id for d in receiver.deliveries)
        return faults, list(receiver.deliveries)


def test_faults_on_a_seed_repeat_and_keep_every_event() -> None:
    faults, deliveries = faulty_run(seed=3)
    again, _ = faulty_run(seed=3)
    assert faults == again  # the same seed draws the same faults for the same events
    assert any("duplicate" in f for f in faults) and any("reorder" in f for f in faults)
    genuine = [d for d in deliveries if verifies(d)]
    counts = Counter(d.json["id"] for d in genuine)
    assert sorted(counts.values()) == sorted(1 + ("duplicate" in f) for f in faults)  # each event at least once
    forged = [d for d in deliveries if not verifies(d)]
    assert len(forged) == sum(("bad_signature" in f) + ("stale_timestamp" in f) for f in faults)
    stale = [d for d in forged if verifies(d, tolerance=10**9)]
    assert all(time.time() - int(d.headers["webhook-timestamp"]) >= 590 for d in stale)
    first_seen = list(dict.fromkeys(d.json["data"]["run"]["status"] for d in genuine))
    held = [status for status, f in zip(CHAIN, faults, strict=True) if "reorder" in f]
    assert first_seen != CHAIN and sorted(first_seen) == sorted(CHAIN), (first_seen, held)


def test_the_key_is_the_base64_decoded_secret_else_its_text() -> None:
    assert signing_key(SECRET) == KEY
    assert signing_key("whsec_not-base64_url") == b"not-base64_url"
    with pytest.raises(ValueError, match="whsec_"):
        signing_key("secret")


def test_the_fixture_receives_a_local_servers_events(eigenpal_webhooks: WebhookReceiver) -> None:
    with delivering(eigenpal_webhooks) as http:
        run_id = start(http)
        [end] = eigenpal_webhooks.wait_for(of_run(run_id))
    assert verifies(end) and end.method == "POST" and end.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    "options",
    [
        ["--webhook-url", "http://127.0.0.1:9/hook"],
        ["--webhook-url", "http://127.0.0.1:9/hook", "--webhook-secret", "no-prefix"],
        ["--webhook-url", "ftp://x", "--webhook-secret", SECRET],
        ["--webhook-url", "http://127.0.0.1:9/hook", "--webhook-secret", SECRET, "--webhook-faults", "dup=1"],
    ],
)
def test_the_command_line_refuses_bad_webhook_options(options: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    from eigenpal_local.__main__ import main

    with pytest.raises(SystemExit) as exited:
        main(["--port", "0", *options])
    assert exited.value.code == 2
    assert "webhook" in capsys.readouterr().err
