"""eigenpal-ext: the typed Python client for the Eigenpal workflow-runs API.

::

    from eigenpal_ext import EigenpalClient

    with EigenpalClient() as client:  # EIGENPAL_API_KEY, EIGENPAL_BASE_URL
        final = client.run_and_wait("workflows.extract-invoice", input={"contract_document": Path("contract.pdf")})
        print(final.execution.status, final.output)
"""

from typing import TYPE_CHECKING

from ._core._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientUsageError,
    ConflictError,
    ContentEncodingError,
    DownloadError,
    EigenpalError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    Issue,
    MalformedPayloadError,
    MissingHeaderError,
    NotFoundError,
    OutputValidationError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    RunFailedError,
    ServerError,
    SignatureMismatchError,
    StaleTimestampError,
    UnprocessableEntityError,
    WebhookVerificationError,
)
from ._core._options import CallOptions, WaitOptions
from ._core._status import TERMINAL_STATUSES, RunStatus, human_review_of, is_failure, is_success, is_terminal
from ._transport._config import DEFAULT_BASE_URL
from ._version import __version__

if TYPE_CHECKING:
    from ._async._batch import AsyncBatch
    from ._async._client import AsyncEigenpalClient
    from ._async._handle import AsyncRunHandle
    from ._core._batching import BatchItem
    from ._core._cancelling import CancelManyResult
    from ._core._filters import RunFilters
    from ._core._uploads import FileRef
    from ._sync._batch import Batch
    from ._sync._client import EigenpalClient
    from ._sync._handle import RunHandle
    from ._transport._raw import RawResponse
    from ._typed import TypedRun
    from .types import Run, RunAccepted, RunArtifact, RunListItem, RunsListResponse

_LAZY = {
    "AsyncBatch": "._async._batch",
    "AsyncEigenpalClient": "._async._client",
    "AsyncRunHandle": "._async._handle",
    "Batch": "._sync._batch",
    "BatchItem": "._core._batching",
    "CancelManyResult": "._core._cancelling",
    "EigenpalClient": "._sync._client",
    "FileRef": "._core._uploads",
    "RawResponse": "._transport._raw",
    "RunFilters": "._core._filters",
    "RunHandle": "._sync._handle",
    "TypedRun": "._typed",
    # The models met most, also in eigenpal_ext.types with all the others.
    "Run": ".types",
    "RunAccepted": ".types",
    "RunArtifact": ".types",
    "RunListItem": ".types",
    "RunsListResponse": ".types",
}
"""The names loaded at first use (PEP 562): a program that only uses the sync client never imports the async one,
nor a batch's or a typed run's machinery, until it does."""


# Not seen by type checkers, which then flag a misspelt name instead of typing it `object`.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(module, __name__), name)
        globals()[name] = value  # the next lookup is a plain module attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "DEFAULT_BASE_URL",
    "TERMINAL_STATUSES",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APITimeoutError",
    "AsyncBatch",
    "AsyncEigenpalClient",
    "AsyncRunHandle",
    "AuthenticationError",
    "BadRequestError",
    "Batch",
    "BatchItem",
    "CallOptions",
    "CancelManyResult",
    "ClientUsageError",
    "ConflictError",
    "ContentEncodingError",
    "DownloadError",
    "EigenpalClient",
    "EigenpalError",
    "EigenpalTimeoutError",
    "FileRef",
    "InvalidArgumentError",
    "Issue",
    "MalformedPayloadError",
    "MissingHeaderError",
    "NotFoundError",
    "OutputValidationError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "ResponseTooLargeError",
    "Run",
    "RunAccepted",
    "RunArtifact",
    "RunFailedError",
    "RunFilters",
    "RunHandle",
    "RunListItem",
    "RunStatus",
    "RunsListResponse",
    "ServerError",
    "SignatureMismatchError",
    "StaleTimestampError",
    "TypedRun",
    "UnprocessableEntityError",
    "WaitOptions",
    "WebhookVerificationError",
    "__version__",
    "human_review_of",
    "is_failure",
    "is_success",
    "is_terminal",
]

del TYPE_CHECKING  # not a name of the package's
