"""Webhook delivery: `run.created` and `run.status_changed`, signed and POSTed as Eigenpal does.

Built on the standard library alone (asyncio streams), so that the server needs no HTTP client: a delivery is one
HTTP/1.1 POST with `Connection: close`. Deliveries run as tasks on the server's event loop and never hold up the API.

Signing: HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<raw body>`, written `v1,<hex digest>` as Eigenpal's guide
says. The key is a GUESS (the guide does not say): the part after `whsec_` decoded as standard base64 (strict), and
that part's UTF-8 bytes when it is not valid base64. That is the Standard Webhooks convention the guide names
(`whsec_` + base64 of the key); the fallback keeps secrets of the base64url alphabet (`-`, `_`) usable, since
Eigenpal's guide says its secrets use that alphabet. See the README, "Webhooks".
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import logging
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import urlsplit

from ._records import RunRecord
from ._webhook_faults import STALE_SECONDS, EventFaults, WebhookFaultSpec, draw

logger = logging.getLogger("eigenpal_local")

API_VERSION: Final = "2026-07-01"
MAX_OUTPUT_BYTES: Final = 1_048_576
"""Eigenpal's payload limit: a larger output is left out, with `outputOmitted: true`."""
RETRIED_STATUSES: Final = frozenset({408, 425, 429})
"""Besides 5xx, the answers that Eigenpal retries; any other 4xx ends delivery."""
_TERMINAL: Final = frozenset({"completed", "failed", "cancelled", "rejected"})


def signing_key(secret: str) -> bytes:
    """The HMAC key of a `whsec_` secret: the rest base64-decoded (strict), else its UTF-8 bytes (a guess)."""
    if not secret.startswith("whsec_"):
        raise ValueError("a webhook secret starts with 'whsec_'")
    part = secret.removeprefix("whsec_")
    try:
        return base64.b64decode(part, validate=True)
    except (binascii.Error, ValueError):
        return part.encode()


def signature(key: bytes, event_id: str, timestamp: int, body: bytes) -> str:
    """`v1,<hex digest>` of HMAC-SHA256 over `<id>.<timestamp>.<body>`."""
    digest = hmac.new(key, f"{event_id}.{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"v1,{digest}"


@dataclass(frozen=True)
class WebhookSettings:
    """Where and how the server delivers its webhooks."""

    url: str
    secret: str
    faults: WebhookFaultSpec = field(default_factory=WebhookFaultSpec)
    seed: int | None = None
    retry_base: float = 1.0
    """Seconds before the first retry; each further one waits twice as long."""
    max_attempts: int = 6
    timeout: float = 10.0
    """Seconds an attempt may take (connect, send, the answer's status line) before it counts as failed."""

    def __post_init__(self) -> None:
        if urlsplit(self.url).scheme not in ("http", "https"):
            raise ValueError("webhook_url must be an http:// or https:// URL")
        signing_key(self.secret)
        if self.max_attempts < 1 or self.retry_base < 0 or not self.timeout > 0:
            raise ValueError("webhook max_attempts must be at least 1, retry_base at least 0, timeout above 0")


@dataclass(frozen=True)
class Attempt:
    """One POST made: the event, its kind (`genuine`, `bad_signature`, `stale_timestamp`) and the outcome."""

    event_id: str
    kind: str
    status: int | None
    error: str | None = None


def _run_json(run: RunRecord) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": run.id,
        "type": run.run_type,
        "automationId": run.source["id"],
        "status": run.status,
        "triggerType": run.trigger_type,
        "tags": list(run.tags),
    }
    if run.status == "completed":
        output = run.output if run.output is not None else {}
        if len(json.dumps(output, separators=(",", ":")).encode()) > MAX_OUTPUT_BYTES:
            body["outputOmitted"] = True
        else:
            body["output"] = output
    return body


def event_json(run: RunRecord, previous: str | None) -> dict[str, Any]:
    """The envelope of `run.created` (no previous status) or `run.status_changed`, with the run as it is now."""
    data: dict[str, Any] = {"run": _run_json(run)}
    if previous is not None:
        data.update(previousStatus=previous, currentStatus=run.status)
    return {
        "id": f"whev_{secrets.token_hex(12)}",
        "type": "run.created" if previous is None else "run.status_changed",
        "apiVersion": API_VERSION,
        "createdAt": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "test": False,
        "data": data,
    }


