"""Idempotency keys: ignored by default, as the real API (which documents none) ignores them; honoured only with
`idempotency_keys=True`, where a start whose response was lost, retried with the same key, leaves exactly one run.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import httpx
import pytest

from eigenpal_local import LocalServer

from .conftest import API_KEY


@pytest.fixture
def faulty() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, seed=7, idempotency_keys=True) as server:
        yield server


def _client(server: LocalServer) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30)


def _runs_tagged(http: httpx.Client, tag: str) -> list[str]:
    return [run["id"] for run in http.get("/v1/runs", params={"tag": tag, "limit": 100}).json()["runs"]]


def test_by_default_a_reused_key_is_ignored(server: LocalServer, http: httpx.Client) -> None:
    tag = f"ignored-{uuid.uuid4().hex[:8]}"
    body = {"target": "agents.echo", "input": {"x": 1}, "tags": [tag]}
    key = {"Idempotency-Key": f"key-{tag}"}
    first = http.post("/v1/runs", json=body, headers=key)
    second = http.post("/v1/runs", json=body, headers=key)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] != second.json()["id"]
    # Nor is a different request under the same key a 409: the header means nothing to the server.
    different = http.post("/v1/runs", json={**body, "input": {"x": 2}}, headers=key)
    assert different.status_code == 201
    # Nor is a key the opt-in would refuse (over 255 characters) checked.
    assert http.post("/v1/runs", json=body, headers={"Idempotency-Key": "k" * 300}).status_code == 201
    assert len(_runs_tagged(http, tag)) == 4
    source = first.json()["id"]
    reruns = [http.post(f"/v1/runs/{source}/rerun", headers={"Idempotency-Key": "once"}) for _ in range(2)]
    assert len({rerun.json()["id"] for rerun in reruns}) == 2


def test_lost_response_retried_with_same_key_leaves_one_run(faulty: LocalServer) -> None:
    tag = f"lost-{uuid.uuid4().hex[:8]}"
    body = {"target": "workflows.sleep", "input": {"seconds": 0.1}, "tags": [tag]}
    key = {"Idempotency-Key": f"key-{tag}"}
    with _client(faulty) as http:
        faulty.set_faults("lost=1")
        with pytest.raises(httpx.TransportError):
            http.post("/v1/runs", json=body, headers=key)
        faulty.set_faults(None)
        # The request took effect although no answer came back.
        assert len(_runs_tagged(http, tag)) == 1
        retried = http.post("/v1/runs", json=body, headers=key, params={"wait_for_completion": 30})
        assert retried.status_code == 200
        assert retried.json()["execution"]["status"] == "completed"
        assert _runs_tagged(http, tag) == [retried.json()["id"]]
        again = http.post("/v1/runs", json=body, headers=key)
        # The run it names has ended: 200 with the run, as a hold that saw it end would answer.
        assert again.status_code == 200
        assert again.json()["id"] == retried.json()["id"]
        different = http.post("/v1/runs", json={**body, "input": {"seconds": 0.2}}, headers=key)
        assert different.status_code == 400  # as Stripe answers it; the document has no 409 for a start
        assert different.json()["issues"][0]["field"] == "Idempotency-Key"
        assert len(_runs_tagged(http, tag)) == 1


def test_concurrent_identical_requests_create_one_run(faulty: LocalServer) -> None:
    tag = f"race-{uuid.uuid4().hex[:8]}"
    body = {"target": "agents.echo", "input": {"x": 1}, "tags": [tag]}
    ids: list[str] = []
    lock = threading.Lock()

    def send() -> None:
        with _client(faulty) as http:
            response = http.post("/v1/runs", json=body, headers={"Idempotency-Key": tag})
        with lock:
            ids.append(response.json()["id"])

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert len(ids) == 8
    assert len(set(ids)) == 1
    with _client(faulty) as http:
        assert _runs_tagged(http, tag) == ids[:1]


def test_rerun_key_is_scoped_to_the_run(faulty: LocalServer) -> None:
    with _client(faulty) as http:
        first = http.post("/v1/runs", json={"target": "agents.echo"}, params={"wait_for_completion": 30}).json()
        headers = {"Idempotency-Key": "rerun-once"}
        one = http.post(f"/v1/runs/{first['id']}/rerun", headers=headers)
        two = http.post(f"/v1/runs/{first['id']}/rerun", headers=headers)
        assert one.status_code == 201
        assert one.json()["id"] == two.json()["id"]
