"""The one exception tree of eigenpal-ext.

Every error the library raises is an :class:`EigenpalError`::

    EigenpalError
    ├── InvalidArgumentError (also ValueError)      bad input, refused before any request
    ├── APIError                                    the server answered with a non-2xx status
    │   ├── BadRequestError                         400
    │   ├── AuthenticationError                     401
    │   ├── PermissionDeniedError                   403
    │   ├── NotFoundError                           404
    │   ├── ConflictError                           409
    │   ├── PayloadTooLargeError                    413
    │   ├── UnprocessableEntityError                422
    │   ├── RateLimitError                          429, with retry_after
    │   └── ServerError                             5xx, with retry_after when the server sent one
    ├── APIResponseValidationError                  a 2xx answer whose body does not fit the API
    │   ├── ResponseTooLargeError                   an answer over the client's size limit, refused unread
    │   └── ContentEncodingError                    an answer in an encoding the client does not decode
    ├── APIConnectionError                          no answer: refused, reset, dropped connection
    │   └── APITimeoutError (also TimeoutError)     the HTTP request timed out
    ├── EigenpalTimeoutError (also TimeoutError)    a wait or a start ran out of time; the run goes on
    ├── RunFailedError                              a run ended failed, cancelled or rejected (raise_on_failure=True)
    ├── OutputValidationError (also TypeError)      a run's output does not fit the requested output_type
    ├── DownloadError                               a downloaded artifact could not be written to disk
    ├── WebhookVerificationError                    a webhook delivery was refused (answer it with 400)
    │   ├── MissingHeaderError                      a signing header is missing
    │   ├── StaleTimestampError                     the timestamp is too old or in the future
    │   ├── SignatureMismatchError                  no signature matches under the secret
    │   └── MalformedPayloadError                   the signed body is not the event envelope
    └── ClientUsageError (also RuntimeError)        an async client used from another event loop than its own

Status codes that Python's ``HTTPStatus`` does not know (499, 520 from a proxy) are :class:`APIError` too, and
4xx codes without a subclass of their own are plain :class:`APIError`. The three errors about a run's outcome
(``EigenpalTimeoutError``, ``RunFailedError``, ``OutputValidationError``) are written in :mod:`._run_errors`, and
the webhook errors in :mod:`._webhook_errors`; both are imported from here like the rest.

No error carries the client's API key where a person or a log would see it: a key the server sends back (in a
message, a hint, a header, a URL, a run's error) is replaced by ``***`` in the message, the notes and the attributes
built from the answer (see :mod:`._redact`). Objects the server sent (``RunFailedError.run``,
``EigenpalTimeoutError.last_run``) are kept as they came.

Every error raised by a call that starts a run (``run``, ``run_and_wait``, ``rerun``) carries the
``Idempotency-Key`` the start used as ``idempotency_key``: starting again with that key returns the run the first
call may have created instead of a second one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from ._redact import redact

if TYPE_CHECKING:
    # Defined in ._run_errors (which builds on EigenpalError here) and loaded from there on first use; see
    # __getattr__ below. Named here so that this module stays the one place every error is imported from.
    from ._run_errors import EigenpalTimeoutError, OutputValidationError, RunFailedError
    from ._webhook_errors import (
        MalformedPayloadError,
        MissingHeaderError,
        SignatureMismatchError,
        StaleTimestampError,
        WebhookVerificationError,
    )

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientUsageError",
    "ConflictError",
    "ContentEncodingError",
    "DownloadError",
    "EigenpalError",
    "EigenpalTimeoutError",
    "InvalidArgumentError",
    "Issue",
    "MalformedPayloadError",
    "MissingHeaderError",
    "NotFoundError",
    "OutputValidationError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseTooLargeError",
    "RunFailedError",
    "ServerError",
    "SignatureMismatchError",
    "StaleTimestampError",
    "UnprocessableEntityError",
    "WebhookVerificationError",
    "api_error_class",
]


class EigenpalError(Exception):
    """The base of every error eigenpal-ext raises.

    Attributes:
        idempotency_key: On errors from a call that starts a run: the ``Idempotency-Key`` it sent. Pass it as
            ``idempotency_key=`` to the same start to get the run this call may have created, never a second one.
            ``None`` elsewhere.
    """

    idempotency_key: str | None = None

    def __init__(self, *args: object) -> None:
        # Every message is built from what the server said at some point: no known API key survives into it.
        super().__init__(*(redact(arg) if isinstance(arg, str) else arg for arg in args))

    def add_note(self, note: str, /) -> None:
        """Add a note (shown after the message in a traceback), with any known API key masked."""
        super().add_note(redact(note))


class InvalidArgumentError(EigenpalError, ValueError):
    """An argument was refused before any request was sent.

    Attributes:
        argument: The name of the argument at fault, as the caller wrote it (``run_id``, ``limit``, ``input.seconds``).
    """

    argument: str

    def __init__(self, argument: str, message: str) -> None:
        self.argument = argument
        super().__init__(f"{argument}: {message}")


@attrs.frozen
class Issue:
    """One problem the server found with a request.

    Attributes:
        message: What is wrong, for a person.
        code: What is wrong, for a program.
        field: The field or parameter at fault, when the server named one.
        severity: ``error`` or ``warning``.
    """

    message: str
    code: str = ""
    field: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class APIError(EigenpalError):
    """The server answered with a status outside 2xx.

    Attributes:
        status_code: The HTTP status code.
        request_id: The server's id for the request (``X-Request-Id``), to quote when reporting a problem.
        issues: What the server said is wrong, field by field.
        hint: What the server suggests trying.
        docs_url: Where to read more.
        method: The HTTP method of the request.
        url: The URL of the request, without its query string.
    """

    status_code: int
    request_id: str | None
    issues: tuple[Issue, ...]
    hint: str | None
    docs_url: str | None
    method: str
    url: str
    retry_after: float | None

    def __init__(
        self,
        status_code: int,
        *,
        request_id: str | None = None,
        issues: Sequence[Issue] = (),
        hint: str | None = None,
        docs_url: str | None = None,
        method: str = "",
        url: str = "",
        retry_after: float | None = None,
    ) -> None:
        self.status_code = status_code
        self.request_id = _redacted(request_id)
        self.issues = tuple(_redacted_issue(issue) for issue in issues)
        self.hint = _redacted(hint)
        self.docs_url = _redacted(docs_url)
        self.method = method
        self.url = redact(url)
        self.retry_after = retry_after
        super().__init__(self._describe())

    def _describe(self) -> str:
        where = f" on {self.method} {self.url}" if self.method else ""
        what = "; ".join(str(issue) for issue in self.issues) or "no details given"
        text = f"HTTP {self.status_code}{where}: {what}"
        if self.hint:
            text += f" (hint: {self.hint})"
        if self.request_id:
            text += f" [request {self.request_id}]"
        return text


def _redacted(text: str | None) -> str | None:
    return None if text is None else redact(text)


def _redacted_issue(issue: Issue) -> Issue:
    return Issue(
        message=redact(issue.message), code=redact(issue.code), field=_redacted(issue.field), severity=issue.severity
    )


class BadRequestError(APIError):
    """400: the request is malformed."""


class AuthenticationError(APIError):
    """401: the API key is missing or wrong."""


class PermissionDeniedError(APIError):
    """403: the API key may not do this."""


class NotFoundError(APIError):
    """404: no such run, target or artifact."""


class ConflictError(APIError):
    """409: the request conflicts with the run's state or reuses an Idempotency-Key with another request."""


