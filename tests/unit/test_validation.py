"""Bad input is refused before any request, with an InvalidArgumentError naming the argument."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from clientkit import Client, MakeHarness, refuse

from eigenpal_ext import EigenpalClient, InvalidArgumentError
from eigenpal_ext._transport._config import resolve_api_key, resolve_base_url, resolve_timeout

T = "workflows.extract-invoice"

BAD_CALLS: list[tuple[str, Callable[[Client], object]]] = [
    ("run_id", lambda c: c.runs.get("")),
    ("run_id", lambda c: c.runs.get("   ")),
    ("run_id", lambda c: c.runs.get(None)),  # type: ignore[call-overload]
    ("run_id", lambda c: c.runs.cancel("")),
    ("run_id", lambda c: c.runs.rerun("")),
    ("run_id", lambda c: c.runs.usage("")),
    ("run_id", lambda c: c.runs.steps("")),
    ("run_id", lambda c: c.runs.events("")),
    ("run_id", lambda c: c.runs.artifacts.list("")),
    ("run_id", lambda c: c.runs.wait("", timeout_seconds=1)),
    ("expand", lambda c: c.runs.get("r", expand=["usage", "everything"])),
    ("expand", lambda c: c.runs.get("r", expand="usage,bogus")),
    ("target", lambda c: c.run("extract-invoice")),
    ("target", lambda c: c.run("workflow.extract-invoice")),
    ("target", lambda c: c.run("workflows.")),
    ("target", lambda c: c.run("workflows.a b")),
    ("target", lambda c: c.run("agents.support.")),
    ("target", lambda c: c.run("")),
    ("status", lambda c: c.runs.list(status="finished")),
    ("status", lambda c: c.runs.list(status=["failed", "exploded"])),
    ("status", lambda c: c.runs.cancel_many(status=["nope"])),
    ("type", lambda c: c.runs.list(type="robot")),
    ("limit", lambda c: c.runs.list(limit=0)),
    ("limit", lambda c: c.runs.list(limit=101)),
    ("limit", lambda c: c.runs.list(limit=True)),
    ("limit", lambda c: c.runs.iter(limit=1000)),
    ("source", lambda c: c.runs.list(source="")),
    ("tag", lambda c: c.runs.list(tag="x" * 257)),
    ("from_date", lambda c: c.runs.list(from_date="")),
    ("from_date", lambda c: c.runs.list(from_date="yesterday")),
    ("to_date", lambda c: c.runs.list(to_date="now()-7x")),
    ("to_date", lambda c: c.runs.cancel_many(to_date="2026-13-01")),
    ("cursor", lambda c: c.runs.list(cursor=" ")),
    ("ids", lambda c: c.runs.list(ids=[f"r{i}" for i in range(101)])),
    ("ids", lambda c: c.runs.list(ids="r1")),
    ("ids[1]", lambda c: c.runs.list(ids=["r1", ""])),
    ("filters", lambda c: c.runs.cancel_many()),
    ("wait_for_completion", lambda c: c.run(T, wait_for_completion=601)),
    ("wait_for_completion", lambda c: c.run(T, wait_for_completion=-1)),
    ("wait_for_completion", lambda c: c.run(T, wait_for_completion=math.nan)),
    ("wait_for_completion", lambda c: c.runs.rerun("r", wait_for_completion=1e9)),
    ("timeout_seconds", lambda c: c.runs.wait("r", timeout_seconds=-1)),
    ("timeout_seconds", lambda c: c.runs.wait("r", timeout_seconds=math.nan)),
    ("timeout_seconds", lambda c: c.run_and_wait(T, timeout_seconds=math.inf)),
    ("poll_interval_seconds", lambda c: c.runs.wait("r", poll_interval_seconds=0)),
    ("poll_interval_seconds", lambda c: c.workflows.executions.run_and_wait("x", poll_interval_seconds=-2)),
    ("tags", lambda c: c.run(T, tags=[f"t{i}" for i in range(101)])),
    ("tags", lambda c: c.run(T, tags="q3")),
    ("tags[0]", lambda c: c.run(T, tags=[""])),
    ("tags[1]", lambda c: c.run(T, tags=["ok", "x" * 257])),
    ("input", lambda c: c.run(T, input=["not", "a", "mapping"])),  # type: ignore[arg-type]
    ("input.when", lambda c: c.run(T, input={"when": object()})),
    ("input.amount", lambda c: c.run(T, input={"amount": math.nan})),
    ("input.items[1].blob", lambda c: c.run(T, input={"items": [{}, {"blob": b"x"}]})),
    ("input.document", lambda c: c.run(T, input={"document": Path("/no/such/file.pdf")})),
    ("overrides.model", lambda c: c.run(T, overrides={"model": {1, 2}})),
    ("idempotency_key", lambda c: c.run(T, idempotency_key="")),
    ("idempotency_key", lambda c: c.run(T, idempotency_key="k" * 256)),
    ("version", lambda c: c.run(T, version=" ")),
    ("run_ids", lambda c: c.runs.wait_all("r1")),
    ("run_ids[1]", lambda c: c.runs.wait_all(["r1", ""])),
    ("path", lambda c: c.runs.artifacts.download("r", "")),
    ("workflow", lambda c: c.workflows.executions.run_and_wait("")),
]


@pytest.mark.parametrize(("argument", "call"), BAD_CALLS)
def test_bad_arguments_are_refused_before_any_request(
    make_harness: MakeHarness, argument: str, call: Callable[[Client], object]
) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(call)
    assert caught.value.argument == argument
    assert str(caught.value).startswith(f"{argument}: ")


@pytest.mark.parametrize(
    ("env", "argument"),
    [({}, "api_key"), ({"EIGENPAL_API_KEY": "  "}, "api_key")],
)
def test_a_missing_key_is_refused(env: dict[str, str], argument: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        resolve_api_key(None, env)
    assert caught.value.argument == argument


def test_key_and_base_url_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EIGENPAL_API_KEY", "env-key")
    monkeypatch.setenv("EIGENPAL_BASE_URL", "https://eu.eigenpal.test/")
    with EigenpalClient() as client:
        assert client.base_url == "https://eu.eigenpal.test"
        assert client._http.headers["authorization"] == "Bearer env-key"
    monkeypatch.delenv("EIGENPAL_BASE_URL")
    with EigenpalClient() as client:
        assert client.base_url == "https://api.eigenpal.com"


def test_a_key_with_a_newline_is_refused_without_echoing_it() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        resolve_api_key("secret\r\nX-Evil: 1", {})
    assert "secret" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "http://api.eigenpal.com",
        "http://10.0.0.5:8080",
        "ftp://api.eigenpal.com",
        "https://user:pw@api.eigenpal.com",
        "https://api.eigenpal.com?x=1",
        "not a url",
        "https://",
    ],
)
def test_unsafe_base_urls_are_refused(url: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        resolve_base_url(url, environ={})
    assert caught.value.argument == "base_url"


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://localhost:8000/", "http://[::1]:9000", "https://api.eigenpal.com"]
)
def test_loopback_http_and_https_are_accepted(url: str) -> None:
    assert resolve_base_url(url, environ={}) == url.rstrip("/")


def test_insecure_http_can_be_allowed_explicitly() -> None:
    assert resolve_base_url("http://10.0.0.5:8080", allow_insecure_http=True, environ={}) == "http://10.0.0.5:8080"


@pytest.mark.parametrize("timeout", [-1.0, 0, math.nan, "30"])
def test_bad_timeouts_are_refused(timeout: Any) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        resolve_timeout(timeout)
    assert caught.value.argument == "timeout"


@pytest.mark.parametrize("max_retries", [-1, 11, 1.5, True])
def test_bad_retry_counts_are_refused(max_retries: Any) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        EigenpalClient(api_key="k", max_retries=max_retries)
    assert caught.value.argument == "max_retries"
