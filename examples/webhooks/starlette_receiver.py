"""Receiving Eigenpal's webhooks in Starlette: verify the raw bytes, handle each event once, answer fast.

Run it with ``EIGENPAL_WEBHOOK_SECRET=whsec_... uvicorn starlette_receiver:app``.
"""

import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from eigenpal_ext.webhooks import InMemorySeenEvents, RunStatusChanged, Webhook, WebhookEvent, WebhookVerificationError

webhook = Webhook(os.environ["EIGENPAL_WEBHOOK_SECRET"])
seen = InMemorySeenEvents()  # SqliteSeenEvents("seen.db") to remember across restarts and workers
ended: list[str] = []  # what this example's handler does; yours would queue the work


def handle(event: WebhookEvent) -> None:
    if isinstance(event, RunStatusChanged) and event.current_status == "completed":
        ended.append(event.data.run.id)


async def eigenpal_webhook(request: Request) -> Response:
    payload = await request.body()  # the raw bytes, as signed: never request.json() encoded again
    try:
        event = webhook.unwrap_once(payload, request.headers, seen)
    except WebhookVerificationError:
        return Response(status_code=400)  # Eigenpal does not retry a 400
    if event is not None:  # None: a redelivery of an event already handled
        try:
            handle(event)
        except Exception:  # any failure is answered 500, which Eigenpal retries
            seen.forget(event.id)  # so that the retry is handled
            return Response(status_code=500)
    return Response(status_code=204)


app = Starlette(routes=[Route("/webhooks/eigenpal", eigenpal_webhook, methods=["POST"])])
