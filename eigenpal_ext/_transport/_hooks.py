"""The httpx event hooks that go on every httpx client the library uses (its own, or one it adopts).

- The request hook puts the call's extra headers and query parameters on, raises the read timeout of a held
  request (``wait_for_completion=N``) to ``N`` plus a margin, so a hold never looks like a dead connection, caps
  the wait for a pooled connection at the time the call has left, says on a retry which one it is, and takes every
  credential off a request that leaves the call's origin (a redirect, storage).
- The response hook turns every answer outside 2xx into an :class:`~eigenpal_ext.APIError` subclass before the
  generated parser sees it (the generated layer raises ``ValueError`` on status codes ``HTTPStatus`` does not know,
  such as 499 or 520), and refuses an answer over the size limit: at once when its ``Content-Length`` says so, else
  as soon as more bytes than the limit have arrived (:mod:`._capped_body`), so a huge answer is never buffered whole.

What the hooks know of the call comes from :mod:`._call_context`; the errors are made in
:mod:`._error_translation`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from http import HTTPStatus
from typing import Any

import attrs
import httpx

from eigenpal_ext._core._calls import HOLD_PARAM, MAX_BYTES_EXTENSION, RETRY_COUNT_HEADER
from eigenpal_ext._core._decoding import content_coding
from eigenpal_ext._core._errors import APIResponseValidationError, ContentEncodingError, ResponseTooLargeError
from eigenpal_ext._core._options import HOLD_MARGIN_SECONDS
from eigenpal_ext._core._redirects import (
    CROSS_ORIGIN_HEADERS,
    DOWNLOAD_EXTENSION,
    ORIGIN_EXTENSION,
    REDIRECT_STATUSES,
    STORAGE_EXTENSION,
    redirect_refusal,
)

from ._call_context import current_options, current_retry_count
from ._capped_body import CappedStream, answer_to, check_json_before_models, declared_size
from ._error_translation import error_from_response
from ._event_loop import OneLoop
from ._http_log import log_answer, log_request
from ._network import time_left
from ._raw import note_response

__all__ = [
    "STORAGE_HEADERS_EXTENSION",
    "Hooks",
    "raise_hold_timeout",
    "storage_request",
    "storage_upload_request",
]

_KNOWN_STATUS_CODES = frozenset(status.value for status in HTTPStatus)


def raise_hold_timeout(request: httpx.Request, margin: float = HOLD_MARGIN_SECONDS) -> None:
    """Raise the read timeout of a held request to the hold plus ``margin`` (never lower it).

    The call's deadline still caps it: :mod:`._network` gives no read more time than the call has left.
    """
    if HOLD_PARAM.encode() not in request.url.query:
        return
    try:
        hold = float(request.url.params[HOLD_PARAM])
    except (KeyError, ValueError):
        return
    timeout = request.extensions.get("timeout")
    if not isinstance(timeout, Mapping):
        return
    read = timeout.get("read")
    if read is not None and read < hold + margin:
        request.extensions["timeout"] = {**timeout, "read": hold + margin}


def _cap_pool_timeout(request: httpx.Request) -> None:
    # Waiting for a free connection is not a network operation, so _network cannot bound it: cap it here.
    left = time_left()
    timeout = request.extensions.get("timeout")
    if left is None or not isinstance(timeout, Mapping):
        return
    pool = timeout.get("pool")
    if pool is None or pool > left:
        request.extensions["timeout"] = {**timeout, "pool": max(left, 0.0)}


def _needs_error(response: httpx.Response) -> bool:
    """Whether an answer is an error to raise; a redirect that must not be followed raises here (:mod:`._redirects`).

    The response hook runs before httpx follows a redirect, so a redirected start is refused before its body could
    be sent again elsewhere, whether or not the httpx client follows redirects (a caller's may).
    """
    status = response.status_code
    if 200 <= status < 300 and status in _KNOWN_STATUS_CODES:
        return False
    if status not in REDIRECT_STATUSES:
        return True
    request = response.request
    refusal = redirect_refusal(
        request.method,
        str(request.url),
        status,
        response.headers.get("location"),
        other_origins=bool(request.extensions.get(DOWNLOAD_EXTENSION) or request.extensions.get(STORAGE_EXTENSION)),
    )
    if refusal is not None:
        raise refusal
    # A redirect that may be followed is not an answer yet: httpx follows it, or a download does; a client that
    # follows nothing hands it to `expect`, which makes it an error.
    return False


_ERROR_BODY_LIMIT = 64 * 1024
"""The most of an error answer that is read: the envelope is small, and a huge error page must not fill memory."""


@attrs.frozen
class Hooks:
    """The event hooks of one client, with its size limit for API answers.

    Attributes:
        max_response_bytes: The largest answer body accepted (error answers are cut much shorter, and a request
            may set its own limit in the :data:`MAX_BYTES_EXTENSION` extension).
    """

    max_response_bytes: int

    def _limit(self, response: httpx.Response) -> int | None:
        extensions = response.request.extensions
        if MAX_BYTES_EXTENSION in extensions:
            limit: int | None = extensions[MAX_BYTES_EXTENSION]
            return limit
        return self.max_response_bytes

    def _guard(self, response: httpx.Response) -> bool:
        """Check the size and encoding of the answer and wrap its body to decode it under a limit; whether it is an
        error answer to raise for.

        Raises:
            ContentEncodingError: For a 2xx answer in an encoding the client does not decode (an error answer is
                raised as its :class:`APIError`, the encoding named among its issues).
        """
        prepare_response = _needs_error(response)
        limit = _ERROR_BODY_LIMIT if prepare_response else self._limit(response)
        size = declared_size(response)
        if limit is not None and size is not None and size > limit and not prepare_response:
            raise ResponseTooLargeError(answer_to(response.request), limit=limit, size=size)
        try:
            coding = content_coding(response.headers.get_list("content-encoding"))
        except ContentEncodingError as refused:
            if not prepare_response:
                raise
            # An error answer's status is what matters; its body cannot be read safely, so it is not read at all.
            response._content = b""  # as in _read_error_body
            raise error_from_response(response, unread=refused) from refused
        response.stream = CappedStream(response.stream, limit, response.request, coding)
        if coding is not None:
            # The body is decoded above; without the header httpx passes it through instead of decoding it again.
            del response.headers["content-encoding"]
        if not prepare_response and limit is not None:
            check_json_before_models(response, limit)
        return prepare_response

    def sync_request(self, request: httpx.Request) -> None:
        """httpx request hook (sync client)."""
        _prepare_request(request)
        log_request(request)

    async def async_request(self, request: httpx.Request) -> None:
        """httpx request hook (async client)."""
        _prepare_request(request)
        log_request(request)

    def sync_response(self, response: httpx.Response) -> None:
        """httpx response hook (sync client): limit the body; raise the :class:`APIError` for an answer outside
        2xx."""
        log_answer(response)
        note_response(response)
        if self._guard(response):
            _read_error_body(response, response.iter_bytes())
            raise error_from_response(response)

    async def async_response(self, response: httpx.Response) -> None:
        """httpx response hook (async client); see :meth:`sync_response`."""
        log_answer(response)
        note_response(response)
        if self._guard(response):
            chunks = [chunk async for chunk in _atruncated(response.aiter_bytes())]
            response._content = b"".join(chunks)  # see _read_error_body
            raise error_from_response(response)

    def install(self, http_client: httpx.Client | httpx.AsyncClient) -> None:
        """Add these hooks to an httpx client (once), keeping the hooks it already has."""
        hooks = http_client.event_hooks
        ours = self.event_hooks(asynchronous=isinstance(http_client, httpx.AsyncClient))
        for kind in ("request", "response"):
            present = [hook for hook in hooks[kind] if self._owns(hook)]
            if not present:
                hooks[kind] = [*hooks[kind], *ours[kind]]
        http_client.event_hooks = hooks

    def uninstall(self, http_client: httpx.Client | httpx.AsyncClient) -> None:
        """Take these hooks off an httpx client again (a caller's, when the client that adopted it closes)."""
        hooks = http_client.event_hooks
        for kind in ("request", "response"):
            hooks[kind] = [hook for hook in hooks[kind] if not self._owns(hook)]
        http_client.event_hooks = hooks

    def _owns(self, hook: object) -> bool:
        return getattr(hook, "__self__", None) is self or (isinstance(hook, OneLoop) and hook.owner is self)

    def event_hooks(self, *, asynchronous: bool) -> dict[str, list[Callable[..., Any]]]:
        """The ``event_hooks`` argument for an httpx client the library makes itself (or adopts): an async one also
        gets its own :class:`~._event_loop.OneLoop`, as its pool can serve one event loop only."""
        if asynchronous:
            return {"request": [OneLoop(self), self.async_request], "response": [self.async_response]}
        return {"request": [self.sync_request], "response": [self.sync_response]}


def _truncated(chunks: Iterator[bytes]) -> Iterator[bytes]:
    # The error body stops at _ERROR_BODY_LIMIT of decoded bytes: CappedStream would raise past it, and an error
    # answer is better reported from its first bytes than replaced by a size error.
    seen = 0
    try:
        for chunk in chunks:
            yield chunk[: _ERROR_BODY_LIMIT - seen]
            seen += len(chunk)
            if seen >= _ERROR_BODY_LIMIT:
                return
    except APIResponseValidationError:  # past the limit, or a corrupt encoding: the start is enough
        return


async def _atruncated(chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    seen = 0
    try:
        async for chunk in chunks:
            yield chunk[: _ERROR_BODY_LIMIT - seen]
            seen += len(chunk)
            if seen >= _ERROR_BODY_LIMIT:
                return
    except APIResponseValidationError:  # past the limit, or a corrupt encoding: the start is enough
        return


def _read_error_body(response: httpx.Response, chunks: Iterator[bytes]) -> None:
    # httpx offers no public way to read only the start of a body and keep it as `content`; setting `_content`
    # is what `Response.read()` itself does once it has the bytes.
    response._content = b"".join(_truncated(chunks))


def storage_request(http: httpx.Client | httpx.AsyncClient, url: str, extensions: Mapping[str, Any]) -> httpx.Request:
    """A GET of a storage URL a download was redirected to: the client's transport and timeouts, no credential."""
    request = http.build_request("GET", url, extensions={**extensions, STORAGE_EXTENSION: True})
    _strip_credentials(request)
    return request


STORAGE_HEADERS_EXTENSION = "eigenpal_ext.storage_headers"
"""A request extension: the lower-case names of the headers an upload session told the client to send to storage
(its signed headers, the body's length); they are kept when the credentials are taken off."""


def storage_upload_request(
    http: httpx.Client | httpx.AsyncClient, url: str, *, content: Any, headers: Mapping[str, str]
) -> httpx.Request:
    """A PUT of an upload's bytes to the storage URL its session gave: the client's transport and timeouts, the
    headers the session asked for, and no credential (storage is another origin)."""
    keep = frozenset(name.lower() for name in headers)
    extensions = {STORAGE_EXTENSION: True, STORAGE_HEADERS_EXTENSION: keep}
    request = http.build_request("PUT", url, content=content, headers=dict(headers), extensions=extensions)
    _strip_credentials(request)
    return request


def _strip_credentials(request: httpx.Request) -> None:
    # An allow-list, not a list of credential headers: a caller's extra header may be a key under any name.
    headers = request.headers
    keep = CROSS_ORIGIN_HEADERS | request.extensions.get(STORAGE_HEADERS_EXTENSION, frozenset())
    for name in [name for name in headers if name.lower() not in keep]:
        del headers[name]


def _prepare_request(request: httpx.Request) -> None:
    """What both request hooks do: the call's extra headers and query parameters go on, a held request gets a
    longer read timeout, the wait for a pooled connection is capped at the time left, a retry says which one it
    is. A request to storage, or a redirected ``GET`` that left the origin of the call's request, gets none of the
    call's headers and loses every header that could be a credential (:data:`~._redirects.CROSS_ORIGIN_HEADERS`)."""
    url = request.url
    origin = (url.scheme, url.host, url.port)
    # httpx gives the requests it builds to follow a redirect the first request's extensions: its origin stays here.
    first = request.extensions.setdefault(ORIGIN_EXTENSION, origin)
    if first != origin or request.extensions.get(STORAGE_EXTENSION):
        _strip_credentials(request)
        _cap_pool_timeout(request)
        return
    options = current_options()
    if options.extra_query:
        request.url = request.url.copy_merge_params(dict(options.extra_query))
    if options.extra_headers:
        request.headers.update(options.extra_headers)
    raise_hold_timeout(request)
    _cap_pool_timeout(request)
    retries = current_retry_count()
    if retries:
        request.headers[RETRY_COUNT_HEADER] = str(retries)
