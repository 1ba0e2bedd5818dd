"""Runs move through real lifecycles: holds, cancels, deletes, reruns, steps, events, tags and usage."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from eigenpal_ext.local import LocalServer

from .conftest import API_KEY

TERMINAL = {"completed", "failed", "cancelled", "rejected"}


def start(http: httpx.Client, target: str, run_input: dict[str, Any] | None = None, **params: Any) -> httpx.Response:
    body: dict[str, Any] = {"target": target, "input": run_input or {}}
    if "tags" in params:
        body["tags"] = params.pop("tags")
    return http.post("/v1/runs", json=body, params=params)


def wait_for_status(http: httpx.Client, run_id: str, statuses: set[str], timeout: float = 20.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        run: dict[str, Any] = http.get(f"/v1/runs/{run_id}").json()
        if run["execution"]["status"] in statuses or time.monotonic() > deadline:
            return run
        time.sleep(0.02)


def parse_ts(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def test_start_hold_answers_at_completion(http: httpx.Client) -> None:
    sent = time.time()
    response = start(http, "workflows.sleep", {"seconds": 0.5, "output": {"answer": 42}}, wait_for_completion=60)
    received = time.time()
    assert response.status_code == 200
    run = response.json()
    assert run["finished"] is True
    assert run["execution"]["status"] == "completed"
    assert run["output"] == {"seconds": 0.5, "steps": 3, "answer": 42}
    assert [file["path"] for file in run["files"]] == ["outputs/result.json"]
    completed = parse_ts(run["timing"]["completedAt"])
    assert received - sent >= 0.45
    # Woken by the run, not by a poll: the answer comes right after completion (bound kept generous).
    assert received - completed < 2.0
    assert response.headers["x-request-id"].startswith("req_")


def test_get_hold_answers_at_completion(http: httpx.Client) -> None:
    accepted = start(http, "workflows.sleep", {"seconds": 0.6})
    assert accepted.status_code == 202
    assert int(accepted.headers["x-poll-after-ms"]) >= 0
    body = accepted.json()
    assert body["finished"] is False
    assert body["source"]["slug"] == "sleep"
    response = http.get(f"/v1/runs/{body['id']}", params={"wait_for_completion": 30})
    received = time.time()
    assert response.status_code == 200
    run = response.json()
    assert run["execution"]["status"] == "completed"
    assert received - parse_ts(run["timing"]["completedAt"]) < 2.0
    assert "x-poll-after-ms" not in response.headers


def test_hold_ends_when_time_passes(http: httpx.Client) -> None:
    response = start(http, "workflows.sleep", {"seconds": 5}, wait_for_completion=1)
    assert response.status_code == 202
    assert response.json()["finished"] is False
    http.post(f"/v1/runs/{response.json()['id']}/cancel")


@pytest.mark.parametrize(("outcome", "status"), [("failed", "failed"), ("rejected", "rejected")])
def test_sleep_outcomes(http: httpx.Client, outcome: str, status: str) -> None:
    run = start(http, "workflows.sleep", {"seconds": 0, "outcome": outcome}, wait_for_completion=30).json()
    assert run["execution"]["status"] == status
    assert outcome in run["error"]
    assert "output" not in run
    assert "files" not in run


def test_steps_events_usage_and_expand(http: httpx.Client) -> None:
    run = start(http, "workflows.sleep", {"seconds": 0.1, "steps": 2}, wait_for_completion=30).json()
    run_id = run["id"]
    steps = http.get(f"/v1/runs/{run_id}/steps").json()
    assert steps["total"] == 2
    assert [step["status"] for step in steps["steps"]] == ["completed", "completed"]
    assert [step["order"] for step in steps["steps"]] == [0, 1]
    assert all(step["id"].startswith("step_") for step in steps["steps"])
    events = [event["type"] for event in http.get(f"/v1/runs/{run_id}/events").json()["events"]]
    assert events[:3] == ["run.created", "run.pending", "run.running"]
    assert events[-2:] == ["run.finalizing", "run.completed"]
    assert events.count("step.completed") == 2
    usage = http.get(f"/v1/runs/{run_id}/usage").json()
    assert set(usage["tokens"]) == {"input", "output", "cacheRead", "cacheWrite"}
    assert usage["durationMs"] >= 50
    expanded = http.get(f"/v1/runs/{run_id}", params={"expand": "input,usage,execution,debug"}).json()
    assert expanded["input"] == {"seconds": 0.1, "steps": 2}
    assert expanded["usage"]["durationMs"] == usage["durationMs"]
    assert len(expanded["execution"]["steps"]) == 2
    assert "debug" in expanded
    plain = http.get(f"/v1/runs/{run_id}").json()
    assert not {"input", "usage", "debug"} & set(plain)
    assert "steps" not in plain["execution"]
    bad = http.get(f"/v1/runs/{run_id}", params={"expand": "input,secrets"})
    assert bad.status_code == 400
    assert bad.json()["issues"][0]["field"] == "expand"


def test_echo_agent_returns_its_input(http: httpx.Client) -> None:
    run = start(http, "agents.echo", {"question": "ping", "n": [1, 2]}, wait_for_completion=30).json()
    assert run["type"] == "agent"
    assert run["source"] == {"id": "ag_echo", "name": "Echo", "version": "1", "slug": "echo"}
    assert run["output"] == {"question": "ping", "n": [1, 2]}


def test_cancel_states_and_pending_queue() -> None:
    with (
        LocalServer(api_key=API_KEY, workers=1) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30) as http,
    ):
        running_id = start(http, "workflows.sleep", {"seconds": 30, "steps": 3}).json()["id"]
        wait_for_status(http, running_id, {"running"})
        # The only worker is busy: the next run really waits in the queue.
        pending_id = start(http, "workflows.sleep", {"seconds": 1}).json()["id"]
        assert http.get(f"/v1/runs/{pending_id}").json()["execution"]["status"] == "pending"

        cancelled = http.post(f"/v1/runs/{pending_id}/cancel").json()
        assert cancelled["cancellation"] == {"state": "cancelled", "wasStatus": "pending"}
        assert cancelled["finished"] is True
        assert cancelled["execution"]["status"] == "cancelled"

        requested = http.post(f"/v1/runs/{running_id}/cancel").json()
        assert requested["cancellation"] == {"state": "requested", "wasStatus": "running"}
        assert requested["finished"] is False
        stamped = http.get(f"/v1/runs/{running_id}").json()
        assert stamped["timing"]["cancelRequestedAt"] is not None

        # The sleeping step wakes at the request: far sooner than the 30 s the run would take.
        run = http.get(f"/v1/runs/{running_id}", params={"wait_for_completion": 20}).json()
        assert run["execution"]["status"] == "cancelled"
        assert run["error"] == "cancelled by request"
        steps = http.get(f"/v1/runs/{running_id}/steps").json()["steps"]
        assert steps[0]["status"] == "cancelled"
        assert {step["status"] for step in steps[1:]} == {"skipped"}

        again = http.post(f"/v1/runs/{running_id}/cancel").json()
        assert again["cancellation"] == {"state": "already_terminal", "wasStatus": "cancelled"}


def test_cancel_many(http: httpx.Client) -> None:
    tag = f"bulk-{time.monotonic_ns()}"
    ids = [start(http, "workflows.sleep", {"seconds": 30}, tags=[tag]).json()["id"] for _ in range(3)]
    done = start(http, "agents.echo", {}, tags=[tag], wait_for_completion=30).json()
    assert done["finished"]
    result = http.post("/v1/runs/cancel", json={"tag": tag})
    assert result.status_code == 200
    counts = result.json()
    assert counts["matched"] == 3
    assert counts["cancelled"] + counts["requested"] == 3
    for run_id in ids:
        assert wait_for_status(http, run_id, TERMINAL)["execution"]["status"] == "cancelled"
    assert http.post("/v1/runs/cancel", json={}).status_code == 400
    assert http.post("/v1/runs/cancel", json={"status": ["nope"]}).status_code == 400


def test_delete_refuses_non_terminal_then_deletes(http: httpx.Client) -> None:
    run_id = start(http, "workflows.sleep", {"seconds": 30}).json()["id"]
    conflict = http.delete(f"/v1/runs/{run_id}")
    assert conflict.status_code == 409
    assert conflict.json()["requestId"] == conflict.headers["x-request-id"]
    http.post(f"/v1/runs/{run_id}/cancel")
    wait_for_status(http, run_id, TERMINAL)
    deleted = http.delete(f"/v1/runs/{run_id}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    assert http.get(f"/v1/runs/{run_id}").status_code == 404
    assert run_id not in {run["id"] for run in http.get("/v1/runs", params={"limit": 250}).json()["runs"]}


def test_rerun_links_runs(http: httpx.Client) -> None:
    first = start(http, "agents.echo", {"x": 1}, wait_for_completion=30).json()
    second = http.post(f"/v1/runs/{first['id']}/rerun", params={"wait_for_completion": 30}).json()
    assert second["id"] != first["id"]
    assert second["output"] == {"x": 1}
    assert second["trigger"]["type"] == "rerun"
    assert second["execution"]["retry"] == {"number": 1, "previousRunId": first["id"], "nextRun": None}
    assert http.get(f"/v1/runs/{first['id']}").json()["execution"]["retry"]["nextRun"] == second["id"]
    assert http.post("/v1/runs/run_missing/rerun").status_code == 404


def test_tags(http: httpx.Client) -> None:
    run_id = start(http, "agents.echo", {}, tags=["a"]).json()["id"]
    assert http.get(f"/v1/runs/{run_id}/tags").json() == {"tags": ["a"]}
    replaced = http.put(f"/v1/runs/{run_id}/tags", json={"tags": ["x", "y", "x"]})
    assert replaced.json() == {"tags": ["x", "y"]}
    assert http.get(f"/v1/runs/{run_id}").json()["tags"] == ["x", "y"]
    assert http.put(f"/v1/runs/{run_id}/tags", json={"tags": ["t"] * 21}).status_code == 400
    assert http.put(f"/v1/runs/{run_id}/tags", json={"tags": ["x" * 65]}).status_code == 400
    tagged = http.get("/v1/runs", params={"tag": "y"}).json()["runs"]
    assert [run["id"] for run in tagged] == [run_id]


def test_unauthorized_without_or_with_wrong_key(server: LocalServer) -> None:
    with httpx.Client(base_url=server.base_url, timeout=30) as anonymous:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}):
            response = anonymous.get("/v1/runs", headers=headers)
            assert response.status_code == 401
            body = response.json()
            assert body["issues"][0]["code"] == "unauthorized"
            assert body["requestId"] == response.headers["x-request-id"]
            assert API_KEY not in response.text


def test_invalid_input_is_422_naming_the_field(http: httpx.Client) -> None:
    negative = start(http, "workflows.sleep", {"seconds": -1})
    assert negative.status_code == 422
    assert [issue["field"] for issue in negative.json()["issues"]] == ["input.seconds"]
    missing = start(http, "workflows.extract-invoice", {})
    assert missing.status_code == 422
    assert missing.json()["issues"][0]["field"] == "input.contract_document"
    unknown = start(http, "workflows.nope", {})
    assert unknown.status_code == 404
    assert unknown.json()["issues"][0]["field"] == "target"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 251}, "limit"),
        ({"status": "done"}, "status"),
        ({"type": "robot"}, "type"),
        ({"from": "yesterday"}, "from"),
        ({"ids": ",".join(f"run_{n}" for n in range(101))}, "ids"),
        ({"cursor": "garbage"}, "cursor"),
    ],
)
def test_list_rejects_bad_filters(http: httpx.Client, params: dict[str, Any], field: str) -> None:
    response = http.get("/v1/runs", params=params)
    assert response.status_code == 400
    assert response.json()["issues"][0]["field"] == field


def test_bad_wait_for_completion_is_400(http: httpx.Client) -> None:
    response = http.post("/v1/runs", params={"wait_for_completion": 601}, json={"target": "agents.echo"})
    assert response.status_code == 400
    assert response.json()["issues"][0]["field"] == "wait_for_completion"


def test_errors_for_unknown_routes_and_malformed_json(http: httpx.Client) -> None:
    missing = http.get("/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["requestId"] == missing.headers["x-request-id"]
    malformed = http.post("/v1/runs", content=b"{not json", headers={"Content-Type": "application/json"})
    assert malformed.status_code == 400
    assert malformed.json()["issues"][0]["code"] == "malformed_json"
    slash = http.get("/v1/runs/")
    assert slash.status_code == 404
    assert slash.json()["issues"][0]["code"] == "not_found"
    wrong_method = http.patch("/v1/runs")
    assert wrong_method.status_code == 405
    assert wrong_method.headers["allow"] == "GET, POST"


def test_list_filters_by_relative_time_source_and_status(http: httpx.Client) -> None:
    run_id = start(http, "agents.echo", {}, wait_for_completion=30).json()["id"]
    recent = http.get("/v1/runs", params={"from": "now()-1h", "source": "echo", "status": "completed,failed"})
    assert run_id in {run["id"] for run in recent.json()["runs"]}
    by_id = http.get("/v1/runs", params={"source": "ag_echo", "ids": run_id}).json()["runs"]
    assert [run["id"] for run in by_id] == [run_id]
    assert "output" not in by_id[0]
    future = http.get("/v1/runs", params={"from": "now()+1d"}).json()
    assert future == {"runs": [], "nextCursor": None}
    workflows = http.get("/v1/runs", params={"type": "workflow", "limit": 250}).json()["runs"]
    assert run_id not in {run["id"] for run in workflows}


def test_body_over_the_limit_is_413() -> None:
    with (
        LocalServer(api_key=API_KEY, max_body_bytes=1000) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30) as http,
    ):
        response = http.post("/v1/runs", json={"target": "agents.echo", "input": {"blob": "x" * 2000}})
        assert response.status_code == 413
        assert response.json()["issues"][0]["code"] == "payload_too_large"

        def chunks() -> Iterator[bytes]:
            yield b'{"target": "agents.echo", "input": {"blob": "'
            yield b"x" * 2000
            yield b'"}}'

        streamed = http.post("/v1/runs", content=chunks(), headers={"Content-Type": "application/json"})
        assert streamed.status_code == 413


def test_sleep_can_report_waiting(http: httpx.Client) -> None:
    run_id = start(http, "workflows.sleep", {"seconds": 30, "steps": 1, "wait": True}).json()["id"]
    assert wait_for_status(http, run_id, {"waiting"})["execution"]["status"] == "waiting"
    cancel = http.post(f"/v1/runs/{run_id}/cancel").json()
    assert cancel["cancellation"] == {"state": "requested", "wasStatus": "waiting"}
    assert wait_for_status(http, run_id, TERMINAL)["execution"]["status"] == "cancelled"
    assert start(http, "workflows.sleep", {"wait": "yes"}).json()["issues"][0]["field"] == "input.wait"


def test_a_hold_ends_when_the_client_goes_away(server: LocalServer, http: httpx.Client) -> None:
    run_id = start(http, "workflows.sleep", {"seconds": 30}).json()["id"]
    with (
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=0.5) as brief,
        pytest.raises(httpx.ReadTimeout),
    ):
        brief.get(f"/v1/runs/{run_id}", params={"wait_for_completion": 60})
    # The server lets go of the abandoned hold at once, not after 60 s; the run itself goes on.
    deadline = time.monotonic() + 10
    while http.get("/healthz").json()["holds"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert http.get("/healthz").json()["holds"] == 0
    assert http.post(f"/v1/runs/{run_id}/cancel").json()["cancellation"]["state"] == "requested"
    assert wait_for_status(http, run_id, TERMINAL)["execution"]["status"] == "cancelled"


def test_connections_to_the_server_send_small_answers_at_once() -> None:
    """The listening socket says it is TCP, so asyncio (and with it uvicorn) turns Nagle's algorithm off on every
    connection: otherwise a short body written after its headers waits for the client's delayed ACK, about 40 ms on
    each reused connection."""
    import asyncio
    import socket

    from eigenpal_ext.local._server import listen

    async def nodelay_of_an_accepted_connection() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            accepted.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=listen("127.0.0.1", 0))
        async with server:
            port = server.sockets[0].getsockname()[1]
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
            value = await asyncio.wait_for(accepted, timeout=10)
            writer.close()
            return value

    assert asyncio.run(nodelay_of_an_accepted_connection()) != 0