class PayloadTooLargeError(APIError):
    """413: the request body is too large."""


class UnprocessableEntityError(APIError):
    """422: the input does not fit the target; ``issues`` name the fields."""


class RateLimitError(APIError):
    """429: too many requests.

    Attributes:
        retry_after: Seconds the server asked to wait, when it said.
    """


class ServerError(APIError):
    """5xx: the server failed or is unavailable.

    Attributes:
        retry_after: Seconds the server asked to wait, when it said (503).
    """


_CLASS_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def api_error_class(status_code: int) -> type[APIError]:
    """The exception class for an HTTP status code outside 2xx."""
    if status_code >= 500:
        return ServerError
    return _CLASS_BY_STATUS.get(status_code, APIError)


class APIResponseValidationError(EigenpalError):
    """The server answered with success, but the body does not fit the API: not JSON, a field missing or of the
    wrong type, or a different run than the one asked for."""


class ResponseTooLargeError(APIResponseValidationError):
    """An answer was larger than the client accepts, and was refused before it was read whole.

    Attributes:
        limit: The limit in bytes (``max_response_bytes`` for API answers, ``max_bytes`` for a download into memory).
        size: The size the server announced (``Content-Length``), or ``None`` when it did not say.
    """

    limit: int
    size: int | None

    def __init__(self, what: str, *, limit: int, size: int | None = None) -> None:
        self.limit = limit
        self.size = size
        told = f"{size} bytes" if size is not None else "more"
        super().__init__(f"{what} is {told}, over the limit of {limit} bytes; raise the limit to accept it")


