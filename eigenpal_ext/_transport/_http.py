"""The request layer: httpx event hooks, error translation, size limits, and the sync and async request loops.

Two event hooks go on every httpx client the library uses:

- a request hook raises the read timeout of a held request (``wait_for_completion=N``) to ``N`` plus a margin, so a
  hold never looks like a dead connection, and says on a retry which one it is;
- a response hook turns every answer outside 2xx into an :class:`~eigenpal_ext.APIError` subclass before the
  generated parser sees it (the generated layer raises ``ValueError`` on status codes ``HTTPStatus`` does not know,
  such as 499 or 520), and refuses an answer over the size limit: at once when its ``Content-Length`` says so, else
  as soon as more bytes than the limit have arrived, so a huge answer is never buffered whole.

httpx errors become :class:`~eigenpal_ext.APIConnectionError` / :class:`~eigenpal_ext.APITimeoutError` in
:func:`translate_request_error`, the one place that does it. The request loops (``_async/_requester.py`` and its
generated sync twin) only send, sleep and repeat, each attempt inside the call's :class:`~._deadline.Deadline`
(enforced on every byte by :mod:`._network`), on the policy of :class:`RequesterBase` here; whether and when to
try again is decided in :mod:`._retry`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextvars import ContextVar, Token
from http import HTTPStatus
from typing import Any, NoReturn, TypeVar

import attrs
import httpx
from eigenpal_api.client import AuthenticatedClient
from eigenpal_api.types import Response

from eigenpal_ext import _generated as gen
from eigenpal_ext._core._answers import check_answer, check_json_values, check_page_length, page_limit, value_budget
from eigenpal_ext._core._clock import Clock
from eigenpal_ext._core._deadline import Deadline, hold_within
from eigenpal_ext._core._decoding import Inflater, content_coding
from eigenpal_ext._core._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    ContentEncodingError,
    EigenpalError,
    InvalidArgumentError,
    Issue,
    ResponseTooLargeError,
    api_error_class,
)
from eigenpal_ext._core._redact import redact, redact_chain, request_keys
from eigenpal_ext._core._redirects import (
    CROSS_ORIGIN_HEADERS,
    DOWNLOAD_EXTENSION,
    ORIGIN_EXTENSION,
    REDIRECT_STATUSES,
    STORAGE_EXTENSION,
    redirect_refusal,
)
from eigenpal_ext._core._retry import (
    CallSpec,
    Decision,
    RetryBudget,
    RetryTracker,
    Verdict,
    is_transient,
    retry_after_now,
)

from ._config import DEFAULT_MULTIPART_MAX_BYTES, HOLD_MARGIN_SECONDS, NO_OPTIONS, NotGiven, RequestOptions
from ._event_loop import OneLoop
from ._network import time_left
from ._raw import note_response

__all__ = [
    "CAUGHT",
    "MAX_BYTES_EXTENSION",
    "RETRY_COUNT_HEADER",
    "GoneAfterLostResponse",
    "Hooks",
    "OutOfTime",
    "Plan",
    "RequesterBase",
    "StartNotProven",
    "counting_retries",
    "error_from_response",
    "expect",
    "failure",
    "overran",
    "plain_out_of_time",
    "raise_hold_timeout",
    "sending_with",
    "storage_request",
    "storage_upload_request",
    "translate_request_error",
    "unproven",
]

_log = logging.getLogger("eigenpal_ext")

T = TypeVar("T")
R = TypeVar("R")

_KNOWN_STATUS_CODES = frozenset(status.value for status in HTTPStatus)
_HOLD_PARAM = "wait_for_completion"
RETRY_COUNT_HEADER = "X-Eigenpal-Retry-Count"
"""Sent on retries only: how many attempts of the same call came before (1 on the first retry)."""
MAX_BYTES_EXTENSION = "eigenpal_ext.max_bytes"
"""A request extension: the size limit the response hook applies to this request's answer (None: the caller
applies its own, as a download does)."""
_MAX_BODY_IN_MESSAGE = 300


# --- hooks -----------------------------------------------------------------------------------------------------


def raise_hold_timeout(request: httpx.Request, margin: float = HOLD_MARGIN_SECONDS) -> None:
    """Raise the read timeout of a held request to the hold plus ``margin`` (never lower it).

    The call's deadline still caps it: :mod:`._network` gives no read more time than the call has left.
    """
    if _HOLD_PARAM.encode() not in request.url.query:
        return
    try:
        hold = float(request.url.params[_HOLD_PARAM])
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


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _issue(raw: object) -> Issue:
    """One issue of an error envelope: a parsed ``ApiErrorIssue``, or the JSON object of one that drifted."""
    fields = raw.to_dict() if hasattr(raw, "to_dict") else raw if isinstance(raw, dict) else {"message": str(raw)}
    field = _text_or_none(fields.get("field"))
    return Issue(
        message=str(fields.get("message", "")),
        code=_text_or_none(fields.get("code")) or "",
        field=None if field == "<root>" else field,  # the document's name for "the request as a whole"
        severity=_text_or_none(fields.get("severity")) or "error",
    )


def error_from_response(response: httpx.Response, *, unread: ContentEncodingError | None = None) -> APIError:
    """The :class:`APIError` subclass for a read answer outside 2xx, from its ``ErrorResponse`` envelope.

    Bodies that are not the envelope (an HTML page from a proxy, plain text, nothing) still give an error with
    the status code, the request id from ``X-Request-Id`` and the start of the body as its message. ``unread``: why
    the body was not read (an encoding the client does not decode), reported as an issue.
    """
    headers = response.headers
    request = response.request
    # A server may send the key back, plain or escaped: it is masked in the whole body before anything is read
    # from it (so no cut below can leave half a key), with the credentials of this very request among the keys.
    keys = request_keys(request.headers)
    body = redact(response.content.decode("utf-8-sig", "replace"), keys)
    issues: list[Issue] = []
    hint: str | None = None
    docs_url: str | None = None
    request_id = headers.get("x-request-id")
    try:
        envelope = gen.ApiErrorEnvelope.from_dict(json.loads(body))
    except (ValueError, TypeError, KeyError, AttributeError):
        text = body[:_MAX_BODY_IN_MESSAGE].strip()
        if text:
            issues.append(Issue(message=text, code="unparsed_body"))
    else:
        # The envelope is read leniently: a server's error must reach the caller even when one of its parts drifts
        # from the document (an issue without a code, a number where text belongs).
        raw_issues = envelope.issues if isinstance(envelope.issues, list) else []
        issues.extend(_issue(raw) for raw in raw_issues)
        hint = _text_or_none(envelope.hint)
        docs_url = _text_or_none(envelope.docs_url)
        request_id = request_id or _text_or_none(envelope.request_id)
    if unread is not None:
        issues.append(Issue(message=redact(str(unread), keys), code="undecoded_body"))
    return api_error_class(response.status_code)(
        response.status_code,
        request_id=None if request_id is None else redact(request_id, keys),
        issues=issues,
        hint=hint,
        docs_url=docs_url,
        method=request.method,
        url=redact(str(request.url.copy_with(query=None)), keys),
        retry_after=retry_after_now(headers),
    )


_ERROR_BODY_LIMIT = 64 * 1024
"""The most of an error answer that is read: the envelope is small, and a huge error page must not fill memory."""


def _declared_size(response: httpx.Response) -> int | None:
    raw = response.headers.get("content-length")
    if raw is None or not raw.strip().isdigit():
        return None
    return int(raw)


def _answer_to(request: httpx.Request) -> str:
    """How a size error names the answer (built only then: copying a URL costs more than the rest of the check)."""
    return f"the answer to {request.method} {request.url.copy_with(query=None)}"


class _CappedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body, decoded here a bounded piece at a time (:mod:`._decoding`), that raises once more than
    ``limit`` decoded bytes came out (``None``: no limit), or the call's deadline passed.

    Counting decoded bytes is the point: a few kilobytes of ``gzip`` can inflate a thousandfold, and httpx would
    inflate a whole chunk in one go before any count saw it.
    """

    def __init__(
        self,
        inner: httpx.SyncByteStream | httpx.AsyncByteStream,
        limit: int | None,
        request: httpx.Request,
        coding: str | None,
    ) -> None:
        self._inner = inner
        self._limit = limit
        self._request = request
        self._inflater = Inflater(coding)
        self._seen = 0

    def _count(self, piece: bytes) -> bytes:
        self._seen += len(piece)
        if self._limit is not None and self._seen > self._limit:
            raise ResponseTooLargeError(_answer_to(self._request), limit=self._limit)
        left = time_left()
        if left is not None and left <= 0:  # an http_client of the caller's, whose network is not bounded by _network
            raise httpx.ReadTimeout("the call's deadline passed while the answer was arriving")
        return piece

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._inner, httpx.SyncByteStream)
        for chunk in self._inner:
            for piece in self._inflater.feed(chunk):
                yield self._count(piece)
        for piece in self._inflater.flush():
            yield self._count(piece)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._inner, httpx.AsyncByteStream)
        async for chunk in self._inner:
            for piece in self._inflater.feed(chunk):
                yield self._count(piece)
        for piece in self._inflater.flush():
            yield self._count(piece)

    def close(self) -> None:
        if isinstance(self._inner, httpx.SyncByteStream):
            self._inner.close()

    async def aclose(self) -> None:
        if isinstance(self._inner, httpx.AsyncByteStream):
            await self._inner.aclose()