class WebhookDelivery:
    """Delivers the events of the engine's runs in the background, at least once, with the faults asked for."""

    def __init__(self, settings: WebhookSettings) -> None:
        self.settings = settings
        self._key = signing_key(settings.secret)
        self._rng = random.Random(settings.seed)
        self._tasks: set[asyncio.Task[None]] = set()
        # Per run: the first attempt of its latest delivery, which the next one waits for (so that, without faults,
        # a run's events leave in order; Eigenpal does not promise that, and the `reorder` fault breaks it).
        self._tail: dict[str, asyncio.Future[None]] = {}
        self._held: dict[str, tuple[bytes, str, EventFaults]] = {}
        self.log: list[tuple[str, str, str, tuple[str, ...]]] = []
        """Each event emitted: (event id, type, run id, the faults drawn for it)."""
        self.attempts: list[Attempt] = []

    def emit(self, run: RunRecord, previous: str | None) -> None:
        """Called on the event loop when a run is created (`previous` None) or changes status."""
        event = event_json(run, previous)
        faults = draw(self.settings.faults, self._rng)
        self.log.append((event["id"], event["type"], run.id, faults.names))
        body = json.dumps(event, separators=(",", ":")).encode()
        held = self._held.pop(run.id, None)
        if faults.reorder and held is None:
            self._held[run.id] = (body, event["id"], faults)
            if run.status in _TERMINAL:  # no later event to overtake it: let it go a little later
                asyncio.get_running_loop().call_later(self.settings.faults.reorder_hold, self._release, run.id)
        else:
            self._schedule(run.id, body, event["id"], faults)
        if held is not None:
            self._schedule(run.id, *held)
        if run.status in _TERMINAL and run.id not in self._held:
            self._tail.pop(run.id, None)

    def _release(self, run_id: str) -> None:
        held = self._held.pop(run_id, None)
        if held is not None:
            self._schedule(run_id, *held)
        self._tail.pop(run_id, None)

    def _schedule(self, run_id: str, body: bytes, event_id: str, faults: EventFaults) -> None:
        loop = asyncio.get_running_loop()
        first_done: asyncio.Future[None] = loop.create_future()
        after = None if faults.delay else self._tail.get(run_id)
        if not faults.delay:
            self._tail[run_id] = first_done
        else:
            first_done.set_result(None)
        task = loop.create_task(self._deliver(body, event_id, faults, after, first_done))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(
        self,
        body: bytes,
        event_id: str,
        faults: EventFaults,
        after: asyncio.Future[None] | None,
        first_done: asyncio.Future[None],
    ) -> None:
        try:
            if after is not None:
                await asyncio.shield(after)
            if faults.delay:
                await asyncio.sleep(self.settings.faults.delay_seconds)
            if faults.bad_signature:
                forged = hashlib.sha256(self._key + b"forged").digest()
                await self._attempt(body, event_id, "bad_signature", key=forged)
            if faults.stale_timestamp:
                await self._attempt(body, event_id, "stale_timestamp", age=STALE_SECONDS)
            for _ in range(2 if faults.duplicate else 1):
                await self._deliver_once(body, event_id, first_done)
        finally:
            if not first_done.done():
                first_done.set_result(None)

    async def _deliver_once(self, body: bytes, event_id: str, first_done: asyncio.Future[None]) -> None:
        """Attempts until a 2xx, an answer not retried, or `max_attempts`; backoff doubles from `retry_base`."""
        for number in range(1, self.settings.max_attempts + 1):
            status = await self._attempt(body, event_id, "genuine")
            if not first_done.done():
                first_done.set_result(None)
            if status is not None and not (status in RETRIED_STATUSES or status >= 500):
                return
            if number < self.settings.max_attempts:
                await asyncio.sleep(self.settings.retry_base * 2 ** (number - 1))
        logger.warning("webhook %s not delivered after %d attempts", event_id, self.settings.max_attempts)

    async def _attempt(
        self, body: bytes, event_id: str, kind: str, *, key: bytes | None = None, age: int = 0
    ) -> int | None:
        timestamp = int(time.time()) - age
        headers = {
            "webhook-id": event_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature(self._key if key is None else key, event_id, timestamp, body),
        }
        try:
            status = await asyncio.wait_for(_post(self.settings.url, headers, body), self.settings.timeout)
        except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError) as exc:
            self.attempts.append(Attempt(event_id, kind, None, f"{type(exc).__name__}: {exc}"))
            return None
        self.attempts.append(Attempt(event_id, kind, status))
        return status

    async def close(self) -> None:
        """Cancels the deliveries still under way (the server is stopping: they are lost, as on a crash)."""
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*self._tasks, return_exceptions=True)


async def _post(url: str, headers: dict[str, str], body: bytes) -> int:
    """POSTs `body` as JSON and returns the answer's status code (the rest of the answer is not read)."""
    parts = urlsplit(url)
    https = parts.scheme == "https"
    host = parts.hostname or ""
    port = parts.port or (443 if https else 80)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    reader, writer = await asyncio.open_connection(host, port, ssl=True if https else None)
    try:
        lines = [
            f"POST {target} HTTP/1.1",
            f"Host: {parts.netloc}",
            "Content-Type: application/json",
            f"Content-Length: {len(body)}",
            "Connection: close",
            "User-Agent: eigenpal-local-webhooks",
            *(f"{name}: {value}" for name, value in headers.items()),
        ]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        status_line = await reader.readline()
        pieces = status_line.split()
        if len(pieces) < 2 or not pieces[0].startswith(b"HTTP/"):
            raise ValueError(f"not an HTTP answer: {status_line[:80]!r}")
        return int(pieces[1])
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


StatusListener = Callable[[RunRecord, str | None], None]
"""Told of a run's creation (None) or its status change (the previous status), on the event loop."""