class ContentEncodingError(APIResponseValidationError):
    """An answer came in a ``Content-Encoding`` the client does not decode (more than one, as ``gzip, gzip``, or an
    unknown one), or its encoded body was corrupt: refused without being decoded.

    The client asks for ``gzip`` or ``deflate`` only, and undoes one of them, counting the decoded bytes against
    its size limits; stacked encodings are how a few kilobytes become gigabytes.

    Attributes:
        encoding: The encoding as the server named it.
    """

    encoding: str

    def __init__(self, encoding: str, reason: str) -> None:
        self.encoding = encoding
        super().__init__(f"an answer with Content-Encoding {encoding!r} is refused: {reason}")


class APIConnectionError(EigenpalError):
    """No answer came back: the connection was refused, reset or dropped.

    Attributes:
        request_sent: Whether the request may have reached the server: ``False`` only when no connection was ever
            made (refused, or the connect timed out), which proves the server did nothing.
    """

    method: str
    url: str
    request_sent: bool

    def __init__(self, message: str, *, method: str = "", url: str = "", request_sent: bool = True) -> None:
        self.method = method
        self.url = redact(url)
        self.request_sent = request_sent
        super().__init__(f"{message} on {method} {url}" if method else message)


class APITimeoutError(APIConnectionError, TimeoutError):
    """The HTTP request timed out before an answer came back."""


class DownloadError(EigenpalError):
    """A downloaded artifact could not be written into the chosen folder: the disk is full, a folder became
    unwritable, the file system refused a name. The ``OSError`` behind it is the ``__cause__``.

    Nothing is left behind: no partial or temporary file, no folder the download created, and a file that was
    there before is unchanged. What can be known before the download (a name too long, a folder not writable) is an
    :class:`InvalidArgumentError` instead, raised before any request.

    Attributes:
        path: The file that was being written.
    """

    path: str

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class ClientUsageError(EigenpalError, RuntimeError):
    """The client was used where it cannot work: an :class:`~eigenpal_ext.AsyncEigenpalClient` (or the
    ``http_client`` it was given) from another event loop than the one its connections were made in, such as a
    second ``asyncio.run()``. Raised before any request; make one client per event loop instead.
    """


_RUN_ERRORS = frozenset({"EigenpalTimeoutError", "OutputValidationError", "RunFailedError"})
_WEBHOOK_ERRORS = frozenset(
    {
        "MalformedPayloadError",
        "MissingHeaderError",
        "SignatureMismatchError",
        "StaleTimestampError",
        "WebhookVerificationError",
    }
)


# Not seen by type checkers, which import the three from ._run_errors above and flag a misspelt name.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        # The errors about a run's outcome live in ._run_errors, which imports EigenpalError from here: importing
        # them at the top would be a cycle, so they are fetched from there when first asked for.
        if name in _RUN_ERRORS:
            from . import _run_errors

            return getattr(_run_errors, name)
        if name in _WEBHOOK_ERRORS:
            from . import _webhook_errors

            return getattr(_webhook_errors, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