def _check_json_before_models(response: httpx.Response, limit: int) -> None:
    """Make ``response.json()`` refuse a body of more JSON values than its size limit allows (:mod:`._answers`)
    before parsing it, and a page of runs longer than the request asked for before any model is made of it.

    Parsing costs far more memory and time than the body's bytes when the values are tiny (a 32 MiB body of nested
    lists: 6 s and 1.3 GB), and the generated parser builds a model for every item of what ``json()`` returns, so a
    page of a million runs (asked: 50) would become a million models. Only this response's ``json`` is replaced:
    the generated layer offers no other seam between the bytes, the JSON and the models.
    """
    request = response.request
    most = page_limit(request.method, request.url.path, request.url.params.get("limit"))
    parse = response.json

    def json_checked(**kwargs: Any) -> Any:
        check_json_values(response.content, value_budget(limit))
        document = parse(**kwargs)
        if most is not None:
            check_page_length(document, most)
        return document

    response.__dict__["json"] = json_checked


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
        size = _declared_size(response)
        if limit is not None and size is not None and size > limit and not prepare_response:
            raise ResponseTooLargeError(_answer_to(response.request), limit=limit, size=size)
        try:
            coding = content_coding(response.headers.get_list("content-encoding"))
        except ContentEncodingError as refused:
            if not prepare_response:
                raise
            # An error answer's status is what matters; its body cannot be read safely, so it is not read at all.
            response._content = b""  # as in _read_error_body
            raise error_from_response(response, unread=refused) from refused
        response.stream = _CappedStream(response.stream, limit, response.request, coding)
        if coding is not None:
            # The body is decoded above; without the header httpx passes it through instead of decoding it again.
            del response.headers["content-encoding"]
        if not prepare_response and limit is not None:
            _check_json_before_models(response, limit)
        return prepare_response

    def sync_request(self, request: httpx.Request) -> None:
        """httpx request hook (sync client)."""
        _prepare_request(request)

    async def async_request(self, request: httpx.Request) -> None:
        """httpx request hook (async client)."""
        _prepare_request(request)

    def sync_response(self, response: httpx.Response) -> None:
        """httpx response hook (sync client): limit the body; raise the :class:`APIError` for an answer outside
        2xx."""
        note_response(response)
        if self._guard(response):
            _read_error_body(response, response.iter_bytes())
            raise error_from_response(response)

    async def async_response(self, response: httpx.Response) -> None:
        """httpx response hook (async client); see :meth:`sync_response`."""
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
    # The error body stops at _ERROR_BODY_LIMIT of decoded bytes: _CappedStream would raise past it, and an error
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


