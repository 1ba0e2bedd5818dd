"""A server that sends the client's API key back never gets it shown: not in an error's message, repr, traceback
(notes and chained causes included), ``issues``, hint or request id, nor in any log line of the library.

Each case scripts a :class:`HostileServer` that echoes the key: plain in an error envelope's issue message,
JSON-escaped (``\\/``, ``\\uXXXX``) in its hint, percent-encoded in an issue's field, in the ``X-Request-Id``
header, in a retried 503, in a run's error (``raise_on_failure=True``), in a 2xx field of the wrong type, and in
the path a redirect points to. Then every text a user or a log could see is searched for the key in each of those
forms. Sync and async alike.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable, Iterator
from typing import Final
from urllib.parse import quote

import pytest

from eigenpal_ext import (
    APIError,
    APIResponseValidationError,
    AsyncEigenpalClient,
    EigenpalClient,
    EigenpalError,
    RunFailedError,
)

from .server import DEFAULT_RUN_ID, HostileServer, RecordedRequest, Scripted, run_json

API_KEY: Final = "sk_test_echo/0123456789+abcdef"
"""Holds a ``/`` (JSON may escape it as ``\\/``) and a ``+`` (percent-encoded as ``%2B``)."""
JSON_ESCAPED: Final = API_KEY.replace("/", "\\/")
UNICODE_ESCAPED: Final = "".join(f"\\u{ord(char):04x}" for char in API_KEY)
PERCENT_ENCODED: Final = quote(API_KEY, safe="")
FORMS: Final = (API_KEY, JSON_ESCAPED, UNICODE_ESCAPED, PERCENT_ENCODED, PERCENT_ENCODED.lower())

Script = Callable[[RecordedRequest, int], Scripted]


def _json(status: int, body: object, **headers: str) -> Scripted:
    return Scripted(status, {"Content-Type": "application/json", **headers}, json.dumps(body).encode())


def _echoing_envelope(status: int = 422) -> Scripted:
    # Written by hand, not by json.dumps: the escaped forms must reach the client exactly as a server sends them.
    body = (
        '{"issues": ['
        f'{{"message": "key {API_KEY} is not allowed here", "code": "bad_key", "field": "{PERCENT_ENCODED}"}},'
        f'{{"message": "or as {UNICODE_ESCAPED}", "code": "bad_key"}}],'
        f'"hint": "send {JSON_ESCAPED} again", "docsUrl": "https://docs.example/keys/{PERCENT_ENCODED}",'
        f'"requestId": "req_{API_KEY}"}}'
    )
    headers = {"Content-Type": "application/json", "X-Request-Id": f"req {API_KEY}"}
    return Scripted(status, headers, body.encode())


def _always(answer: Scripted) -> Script:
    return lambda _request, _number: answer


def _then_ok(first: Scripted) -> Script:
    def script(_request: RecordedRequest, number: int) -> Scripted:
        return first if number == 1 else _json(200, run_json())

    return script


def _failed_run(_request: RecordedRequest, _number: int) -> Scripted:
    return _json(200, run_json(status="failed", error=f"the key {API_KEY} was refused by the model provider"))


def _wrong_type(_request: RecordedRequest, _number: int) -> Scripted:
    return _json(200, run_json(finished=API_KEY))


def _redirect_to_key(request: RecordedRequest, _number: int) -> Scripted:
    if request.path.endswith(DEFAULT_RUN_ID):
        return Scripted(302, {"Location": f"/v1/runs/{PERCENT_ENCODED}", "Content-Length": "0"})
    return _json(404, {"issues": [{"message": "no such run", "code": "not_found"}]})


def _everything_shown(exc: BaseException, caplog: pytest.LogCaptureFixture) -> str:
    """What a user, a log or a bug report could see of an error."""
    shown = [str(exc), repr(exc), "".join(traceback.format_exception(exc)), caplog.text]
    shown += [message for record in caplog.records for message in (record.getMessage(), str(record.args))]
    if isinstance(exc, APIError):
        shown += [repr(exc.issues), str(exc.hint), str(exc.docs_url), str(exc.request_id), exc.url]
        shown += [str(issue) for issue in exc.issues]
    if isinstance(exc, EigenpalError):
        shown += getattr(exc, "__notes__", [])
    return "\n".join(shown)


def _assert_no_key(text: str) -> None:
    for form in FORMS:
        assert form not in text, f"the key leaked as {form!r}"
    assert "sk_test_echo" not in text  # not even its start: no form of it was cut in half


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    with caplog.at_level(logging.DEBUG):
        yield caplog


CASES: Final[dict[str, tuple[Script, str, type[EigenpalError]]]] = {
    "error-envelope": (_always(_echoing_envelope()), "get", APIError),
    "retried-503": (_always(_echoing_envelope(503)), "get", APIError),
    "run-error": (_failed_run, "wait", RunFailedError),
    "wrong-type": (_wrong_type, "get", APIResponseValidationError),
    "redirect": (_redirect_to_key, "get", APIError),
}


def _sync_call(client: EigenpalClient, call: str) -> object:
    if call == "wait":
        return client.runs.wait(DEFAULT_RUN_ID, timeout=2, raise_on_failure=True)
    return client.runs.get(DEFAULT_RUN_ID)


async def _async_call(client: AsyncEigenpalClient, call: str) -> object:
    if call == "wait":
        return await client.runs.wait(DEFAULT_RUN_ID, timeout=2, raise_on_failure=True)
    return await client.runs.get(DEFAULT_RUN_ID)


@pytest.mark.parametrize("case", CASES)
def test_an_echoed_key_is_never_shown_sync(
    hostile: Callable[..., HostileServer], logs: pytest.LogCaptureFixture, case: str
) -> None:
    script, call, kind = CASES[case]
    server = hostile("scripted", script=script)
    with (
        EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=2, max_retries=1) as client,
        pytest.raises(kind) as caught,
    ):
        _sync_call(client, call)
    _assert_no_key(_everything_shown(caught.value, logs))
    assert server.requests, "the server was never asked"


@pytest.mark.asyncio
@pytest.mark.parametrize("case", CASES)
async def test_an_echoed_key_is_never_shown_async(
    hostile: Callable[..., HostileServer], logs: pytest.LogCaptureFixture, case: str
) -> None:
    script, call, kind = CASES[case]
    server = hostile("scripted", script=script)
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=2, max_retries=1) as client:
        with pytest.raises(kind) as caught:
            await _async_call(client, call)
    _assert_no_key(_everything_shown(caught.value, logs))


def test_the_envelope_still_says_what_is_wrong(hostile: Callable[..., HostileServer]) -> None:
    """Masking takes the key out, not the rest of the server's words."""
    server = hostile("scripted", script=_always(_echoing_envelope()))
    with (
        EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=2) as client,
        pytest.raises(APIError) as caught,
    ):
        client.runs.get(DEFAULT_RUN_ID)
    error = caught.value
    assert error.status_code == 422
    assert [issue.code for issue in error.issues] == ["bad_key", "bad_key"]
    assert error.issues[0].message == "key *** is not allowed here"
    assert error.issues[0].field == "***"
    assert error.hint == "send *** again"
    assert error.request_id is not None and error.request_id.endswith("req ***")


