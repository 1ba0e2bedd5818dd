"""Where a download may be redirected to, and what goes with it there; pure.

The real API may answer an artifact download with a redirect (R3: "cloud deployments may redirect to a short-lived
storage URL for large files"). The download follows it itself, whatever ``http_client`` the caller gave (httpx
follows nothing by default), and sends the storage request without any credential: the signed URL needs none, and
the key must never reach another origin. A redirect that cannot be followed is an error, never an empty success.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urljoin, urlsplit

from ._errors import APIError, Issue, api_error_class

__all__ = [
    "CREDENTIAL_HEADERS",
    "MAX_DOWNLOAD_REDIRECTS",
    "REDIRECT_STATUSES",
    "STORAGE_EXTENSION",
    "is_loopback_host",
    "storage_location",
]

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
"""The answers that send a download elsewhere."""

MAX_DOWNLOAD_REDIRECTS = 5
"""The most redirects one download follows (a storage URL is one hop away; more is a loop or a hostile server)."""

CREDENTIAL_HEADERS = ("authorization", "proxy-authorization", "cookie", "x-api-key")
"""Headers that carry a credential: never sent to storage."""

STORAGE_EXTENSION = "eigenpal_ext.storage"
"""A request extension marking a request to a storage URL: the request hooks add no per-call header to it and take
every credential off."""


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` names this machine (``localhost``, ``127.0.0.0/8``, ``::1``)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


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
        raise _refused(status, "a redirect without a Location")
    target = urljoin(current_url, location)
    parts = urlsplit(target)
    where = f"{parts.scheme}://{parts.hostname or ''}{parts.path}"
    if hops >= MAX_DOWNLOAD_REDIRECTS:
        raise _refused(status, f"more than {MAX_DOWNLOAD_REDIRECTS} redirects (the last to {where})")
    if parts.username is not None or parts.password is not None:
        raise _refused(status, f"a redirect to a URL with credentials in it ({where})")
    if parts.scheme == "https":
        return target
    if parts.scheme == "http" and is_loopback_host(parts.hostname or ""):
        if urlsplit(current_url).scheme == "https":
            raise _refused(status, f"a redirect from https to plain http ({where})")
        return target
    raise _refused(status, f"a redirect to {where}: only https (or http on this machine) is followed")


def _refused(status: int, why: str) -> APIError:
    message = f"the download was not followed: {why}"
    return api_error_class(status)(status, issues=[Issue(message=message, code="redirect_not_followed")])