_OPTIONS: ContextVar[RequestOptions] = ContextVar("eigenpal_request_options", default=NO_OPTIONS)
"""The per-call options of the call whose request is being sent (its extra headers and query parameters)."""


class sending_with:  # lower case, as it reads: `with sending_with(options):`
    """Requests sent inside the block carry ``options``' extra headers and query parameters. (A class, not a
    generator: see :class:`~eigenpal_ext._transport._network.bounded`.)"""

    __slots__ = ("_options", "_token")

    def __init__(self, options: RequestOptions) -> None:
        self._options = options
        self._token: Token[RequestOptions] | None = None

    def __enter__(self) -> None:
        self._token = _OPTIONS.set(self._options)

    def __exit__(self, *exc_info: object) -> None:
        if self._token is not None:
            _OPTIONS.reset(self._token)


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
    # An allow-list, not CREDENTIAL_HEADERS alone: a caller's extra header may be a key under any name.
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
    options = _OPTIONS.get()
    if options.extra_query:
        request.url = request.url.copy_merge_params(dict(options.extra_query))
    if options.extra_headers:
        request.headers.update(options.extra_headers)
    raise_hold_timeout(request)
    _cap_pool_timeout(request)
    retries = _RETRY_COUNT.get()
    if retries:
        request.headers[RETRY_COUNT_HEADER] = str(retries)