def test_a_retry_that_succeeds_logs_no_key(
    hostile: Callable[..., HostileServer], logs: pytest.LogCaptureFixture
) -> None:
    server = hostile("scripted", script=_then_ok(_echoing_envelope(503)))
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=2) as client:
        client.runs.get(DEFAULT_RUN_ID)
    assert any("retrying" in record.getMessage() for record in logs.records)
    _assert_no_key(logs.text)


def test_the_key_of_a_request_is_masked_even_when_the_client_was_made_elsewhere(
    hostile: Callable[..., HostileServer],
) -> None:
    """An error built from an answer masks the credentials of the request it answers, whatever else is known."""
    other = "sk_test_extra_header_0123456789"
    server = hostile("scripted", script=_always(_json(401, {"issues": [{"message": f"bad {other}", "code": "x"}]})))
    with (
        EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=2) as client,
        pytest.raises(APIError) as caught,
    ):
        client.runs.get(DEFAULT_RUN_ID, extra_headers={"X-Api-Key": other})
    assert other not in str(caught.value)
    assert server.requests[0].headers["x-api-key"] == other


def test_a_short_key_is_not_masked_in_the_words_around_it(hostile: Callable[..., HostileServer]) -> None:
    server = hostile("scripted", script=_always(_json(401, {"issues": [{"message": "no test here", "code": "x"}]})))
    with (
        EigenpalClient(api_key="test", base_url=server.base_url, timeout=2) as client,
        pytest.raises(APIError) as caught,
    ):
        client.runs.get(DEFAULT_RUN_ID)
    assert "no test here" in str(caught.value)
