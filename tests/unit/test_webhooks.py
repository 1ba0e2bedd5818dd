"""Receiving webhooks: deliveries signed by an independent implementation of Eigenpal's documented scheme verify in
each digest and key form; each tampering is refused with its own error that never shows the secret; duplicated and
reordered deliveries are handled once; the ASGI app answers as Eigenpal's retries expect."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from eigenpal_ext import (
    EigenpalError,
    MalformedPayloadError,
    MissingHeaderError,
    SignatureMismatchError,
    StaleTimestampError,
    WebhookVerificationError,
)
from eigenpal_ext.webhooks import (
    MAX_BODY_BYTES,
    DigestForm,
    InMemorySeenEvents,
    KeyForm,
    LatestRunStates,
    RunCreated,
    RunStatusChanged,
    SqliteSeenEvents,
    UnknownEvent,
    Webhook,
    WebhookApp,
    WebhookEvent,
    sign,
)

NOW = 1_800_000_000
RAW_KEY = bytes([0xFB, 0xEF, 0xFF]) * 10 + b"ab"  # its base64 holds `+` and `/`: the two alphabets differ
SECRET = "whsec_" + base64.b64encode(RAW_KEY).decode()
URL_SECRET = "whsec_" + base64.urlsafe_b64encode(RAW_KEY).decode()


def envelope(
    event_id: str = "whev_1",
    *,
    event_type: str = "run.status_changed",
    run_id: str = "run_1",
    previous: str = "running",
    current: str = "completed",
    at: str = "2026-12-06T10:00:00Z",
) -> bytes:
    data: dict[str, Any] = {
        "run": {
            "id": run_id,
            "automationId": "workflows.extract-invoice",
            "type": "workflow",
            "status": current,
            "triggerType": "api",
            "tags": ["x"],
            "output": {"total": 3},
            "futureRunField": 1,
        }
    }
    if event_type == "run.status_changed":
        data |= {"previousStatus": previous, "currentStatus": current}
    body = {"id": event_id, "type": event_type, "apiVersion": "2026-07-01", "createdAt": at, "test": False}
    return json.dumps(body | {"data": data, "futureField": True}).encode()


def independent_headers(body: bytes, key: bytes, *, digest: str = "hex", stamp: int = NOW) -> dict[str, str]:
    """The documented scheme, written from the guide with hmac/hashlib/base64 alone (not the library's sign)."""
    mac = hmac.new(key, b"msg_abc." + str(stamp).encode() + b"." + body, hashlib.sha256).digest()
    written = mac.hex() if digest == "hex" else base64.b64encode(mac).decode()
    return {"Webhook-Id": "msg_abc", "Webhook-Timestamp": str(stamp), "Webhook-Signature": f"v1,{written}"}


def hook(secret: str = SECRET, **options: Any) -> Webhook:
    return Webhook(secret, clock=lambda: NOW, **options)


KEYS = [
    (KeyForm.BASE64, SECRET, RAW_KEY),
    (KeyForm.BASE64URL, URL_SECRET, RAW_KEY),
    (KeyForm.TEXT_AFTER_PREFIX, SECRET, SECRET.removeprefix("whsec_").encode()),
    (KeyForm.WHOLE_SECRET, SECRET, SECRET.encode()),
]


@pytest.mark.parametrize("digest", ["hex", "base64"])
@pytest.mark.parametrize(("form", "secret", "key"), KEYS, ids=[form.value for form, _, _ in KEYS])
def test_an_independently_signed_delivery_verifies_and_says_how(
    form: KeyForm, secret: str, key: bytes, digest: str
) -> None:
    body = envelope()
    webhook = hook(secret)
    event = webhook.unwrap(body, independent_headers(body, key, digest=digest))
    assert isinstance(event, RunStatusChanged)
    assert webhook.last_match is not None
    assert (webhook.last_match.key, webhook.last_match.digest) == (form, DigestForm(digest))
    # Pinned to that form it still verifies; pinned to another it does not.
    assert hook(secret, key=form).verify(body, independent_headers(body, key, digest=digest)).key is form
    other = KeyForm.WHOLE_SECRET if form is not KeyForm.WHOLE_SECRET else KeyForm.BASE64
    with pytest.raises(SignatureMismatchError):
        hook(secret, key=other).verify(body, independent_headers(body, key, digest=digest))


def test_every_v1_entry_of_the_header_is_tried() -> None:
    body = envelope()
    headers = independent_headers(body, RAW_KEY)
    headers["Webhook-Signature"] = f"v1a,zzz v1,{'0' * 64} {headers['Webhook-Signature']}"
    assert hook().verify(body, headers).key is KeyForm.BASE64


def test_sign_matches_the_independent_implementation() -> None:
    body = envelope()
    made = sign(body, secret=SECRET, msg_id="msg_abc", timestamp=NOW, digest="base64")
    expected = {name.lower(): value for name, value in independent_headers(body, RAW_KEY, digest="base64").items()}
    assert made == expected


def refusal(body: bytes, headers: dict[str, str], secret: str = SECRET) -> WebhookVerificationError:
    with pytest.raises(WebhookVerificationError) as caught:
        hook(secret).unwrap(body, headers)
    return caught.value


def test_each_tampering_is_refused_with_its_own_error() -> None:
    body = envelope()
    good = independent_headers(body, RAW_KEY)
    changed = body.replace(b'"total": 3', b'"total": 4')
    assert isinstance(refusal(changed, good), SignatureMismatchError)
    assert isinstance(
        refusal(body, good, secret="whsec_" + base64.b64encode(b"another key!").decode()), SignatureMismatchError
    )
    old = refusal(body, independent_headers(body, RAW_KEY, stamp=NOW - 301))
    assert isinstance(old, StaleTimestampError) and not old.in_future and "old" in str(old)
    future = refusal(body, independent_headers(body, RAW_KEY, stamp=NOW + 301))
    assert isinstance(future, StaleTimestampError) and future.in_future and "future" in str(future)
    assert hook().verify(body, independent_headers(body, RAW_KEY, stamp=NOW - 299)) is not None
    for name in ("Webhook-Id", "Webhook-Timestamp", "Webhook-Signature"):
        missing = refusal(body, {key: value for key, value in good.items() if key != name})
        assert isinstance(missing, MissingHeaderError) and missing.header == name.lower()
    signed_junk = b"[1, 2]"
    junk = refusal(signed_junk, independent_headers(signed_junk, RAW_KEY))
    assert isinstance(junk, MalformedPayloadError)
    no_run = json.loads(body)
    del no_run["data"]["run"]["id"]
    no_run_body = json.dumps(no_run).encode()
    error = refusal(no_run_body, independent_headers(no_run_body, RAW_KEY))
    assert isinstance(error, MalformedPayloadError) and error.field == "data.run.id"
    assert isinstance(error, EigenpalError)


def test_no_error_shows_the_secret_or_the_body() -> None:
    body = envelope()
    good = independent_headers(body, RAW_KEY)
    errors = [
        refusal(body + b" ", good),
        refusal(body, independent_headers(body, RAW_KEY, stamp=NOW - 1000)),
        refusal(body, {"Webhook-Id": "x"}),
        refusal(b"not json", independent_headers(b"not json", RAW_KEY)),
    ]
    shown = [str(error) for error in errors] + [repr(error) for error in errors] + [repr(hook())]
    for text in shown:
        assert SECRET.removeprefix("whsec_") not in text
        assert "extract-invoice" not in text and "not json" not in text


def test_the_events_are_typed_and_keep_what_they_do_not_read() -> None:
    created_body = envelope(event_type="run.created", current="pending")
    created = hook().unwrap(created_body, independent_headers(created_body, RAW_KEY))
    assert isinstance(created, RunCreated)
    run = created.data.run
    assert (run.id, run.automation_id, run.status, run.tags, run.output) == (
        "run_1",
        "workflows.extract-invoice",
        "pending",
        ("x",),
        {"total": 3},
    )
    assert created.extra == {"futureField": True} and run.extra == {"futureRunField": 1}
    assert created.created_at.tzinfo is not None and created.test is False
    changed_body = envelope()
    changed = hook().unwrap(changed_body, independent_headers(changed_body, RAW_KEY))
    assert isinstance(changed, RunStatusChanged)
    assert (changed.previous_status, changed.current_status) == ("running", "completed")
    other_body = envelope(event_type="automation.updated")
    other = hook().unwrap(other_body, independent_headers(other_body, RAW_KEY))
    assert isinstance(other, UnknownEvent) and other.type == "automation.updated" and other.data["run"]["id"] == "run_1"


def test_the_memory_store_drops_repeats_within_its_bounds() -> None:
    now = [0.0]
    seen = InMemorySeenEvents(max_events=2, ttl=10, clock=lambda: now[0])
    assert seen.add("a") and not seen.add("a")
    seen.forget("a")
    assert seen.add("a")
    assert seen.add("b") and seen.add("c")  # "a" goes: at most two kept
    assert len(seen) == 2 and seen.add("a")
    now[0] = 11
    assert seen.add("c")  # expired


def test_the_sqlite_store_survives_a_reopen_and_threads(tmp_path: Path) -> None:
    path = tmp_path / "seen.sqlite3"
    with SqliteSeenEvents(path) as seen:
        assert seen.add("whev_1") and not seen.add("whev_1")
        results: list[bool] = []
        threads = [threading.Thread(target=lambda: results.append(seen.add("whev_2"))) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == [False] * 7 + [True]
    with SqliteSeenEvents(path) as reopened:
        assert not reopened.add("whev_1") and not reopened.add("whev_2") and reopened.add("whev_3")


def test_duplicated_and_reordered_deliveries_end_each_run_once(tmp_path: Path) -> None:
    bodies = []
    for number in range(20):
        run_id = f"run_{number}"
        life = [("created", "pending"), ("pending", "running"), ("running", "completed")]
        bodies.append(envelope(f"whev_{number}_c", event_type="run.created", run_id=run_id, current="created"))
        for step, (previous, current) in enumerate(life):
            at = f"2026-12-06T10:00:0{step + 1}Z"
            bodies.append(envelope(f"whev_{number}_{step}", run_id=run_id, previous=previous, current=current, at=at))
    deliveries = bodies + bodies[::3] + bodies[::2]  # duplicates
    import random

    random.Random(24).shuffle(deliveries)
    webhook = hook()
    states = LatestRunStates()
    ended: list[str] = []
    with SqliteSeenEvents(tmp_path / "seen.sqlite3") as seen:
        for body in deliveries:
            event = webhook.unwrap_once(body, independent_headers(body, RAW_KEY), seen)
            if event is None or not states.advance(event):
                continue
            if isinstance(event, RunStatusChanged) and event.current_status == "completed":
                ended.append(event.data.run.id)
    assert sorted(ended) == sorted(f"run_{number}" for number in range(20))
    assert all(states.status(f"run_{number}") == "completed" for number in range(20))


def test_a_stale_status_does_not_move_a_run_back() -> None:
    def changed(current: str, at: str) -> WebhookEvent:
        body = envelope(f"whev_{current}_{at}", current=current, at=at)
        return hook().unwrap(body, independent_headers(body, RAW_KEY))

    states = LatestRunStates()
    assert states.advance(changed("running", "2026-12-06T10:00:02Z"))
    assert not states.advance(changed("pending", "2026-12-06T10:00:01Z"))  # older
    assert not states.advance(changed("pending", "2026-12-06T10:00:02Z"))  # same time, earlier phase
    assert states.advance(changed("failed", "2026-12-06T10:00:03Z"))
    assert not states.advance(changed("running", "2026-12-06T10:00:09Z"))  # terminal absorbs
    assert states.status("run_1") == "failed"


def call_app(app: WebhookApp, body: bytes, headers: dict[str, str], method: str = "POST") -> int:
    async def go() -> int:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hooks") as client:
            return (await client.request(method, "/eigenpal", content=body, headers=headers)).status_code

    import asyncio

    return asyncio.run(go())


def recording(fail: Callable[[], bool] = lambda: False) -> tuple[list[str], Callable[[WebhookEvent], None]]:
    handled: list[str] = []

    def handler(event: WebhookEvent) -> None:
        if fail():
            raise RuntimeError("the handler broke")
        handled.append(event.id)

    return handled, handler


def test_the_asgi_app_answers_as_eigenpal_retries_expect() -> None:
    body = envelope()
    good = independent_headers(body, RAW_KEY)
    failing = [True]
    handled, handler = recording(lambda: failing[0])
    app = WebhookApp(hook(), handler, seen=InMemorySeenEvents())
    assert call_app(app, body, good) == 500  # Eigenpal retries
    failing[0] = False
    assert call_app(app, body, good) == 204  # the retry is handled: the failed id was forgotten
    assert call_app(app, body, good) == 204  # a duplicate: answered, not handled again
    assert handled == ["whev_1"]
    assert call_app(app, body + b" ", good) == 400
    assert call_app(app, body, {}) == 400
    assert call_app(app, b"", {}, method="GET") == 405
    assert call_app(app, b"x" * (MAX_BODY_BYTES + 1), good) == 413


def test_the_asgi_app_awaits_an_async_handler() -> None:
    handled: list[str] = []

    async def handler(event: WebhookEvent) -> None:
        handled.append(event.id)

    body = envelope()
    assert call_app(WebhookApp(hook(), handler), body, independent_headers(body, RAW_KEY)) == 204
    assert handled == ["whev_1"]