# --- translation -------------------------------------------------------------------------------------------------


def translate_request_error(exc: httpx.RequestError) -> APIConnectionError:
    """The library's error for an httpx request error: :class:`APITimeoutError` for timeouts, else
    :class:`APIConnectionError`."""
    keys: tuple[str, ...] = ()
    try:
        request = exc.request
        method, url, keys = request.method, str(request.url.copy_with(query=None)), request_keys(request.headers)
    except RuntimeError:  # an error raised before httpx attached the request
        method, url = "", ""
    kind = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    redact_chain(exc, keys)  # httpx quotes what the server sent (a header line, a URL); a traceback shows it
    reason = str(exc) or type(exc).__name__
    # No connection was made (or none was free): the request never left, so the server cannot have acted on it.
    sent = not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    return kind(
        f"{type(exc).__name__}: {redact(reason, keys)}", method=method, url=redact(url, keys), request_sent=sent
    )


def expect(response: Response[Any], kind: type[R], *, run_id: str | None = None, rerun_of: str | None = None) -> R:
    """The parsed body of a generated ``Response``, checked to be ``kind`` (and about ``run_id`` when given; see
    :func:`~._answers.check_answer`).

    Raises:
        APIError: When the answer was not the success the operation documents (a redirect that was not followed).
        APIResponseValidationError: A field the client reads does not fit, or the answer is about another run.
    """
    parsed = response.parsed
    if isinstance(parsed, kind):
        check_answer(parsed, run_id=run_id, rerun_of=rerun_of)
        return parsed
    status = int(response.status_code)
    raise api_error_class(status)(
        status,
        request_id=response.headers.get("x-request-id"),
        issues=[Issue(message=f"expected {kind.__name__}, got HTTP {status}", code="unexpected_answer")],
    )


# --- the loops ---------------------------------------------------------------------------------------------------


@attrs.frozen
class Plan:
    """One API call, ready to send: the generated function's keyword arguments and what the retry rules need.

    Attributes:
        kwargs: Keyword arguments for the generated ``sync_detailed`` / ``asyncio_detailed`` (without ``client``).
        spec: The call's retry facts.
        hold: For a held request: the longest hold to ask for. Each attempt asks for this or the whole seconds
            left before the deadline, whichever is less, so no hold outlasts the call.
        headers: Headers the call needs on every attempt (a start's idempotency key and provenance); they win
            over the caller's extra headers of the same name.
    """

    kwargs: dict[str, Any]
    spec: CallSpec
    hold: int | None = None
    headers: Mapping[str, str] = attrs.field(factory=dict)

    def arguments(self, time_left: float) -> dict[str, Any]:
        """The keyword arguments of one attempt with ``time_left`` seconds until the deadline."""
        if self.hold is None:
            return self.kwargs
        return {**self.kwargs, _HOLD_PARAM: hold_within(time_left, self.hold)}


OutOfTime = Callable[[EigenpalError, float], EigenpalError]
"""Makes the error a call raises when its deadline leaves no time for another try: from the last error and the
seconds the retry would have needed to wait."""


def plain_out_of_time(error: EigenpalError, _delay: float) -> EigenpalError:
    """A plain call that ran out of time raises its last error, with a note of why it was not retried."""
    error.add_note("not retried: the call's timeout leaves no time for another try")
    return error


class GoneAfterLostResponse(Exception):
    """A delete answered 404 after an earlier attempt of the same call got no answer: that attempt deleted it."""


def _raise(error: EigenpalError, cause: BaseException | None) -> NoReturn:
    if cause is None:
        raise error
    raise error from cause


