"""eigenpal-ext: the typed Python client for the Eigenpal workflow-runs API.

::

    from eigenpal_ext import EigenpalClient

    with EigenpalClient() as client:  # EIGENPAL_API_KEY, EIGENPAL_BASE_URL
        final = client.run_and_wait("workflows.extract-invoice", input={"contract_document": Path("contract.pdf")})
        print(final.execution.status, final.output)
"""

from ._async._batch import AsyncBatch
from ._async._client import AsyncEigenpalClient
from ._async._handle import AsyncRunHandle
from ._batching import BatchItem
from ._config import DEFAULT_BASE_URL, CallOptions, WaitOptions
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DownloadError,
    EigenpalError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    Issue,
    NotFoundError,
    OutputValidationError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ResponseTooLargeError,
    RunFailedError,
    ServerError,
    UnprocessableEntityError,
)
from ._raw import RawResponse
from ._status import TERMINAL_STATUSES, RunStatus, is_failure, is_success, is_terminal
from ._sync._batch import Batch
from ._sync._client import EigenpalClient
from ._sync._handle import RunHandle
from ._typed import TypedRun
from ._version import __version__

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
    "ConflictError",
    "DownloadError",
    "EigenpalClient",
    "EigenpalError",
    "EigenpalTimeoutError",
    "InvalidArgumentError",
    "Issue",
    "NotFoundError",
    "OutputValidationError",
    "PayloadTooLargeError",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "ResponseTooLargeError",
    "RunFailedError",
    "RunHandle",
    "RunStatus",
    "ServerError",
    "TypedRun",
    "UnprocessableEntityError",
    "WaitOptions",
    "__version__",
    "is_failure",
    "is_success",
    "is_terminal",
]
