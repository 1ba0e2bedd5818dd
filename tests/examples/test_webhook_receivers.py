"""The Starlette receiver of docs/webhooks.md (examples/webhooks/starlette_receiver.py, which the page includes as it
is) run through httpx's ASGI transport with signed deliveries: a genuine one is handled once, a changed one is refused
with 400, a failing handler answers 500 and its redelivery is handled. Starlette's TestClient is not used: with httpx
it warns that it is deprecated. The Flask and Django receivers are not run: neither framework is a dependency, and
the page says so."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from eigenpal_ext.webhooks import WebhookEvent, sign

pytestmark = pytest.mark.asyncio


def client(receiver: ModuleType) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.app), base_url="http://receiver")


ROOT = Path(__file__).resolve().parents[2]
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
URL = "/webhooks/eigenpal"


def delivery(event_id: str = "whev_1", run_id: str = "run_1") -> bytes:
    run = {"id": run_id, "automationId": "workflows.sleep", "type": "workflow", "status": "completed", "tags": []}
    data = {"run": run, "previousStatus": "running", "currentStatus": "completed"}
    envelope = {"id": event_id, "type": "run.status_changed", "createdAt": "2026-12-06T10:00:00Z", "data": data}
    return json.dumps(envelope).encode()


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The example module, loaded afresh (its own seen store) with the secret in its environment."""
    monkeypatch.setenv("EIGENPAL_WEBHOOK_SECRET", SECRET)
    spec = importlib.util.spec_from_file_location(
        "starlette_receiver", ROOT / "examples/webhooks/starlette_receiver.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_a_signed_delivery_is_handled_once(receiver: ModuleType) -> None:
    body = delivery()
    headers = sign(body, secret=SECRET)
    async with client(receiver) as http:
        first = await http.post(URL, content=body, headers=headers)
        again = await http.post(URL, content=body, headers=headers)  # at least once: a redelivery

    assert (first.status_code, again.status_code) == (204, 204)
    assert receiver.ended == ["run_1"]


@pytest.mark.parametrize("digest", ["hex", "base64"])
async def test_either_digest_form_verifies(receiver: ModuleType, digest: str) -> None:
    body = delivery()
    async with client(receiver) as http:
        answer = await http.post(URL, content=body, headers=sign(body, secret=SECRET, digest=digest))

    assert answer.status_code == 204
    assert receiver.ended == ["run_1"]


async def test_a_changed_body_is_refused_with_400_and_not_handled(receiver: ModuleType) -> None:
    headers = sign(delivery(), secret=SECRET)
    async with client(receiver) as http:
        answer = await http.post(URL, content=delivery(run_id="run_2"), headers=headers)

    assert answer.status_code == 400
    assert receiver.ended == []


async def test_a_failing_handler_answers_500_and_the_retry_is_handled(
    receiver: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = delivery()
    headers = sign(body, secret=SECRET)
    handled = receiver.handle
    failures = [RuntimeError("the database is down")]

    def flaky(event: WebhookEvent) -> None:
        if failures:
            raise failures.pop()
        handled(event)

    monkeypatch.setattr(receiver, "handle", flaky)
    async with client(receiver) as http:
        failed = await http.post(URL, content=body, headers=headers)
        retried = await http.post(URL, content=body, headers=headers)

    assert (failed.status_code, retried.status_code) == (500, 204)
    assert receiver.ended == ["run_1"]
