"""Which redirects the client follows and what it takes along (issue 21, item 3), on a mock transport: the https
cases the loopback servers of ``tests/hostile/test_redirects.py`` cannot show, and the pure policy."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from clientkit import MakeHarness, Script, run_json

from eigenpal_ext import APIError
from eigenpal_ext._core._redirects import origin_of, redirect_refusal

API = "https://api.eigenpal.test/v1/runs/run_1"


@pytest.mark.parametrize(
    ("method", "location", "named"),
    [
        ("POST", "https://elsewhere.example/v1/runs", "POST was redirected to https://elsewhere.example/v1/runs"),
        ("POST", "/v1/runs/again", "POST was redirected to https://api.eigenpal.test/v1/runs/again"),
        ("DELETE", "https://api.eigenpal.test/x", "only GET requests follow a redirect"),
        ("GET", None, "without a Location"),
        ("GET", "http://elsewhere.example/v1/runs/run_1", "only https"),
        ("GET", "http://127.0.0.1:8080/v1/runs/run_1", "from https to plain http"),
        ("GET", "http://api.eigenpal.test/v1/runs/run_1", "only https"),
        ("GET", "https://user:pw@elsewhere.example/x", "credentials"),
        ("GET", "ftp://elsewhere.example/x", "only https"),
    ],
)
def test_a_redirect_that_may_not_be_followed_is_refused_naming_where_it_pointed(
    method: str, location: str | None, named: str
) -> None:
    refusal = redirect_refusal(method, f"{API}?expand=output", 307, location, other_origins=True)
    assert refusal is not None
    assert refusal.status_code == 307
    assert named in str(refusal)
    assert refusal.url == API  # without the query
    assert "pw" not in str(refusal)


@pytest.mark.parametrize(
    ("current", "location"),
    [
        (API, "/v1/runs/run_1?moved=1"),
        (API, "https://elsewhere.example/v1/runs/run_1"),
        ("http://127.0.0.1:8080/v1/runs/run_1", "http://localhost:9090/v1/runs/run_1"),
        ("http://10.0.0.5:8080/v1/runs/run_1", "/v1/runs/run_1?moved=1"),  # an insecure base URL, same origin
    ],
)
def test_a_download_may_follow_to_https_or_within_its_origin(current: str, location: str) -> None:
    assert redirect_refusal("GET", current, 302, location, other_origins=True) is None


@pytest.mark.parametrize(
    "location", ["https://elsewhere.example/v1/runs/run_1", "https://api.eigenpal.test:8443/v1/runs/run_1"]
)
def test_an_api_read_follows_only_its_own_origin(location: str) -> None:
    assert redirect_refusal("GET", API, 302, "/v1/runs/run_1?moved=1") is None
    refusal = redirect_refusal("GET", API, 302, location)
    assert refusal is not None
    assert "another origin" in str(refusal)
    assert location.split("/v1")[0] in str(refusal)


def test_origins_compare_scheme_host_and_port() -> None:
    assert origin_of("https://API.eigenpal.test/a") == origin_of("https://api.eigenpal.test:443/b")
    assert origin_of("https://api.eigenpal.test") != origin_of("http://api.eigenpal.test")
    assert origin_of("http://127.0.0.1:1/") != origin_of("http://127.0.0.1:2/")


@pytest.mark.parametrize("location", ["http://elsewhere.example/v1/runs/run_1", "http://127.0.0.1:9/v1/runs/run_1"])
def test_a_read_is_never_redirected_from_https_to_plain_http(make_harness: MakeHarness, location: str) -> None:
    server = Script(httpx.Response(302, headers={"Location": location}))
    harness = make_harness(server)
    with pytest.raises(APIError) as caught:
        harness.call(lambda client: client.runs.get("run_1"))
    assert caught.value.status_code == 302
    assert location.split("/v1")[0] in str(caught.value)
    assert len(server.requests) == 1  # not retried, not followed


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirected_start_is_refused_before_anything_is_sent_again(make_harness: MakeHarness, status: int) -> None:
    server = Script(httpx.Response(status, headers={"Location": "https://elsewhere.example/v1/runs"}))
    harness = make_harness(server)
    with pytest.raises(APIError) as caught:
        harness.call(lambda client: client.run("workflows.extract-invoice", {"invoice": "INV-1"}))
    assert "https://elsewhere.example/v1/runs" in str(caught.value)
    assert caught.value.idempotency_key is not None  # a start's error, as every start's
    assert [request.method for request in server.requests] == ["POST"]


def test_a_read_redirected_to_another_https_origin_is_refused_and_nothing_goes_there(
    make_harness: MakeHarness,
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.eigenpal.test":
            return httpx.Response(302, headers={"Location": "https://elsewhere.example/v1/runs/run_1"})
        return httpx.Response(200, json=run_json())

    server = Script.always(handler)
    harness = make_harness(server)
    headers: dict[str, Any] = {"X-Api-Key": "extra-secret", "X-Tenant-Token": "tenant-secret", "Cookie": "s=1"}
    with pytest.raises(APIError, match=r"elsewhere\.example"):
        harness.call(lambda client: client.runs.get("run_1", extra_headers=headers))
    (first,) = server.requests
    assert first.headers["x-tenant-token"] == "tenant-secret"
