"""The command line never prints the API key, however it was given and however a server sends it back.

The key comes from ``EIGENPAL_API_KEY`` (not ``--api-key``), and a scripted server echoes it, plain, JSON-escaped
and percent-encoded: in a refusal's message and hint, a header, and a failed run's error. Searched for in stderr
(the one error line), in the ``EIGENPAL_DEBUG`` traceback and in ``eigenpal batch``'s ``results.jsonl``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Final
from urllib.parse import quote

import pytest
from hostile.server import DEFAULT_RUN_ID, HostileServer, RecordedRequest, Scripted, run_json

from eigenpal_ext.cli._output import Output, keys_in_use

from .conftest import run_cli

KEY: Final = "ep_env_only_secret/0042+abcdef"
FORMS: Final = (KEY, KEY.replace("/", "\\/"), quote(KEY, safe=""), quote(KEY, safe="").lower())


def _refusal(status: int = 422) -> Scripted:
    body = (
        f'{{"issues": [{{"message": "key {KEY} may not do this", "code": "denied", "field": "{quote(KEY, safe="")}"}}],'
        f'"hint": "try {KEY.replace("/", chr(92) + "/")} elsewhere"}}'
    )
    return Scripted(status, {"Content-Type": "application/json", "X-Request-Id": f"req {KEY}"}, body.encode())


def _script(request: RecordedRequest, _number: int) -> Scripted:
    if request.method == "GET" and request.path == "/v1/runs":  # a batch looks for its runs first: none
        return Scripted(200, {"Content-Type": "application/json"}, b'{"runs": [], "nextCursor": null}')
    if request.method == "POST" and b"Reference: 1" in request.body:
        failed = run_json(run_id="run_failed", status="failed", error=f"provider refused key {KEY}")
        return Scripted(200, {"Content-Type": "application/json"}, json.dumps(failed).encode())
    return _refusal()


@pytest.fixture
def echoing() -> Iterator[HostileServer]:
    server = HostileServer("scripted", script=_script).start()
    yield server
    server.stop()


def _assert_no_key(*texts: str) -> None:
    for text in texts:
        for form in FORMS:
            assert form not in text, f"the key was printed as {form!r}"


def test_a_key_from_the_environment_is_masked_on_stderr(echoing: HostileServer) -> None:
    result = run_cli("runs", "get", DEFAULT_RUN_ID, "--base-url", echoing.base_url, env={"EIGENPAL_API_KEY": KEY})

    assert result.code == 4, result.stderr
    assert "may not do this" in result.stderr  # the server's words are kept, only the key is masked
    assert "***" in result.stderr
    _assert_no_key(result.stdout, result.stderr)


def test_a_key_from_the_environment_is_masked_in_the_debug_traceback(echoing: HostileServer) -> None:
    env = {"EIGENPAL_API_KEY": KEY, "EIGENPAL_DEBUG": "1"}
    result = run_cli("runs", "get", DEFAULT_RUN_ID, "--base-url", echoing.base_url, env=env)

    assert "Traceback (most recent call last)" in result.stderr
    _assert_no_key(result.stdout, result.stderr)


def test_a_key_from_the_environment_is_masked_in_the_results_of_a_batch(echoing: HostileServer, tmp_path: Path) -> None:
    folder = tmp_path / "invoices"
    folder.mkdir()
    for number in range(2):
        (folder / f"invoice-{number}.txt").write_text(f"Invoice\nReference: {number}\n")
    out = tmp_path / "results.jsonl"

    result = run_cli(
        "batch", "workflows.extract-invoice", "--file", f"doc={folder}", "--out", str(out), "--json",
        "--base-url", echoing.base_url, env={"EIGENPAL_API_KEY": KEY},
    )  # fmt: skip

    assert result.code == 1, result.stderr
    text = out.read_text(encoding="utf-8")
    errors = {line["index"]: line["error"] for line in map(json.loads, text.splitlines())}
    assert errors[1] == {"message": "provider refused key ***"}  # the failed run's own error
    assert errors[0]["type"] == "UnprocessableEntityError"  # the refused start
    assert "key *** may not do this" in errors[0]["message"]
    assert errors[0]["requestId"].endswith("req ***")
    _assert_no_key(text, result.stdout, result.stderr)


def test_every_line_on_stderr_masks_the_key_of_the_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever the line says (an error of the command line's own, not the library's), the key is masked."""
    monkeypatch.setenv("EIGENPAL_API_KEY", f"  {KEY}  ")
    out = Output(secrets=keys_in_use(argparse.Namespace()))
    out.error(f"cannot write {quote(KEY, safe='')}.json: {KEY}")
    assert capsys.readouterr().err == "eigenpal: error: cannot write ***.json: ***\n"
