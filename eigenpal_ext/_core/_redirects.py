"""Which redirects are followed, and what goes with them; pure.

Two kinds of request meet redirects:

- An API request. Only a ``GET`` is ever followed, and only within its own origin (the real API redirects no
  request but a download's, so a redirect elsewhere is an attacker's or a misconfigured proxy's: nothing is sent
  there). A start, a cancel or an upload that is redirected would send its body (the input document) again somewhere
  else (307/308), or turn into a ``GET`` whose answer would pass for the one asked for (301/302/303). A refused
  redirect is an :class:`~eigenpal_ext.APIError` naming where it pointed, never sent on and never retried. The check
  runs in the client's response hook, before httpx would follow, so it holds for an ``http_client`` of the caller's
  that follows redirects too.
- A download. The real API may answer an artifact download with a redirect (R3: "cloud deployments may redirect to
  a short-lived storage URL for large files"). The download follows it itself, whatever ``http_client`` the caller
  gave (httpx follows nothing by default); a redirect that cannot be followed is an error, never an empty success.

Either way a redirect goes only to https, or to plain http on this machine and not from https; never to a URL with
credentials in it. A request that leaves the origin of the first one carries none of the client's or the caller's
headers but a few harmless ones (:data:`CROSS_ORIGIN_HEADERS`): no key, no cookie, no extra header of the caller's,
which the library cannot tell apart from a credential.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urljoin, urlsplit

from ._errors import APIError, Issue, api_error_class

__all__ = [
    "CROSS_ORIGIN_HEADERS",
    "DOWNLOAD_EXTENSION",
    "MAX_DOWNLOAD_REDIRECTS",
    "ORIGIN_EXTENSION",
    "REDIRECT_STATUSES",
    "STORAGE_EXTENSION",
    "is_loopback_host",
    "origin_of",
    "redirect_refusal",
    "storage_location",
]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
"""The answers that send a request elsewhere."""

MAX_DOWNLOAD_REDIRECTS = 5
"""The most redirects one download follows (a storage URL is one hop away; more is a loop or a hostile server)."""

CROSS_ORIGIN_HEADERS = frozenset({"accept", "accept-encoding", "accept-language", "connection", "host", "user-agent"})
"""The only headers a request to another origin than the first request's keeps (a storage URL, a redirected
``GET``): any other may be a credential under a name of the caller's choosing."""

STORAGE_EXTENSION = "eigenpal_ext.storage"
"""A request extension marking a request to a storage URL: the request hooks add no per-call header to it and take
every credential off."""

DOWNLOAD_EXTENSION = "eigenpal_ext.download"
"""A request extension marking a download's first request: its redirect to storage (another origin) is followed by
the download itself under :func:`storage_location`'s rules; every other API request follows only its own origin."""

ORIGIN_EXTENSION = "eigenpal_ext.origin"
"""A request extension: the origin of the first request of a chain (httpx hands the same extensions to the requests
it builds to follow redirects), so the request hook knows when a redirect left it."""

_FOLLOWED_METHODS = frozenset({"GET"})


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine (``localhost``, ``127.0.0.0/8``, ``::1``)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> str:
    """``scheme://host:port`` of ``url``, the port always written: two URLs with the same one are the same origin."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    host = (parts.hostname or "").lower()
    return f"{scheme}://{host}:{port or _DEFAULT_PORTS.get(scheme, 0)}"


def _where(target: str) -> str:
    """How an error names a redirect's target: scheme, host, port and path; never its query (it may hold a
    signature) or credentials."""
    parts = urlsplit(target)
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme}://{host}{port}{parts.path}"


def _target_refusal(current_url: str, target: str) -> str | None:
    """Why a redirect from ``current_url`` to the absolute ``target`` may not be followed by any request, or None."""
    parts = urlsplit(target)
    where = _where(target)
    if parts.username is not None or parts.password is not None:
        return f"a redirect to a URL with credentials in it ({where})"
    if parts.scheme == "https":
        return None
    if parts.scheme == "http" and is_loopback_host(parts.hostname or ""):
        if urlsplit(current_url).scheme == "https":
            return f"a redirect from https to plain http ({where})"
        return None
    if parts.scheme == "http" and origin_of(target) == origin_of(current_url):
        return None  # the base URL itself is plain http (allow_insecure_http): no worse than the request was
    return f"a redirect to {where}: only https (or http on this machine) is followed"


def redirect_refusal(
    method: str, current_url: str, status: int, location: str | None, *, other_origins: bool = False
) -> APIError | None:
    """The error for a redirect an API request or a download must not follow, or None when it may be followed.

    Args:
        method: The redirected request's method.
        current_url: The URL that answered with the redirect (the error names it without its query).
        status: The redirect's status code (one of :data:`REDIRECT_STATUSES`).
        location: Its ``Location`` header, if any.
        other_origins: Whether the redirect may leave the origin (a download's, to storage); an API read's may not:
            the real API documents no redirect but a download's, so one elsewhere is an attacker's or a
            misconfigured proxy's, and nothing is sent there.
    """
    if not location:
        return _refused(status, "the redirect was not followed: a redirect without a Location", method, current_url)
    try:
        target = urljoin(current_url, location)
        where = _where(target)
    except ValueError:
        return _refused(status, "the redirect was not followed: a Location that is not a URL", method, current_url)
    if method.upper() not in _FOLLOWED_METHODS:
        sent = f"{method} was redirected to {where}; only GET requests follow a redirect (nothing was sent there)"
        return _refused(status, f"the redirect was not followed: {sent}", method, current_url)
    if not other_origins and origin_of(target) != origin_of(current_url):
        why: str | None = f"a redirect to another origin ({where}); an API request follows only its own origin"
    else:
        why = _target_refusal(current_url, target)
    return None if why is None else _refused(status, f"the redirect was not followed: {why}", method, current_url)


def storage_location(current_url: str, status: int, location: str | None, hops: int) -> str:
    """The absolute URL a download's redirect points at, once it is checked to be one to follow.

    Args:
        current_url: The URL that answered with the redirect.
        status: The redirect's status code.
        location: Its ``Location`` header, if any.
        hops: How many redirects this download followed before this one.

    Raises:
        APIError: No ``Location``, too many redirects, a scheme other than https (plain http only to loopback, and
            never from https), or a URL with credentials in it; the message names where it pointed.
    """
    if not location:
        raise _refused(status, "the download was not followed: a redirect without a Location")
    target = urljoin(current_url, location)
    where = _where(target)
    if hops >= MAX_DOWNLOAD_REDIRECTS:
        raise _refused(status, f"the download was not followed: more than {MAX_DOWNLOAD_REDIRECTS} redirects (the "
                       f"last to {where})")  # fmt: skip
    why = _target_refusal(current_url, target)
    if why is not None:
        raise _refused(status, f"the download was not followed: {why}")
    return target


def _refused(status: int, message: str, method: str = "", url: str = "") -> APIError:
    issues = [Issue(message=message, code="redirect_not_followed")]
    return api_error_class(status)(status, issues=issues, method=method, url=url.split("?", 1)[0])
