"""The exception tree: one base, the documented shape, messages that help and never carry the key."""

from __future__ import annotations

import inspect

import httpx
import pytest

from eigenpal_ext._core import _errors
from eigenpal_ext._core._errors import (
    APIConnectionError,
    APIError,
    APITimeoutError,
    EigenpalError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    Issue,
    OutputValidationError,
    RateLimitError,
    ServerError,
    api_error_class,
)
from eigenpal_ext._transport._error_translation import error_from_response, translate_request_error

ERROR_CLASSES = [
    member
    for name in _errors.__all__
    if inspect.isclass(member := getattr(_errors, name)) and issubclass(member, BaseException)
]


@pytest.mark.parametrize("error_class", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_every_error_is_an_eigenpal_error_and_drawn_in_the_tree(error_class: type[BaseException]) -> None:
    assert issubclass(error_class, EigenpalError)
    assert error_class.__name__ in (_errors.__doc__ or "")


def test_the_builtin_bases_let_callers_catch_broadly() -> None:
    assert issubclass(InvalidArgumentError, ValueError)
    assert issubclass(APITimeoutError, TimeoutError)
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(EigenpalTimeoutError, TimeoutError)
    assert issubclass(OutputValidationError, TypeError)


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (403, "PermissionDeniedError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (413, "PayloadTooLargeError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (500, "ServerError"),
        (503, "ServerError"),
        (520, "ServerError"),
        (418, "APIError"),
        (499, "APIError"),
    ],
)
def test_status_families(status: int, name: str) -> None:
    assert api_error_class(status).__name__ == name


def _response(status: int, content: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    request = httpx.Request("GET", "https://api.eigenpal.test/v1/runs/r1?expand=usage")
    return httpx.Response(status, content=content, headers=headers, request=request)


def test_an_error_from_the_envelope() -> None:
    body = (
        b'{"issues":[{"field":"limit","message":"must be 1..250","code":"out_of_range","severity":"error"}],'
        b'"requestId":"req_body","hint":"lower it","docsUrl":"https://docs.eigenpal.com/limits"}'
    )
    error = error_from_response(_response(429, body, {"Retry-After": "2"}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 2.0
    assert error.request_id == "req_body"
    assert error.issues == (Issue(message="must be 1..250", code="out_of_range", field="limit"),)
    assert error.hint == "lower it"
    assert error.docs_url == "https://docs.eigenpal.com/limits"
    assert error.url == "https://api.eigenpal.test/v1/runs/r1"  # no query string
    assert str(error) == (
        "HTTP 429 on GET https://api.eigenpal.test/v1/runs/r1: limit: must be 1..250"
        " (hint: lower it) [request req_body]"
    )


@pytest.mark.parametrize("body", [b"", b"not json", b"[1,2]", b'{"issues": "nope"}', b"\xff\xfe"])
def test_bodies_that_are_not_the_envelope_still_give_an_error(body: bytes) -> None:
    error = error_from_response(_response(503, body, {"X-Request-Id": "req_header"}))
    assert isinstance(error, ServerError)
    assert error.request_id == "req_header"
    assert error.status_code == 503


def test_the_header_request_id_wins_over_the_body() -> None:
    body = b'{"issues":[],"requestId":"req_body"}'
    assert error_from_response(_response(400, body, {"X-Request-Id": "req_header"})).request_id == "req_header"


def test_transport_errors_translate_with_what_was_asked() -> None:
    request = httpx.Request("POST", "https://api.eigenpal.test/v1/runs?wait_for_completion=5")
    timeout = translate_request_error(httpx.ReadTimeout("timed out", request=request))
    assert isinstance(timeout, APITimeoutError)
    assert timeout.method == "POST"
    assert timeout.url == "https://api.eigenpal.test/v1/runs"
    refused = translate_request_error(httpx.ConnectError("refused"))
    assert type(refused) is APIConnectionError
    assert "refused" in str(refused)


def test_api_error_is_not_a_value_error() -> None:
    assert not issubclass(APIError, ValueError)
