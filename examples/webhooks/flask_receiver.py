"""Receiving Eigenpal's webhooks in Flask: verify the raw bytes, handle each event once, answer fast.

Run it with ``EIGENPAL_WEBHOOK_SECRET=whsec_... flask --app flask_receiver run``.
"""

import os

from flask import Flask, request

from eigenpal_ext.webhooks import InMemorySeenEvents, RunStatusChanged, Webhook, WebhookEvent, WebhookVerificationError

webhook = Webhook(os.environ["EIGENPAL_WEBHOOK_SECRET"])
seen = InMemorySeenEvents()  # SqliteSeenEvents("seen.db") to remember across restarts and workers
ended: list[str] = []


def handle(event: WebhookEvent) -> None:
    if isinstance(event, RunStatusChanged) and event.current_status == "completed":
        ended.append(event.data.run.id)


app = Flask(__name__)


@app.post("/webhooks/eigenpal")
def eigenpal_webhook() -> tuple[str, int]:
    payload = request.get_data()  # the raw bytes, read before anything parses them (not request.json)
    try:
        event = webhook.unwrap_once(payload, request.headers, seen)
    except WebhookVerificationError:
        return "", 400  # Eigenpal does not retry a 400
    if event is not None:  # None: a redelivery of an event already handled
        try:
            handle(event)
        except Exception:  # any failure is answered 500, which Eigenpal retries
            seen.forget(event.id)  # so that the retry is handled
            return "", 500
    return "", 204
