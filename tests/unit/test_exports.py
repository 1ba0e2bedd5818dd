"""The public names of eigenpal_ext are exactly the documented ones (httpx's tests/test_exported_members.py)."""

from __future__ import annotations

import types

import pytest

import eigenpal_ext
from eigenpal_ext._core import _errors

DOCUMENTED = {
    "AsyncBatch",
    "AsyncEigenpalClient",
    "Batch",
    "BatchItem",
    "CallOptions",
    "CancelManyResult",
    "RawResponse",
    "WaitOptions",
    "AsyncRunHandle",
    "DEFAULT_BASE_URL",
    "EigenpalClient",
    "FileRef",
    "Issue",
    "RunFilters",
    "RunHandle",
    "RunStatus",
    "TERMINAL_STATUSES",
    # the models met most (all of them are in eigenpal_ext.types)
    "Run",
    "RunAccepted",
    "RunArtifact",
    "RunListItem",
    "RunsListResponse",
    "TypedRun",
    "__version__",
    "human_review_of",
    "is_failure",
    "is_success",
    "is_terminal",
    # the exception tree
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
}


def test_all_is_exactly_the_documented_names() -> None:
    assert set(eigenpal_ext.__all__) == DOCUMENTED
    assert len(eigenpal_ext.__all__) == len(DOCUMENTED)


def test_every_public_member_is_exported() -> None:
    public = {
        name
        for name in dir(eigenpal_ext)  # dir() lists the names loaded at first use too (PEP 562 __dir__)
        # Subpackages (the local server, the CLI) appear here once something imports them; they are not exports.
        if (not name.startswith("_") or name == "__version__")
        and not isinstance(getattr(eigenpal_ext, name), types.ModuleType)
    }
    assert public == set(eigenpal_ext.__all__)


def test_every_name_loaded_at_first_use_is_the_same_object_as_its_source() -> None:
    from eigenpal_ext._async._client import AsyncEigenpalClient
    from eigenpal_ext._sync._client import EigenpalClient

    assert eigenpal_ext.EigenpalClient is EigenpalClient
    assert eigenpal_ext.AsyncEigenpalClient is AsyncEigenpalClient
    namespace: dict[str, object] = {}
    exec("from eigenpal_ext import *", namespace)  # noqa: S102
    assert set(eigenpal_ext.__all__) <= set(namespace)


def test_an_unknown_name_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="no attribute 'EigenpalCilent'"):
        eigenpal_ext.EigenpalCilent  # type: ignore[attr-defined]  # noqa: B018


def test_every_exception_class_is_exported() -> None:
    classes = {name for name in _errors.__all__ if isinstance(getattr(_errors, name), type)}
    assert classes <= set(eigenpal_ext.__all__)


def test_exported_members_say_they_come_from_the_package() -> None:
    for name in eigenpal_ext.__all__:
        member = getattr(eigenpal_ext, name)
        module = getattr(member, "__module__", None)
        if isinstance(member, type) and module is not None:
            assert module.startswith(("eigenpal_ext", "eigenpal_api")), name


def test_version_is_a_string() -> None:
    assert isinstance(eigenpal_ext.__version__, str)
    assert eigenpal_ext.__version__
