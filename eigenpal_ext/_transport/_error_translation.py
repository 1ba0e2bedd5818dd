"""Error translation, the one place where what httpx, the server and the generated parser raise or answer becomes
the library's own error (:mod:`eigenpal_ext._core._errors`), always ``raise ... from`` the original.

- :func:`error_from_response`: an answer outside 2xx, from its ``ErrorResponse`` envelope (or whatever body came);
- :func:`translate_request_error`: an httpx request error, as :class:`APITimeoutError` or
  :class:`APIConnectionError`;
- :func:`failure`: whatever one attempt raised (:data:`CAUGHT`), for the request loop to retry or raise;
- :func:`expect`: a generated ``Response`` that is not the success the operation documents.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

import httpx
from eigenpal_api.types import Response

from eigenpal_ext import _generated as gen
from eigenpal_ext._core._answers import check_answer
from eigenpal_ext._core._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    ContentEncodingError,
    EigenpalError,
    InvalidArgumentError,
    Issue,
    api_error_class,
)
from eigenpal_ext._core._redact import redact, redact_chain, request_keys
from eigenpal_ext._core._retry import retry_after_now

__all__ = ["CAUGHT", "error_from_response", "expect", "failure", "translate_request_error"]

R = TypeVar("R")

_MAX_BODY_IN_MESSAGE = 300


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
