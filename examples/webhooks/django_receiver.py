"""Receiving Eigenpal's webhooks in Django: verify the raw bytes, handle each event once, answer fast.

Route it in ``urls.py``: ``path("webhooks/eigenpal", django_receiver.eigenpal_webhook)``.
"""

import os

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from eigenpal_ext.webhooks import InMemorySeenEvents, RunStatusChanged, Webhook, WebhookEvent, WebhookVerificationError

webhook = Webhook(os.environ["EIGENPAL_WEBHOOK_SECRET"])
seen = InMemorySeenEvents()  # SqliteSeenEvents("seen.db") to remember across restarts and workers
ended: list[str] = []


def handle(event: WebhookEvent) -> None:
    if isinstance(event, RunStatusChanged) and event.current_status == "completed":
        ended.append(event.data.run.id)


@csrf_exempt  # Eigenpal sends no CSRF token: the signature is what proves the sender
@require_POST
def eigenpal_webhook(request: HttpRequest) -> HttpResponse:
    payload = request.body  # the raw bytes (not request.POST, nor json.loads of it)
    try:
        event = webhook.unwrap_once(payload, request.headers, seen)
    except WebhookVerificationError:
        return HttpResponse(status=400)  # Eigenpal does not retry a 400
    if event is not None:  # None: a redelivery of an event already handled
        try:
            handle(event)
        except Exception:  # any failure is answered 500, which Eigenpal retries
            seen.forget(event.id)  # so that the retry is handled
            return HttpResponse(status=500)
    return HttpResponse(status=204)