def failure(exc: BaseException) -> tuple[EigenpalError, BaseException | None]:
    """The library error for what an attempt raised, and the exception to chain it to.

    Raises:
        EigenpalError: At once, for what no retry can mend: a request httpx refused to send on (too many
            redirects, an undecodable body), or a 2xx body that does not fit the API.
    """
    if isinstance(exc, EigenpalError):
        return exc, None
    redact_chain(exc)  # the cause of the error raised below, whose message a traceback prints too
    if isinstance(exc, httpx.TransportError):
        return translate_request_error(exc), exc
    if isinstance(exc, httpx.RequestError):  # too many redirects, undecodable body: not worth a retry
        raise translate_request_error(exc) from exc
    if isinstance(exc, TimeoutError):  # the async attempt's own bound (asyncio.timeout)
        return APITimeoutError("the call's deadline passed before the answer arrived"), exc
    if isinstance(exc, RecursionError):  # json.loads of an answer nested thousands deep
        raise APIResponseValidationError("the server's answer is nested too deeply to read") from exc
    if isinstance(exc, MemoryError):
        raise EigenpalError("out of memory while sending the request or reading its answer") from exc
    if isinstance(exc, httpx.InvalidURL):  # a URL httpx cannot build (a cursor of 64 KiB ...): nothing was sent
        raise InvalidArgumentError("url", f"the request cannot be sent: {exc}") from exc
    if isinstance(exc, RuntimeError):  # httpx or asyncio refusing to go on (a closed event loop, another loop)
        raise EigenpalError(f"the request could not be made: {type(exc).__name__}: {exc}") from exc
    # What is left came out of the generated parser: a 2xx body that does not fit the API.
    raise APIResponseValidationError(f"the server's answer does not fit the API: {exc}") from exc


_LATE_SLACK = 0.25
"""How long after its deadline an attempt may still return its answer: the network ends by the deadline, and
reading a normal answer takes milliseconds; this keeps the last read of a wait, which may end right at the deadline,
from being thrown away."""


def overran(spec: CallSpec, deadline: Deadline) -> APITimeoutError | None:
    """The error for an attempt that came back with its answer after the call's deadline (a body that took long to
    decode and parse), or ``None`` when it is in time.

    A start is never refused for being late: its run exists, and dropping the answer would lose it.
    """
    if spec.creates or deadline.left() >= -_LATE_SLACK:
        return None
    return APITimeoutError(
        f"the call's deadline passed while the answer was being read ({-deadline.left():.1f}s late)",
        method=spec.method,
    )


_RETRY_COUNT: ContextVar[int] = ContextVar("eigenpal_retry_count", default=0)
"""How many retries came before the request being sent, for the ``X-Eigenpal-Retry-Count`` header."""

CAUGHT = (
    EigenpalError,
    httpx.RequestError,
    httpx.InvalidURL,
    TimeoutError,
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    RuntimeError,  # RecursionError among them
    MemoryError,
)
"""What an attempt may raise that :func:`failure` turns into the library's error: no bare exception of httpx, the
parser or the runtime leaves a public call."""


