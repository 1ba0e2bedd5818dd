""":class:`WebhookApp`: an ASGI endpoint that verifies, deduplicates and hands events to your code."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from eigenpal_ext._core._webhook_errors import WebhookVerificationError

from ._dedup import SeenEvents
from ._events import WebhookEvent
from ._run_events import RunEvents
from ._webhook import Webhook

__all__ = ["MAX_BODY_BYTES", "WebhookApp"]

MAX_BODY_BYTES = 1024 * 1024 + 64 * 1024
"""The largest body accepted: Eigenpal's 1 MiB payload limit plus room for the envelope around the output."""

_log = logging.getLogger("eigenpal_ext.webhooks")

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
Handler = Callable[[WebhookEvent], Awaitable[object] | object]


class WebhookApp:
    """An ASGI application for one webhook endpoint (mount it under any path, or serve it with uvicorn).

    It answers, as Eigenpal's retries expect:

    - **204** once ``handler`` returned (and for a duplicate, which is not handled again);
    - **400** for a delivery that fails verification or is not the envelope: Eigenpal does not retry it;
    - **500** when ``handler`` raised: Eigenpal delivers again later, and the event's id is forgotten by ``seen`` so
      that the redelivery is handled;
    - **405** for a method other than POST, **413** for a body over ``MAX_BODY_BYTES`` (1 MiB + 64 KiB).

    Keep ``handler`` quick (Eigenpal wants an answer fast): hand long work to a queue. A sync handler runs in a
    worker thread, an async one on the server's loop.

    Args:
        webhook: The verifier, with the endpoint's secret.
        handler: Called with each new event.
        seen: Where event ids are kept to drop redeliveries; none: every delivery is handled.
        events: Fed each verified event before ``handler`` runs, so that waits given it end when their run does.
    """

    def __init__(
        self,
        webhook: Webhook,
        handler: Handler | None = None,
        *,
        seen: SeenEvents | None = None,
        events: RunEvents | None = None,
    ) -> None:
        self._webhook = webhook
        self._handler = handler
        self._seen = seen
        self._events = events

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if scope["method"] != "POST":
            await _answer(send, 405, [(b"allow", b"POST")])
            return
        body = await _read_body(scope, receive)
        if body is None:
            await _answer(send, 413)
            return
        headers = {name.decode("latin-1"): value.decode("latin-1") for name, value in scope["headers"]}
        try:
            event = self._webhook.unwrap(body, headers)
        except WebhookVerificationError as exc:
            _log.warning("webhook delivery refused: %s", exc)
            await _answer(send, 400)
            return
        if self._events is not None:
            self._events.feed(event)  # before dedup: feeding is idempotent, and a redelivery may follow a lost one
        if self._seen is not None and not self._seen.add(event.id):
            await _answer(send, 204)
            return
        try:
            await self._handle(event)
        except Exception:
            _log.exception("webhook handler failed on event %s; Eigenpal will deliver it again", event.id)
            if self._seen is not None:
                self._seen.forget(event.id)
            await _answer(send, 500)
            return
        await _answer(send, 204)

    async def _handle(self, event: WebhookEvent) -> None:
        if self._handler is None:
            return
        if inspect.iscoroutinefunction(self._handler) or inspect.iscoroutinefunction(
            getattr(self._handler, "__call__", None)  # noqa: B004 - an object with an async __call__
        ):
            await self._handler(event)  # type: ignore[misc]
            return
        result = await asyncio.to_thread(self._handler, event)
        if inspect.isawaitable(result):
            await result


async def _read_body(scope: Scope, receive: Receive) -> bytes | None:
    for name, value in scope["headers"]:
        if name.lower() == b"content-length":
            try:
                if int(value) > MAX_BODY_BYTES:
                    return None
            except ValueError:
                return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _answer(send: Send, status: int, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers or []})
    await send({"type": "http.response.body", "body": b""})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
