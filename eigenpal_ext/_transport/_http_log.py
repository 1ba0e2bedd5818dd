"""What the library says about each request, on the ``eigenpal_ext.http`` logger, and the ``EIGENPAL_LOG`` switch
that shows it on stderr.

At INFO, one line per request sent and one per answer (method, URL, status, milliseconds to the answer's headers,
request id, attempt); at DEBUG also each one's headers, every credential masked. Never a body, never the key: the
lines are built with the credential headers masked, and the library's loggers carry the filter of
:mod:`eigenpal_ext._core._redact`, which masks any known key that a server echoed (in a header, a URL).

A request that leaves the API's origin (a download redirected to storage, an upload part) is logged without its
query: a presigned URL's signature is a credential of its own.

``EIGENPAL_LOG=debug`` or ``info`` (read when a client is made) sets the level of the ``eigenpal_ext`` logger, if
the program did not set one, and gives it a stderr handler if no handler would print its records (neither it nor
an ancestor, the root logger included, has one): a program that configures logging itself keeps its own handlers
and format. Any other value is ignored with one warning.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Mapping

import httpx

from eigenpal_ext._core._redact import CREDENTIAL_HEADERS, MASK, redact, request_keys
from eigenpal_ext._core._redirects import ORIGIN_EXTENSION, STORAGE_EXTENSION

from ._call_context import current_retry_count

__all__ = ["LOG_ENV", "configure_from_environment", "log_answer", "log_request"]

LOG_ENV = "EIGENPAL_LOG"
"""The environment variable that turns the library's request lines on: ``debug`` or ``info``."""

_http = logging.getLogger("eigenpal_ext.http")
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_SENT_AT = "eigenpal_ext.sent_at"
"""A request extension: the ``time.perf_counter()`` at which the request hook saw it."""
_SECRET_HEADERS = CREDENTIAL_HEADERS | {"set-cookie"}  # an answer's cookies are credentials too
_warned: set[str] = set()
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_from_environment(environ: Mapping[str, str] = os.environ) -> None:
    """Apply ``EIGENPAL_LOG`` (see module docs); called whenever a client is made, and idempotent."""
    value = environ.get(LOG_ENV, "").strip().lower()
    if not value:
        return
    logger = logging.getLogger("eigenpal_ext")
    level = _LEVELS.get(value)
    if level is None:
        if value not in _warned:
            _warned.add(value)
            logger.warning("%s=%r is not a level the library knows (debug, info): ignored", LOG_ENV, value[:20])
        return
    if logger.level == logging.NOTSET:
        logger.setLevel(level)
    if not logger.hasHandlers():
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(handler)


def _off_origin(request: httpx.Request) -> bool:
    url = request.url
    first = request.extensions.get(ORIGIN_EXTENSION)
    return bool(request.extensions.get(STORAGE_EXTENSION)) or (
        first is not None and first != (url.scheme, url.host, url.port)
    )


def _shown_url(request: httpx.Request) -> str:
    url = request.url
    if url.query and _off_origin(request):
        return f"{url.copy_with(query=None)}?<query hidden>"
    return str(url)


def _shown_headers(headers: httpx.Headers) -> str:
    shown = []
    for name, value in headers.multi_items():
        if name.lower() in _SECRET_HEADERS:
            scheme, _, rest = value.partition(" ")
            value = f"{scheme} {MASK}" if rest and scheme.lower() in ("bearer", "basic", "token") else MASK
        shown.append(f"{name}: {value}")
    return "; ".join(shown)


def log_request(request: httpx.Request) -> None:
    """The request hook's line: what is sent, and which attempt of its call it is."""
    if not _http.isEnabledFor(logging.INFO):
        return
    request.extensions[_SENT_AT] = time.perf_counter()
    attempt = current_retry_count() + 1
    _http.info("request %s %s attempt=%d", request.method, _shown_url(request), attempt)
    if _http.isEnabledFor(logging.DEBUG):
        keys = request_keys(request.headers)
        _http.debug("request headers %s", redact(_shown_headers(request.headers), keys))


def log_answer(response: httpx.Response) -> None:
    """The response hook's line: the answer's status, time to its headers and request id."""
    if not _http.isEnabledFor(logging.INFO):
        return
    request = response.request
    sent_at = request.extensions.get(_SENT_AT)
    elapsed = "?" if sent_at is None else f"{(time.perf_counter() - sent_at) * 1000:.0f}"
    request_id = response.headers.get("x-request-id", "-")
    attempt = current_retry_count() + 1
    keys = request_keys(request.headers)
    _http.info(
        "answer %d %s %s in %s ms request_id=%s attempt=%d",
        response.status_code, request.method, _shown_url(request), elapsed, redact(request_id, keys), attempt,
    )  # fmt: skip
    if _http.isEnabledFor(logging.DEBUG):
        _http.debug("answer headers %s", redact(_shown_headers(response.headers), keys))
