"""The headers each web framework hands over are accepted by the webhook verifier as they come: mypy checks this
file (``mypy tests/typing``); nothing runs it. A ``# type: ignore[...]`` marks what must stay a type error."""

from __future__ import annotations

import httpx
import starlette.datastructures
import werkzeug.datastructures

from eigenpal_ext.webhooks import InMemorySeenEvents, Webhook, WebhookEvent


def every_framework(webhook: Webhook, body: bytes) -> list[WebhookEvent | None]:
    flask_headers = werkzeug.datastructures.Headers({"webhook-id": "whev_1"})  # Flask's request.headers
    starlette_headers = starlette.datastructures.Headers({"webhook-id": "whev_1"})  # Starlette's and FastAPI's
    plain = {"webhook-id": "whev_1"}
    webhook.verify(body, flask_headers)
    return [
        webhook.unwrap(body, flask_headers),
        webhook.unwrap(body, starlette_headers),
        webhook.unwrap(body, httpx.Headers(plain)),
        webhook.unwrap_once(body, plain, InMemorySeenEvents()),
    ]


def not_headers(webhook: Webhook, body: bytes) -> None:
    webhook.unwrap(body, [("webhook-id", "whev_1")])  # type: ignore[arg-type]
    webhook.unwrap(body, "webhook-id: whev_1")  # type: ignore[arg-type]
