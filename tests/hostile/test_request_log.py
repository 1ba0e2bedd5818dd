"""``EIGENPAL_LOG=info|debug`` shows one line per request and per answer (and at debug their headers and the retry
decisions), never the key, even when the server echoes it in a header; a program's own logging setup is kept.

The server is a scripted :class:`HostileServer`: a 503 that echoes the key in ``X-Request-Id`` and another header,
then the run.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Final

import pytest

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient
from eigenpal_ext._transport import _http_log

from .server import DEFAULT_RUN_ID, HostileServer, RecordedRequest, Scripted, run_json

API_KEY: Final = "sk_test_logged/0123456789abcdef"


def _echo_then_run(_request: RecordedRequest, number: int) -> Scripted:
    if number == 1:
        headers = {"Content-Type": "application/json", "X-Request-Id": f"req {API_KEY}", "X-Echo": f"Bearer {API_KEY}"}
        return Scripted(503, headers, json.dumps({"issues": [{"message": "busy", "code": "busy"}]}).encode())
    body = json.dumps(run_json()).encode()
    return Scripted(200, {"Content-Type": "application/json", "X-Request-Id": "req_second"}, body)


@pytest.fixture(autouse=True)
def _library_logger_restored() -> Iterator[None]:
    logger = logging.getLogger("eigenpal_ext")
    level, handlers = logger.level, list(logger.handlers)
    yield
    logger.setLevel(level)
    logger.handlers[:] = handlers
    _http_log._warned.clear()


def _call(server: HostileServer, asynchronous: bool) -> None:
    if asynchronous:
        import asyncio

        async def main() -> None:
            async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, max_retries=1) as client:
                await client.runs.get(DEFAULT_RUN_ID)

        asyncio.run(main())
        return
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url, max_retries=1) as client:
        client.runs.get(DEFAULT_RUN_ID)


def _lines(caplog: pytest.LogCaptureFixture, logger: str) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == logger]


def _assert_no_key(caplog: pytest.LogCaptureFixture) -> None:
    for record in caplog.records:
        assert "sk_test_logged" not in record.getMessage(), record.getMessage()
    assert "sk_test_logged" not in caplog.text


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_info_shows_each_request_and_answer(
    hostile: Callable[..., HostileServer],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    asynchronous: bool,
) -> None:
    monkeypatch.setenv("EIGENPAL_LOG", "info")
    server = hostile("scripted", script=_echo_then_run)
    _call(server, asynchronous)
    url = f"{server.base_url}/v1/runs/{DEFAULT_RUN_ID}"
    lines = _lines(caplog, "eigenpal_ext.http")
    assert lines[0] == f"request GET {url} attempt=1"
    # (the hostile server sends an X-Request-Id of its own before the script's: httpx joins the two)
    assert lines[1].startswith(f"answer 503 GET {url} in ") and lines[1].endswith(", req *** attempt=1")
    assert lines[2] == f"request GET {url} attempt=2"
    assert lines[3].startswith(f"answer 200 GET {url} in ") and lines[3].endswith(", req_second attempt=2")
    assert len(lines) == 4
    assert [line.split(" after ")[0] for line in _lines(caplog, "eigenpal_ext.retry")] == ["retrying GET"]
    assert not [record for record in caplog.records if record.levelno < logging.INFO]
    _assert_no_key(caplog)


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_debug_adds_headers_with_every_credential_masked(
    hostile: Callable[..., HostileServer],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    asynchronous: bool,
) -> None:
    monkeypatch.setenv("EIGENPAL_LOG", "DEBUG")
    server = hostile("scripted", script=_echo_then_run)
    _call(server, asynchronous)
    lines = _lines(caplog, "eigenpal_ext.http")
    sent = [line for line in lines if line.startswith("request headers ")]
    answered = [line for line in lines if line.startswith("answer headers ")]
    assert len(sent) == 2 and len(answered) == 2
    assert all("authorization: Bearer ***;" in line for line in sent)
    assert "x-echo: ***;" in answered[0]
    assert "x-eigenpal-retry-count: 1" in sent[1]
    assert [line.split(" after ")[0] for line in _lines(caplog, "eigenpal_ext.retry")] == ["retrying GET"]
    _assert_no_key(caplog)


def test_without_the_switch_nothing_is_logged(
    hostile: Callable[..., HostileServer], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EIGENPAL_LOG", raising=False)
    _call(hostile("scripted", script=_echo_then_run), False)
    assert _lines(caplog, "eigenpal_ext.http") == []


def test_a_level_the_program_set_is_kept(
    hostile: Callable[..., HostileServer], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    logging.getLogger("eigenpal_ext").setLevel(logging.WARNING)
    monkeypatch.setenv("EIGENPAL_LOG", "debug")
    _call(hostile("scripted", script=_echo_then_run), False)
    assert _lines(caplog, "eigenpal_ext.http") == []


def test_an_unknown_value_warns_once(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EIGENPAL_LOG", "verbose")
    EigenpalClient(api_key=API_KEY).close()
    EigenpalClient(api_key=API_KEY).close()
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert [record.getMessage() for record in warnings] == [
        "EIGENPAL_LOG='verbose' is not a level the library knows (debug, info): ignored"
    ]


_PROGRAM = """
import sys
from eigenpal_ext import EigenpalClient
with EigenpalClient(api_key=sys.argv[1], base_url=sys.argv[2]) as client:
    client.runs.get(sys.argv[3])
"""


def test_the_switch_prints_to_stderr_in_a_program_that_sets_up_no_logging(
    hostile: Callable[..., HostileServer],
) -> None:
    # A process of its own: pytest's log capture gives the root logger a handler, which the switch respects.
    server = hostile("scripted", script=_echo_then_run)
    env = {**os.environ, "EIGENPAL_LOG": "info", "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(  # noqa: S603 (this interpreter, a program of the test's own)
        [sys.executable, "-c", _PROGRAM, API_KEY, server.base_url, DEFAULT_RUN_ID],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout == ""
    assert "INFO eigenpal_ext.http: answer 200 GET" in done.stderr
    assert "INFO eigenpal_ext.retry: retrying GET" in done.stderr
    assert "sk_test_logged" not in done.stderr
