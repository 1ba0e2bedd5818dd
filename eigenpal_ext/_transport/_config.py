"""Client settings: where the API key and base URL come from, which base URLs are safe, and the HTTP timeouts."""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Mapping
from typing import TypedDict

import attrs
import httpx

from eigenpal_ext._core._errors import InvalidArgumentError

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
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
    "Timeouts",
    "WaitOptions",
    "resolve_api_key",
    "resolve_base_url",
    "resolve_byte_limit",
    "resolve_multipart_max_bytes",
    "resolve_timeout",
]

DEFAULT_BASE_URL = "https://api.eigenpal.com"
"""The base URL used when neither ``base_url=`` nor ``EIGENPAL_BASE_URL`` gives one."""

API_KEY_ENV = "EIGENPAL_API_KEY"
BASE_URL_ENV = "EIGENPAL_BASE_URL"

DEFAULT_TIMEOUT = 30.0
"""Seconds a plain call (get, list, cancel ...) may take in all, retries and slow answers included. Each HTTP
phase gets as long, except connecting (:data:`CONNECT_TIMEOUT`). Calls that wait take ``timeout_seconds`` instead,
and a held request (``wait_for_completion``) has its read timeout raised to the hold plus
:data:`HOLD_MARGIN_SECONDS` (within the call's deadline)."""

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

CONNECT_TIMEOUT = 10.0
"""The longest a connection may take to open, when ``timeout`` is a number larger than this."""

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
            resolve_timeout(timeout)  # the checks of the client's timeout
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


_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def resolve_api_key(api_key: str | None, environ: Mapping[str, str] = os.environ) -> str:
    """The API key to send: the argument, else ``EIGENPAL_API_KEY``.

    Raises:
        InvalidArgumentError: When neither gives a non-blank key, or the key holds characters a header cannot carry.
    """
    key = api_key if api_key is not None else environ.get(API_KEY_ENV)
    if key is None or not key.strip():
        raise InvalidArgumentError("api_key", f"no API key: pass api_key= or set {API_KEY_ENV}")
    key = key.strip()
    if not key.isascii() or any(ch in key for ch in "\r\n\0 "):
        # Never echo the key itself: only say what is wrong with it.
        raise InvalidArgumentError("api_key", "the key holds characters an HTTP header cannot carry")
    return key


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_base_url(
    base_url: str | None, *, allow_insecure_http: bool = False, environ: Mapping[str, str] = os.environ
) -> str:
    """The base URL to send requests to: the argument, else ``EIGENPAL_BASE_URL``, else :data:`DEFAULT_BASE_URL`.

    Plain ``http://`` is accepted only for a loopback host (a local server), since the API key would cross the
    network in clear text; ``allow_insecure_http=True`` lifts that.

    Raises:
        InvalidArgumentError: On a URL that is not http(s), has no host, carries credentials, a query or a
            fragment, or is plain http to another host without ``allow_insecure_http``.
    """
    raw = base_url if base_url is not None else (environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL)
    try:
        url = httpx.URL(raw.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        raise InvalidArgumentError("base_url", f"not a URL: {exc}") from exc
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidArgumentError("base_url", "must be an http:// or https:// URL with a host")
    if url.userinfo:
        raise InvalidArgumentError("base_url", "must not carry credentials; pass the key as api_key=")
    if url.query or url.fragment:
        raise InvalidArgumentError("base_url", "must not carry a query or a fragment")
    if url.scheme == "http" and not allow_insecure_http and not _is_loopback(url.host):
        raise InvalidArgumentError(
            "base_url",
            "plain http to a non-loopback host would send the API key in clear text; "
            "use https:// or pass allow_insecure_http=True",
        )
    return str(url).rstrip("/")


@attrs.frozen
class Timeouts:
    """The time limits of a client.

    Attributes:
        http: The httpx timeouts of each phase of a request (each also cut to what is left of the call).
        call_seconds: Seconds a plain call may take in all, retries included; ``None`` for no bound.
    """

    http: httpx.Timeout
    call_seconds: float | None


def resolve_timeout(timeout: float | httpx.Timeout | None) -> Timeouts:
    """The time limits for a ``timeout=`` argument.

    A number bounds each call in all and each HTTP phase (connecting at most :data:`CONNECT_TIMEOUT`); an
    ``httpx.Timeout`` sets the phases, and the longest of them bounds each call; ``None`` turns every limit off.

    Raises:
        InvalidArgumentError: On a negative, zero or NaN number.
    """
    if isinstance(timeout, httpx.Timeout):
        phases = [timeout.connect, timeout.read, timeout.write, timeout.pool]
        finite = [value for value in phases if value is not None]
        return Timeouts(timeout, max(finite) if len(finite) == len(phases) else None)
    if timeout is None:
        return Timeouts(httpx.Timeout(None), None)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise InvalidArgumentError("timeout", "must be a number of seconds, an httpx.Timeout or None")
    if not math.isfinite(timeout) or timeout <= 0:
        raise InvalidArgumentError("timeout", "must be a positive number of seconds")
    seconds = float(timeout)
    return Timeouts(httpx.Timeout(seconds, connect=min(seconds, CONNECT_TIMEOUT)), seconds)


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
