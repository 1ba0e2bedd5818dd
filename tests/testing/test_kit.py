"""The testing kit's parts: what a cassette never holds, how requests match, and what loading the plugin costs."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from vcr.request import Request

from eigenpal_ext.testing import REDACTED, VirtualClock, vcr_config
from eigenpal_ext.testing._cassettes import match_body, match_query, remember_secret

KEY = "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0"


def _request(uri: str, body: bytes | None = None, **headers: str) -> Request:
    return Request("POST", uri, body, {name.replace("_", "-"): value for name, value in headers.items()})


def test_no_credential_survives_recording_whatever_carries_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EIGENPAL_API_KEY", KEY)
    settings = vcr_config()
    request = _request(
        f"https://api.example.test/v1/runs?api_key={KEY}&limit=5",
        json.dumps({"note": f"key {KEY}"}).encode(),
        Authorization=f"Bearer {KEY}",
        X_Api_Key=KEY,
        Cookie="session=abc",
        X_Forwarded_Authorization="Bearer some-other-token-123",
    )
    scrubbed = settings["before_record_request"](request)
    response = settings["before_record_response"](
        {"headers": {"Set-Cookie": ["session=abc"], "X-Echo": [KEY]}, "body": {"string": KEY.encode()}}
    )

    recorded = json.dumps({"uri": scrubbed.uri, "headers": dict(scrubbed.headers), "body": scrubbed.body.decode()})
    recorded += json.dumps({"headers": response["headers"], "body": response["body"]["string"].decode()})
    assert KEY not in recorded
    assert "some-other-token-123" not in recorded
    assert "session=abc" not in recorded
    assert {name.lower() for name in scrubbed.headers} == {"x-forwarded-authorization"}
    assert REDACTED in scrubbed.uri
    assert "limit=5" in scrubbed.uri


def test_a_key_the_test_recorded_with_is_scrubbed_without_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EIGENPAL_API_KEY", raising=False)
    remember_secret("local-key-abcdef")
    scrubbed = vcr_config()["before_record_request"](_request("http://127.0.0.1:1/v1/runs", b'"local-key-abcdef"'))
    assert b"local-key-abcdef" not in scrubbed.body


@pytest.mark.parametrize(
    ("recorded", "sent", "match"),
    [
        ("/v1/runs?wait_for_completion=60", "/v1/runs?wait_for_completion=59", True),  # the start of run_and_wait
        ("/v1/runs?from=2026-12-01T10:00:00Z&limit=5", "/v1/runs?from=2026-12-02T11:30:00%2B00:00&limit=5", True),
        ("/v1/runs?from=now()-7d", "/v1/runs?from=now()-1d", False),
        ("/v1/runs?limit=5&status=failed", "/v1/runs?status=failed&limit=5", True),
        ("/v1/runs?limit=5", "/v1/runs?limit=6", False),
        ("/v1/runs", "/v1/runs?wait_for_completion=5", False),  # a held start is not a plain one
    ],
)
def test_queries_match_across_runs_but_not_across_meanings(recorded: str, sent: str, match: bool) -> None:
    outcome: Any = None
    try:
        match_query(_request(f"http://a.test{recorded}"), _request(f"http://b.test:1{sent}"))
        outcome = True
    except AssertionError:
        outcome = False
    assert outcome is match


def test_bodies_match_as_data_and_without_the_multipart_boundary() -> None:
    json_type = {"Content-Type": "application/json"}
    match_body(_request("http://a/", b'{"a": 1, "b": [2]}', **json_type), _request("http://a/", b'{"b":[2],"a":1}'
               , **json_type))  # fmt: skip
    with pytest.raises(AssertionError):
        match_body(_request("http://a/", b'{"a": 1}', **json_type), _request("http://a/", b'{"a": 2}', **json_type))
    part = b'--%s\r\nContent-Disposition: form-data; name="target"\r\n\r\nworkflows.x\r\n--%s--\r\n'
    one, two = "abc123", "zzz999"
    match_body(
        _request("http://a/", part % (one.encode(), one.encode()), Content_Type=f"multipart/form-data; boundary={one}"),
        _request("http://a/", part % (two.encode(), two.encode()), Content_Type=f"multipart/form-data; boundary={two}"),
    )


def test_the_virtual_clock_moves_only_when_told() -> None:
    clock = VirtualClock(start=10.0)
    clock.sleep(2.5)
    clock.held_by_server(30)
    clock.advance(-5)  # never back
    assert clock.monotonic() == 42.5
    assert clock.sleeps == [2.5]


def test_loading_the_plugin_imports_neither_the_client_nor_the_server() -> None:
    code = (
        "import sys, pytest_eigenpal\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('eigenpal_ext', 'eigenpal_api', 'httpx', 'vcr',"
        " 'starlette', 'uvicorn')]\n"
        "print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "[]"


DOCUMENT = b"%PDF-1.7 invoice of ACME, confidential\x00\xff"


def _multipart(document: bytes) -> bytes:
    head = b'--b0b\r\nContent-Disposition: form-data; name="files.doc"; filename="a.pdf"\r\n\r\n'
    return head + document + b"\r\n--b0b--\r\n"


def _inline(document: bytes) -> bytes:
    inline = {"filename": "a.pdf", "mimeType": "application/pdf", "base64": base64.b64encode(document).decode()}
    return json.dumps({"input": {"doc": {"$inline": inline}}}).encode()


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data; boundary=b0b", _multipart),
        ("application/json", _inline),
        ("application/octet-stream", lambda document: document),
    ],
)
def test_uploaded_documents_are_stored_as_digests_and_still_match(
    content_type: str, body: Callable[[bytes], bytes]
) -> None:
    sent = body(DOCUMENT)
    stored = vcr_config()["before_record_request"](_request("http://a/v1/runs", sent, Content_Type=content_type))
    assert b"confidential" not in stored.body
    assert b"<document sha256:" in stored.body
    match_body(stored, _request("http://a/v1/runs", sent, Content_Type=content_type))  # the replay of the same file
    other = body(DOCUMENT.replace(b"ACME", b"EMCA"))
    with pytest.raises(AssertionError):  # another document is another request
        match_body(stored, _request("http://a/v1/runs", other, Content_Type=content_type))
    kept = vcr_config(keep_documents=True)["before_record_request"](
        _request("http://a/v1/runs", sent, Content_Type=content_type)
    )
    assert kept.body == sent
