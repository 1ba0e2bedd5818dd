"""Faithful by default: the real API's body cap, no extras it lacks; and the options that change that on purpose
(a server without tags, the `lost_start` fault, the command line's flags)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from eigenpal_local import LocalServer
from eigenpal_local.__main__ import _parser

from .conftest import API_KEY, wait_for_status

CAP = 4_718_592  # 4.5 MiB, the real API's request cap


def _start_body(size: int) -> bytes:
    """A JSON start body of exactly `size` bytes."""
    head, tail = b'{"target":"agents.echo","input":{"blob":"', b'"}}'
    return head + b"x" * (size - len(head) - len(tail)) + tail


def test_the_body_cap_is_the_real_apis(http: httpx.Client) -> None:
    json_type = {"Content-Type": "application/json"}
    at_cap = http.post("/v1/runs", content=_start_body(CAP), headers=json_type)
    assert at_cap.status_code == 201, at_cap.text[:300]
    over = http.post("/v1/runs", content=_start_body(CAP + 1), headers=json_type)
    assert over.status_code == 413
    envelope = over.json()
    assert envelope["issues"][0]["code"] == "payload_too_large"
    assert envelope["requestId"] == over.headers["x-request-id"]

    def chunks(size: int) -> Iterator[bytes]:  # no Content-Length: the server counts what it reads
        body = _start_body(size)
        for start in range(0, len(body), 256 * 1024):
            yield body[start : start + 256 * 1024]

    assert http.post("/v1/runs", content=chunks(CAP - 1), headers=json_type).status_code == 201
    streamed = http.post("/v1/runs", content=chunks(CAP + 1), headers=json_type)
    assert streamed.status_code == 413
    assert streamed.json()["issues"][0]["code"] == "payload_too_large"


def test_an_oversized_body_is_413_before_the_key_is_checked(server: LocalServer) -> None:
    with httpx.Client(base_url=server.base_url, timeout=30) as anonymous:
        response = anonymous.post(
            "/v1/runs", content=_start_body(CAP + 1), headers={"Content-Type": "application/json"}
        )
    assert response.status_code == 413


@pytest.fixture(scope="module")
def tagless() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, keep_tags=False) as server:
        yield server


def test_a_server_without_tags_shows_none_and_ignores_the_filter(tagless: LocalServer) -> None:
    tag = f"old-{uuid.uuid4().hex[:8]}"
    with httpx.Client(base_url=tagless.base_url, headers={"Authorization": f"Bearer {API_KEY}"}) as http:
        untagged = http.post("/v1/runs", json={"target": "agents.echo"}).json()["id"]
        tagged = http.post(
            "/v1/runs", json={"target": "agents.echo", "tags": [tag]}, params={"wait_for_completion": 30}
        ).json()
        assert "tags" not in tagged
        multipart = http.post(
            "/v1/runs",
            data={"target": "agents.echo", "tags": json.dumps([tag])},
            files={"files.note": ("note.txt", b"hi", "text/plain")},
        )
        assert multipart.status_code == 201
        assert "tags" not in http.get(f"/v1/runs/{tagged['id']}").json()
        listed = http.get("/v1/runs", params={"tag": tag, "limit": 100}).json()["runs"]
        # The filter is ignored: every run comes back, the untagged one too, and none with tags.
        assert {untagged, tagged["id"], multipart.json()["id"]} <= {run["id"] for run in listed}
        assert all("tags" not in run for run in listed)
        rerun = http.post(f"/v1/runs/{tagged['id']}/rerun", params={"wait_for_completion": 30}).json()
        assert "tags" not in rerun


def test_lost_start_loses_the_answers_of_starts_only(server: LocalServer, http: httpx.Client) -> None:
    tag = f"lost-start-{uuid.uuid4().hex[:8]}"
    server.set_faults("lost_start=1")
    try:
        with pytest.raises(httpx.TransportError):
            http.post("/v1/runs", json={"target": "agents.echo", "tags": [tag]})
        # The start took effect, and the reads that find it are answered.
        (created,) = http.get("/v1/runs", params={"tag": tag}).json()["runs"]
        assert wait_for_status(http, created["id"])["execution"]["status"] == "completed"
        with pytest.raises(httpx.TransportError):
            http.post(f"/v1/runs/{created['id']}/rerun")
        assert http.get(f"/v1/runs/{created['id']}").json()["execution"]["retry"]["nextRun"] is not None
        assert http.post(f"/v1/runs/{created['id']}/cancel").status_code == 200
    finally:
        server.set_faults(None)
    assert len(http.get("/v1/runs", params={"tag": tag}).json()["runs"]) == 2


def test_lost_loses_any_answer_after_the_request_took_effect(server: LocalServer, http: httpx.Client) -> None:
    tag = f"lost-{uuid.uuid4().hex[:8]}"
    server.set_faults("lost=1")
    try:
        with pytest.raises(httpx.TransportError):
            http.post("/v1/runs", json={"target": "agents.echo", "tags": [tag]})
        with pytest.raises(httpx.TransportError):
            http.get("/v1/runs")
    finally:
        server.set_faults(None)
    assert len(http.get("/v1/runs", params={"tag": tag}).json()["runs"]) == 1


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            [],
            {
                "idempotency_keys": False,
                "keep_tags": True,
                "max_request_bytes": CAP,
                "redirect_artifacts_over": 1024 * 1024,
                "storage_url_ttl": 60.0,
            },
        ),
        (
            [
                "--idempotency-keys",
                "--no-tags",
                "--max-request-bytes",
                "1000",
                "--redirect-artifacts-over",
                "0",
                "--storage-url-ttl",
                "5",
            ],
            {
                "idempotency_keys": True,
                "keep_tags": False,
                "max_request_bytes": 1000,
                "redirect_artifacts_over": 0,
                "storage_url_ttl": 5.0,
            },
        ),
    ],
)
def test_the_command_line_flags(argv: list[str], expected: dict[str, Any]) -> None:
    args = vars(_parser("python -m eigenpal_local", "").parse_args(argv))
    assert {name: args[name] for name in expected} == expected
