"""Receiving Eigenpal's webhooks: verify a delivery's raw bytes, parse it into a typed event, handle it once.

::

    from eigenpal_ext.webhooks import Webhook

    webhook = Webhook(os.environ["EIGENPAL_WEBHOOK_SECRET"])
    event = webhook.unwrap(raw_body, headers)  # WebhookVerificationError: answer 400

Pure verification and parsing (:class:`Webhook`, :func:`sign`, the events) import no HTTP library;
:class:`WebhookApp` is a plain ASGI application.
"""

from eigenpal_ext._core._webhook_errors import (
    MalformedPayloadError,
    MissingHeaderError,
    SignatureMismatchError,
    StaleTimestampError,
    WebhookVerificationError,
)

from ._asgi import MAX_BODY_BYTES, WebhookApp
from ._dedup import InMemorySeenEvents, LatestRunStates, SeenEvents, SqliteSeenEvents
from ._events import EventRun, RunCreated, RunEventData, RunStatusChanged, UnknownEvent, WebhookEvent
from ._run_events import RunEvents
from ._signing import DigestForm, HeadersLike, KeyForm, SignatureMatch, sign
from ._webhook import Webhook

__all__ = [
    "MAX_BODY_BYTES",
    "DigestForm",
    "EventRun",
    "HeadersLike",
    "InMemorySeenEvents",
    "KeyForm",
    "LatestRunStates",
    "MalformedPayloadError",
    "MissingHeaderError",
    "RunCreated",
    "RunEventData",
    "RunEvents",
    "RunStatusChanged",
    "SeenEvents",
    "SignatureMatch",
    "SignatureMismatchError",
    "SqliteSeenEvents",
    "StaleTimestampError",
    "UnknownEvent",
    "Webhook",
    "WebhookApp",
    "WebhookEvent",
    "WebhookVerificationError",
    "sign",
]
