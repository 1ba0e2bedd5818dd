"""Receiving Eigenpal's webhooks in FastAPI: the endpoint takes the ``Request`` itself, not a parsed model, so that
the body it verifies is the bytes that were signed.

Run it with ``EIGENPAL_WEBHOOK_SECRET=whsec_... uvicorn fastapi_receiver:app``.
"""

import os

from fastapi import FastAPI, Request, Response

from eigenpal_ext.webhooks import InMemorySeenEvents, RunStatusChanged, Webhook, WebhookEvent, WebhookVerificationError

webhook = Webhook(os.environ["EIGENPAL_WEBHOOK_SECRET"])
seen = InMemorySeenEvents()  # SqliteSeenEvents("seen.db") to remember across restarts and workers
ended: list[str] = []  # what this example's handler does; yours would queue the work


def handle(event: WebhookEvent) -> None:
    if isinstance(event, RunStatusChanged) and event.current_status == "completed":
        ended.append(event.data.run.id)


app = FastAPI()


@app.post("/webhooks/eigenpal", status_code=204)
async def eigenpal_webhook(request: Request) -> Response:
    payload = await request.body()  # the raw bytes, as signed: never a pydantic model or request.json() encoded again
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
