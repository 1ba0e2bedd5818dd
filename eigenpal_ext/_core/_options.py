"""Per-call options and the limits of a client, as plain values: what every method's ``timeout=``,
``extra_headers=`` and ``extra_query=`` become, the defaults of the waits and of ``run_many``, and the size limits.

Pure: the httpx side of a client's settings (its base URL and its httpx timeouts) is
:mod:`eigenpal_ext._transport._config`.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from typing import TypedDict

import attrs

from ._errors import InvalidArgumentError

__all__ = [
    "DEFAULT_BATCH_SECONDS",
    "DEFAULT_MAX_DOWNLOAD_BYTES",
    "DEFAULT_MAX_IN_FLIGHT",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_MULTIPART_MAX_BYTES",
    "DEFAULT_POLL_INTERVAL_SECONDS",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WAIT_SECONDS",
    "HOLD_MARGIN_SECONDS",
    "MULTIPART_MAX_BYTES_ENV",
    "NOT_GIVEN",
    "NO_OPTIONS",
    "CallOptions",
    "NotGiven",
    "RequestOptions",
    "WaitOptions",
    "check_call_seconds",
    "resolve_byte_limit",
    "resolve_multipart_max_bytes",
]

DEFAULT_TIMEOUT = 30.0
"""Seconds a plain call (get, list, cancel ...) may take in all, retries and slow answers included. Each HTTP
phase gets as long, except connecting (``CONNECT_TIMEOUT`` of :mod:`eigenpal_ext._transport._config`). Calls that
wait take ``timeout_seconds`` instead, and a held request (``wait_for_completion``) has its read timeout raised to
the hold plus :data:`HOLD_MARGIN_SECONDS` (within the call's deadline)."""

DEFAULT_WAIT_SECONDS = 300.0
"""How long a wait (``timeout_seconds`` of ``wait``, ``run_and_wait``, ``poll`` ...) lasts in all by default."""

DEFAULT_BATCH_SECONDS = 3600.0
"""How long ``run_many`` may take in all by default: starting every input and waiting for every run."""

DEFAULT_MAX_IN_FLIGHT = 1000
"""How many runs ``run_many`` keeps going at once by default; the next input starts as one of them ends."""

DEFAULT_POLL_INTERVAL_SECONDS = 2.0
"""The longest pause between two reads of a run being waited for (the real API holds no read); the pauses start at
0.25 s and grow to it. A server hint (``X-Poll-After-Ms``), where one is sent, may lengthen a pause, never shorten
it."""

DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
"""The largest API answer accepted (32 MiB); larger ones raise ``ResponseTooLargeError`` unread. The biggest
answer the API documents, a 250-run list page, is well under 1 MiB."""

DEFAULT_MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024
"""The largest artifact ``download(..., to=None)`` holds in memory (256 MiB); download into a folder for more."""

DEFAULT_MULTIPART_MAX_BYTES = 4_718_592
"""The largest start request sent with its files inside (4.5 MiB, the cloud API's request cap, as both official
SDKs use it); a file input that would make it larger is uploaded through the files API first."""

MULTIPART_MAX_BYTES_ENV = "EIGENPAL_MULTIPART_MAX_BYTES"

HOLD_MARGIN_SECONDS = 10.0
"""How much longer than the server's hold a held request may take to answer before it counts as timed out."""


class NotGiven:
    """The type of :data:`NOT_GIVEN`: an argument left out, where ``None`` has a meaning of its own."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()
"""An argument that was not given: ``timeout=NOT_GIVEN`` takes the client's, ``timeout=None`` means no bound."""

_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def _headers(value: Mapping[str, str] | None) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgumentError("extra_headers", "must be a mapping of header names to values")
    for name, text in value.items():
        if not isinstance(name, str) or not _HEADER_NAME.match(name):
            raise InvalidArgumentError("extra_headers", f"{name!r} is not a header name")
        if not isinstance(text, str) or any(ch in text for ch in "\r\n\0"):
            raise InvalidArgumentError("extra_headers", f"the value of {name} must be one line of text")
    return dict(value)


def _query(value: Mapping[str, str] | None) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise InvalidArgumentError("extra_query", "must be a mapping of parameter names to text values")
    return dict(value)


@attrs.frozen
class RequestOptions:
    """Per-call options: ``timeout=``, ``extra_headers=`` and ``extra_query=`` of every method, and the defaults of
    a client made by ``with_options``.

    Attributes:
        timeout: Seconds the call may take in all, retries included; ``NOT_GIVEN`` takes the client's, ``None``
            turns the bound off. (Waits are bounded by their ``timeout_seconds`` instead.)
        extra_headers: Headers added to every request of the call.
        extra_query: Query parameters added to every request of the call.
    """

    timeout: float | NotGiven | None = NOT_GIVEN
    extra_headers: Mapping[str, str] = attrs.field(factory=dict)
    extra_query: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def of(
        cls,
        timeout: float | NotGiven | None = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
    ) -> RequestOptions:
        """Checked options from a method's keyword arguments.

        Raises:
            InvalidArgumentError: A bad timeout, header or query parameter.
        """
        if not isinstance(timeout, NotGiven) and timeout is not None:
            check_call_seconds(timeout)  # the checks of the client's timeout
        return cls(timeout, _headers(extra_headers), _query(extra_query))

    def over(self, defaults: RequestOptions) -> RequestOptions:
        """These options on top of ``defaults``: a given timeout wins, headers and query parameters add up."""
        timeout = defaults.timeout if isinstance(self.timeout, NotGiven) else self.timeout
        return RequestOptions(
            timeout, {**defaults.extra_headers, **self.extra_headers}, {**defaults.extra_query, **self.extra_query}
        )


NO_OPTIONS = RequestOptions()
"""No per-call options."""


class WaitOptions(TypedDict, total=False):
    """The per-call options of a wait, as keyword arguments (its bound is its ``timeout_seconds``).

    Attributes:
        extra_headers: Headers added to every request of the call.
        extra_query: Query parameters added to every request of the call.
    """

    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, str] | None


