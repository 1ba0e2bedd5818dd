"""The errors of receiving a webhook: a delivery whose headers, timestamp, signature or body cannot be trusted.
They are part of the one tree drawn in :mod:`._errors`, and imported from there.

None of them carries the secret, the key derived from it, or the delivery's body: a message says which check
failed and, at most, the header's name or the timestamp's age.
"""

from __future__ import annotations

from ._errors import EigenpalError

__all__ = [
    "MalformedPayloadError",
    "MissingHeaderError",
    "SignatureMismatchError",
    "StaleTimestampError",
    "WebhookVerificationError",
]


class WebhookVerificationError(EigenpalError):
    """A webhook delivery was refused: answer it with 400 (Eigenpal then stops retrying it)."""


class MissingHeaderError(WebhookVerificationError):
    """A signing header (``webhook-id``, ``webhook-timestamp`` or ``webhook-signature``) is missing or empty.

    Attributes:
        header: The name of the header, lower case.
    """

    header: str

    def __init__(self, header: str) -> None:
        self.header = header
        super().__init__(f"the delivery has no {header} header")


class StaleTimestampError(WebhookVerificationError):
    """The ``webhook-timestamp`` is not a Unix time, or lies outside the tolerance: too old (a replay) or in the
    future (a clock far off, or a forged delivery).

    Attributes:
        age: Seconds between the timestamp and now; negative when it lies in the future. ``None`` when the header
            is not a number.
        tolerance: The tolerance in seconds.
        in_future: Whether the timestamp lies in the future.
    """

    age: float | None
    tolerance: float
    in_future: bool

    def __init__(self, *, age: float | None, tolerance: float) -> None:
        self.age = age
        self.tolerance = tolerance
        self.in_future = age is not None and age < 0
        if age is None:
            message = "the webhook-timestamp header is not a Unix time in seconds"
        elif self.in_future:
            message = (
                f"the webhook-timestamp lies {-age:.0f} s in the future, beyond the tolerance of {tolerance:.0f} s"
            )
        else:
            message = f"the webhook-timestamp is {age:.0f} s old, older than the tolerance of {tolerance:.0f} s"
        super().__init__(message)


class SignatureMismatchError(WebhookVerificationError):
    """No ``v1,`` signature of the delivery matches its id, timestamp and body under the secret: the body was
    changed, the secret is wrong, or the sender signs differently.

    Attributes:
        tried: How many signatures of the header were compared.
    """

    tried: int

    def __init__(self, tried: int) -> None:
        self.tried = tried
        if tried:
            message = f"none of the {tried} v1 signature(s) matches the delivery under this secret"
        else:
            message = "the webhook-signature header holds no v1 signature"
        super().__init__(message)


class MalformedPayloadError(WebhookVerificationError):
    """The signature holds, but the body is not the event envelope (not JSON, or a field it needs is missing or of
    the wrong type).

    Attributes:
        field: The field at fault (``data.run.id``), or ``None`` when the body is not a JSON object at all.
    """

    field: str | None

    def __init__(self, field: str | None, reason: str) -> None:
        self.field = field
        super().__init__(f"{field}: {reason}" if field else reason)
