""":class:`Webhook`: verify a delivery's raw bytes, then parse them into a typed event."""

from __future__ import annotations

import time
from collections.abc import Callable

from ._dedup import SeenEvents
from ._events import WebhookEvent, parse_event
from ._signing import HeadersLike, KeyForm, SignatureMatch, verify_signature

__all__ = ["Webhook"]

_ALL_KEYS = tuple(KeyForm)


class Webhook:
    """The receiving end of an Eigenpal webhook endpoint.

    ::

        webhook = Webhook(os.environ["EIGENPAL_WEBHOOK_SECRET"])
        event = webhook.unwrap(raw_body, request.headers)  # raises WebhookVerificationError: answer 400

    Verification follows Eigenpal's guide: HMAC-SHA256 over ``<webhook-id>.<webhook-timestamp>.<raw body>``, each
    ``v1,`` entry of the space-separated ``webhook-signature`` header compared in constant time, in hex or base64.
    The secret becomes the key in the first of the :class:`KeyForm` ways that verifies the delivery, tried in their
    declared order; :attr:`last_match` says which one did, and ``key=`` pins one.

    Args:
        secret: The endpoint's signing secret (``whsec_...``). Never shown in an error or a repr.
        tolerance: Seconds a delivery's timestamp may lie from now, in either direction (300 as Eigenpal says).
        key: Try only this way of making the key (once you know which one Eigenpal uses).
        clock: Unix time now; for tests.
    """

    def __init__(
        self,
        secret: str,
        *,
        tolerance: float = 300,
        key: KeyForm | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not isinstance(secret, str) or not secret:
            raise ValueError("the webhook secret is empty")
        if tolerance < 0:
            raise ValueError("tolerance must be 0 or more seconds")
        self._secret = secret
        self._tolerance = tolerance
        self._keys = (key,) if key is not None else _ALL_KEYS
        self._clock = clock
        self.last_match: SignatureMatch | None = None
        """The key and digest form that verified the last delivery (``None`` before any)."""

    def __repr__(self) -> str:
        return f"Webhook(secret='***', tolerance={self._tolerance!r}, keys={[form.value for form in self._keys]!r})"

    def verify(self, payload: bytes, headers: HeadersLike) -> SignatureMatch:
        """Check that ``payload`` is a genuine, fresh delivery.

        Args:
            payload: The request body exactly as received: bytes, never re-encoded JSON.
            headers: The request headers: a ``dict`` or the framework's own headers object (:class:`HeadersLike`:
                anything with ``items()``); names in any case.

        Returns:
            Which key and digest form matched (also kept as :attr:`last_match`).

        Raises:
            MissingHeaderError: A signing header is missing.
            StaleTimestampError: The timestamp is older or further in the future than the tolerance.
            SignatureMismatchError: No signature matches.
        """
        match = verify_signature(
            payload, headers, secret=self._secret, tolerance=self._tolerance, keys=self._keys, now=self._clock
        )
        self.last_match = match
        return match

    def unwrap(self, payload: bytes, headers: HeadersLike) -> WebhookEvent:
        """Verify ``payload`` (see :meth:`verify`), then parse it into a typed event.

        Raises:
            WebhookVerificationError: Any of the errors of :meth:`verify`, or ``MalformedPayloadError`` when the
                verified body is not the event envelope.
        """
        self.verify(payload, headers)
        return parse_event(payload)

    def unwrap_once(self, payload: bytes, headers: HeadersLike, seen: SeenEvents) -> WebhookEvent | None:
        """:meth:`unwrap`, then ``None`` if ``seen`` already holds the event's id (deliveries come at least once).

        The id is recorded before returning: if handling the event then fails, call ``seen.forget(event.id)`` so
        that Eigenpal's retry is handled (:class:`WebhookApp` does this).
        """
        event = self.unwrap(payload, headers)
        return event if seen.add(event.id) else None