class CallOptions(WaitOptions, total=False):
    """The per-call options every method takes as keyword arguments.

    Attributes:
        timeout: Seconds the call may take in all, retries included (default: the client's ``timeout``; ``None``
            for no bound).
    """

    timeout: float | NotGiven | None


def check_call_seconds(timeout: float) -> float:
    """A call's bound in seconds (``timeout=`` as a number), checked.

    Raises:
        InvalidArgumentError: On a negative, zero or NaN number, or something that is not a number.
    """
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise InvalidArgumentError("timeout", "must be a number of seconds or None")
    if not math.isfinite(timeout) or timeout <= 0:
        raise InvalidArgumentError("timeout", "must be a positive number of seconds")
    return float(timeout)


def resolve_byte_limit(value: object, argument: str) -> int:
    """A size limit in bytes: a whole number above 0.

    Raises:
        InvalidArgumentError: On anything else.
    """
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidArgumentError(argument, f"must be a whole number of bytes above 0, not {value!r}")
    return value


def resolve_multipart_max_bytes(value: object, environ: Mapping[str, str] = os.environ) -> int | None:
    """The ``multipart_max_bytes`` of a client: the argument (``None`` keeps every file in the start request), else
    ``EIGENPAL_MULTIPART_MAX_BYTES`` (a number of bytes, or ``none``), else :data:`DEFAULT_MULTIPART_MAX_BYTES`.

    Raises:
        InvalidArgumentError: On anything but a whole number of bytes above 0 (or ``None``).
    """
    if isinstance(value, NotGiven):
        raw = environ.get(MULTIPART_MAX_BYTES_ENV, "").strip()
        if not raw:
            return DEFAULT_MULTIPART_MAX_BYTES
        if raw.lower() in ("none", "null", "unlimited"):
            return None
        try:
            value = int(raw)
        except ValueError:
            raise InvalidArgumentError(
                "multipart_max_bytes", f"{MULTIPART_MAX_BYTES_ENV} must be a whole number of bytes or 'none'"
            ) from None
    if value is None:
        return None
    return resolve_byte_limit(value, "multipart_max_bytes")
