"""Verifying a delivery's signature, and making one for tests. Pure: no network, no httpx.

Eigenpal's guide says its deliveries follow the Standard Webhooks scheme, with the signature written
``v1,<hex digest>`` where the standard writes base64, and does not say how a ``whsec_`` secret becomes the HMAC key.
Until a real delivery settles it, :class:`Webhook` accepts both digest forms and tries the possible keys in a fixed
order (:class:`KeyForm`), reports the one that matched, and can be pinned to one.
"""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Iterable
from typing import Protocol

import attrs

from eigenpal_ext._core._webhook_errors import MissingHeaderError, SignatureMismatchError, StaleTimestampError

__all__ = ["DigestForm", "HeadersLike", "KeyForm", "SignatureMatch", "sign", "verify_signature"]

SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix every secret has, not a secret
ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"


class KeyForm(enum.Enum):
    """How a secret becomes the HMAC key. :class:`Webhook` tries them in this order, and a delivery that one of them
    verifies is genuine whichever it is: each key is derived from the secret alone.
    """

    BASE64 = "base64"
    """The part after ``whsec_``, base64-decoded strictly (standard alphabet): the Standard Webhooks convention."""
    BASE64URL = "base64url"
    """The part after ``whsec_``, base64-decoded in the URL-safe alphabet (``-`` and ``_``)."""
    TEXT_AFTER_PREFIX = "text_after_prefix"
    """The part after ``whsec_`` as UTF-8 text."""
    WHOLE_SECRET = "whole_secret"  # noqa: S105 - a name, not a secret
    """The whole secret, prefix included, as UTF-8 text."""


class DigestForm(enum.Enum):
    """How a signature writes the HMAC-SHA256 digest after ``v1,``."""

    HEX = "hex"
    """Lower-case hex, as Eigenpal's guide says."""
    BASE64 = "base64"
    """Standard base64, as the Standard Webhooks specification says."""


@attrs.frozen
class SignatureMatch:
    """Which key and digest form verified a delivery.

    Attributes:
        key: The key derivation that matched.
        digest: How the matching signature wrote the digest.
    """

    key: KeyForm
    digest: DigestForm


def _strip_prefix(secret: str) -> str | None:
    return secret[len(SECRET_PREFIX) :] if secret.startswith(SECRET_PREFIX) else None


def derive_key(secret: str, form: KeyForm) -> bytes | None:
    """The HMAC key ``form`` makes of ``secret``, or ``None`` when it makes none (no ``whsec_`` prefix, not base64)."""
    rest = _strip_prefix(secret)
    if form is KeyForm.WHOLE_SECRET:
        return secret.encode()
    if rest is None or not rest:
        return None
    if form is KeyForm.TEXT_AFTER_PREFIX:
        return rest.encode()
    # validate=True: without it, b64decode silently drops characters outside the alphabet (`-`, `_`) and yields
    # a different key that never matches, with no error to say why.
    text = rest if form is KeyForm.BASE64 else rest.replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


class HeadersLike(Protocol):
    """A request's headers as any web framework hands them over: anything whose ``items()`` gives (name, value)
    pairs. A ``dict``, Starlette's, FastAPI's and httpx's ``Headers``, Werkzeug's (Flask) ``Headers`` and Django's
    ``request.headers`` all are; names may come in any case."""

    def items(self) -> Iterable[tuple[str, str]]:
        """The (name, value) pairs of the headers."""
        ...


def _header(headers: HeadersLike, name: str) -> str:
    # HTTP header names are case-insensitive; a plain dict of what a framework gave may keep any case.
    for key, value in headers.items():
        if key.lower() == name:
            if value.strip():
                return value.strip()
            break
    raise MissingHeaderError(name)


def _digests(key: bytes, signed: bytes) -> dict[DigestForm, str]:
    mac = hmac.new(key, signed, hashlib.sha256).digest()
    return {DigestForm.HEX: mac.hex(), DigestForm.BASE64: base64.b64encode(mac).decode()}


def verify_signature(
    payload: bytes,
    headers: HeadersLike,
    *,
    secret: str,
    tolerance: float,
    keys: tuple[KeyForm, ...],
    now: Callable[[], float] = time.time,
) -> SignatureMatch:
    """Check a delivery's headers and signature against the raw body; see :meth:`Webhook.verify`."""
    msg_id = _header(headers, ID_HEADER)
    stamp = _header(headers, TIMESTAMP_HEADER)
    signature_header = _header(headers, SIGNATURE_HEADER)
    try:
        sent_at = int(stamp)
    except ValueError:
        raise StaleTimestampError(age=None, tolerance=tolerance) from None
    age = now() - sent_at
    if abs(age) > tolerance:
        raise StaleTimestampError(age=age, tolerance=tolerance)
    signatures = [part[3:] for part in signature_header.split(" ") if part.startswith("v1,")]
    signed = msg_id.encode() + b"." + stamp.encode() + b"." + payload
    for form in keys:
        key = derive_key(secret, form)
        if key is None:
            continue
        expected = _digests(key, signed)
        for candidate in signatures:
            for digest_form, digest in expected.items():
                # Every comparison runs in constant time; hex is compared case-insensitively as its spelling varies.
                given = candidate.lower() if digest_form is DigestForm.HEX else candidate
                if hmac.compare_digest(given.encode(), digest.encode()):
                    return SignatureMatch(key=form, digest=digest_form)
    raise SignatureMismatchError(len(signatures))


def sign(
    payload: bytes,
    *,
    secret: str,
    msg_id: str | None = None,
    timestamp: int | None = None,
    key: KeyForm = KeyForm.BASE64,
    digest: DigestForm | str = DigestForm.HEX,
) -> dict[str, str]:
    """The headers Eigenpal would send with ``payload``: for tests and for trying a receiver with curl.

    Args:
        payload: The exact body bytes.
        secret: The endpoint's secret (``whsec_...``).
        msg_id: The delivery's ``webhook-id``; a fresh ``msg_...`` when not given.
        timestamp: Unix seconds; now when not given.
        key: How the secret becomes the key (the local server uses :attr:`KeyForm.BASE64`).
        digest: ``"hex"`` (Eigenpal's guide) or ``"base64"`` (the Standard Webhooks specification).

    Returns:
        ``webhook-id``, ``webhook-timestamp`` and ``webhook-signature``.

    Raises:
        ValueError: ``key`` makes no key of this secret (no ``whsec_`` prefix, or not base64).
    """
    derived = derive_key(secret, key)
    if derived is None:
        raise ValueError(f"the secret makes no key in the form {key.value}")  # never the secret itself
    msg_id = msg_id if msg_id is not None else f"msg_{secrets.token_hex(12)}"
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digests = _digests(derived, msg_id.encode() + b"." + stamp.encode() + b"." + payload)
    return {ID_HEADER: msg_id, TIMESTAMP_HEADER: stamp, SIGNATURE_HEADER: f"v1,{digests[DigestForm(digest)]}"}
