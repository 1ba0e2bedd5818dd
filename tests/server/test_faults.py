"""Fault injection: off by default, seeded, settable at runtime, and only on /v1 routes."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from eigenpal_local import FaultSpec, LocalServer

from .conftest import API_KEY


@pytest.fixture
def faulty() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, seed=1) as server:
        yield server


@pytest.fixture
def http(faulty: LocalServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=faulty.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30) as client:
        yield client


def test_no_faults_by_default(faulty: LocalServer, http: httpx.Client) -> None:
    assert not faulty.faults.active
    assert all(http.get("/v1/runs").status_code == 200 for _ in range(20))


def test_rate_limit_carries_retry_after(faulty: LocalServer, http: httpx.Client) -> None:
    faulty.set_faults("429=1,retry_after=3")
    response = http.get("/v1/runs")
    assert response.status_code == 429
    assert response.headers["retry-after"] == "3"
    assert response.json()["requestId"] == response.headers["x-request-id"]
    # Not on routes outside /v1.
    assert http.get("/healthz").status_code == 200


def test_server_errors_are_500_or_503(faulty: LocalServer, http: httpx.Client) -> None:
    faulty.set_faults({"server_error": 1.0}, seed=3)
    statuses = {http.get("/v1/runs").status_code for _ in range(20)}
    assert statuses == {500, 503}


def test_dropped_connection_has_no_answer(faulty: LocalServer, http: httpx.Client) -> None:
    faulty.set_faults("drop=1")
    with pytest.raises(httpx.TransportError):
        http.get("/v1/runs")
    faulty.set_faults(None)
    assert http.get("/v1/runs").status_code == 200


def test_dropped_start_does_not_take_effect(faulty: LocalServer, http: httpx.Client) -> None:
    faulty.set_faults("drop=1")
    with pytest.raises(httpx.TransportError):
        http.post("/v1/runs", json={"target": "agents.echo", "tags": ["dropped"]})
    faulty.set_faults(None)
    assert http.get("/v1/runs", params={"tag": "dropped"}).json()["runs"] == []


def test_seeded_faults_repeat(faulty: LocalServer, http: httpx.Client) -> None:
    def pattern() -> list[int]:
        faulty.set_faults("5xx=0.3,429=0.3", seed=42)
        return [http.get("/v1/runs").status_code for _ in range(30)]

    first = pattern()
    assert first == pattern()
    assert {200, 429} <= set(first)


def test_latency_is_added(faulty: LocalServer, http: httpx.Client) -> None:
    faulty.set_faults("latency=1:0.2")
    response = http.get("/v1/runs")
    assert response.status_code == 200
    assert response.elapsed.total_seconds() >= 0.15


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5xx=0.2,429=0.1,drop=0.05,lost=0.05,latency=0.1:0.5", FaultSpec(0.2, 0.1, 0.05, 0.05, 0.1, 0.5, 0.5)),
        ("latency=0.5:0.1-0.3", FaultSpec(latency=0.5, latency_min_seconds=0.1, latency_max_seconds=0.3)),
        ("", FaultSpec()),
    ],
)
def test_fault_spec_parses(text: str, expected: FaultSpec) -> None:
    assert FaultSpec.parse(text) == expected


@pytest.mark.parametrize("text", ["5xx=2", "teapot=0.1", "5xx=0.6,429=0.6", "drop"])
def test_fault_spec_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        FaultSpec.parse(text)
