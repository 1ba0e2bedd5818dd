"""Client settings: where the API key and base URL come from, which base URLs are safe, and the httpx timeouts.

The per-call options, the defaults of waits and batches and the size limits are plain values in
:mod:`eigenpal_ext._core._options`.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

import attrs
import httpx

from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._core._options import check_call_seconds

__all__ = [
    "API_KEY_ENV",
    "BASE_URL_ENV",
    "CONNECT_TIMEOUT",
    "DEFAULT_BASE_URL",
    "Timeouts",
    "resolve_api_key",
    "resolve_base_url",
    "resolve_timeout",
]

DEFAULT_BASE_URL = "https://api.eigenpal.com"
"""The base URL used when neither ``base_url=`` nor ``EIGENPAL_BASE_URL`` gives one."""

API_KEY_ENV = "EIGENPAL_API_KEY"
BASE_URL_ENV = "EIGENPAL_BASE_URL"

CONNECT_TIMEOUT = 10.0
"""The longest a connection may take to open, when ``timeout`` is a number larger than this."""

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
    seconds = check_call_seconds(timeout)
    return Timeouts(httpx.Timeout(seconds, connect=min(seconds, CONNECT_TIMEOUT)), seconds)