@attrs.define
class RequesterBase:
    """What the sync and async request loops share: the generated client, the retry policy, the clock and the
    default deadline of a plain call. The loops themselves are ``_async/_requester.py`` and its sync twin.

    Attributes:
        api: The generated client (its own repr would show the API key).
        clock: What deadlines and sleeps run on.
        max_retries: Retries of a plain call.
        call_timeout: Seconds a plain call may take in all, retries included; ``None`` for no bound.
        budget: The client-wide retry budget.
        defaults: The per-call options of every call (``with_options``).
        correlation_tags: Whether starts carry a correlation tag, so that a lost one can be found
            (:mod:`._correlation`).
        multipart_max_bytes: The largest start request sent with its files inside; larger file inputs are uploaded
            first (:mod:`._uploads`); ``None`` keeps every file in the request.
        trigger: The provenance starts and reruns declare in ``X-Eigenpal-Trigger``: ``api``, or ``cli`` for the
            command line's client.
    """

    api: AuthenticatedClient = attrs.field(repr=False)
    clock: Clock
    max_retries: int
    call_timeout: float | None = None
    budget: RetryBudget = attrs.field(factory=RetryBudget)
    defaults: RequestOptions = NO_OPTIONS
    correlation_tags: bool = True
    multipart_max_bytes: int | None = DEFAULT_MULTIPART_MAX_BYTES
    trigger: str = "api"

    def options(self, options: RequestOptions | None) -> RequestOptions:
        """A call's options on top of the client's defaults (``with_options``)."""
        return (options or NO_OPTIONS).over(self.defaults)

    def deadline(self, deadline: Deadline | None) -> Deadline:
        """The deadline of a call: the one given, else the client's per-call timeout from now."""
        return deadline if deadline is not None else Deadline.after(self.clock, self.call_timeout)

    def deadline_in(self, timeout: float | NotGiven | None) -> Deadline:
        """The deadline of a call given its own ``timeout`` (seconds, ``None`` for none, or not given: the
        client's)."""
        if isinstance(timeout, NotGiven):
            return Deadline.after(self.clock, self.call_timeout)
        return Deadline.after(self.clock, timeout)

    def tracker(self, spec: CallSpec, *, persist: bool, can_look: bool = False) -> RetryTracker:
        """The retry state of one call; ``persist`` retries transient errors until the deadline; ``can_look``: the
        call (a create) can look for what a lost attempt made."""
        if persist:
            return RetryTracker(spec=spec, max_retries=None, can_look=can_look)
        return RetryTracker(spec=spec, max_retries=self.max_retries, budget=self.budget, can_look=can_look)

    def decide(
        self,
        tracker: RetryTracker,
        deadline: Deadline,
        error: EigenpalError,
        cause: BaseException | None,
        out_of_time: OutOfTime,
    ) -> Decision:
        """Record a failed attempt; return the decision to try again (``RETRY`` or ``LOOK_FIRST``, with the delay
        before it), or raise."""
        decision = tracker.after_failure(error, deadline.left())
        if decision.verdict is Verdict.DONE:
            raise GoneAfterLostResponse from error
        if decision.verdict is Verdict.OUT_OF_TIME:
            final = out_of_time(error, decision.delay)
            if final is error:
                _raise(error, cause)
            raise final from error
        if decision.verdict is Verdict.RAISE:
            if tracker.spec.creates and is_transient(error) and not tracker.can_look:
                error.add_note("not sent again: it may have made a run, and this client cannot look for it")
            _raise(error, cause)
        _log.info("retrying %s after %s (attempt %d) in %.2fs", tracker.spec.method, error, tracker.attempts,
                  decision.delay)  # fmt: skip
        return decision

    def decide_after_lookup(
        self,
        tracker: RetryTracker,
        deadline: Deadline,
        error: EigenpalError,
        cause: BaseException | None,
        lookup_error: EigenpalError,
        out_of_time: OutOfTime,
    ) -> Decision:
        """After a create's lookup failed with ``lookup_error``: look again after a backoff while it is transient and
        time allows; else raise the create's own ``error``, saying why its run could not be looked for."""
        decision = tracker.after_failure(lookup_error, deadline.left())
        if decision.verdict in (Verdict.RETRY, Verdict.LOOK_FIRST):
            return Decision(Verdict.LOOK_FIRST, decision.delay)
        error.add_note(f"not sent again: looking for the run it may have made failed ({lookup_error})")
        if decision.verdict is Verdict.OUT_OF_TIME:
            final = out_of_time(error, decision.delay)
            if final is not error:
                raise final from error
        _raise(error, cause)


class StartNotProven(Exception):
    """Raised by a create's lookup when the server's answer cannot say whether a lost attempt made a run (it keeps
    no tags, or ignores the filter): the create is not sent again."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def unproven(error: EigenpalError | None, cause: BaseException | None, why: StartNotProven) -> NoReturn:
    """Raise the error of a create's lost attempt that a lookup could not clear, saying why it is not sent again
    (with no attempt yet, when an earlier call's might have made the run: an error saying so)."""
    if error is None:
        raise EigenpalError(f"not sent: an earlier start with this key may have made the run, and {why.reason}")
    error.add_note(f"not sent again: {why.reason}")
    _raise(error, cause)


class counting_retries:  # lower case, as it reads: `with counting_retries() as before_retry:`
    """A block of one call's attempts: call the function it gives before each retry, so the next request says which
    retry it is (``X-Eigenpal-Retry-Count``); the count is reset when the block ends. (A class, not a generator:
    see :class:`~eigenpal_ext._transport._network.bounded`.)"""

    __slots__ = ("_first",)

    def __init__(self) -> None:
        self._first: Token[int] | None = None

    def __enter__(self) -> Callable[[RetryTracker], None]:
        return self._before_retry

    def _before_retry(self, tracker: RetryTracker) -> None:
        token = _RETRY_COUNT.set(tracker.attempts)
        if self._first is None:
            self._first = token

    def __exit__(self, *exc_info: object) -> None:
        if self._first is not None:
            _RETRY_COUNT.reset(self._first)
