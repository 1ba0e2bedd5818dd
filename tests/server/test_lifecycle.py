"""Runs move through real lifecycles: holds, cancels, reruns, steps, events, tags and usage."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from eigenpal_local import LocalServer

from .conftest import API_KEY, TERMINAL, wait_for_status


def start(http: httpx.Client, target: str, run_input: dict[str, Any] | None = None, **params: Any) -> httpx.Response:
    body: dict[str, Any] = {"target": target, "input": run_input or {}}
    if "tags" in params:
        body["tags"] = params.pop("tags")
    return http.post("/v1/runs", json=body, params=params)


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


def test_start_without_a_hold_is_accepted_at_once(http: httpx.Client) -> None:
    accepted = start(http, "workflows.sleep", {"seconds": 0.6})
    assert accepted.status_code == 201
    # The real API documents no X-Poll-After-Ms: no answer carries one.
    assert "x-poll-after-ms" not in accepted.headers
    body = accepted.json()
    assert body == {"id": body["id"], "type": "workflow", "finished": False, "source": body["source"]}
    assert body["source"] == {"id": "wf_sleep", "name": "Sleep", "version": "1"}
    in_flight = http.get(f"/v1/runs/{body['id']}")
    assert in_flight.json()["finished"] is False
    assert "x-poll-after-ms" not in in_flight.headers
    done = http.get(f"/v1/runs/{wait_for_status(http, body['id'])['id']}")
    assert done.json()["execution"]["status"] == "completed"
    assert "x-poll-after-ms" not in done.headers


def test_get_takes_no_hold(http: httpx.Client) -> None:
    run_id = start(http, "agents.echo").json()["id"]
    response = http.get(f"/v1/runs/{run_id}", params={"wait_for_completion": 30})
    assert response.status_code == 400
    assert response.json()["issues"][0] == {
        "field": "wait_for_completion",
        "message": "unknown query parameter 'wait_for_completion'",
        "code": "unknown_parameter",
        "severity": "error",
    }


@pytest.mark.parametrize("seconds", [0, 1])
def test_hold_ends_when_time_passes(http: httpx.Client, seconds: int) -> None:
    response = start(http, "workflows.sleep", {"seconds": 5}, wait_for_completion=seconds)
    assert response.status_code == 202
    assert response.json()["finished"] is False
    assert "x-poll-after-ms" not in response.headers
    http.post(f"/v1/runs/{response.json()['id']}/cancel")


@pytest.mark.parametrize(("outcome", "status"), [("failed", "failed"), ("rejected", "rejected")])
def test_sleep_outcomes(http: httpx.Client, outcome: str, status: str) -> None:
    run = start(http, "workflows.sleep", {"seconds": 0, "outcome": outcome}, wait_for_completion=30).json()
    assert run["execution"]["status"] == status
    assert outcome in run["error"]
    assert "output" not in run
    assert "files" not in run
    listed = http.get("/v1/runs", params={"ids": run["id"]}).json()["runs"]
    assert listed[0]["error"] == run["error"]


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
    one = http.get(f"/v1/runs/{run_id}/steps/{steps['steps'][1]['id']}")
    assert one.status_code == 200
    assert one.json() == steps["steps"][1]
    missing_step = http.get(f"/v1/runs/{run_id}/steps/step_nope")
    assert missing_step.status_code == 404
    assert missing_step.json()["issues"][0]["field"] == "stepExecutionId"
    usage = http.get(f"/v1/runs/{run_id}/usage").json()["usage"]
    assert set(usage["tokens"]) == {"input", "output", "cacheRead", "cacheWrite"}
    assert usage["durationMs"] >= 50
    assert {"llmCallCount", "ocrPagesProcessed"} <= set(usage)
    expanded = http.get(f"/v1/runs/{run_id}", params={"expand": "input,usage,execution,debug"}).json()
    assert expanded["input"] == {"args": {"seconds": 0.1, "steps": 2}}
    assert expanded["usage"]["durationMs"] == usage["durationMs"]
    assert expanded["execution"]["steps"] == steps["steps"]
    assert [phase["phase"] for phase in expanded["debug"]["observability"]["phases"]][-1] == "completed"
    plain = http.get(f"/v1/runs/{run_id}").json()
    assert not {"input", "usage", "debug"} & set(plain)
    assert "steps" not in plain["execution"]
    assert plain["execution"]["humanReview"] is None
    bad = http.get(f"/v1/runs/{run_id}", params={"expand": "input,secrets"})
    assert bad.status_code == 400
    assert bad.json()["issues"][0]["field"] == "expand"


def test_echo_agent_returns_its_input(http: httpx.Client) -> None:
    run = start(http, "agents.echo", {"question": "ping", "n": [1, 2]}, wait_for_completion=30).json()
    assert run["type"] == "agent"
    assert {key: run["source"][key] for key in ("id", "name", "version", "slug", "git")} == {
        "id": "ag_echo",
        "name": "Echo",
        "version": None,
        "slug": "echo",
        "git": None,
    }
    assert run["output"] == {"question": "ping", "n": [1, 2]}
    expanded = http.get(f"/v1/runs/{run['id']}", params={"expand": "execution,usage"}).json()
    assert expanded["execution"]["files"] == {"output": []}
    assert "steps" not in expanded["execution"]
    assert expanded["usage"]["agentTurns"] == 1
    assert not {"llmCallCount", "ocrPagesProcessed"} & set(expanded["usage"])


def test_a_bare_workflow_id_is_a_target(http: httpx.Client) -> None:
    run = start(http, "wf_sleep", {"seconds": 0}, wait_for_completion=30).json()
    assert run["source"]["id"] == "wf_sleep"
    assert run["execution"]["status"] == "completed"


def test_trigger_names_the_key_creator_and_the_provenance(http: httpx.Client) -> None:
    by = {"id": "user_local", "name": "Local Developer", "email": "dev@localhost"}
    api = start(http, "agents.echo", wait_for_completion=30).json()
    assert api["trigger"] == {"type": "api", "by": by}
    cli = http.post(
        "/v1/runs",
        json={"target": "agents.echo"},
        params={"wait_for_completion": 30},
        headers={"X-Eigenpal-Trigger": "cli"},
    ).json()
    assert cli["trigger"] == {"type": "cli", "by": by}
    assert [
        run["id"]
        for run in http.get("/v1/runs", params={"ids": f"{api['id']},{cli['id']}", "trigger": "cli"}).json()["runs"]
    ] == [cli["id"]]
    by_email = http.get("/v1/runs", params={"ids": api["id"], "triggeredBy": "dev@localhost"}).json()["runs"]
    assert [run["id"] for run in by_email] == [api["id"]]
    refused = http.post("/v1/runs", json={"target": "agents.echo"}, headers={"X-Eigenpal-Trigger": "robot"})
    assert refused.status_code == 400
    assert refused.json()["issues"][0]["field"] == "X-Eigenpal-Trigger"


def test_sample_rank_is_stable_and_filters(http: httpx.Client) -> None:
    ids = [start(http, "agents.echo").json()["id"] for _ in range(20)]
    ranks = {run["id"]: run["sampleRank"] for run in http.get("/v1/runs", params={"ids": ",".join(ids)}).json()["runs"]}
    assert all(0 <= rank < 1 for rank in ranks.values())
    assert len(set(ranks.values())) == len(ids)
    assert http.get(f"/v1/runs/{ids[0]}").json()["sampleRank"] == ranks[ids[0]]
    half = http.get("/v1/runs", params={"ids": ",".join(ids), "sampleRate": "0.5"}).json()["runs"]
    assert {run["id"] for run in half} == {run_id for run_id, rank in ranks.items() if rank < 0.5}


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
        run = wait_for_status(http, running_id, timeout=20)
        assert run["execution"]["status"] == "cancelled"
        assert run["error"] == "cancelled by request"
        steps = http.get(f"/v1/runs/{running_id}/steps").json()["steps"]
        assert steps[0]["status"] == "cancelled"
        assert {step["status"] for step in steps[1:]} == {"skipped"}

        again = http.post(f"/v1/runs/{running_id}/cancel").json()
        assert again["cancellation"] == {"state": "already_terminal", "wasStatus": "cancelled"}


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("DELETE", "/v1/runs/{id}", 405),
        ("POST", "/v1/runs/cancel", 405),
        ("GET", "/v1/runs/{id}/tags", 404),
        ("PUT", "/v1/runs/{id}/tags", 404),
    ],
)
def test_routes_the_document_does_not_have_are_not_served(
    http: httpx.Client, method: str, path: str, status: int
) -> None:
    run_id = start(http, "agents.echo").json()["id"]
    response = http.request(method, path.format(id=run_id), json={"tags": ["x"]})
    assert response.status_code == status
    assert response.json()["requestId"] == response.headers["x-request-id"]
    assert http.get(f"/v1/runs/{run_id}").status_code == 200


def test_rerun_links_runs(http: httpx.Client) -> None:
    first = start(http, "agents.echo", {"x": 1}, wait_for_completion=30).json()
    second = http.post(f"/v1/runs/{first['id']}/rerun", params={"wait_for_completion": 30}).json()
    assert second["id"] != first["id"]
    assert second["output"] == {"x": 1}
    assert second["trigger"]["type"] == "api"
    assert second["execution"]["retry"] == {"number": 1, "previousRunId": first["id"], "nextRun": None}
    retry = http.get(f"/v1/runs/{first['id']}").json()["execution"]["retry"]
    assert retry["nextRun"] == {"id": second["id"], "status": "completed"}
    assert http.post("/v1/runs/run_missing/rerun").status_code == 404


def test_next_run_carries_the_reruns_current_status(http: httpx.Client) -> None:
    first = start(http, "workflows.sleep", {"seconds": 0.5}, wait_for_completion=30).json()
    accepted = http.post(f"/v1/runs/{first['id']}/rerun", params={"wait_for_completion": 0})
    assert accepted.status_code == 202
    second = accepted.json()
    assert second["finished"] is False
    listed = http.get("/v1/runs", params={"ids": first["id"]}).json()["runs"][0]
    assert listed["execution"]["retry"]["nextRun"]["id"] == second["id"]
    assert listed["execution"]["retry"]["nextRun"]["status"] not in TERMINAL
    wait_for_status(http, second["id"])
    assert http.get(f"/v1/runs/{first['id']}").json()["execution"]["retry"]["nextRun"]["status"] == "completed"
    third = http.post(f"/v1/runs/{second['id']}/rerun")
    assert third.status_code == 201
    assert http.get(f"/v1/runs/{third.json()['id']}").json()["execution"]["retry"]["number"] == 2


def test_rerun_versions(http: httpx.Client) -> None:
    first = start(http, "workflows.sleep", {"seconds": 0}, version="v7", wait_for_completion=30).json()
    assert first["source"]["version"] == "v7"
    pinned = http.post(f"/v1/runs/{first['id']}/rerun", params={"version": "original", "wait_for_completion": 30})
    assert pinned.json()["source"]["version"] == "v7"
    latest = http.post(f"/v1/runs/{first['id']}/rerun", params={"wait_for_completion": 30})
    assert latest.json()["source"]["version"] == "1"
    chosen = http.post(f"/v1/runs/{first['id']}/rerun", params={"version": "v8", "wait_for_completion": 30})
    assert chosen.json()["source"]["version"] == "v8"
    family = ",".join(run["id"] for run in (first, pinned.json(), latest.json(), chosen.json()))
    by_ref = http.get("/v1/runs", params={"ids": family, "sourceRef": "v7"}).json()["runs"]
    assert [run["id"] for run in by_ref] == [pinned.json()["id"], first["id"]]


def test_tags_are_set_at_start(http: httpx.Client) -> None:
    tag = f"Tag-{time.monotonic_ns()}"
    listed_id = start(http, "agents.echo", {}, tags=[tag, "b", tag]).json()["id"]
    single_id = start(http, "agents.echo", {}, tags=tag).json()["id"]
    assert http.get(f"/v1/runs/{listed_id}").json()["tags"] == [tag, "b"]
    assert http.get(f"/v1/runs/{single_id}").json()["tags"] == [tag]
    # httpx sends a form as multipart only with a file in it.
    note = {"files.note": ("note.txt", b"n", "text/plain")}
    multipart = http.post("/v1/runs", data={"target": "agents.echo", "tags": json.dumps([tag, "m"])}, files=note)
    plain = http.post("/v1/runs", data={"target": "agents.echo", "tags": tag}, files=note)
    assert multipart.status_code == plain.status_code == 201
    assert http.get(f"/v1/runs/{multipart.json()['id']}").json()["tags"] == [tag, "m"]
    assert http.get(f"/v1/runs/{plain.json()['id']}").json()["tags"] == [tag]
    tagged = http.get("/v1/runs", params={"tag": tag}).json()["runs"]
    assert [run["id"] for run in tagged] == [plain.json()["id"], multipart.json()["id"], single_id, listed_id]
    # Exact and case-sensitive.
    assert http.get("/v1/runs", params={"tag": tag.lower()}).json()["runs"] == []
    assert start(http, "agents.echo", {}, tags=["t"] * 101).status_code == 400
    assert start(http, "agents.echo", {}, tags=["x" * 257]).status_code == 400
    assert start(http, "agents.echo", {}, tags=[""]).status_code == 400
    assert start(http, "agents.echo", {}, tags=["x" * 256] * 100).status_code == 201


def test_unauthorized_without_or_with_wrong_key(server: LocalServer) -> None:
    with httpx.Client(base_url=server.base_url, timeout=30) as anonymous:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": API_KEY}):
            response = anonymous.get("/v1/runs", headers=headers)
            assert response.status_code == 401
            body = response.json()
            assert body["issues"][0]["code"] == "unauthorized"
            assert body["requestId"] == response.headers["x-request-id"]
            assert API_KEY not in response.text


def test_invalid_input_is_400_naming_the_field(http: httpx.Client) -> None:
    negative = start(http, "workflows.sleep", {"seconds": -1})
    assert negative.status_code == 400
    assert [issue["field"] for issue in negative.json()["issues"]] == ["input.seconds"]
    missing = start(http, "workflows.extract-invoice", {})
    assert missing.status_code == 400
    assert missing.json()["issues"][0]["field"] == "input.contract_document"
    for target in ("workflows.nope", "not a target", "wf_nope", "agents.echo.v2"):
        unknown = start(http, target, {})
        assert unknown.status_code == 404
        assert unknown.json()["issues"][0]["field"] == "target"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"sort": "durationMs"}, "sort"),
        ({"order": "up"}, "order"),
        ({"sampleRate": "2"}, "sampleRate"),
        ({"hasReview": "maybe"}, "hasReview"),
        ({"hasExample": "false"}, "hasExample"),
        ({"completedAfter": "soon"}, "completedAfter"),
        ({"shape": "round"}, "shape"),
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
    assert missing.json()["issues"][0]["field"] == "<root>"
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
    workflows = http.get("/v1/runs", params={"type": "workflow", "limit": 100}).json()["runs"]
    assert run_id not in {run["id"] for run in workflows}
    completed = http.get("/v1/runs", params={"ids": run_id, "completedAfter": "now()-1h", "createdBefore": "now()"})
    assert [run["id"] for run in completed.json()["runs"]] == [run_id]
    assert http.get("/v1/runs", params={"ids": run_id, "completedBefore": "now()-1h"}).json()["runs"] == []


@pytest.mark.parametrize(
    ("params", "kept"),
    [
        ({"batchId": "batch_1"}, False),
        ({"exampleId": "ex_1"}, False),
        ({"hasExample": "true"}, False),
        ({"reviewStatus": "open"}, False),
        ({"hasReview": "true"}, False),
        ({"hasReview": "false"}, True),
        ({"noReview": "true"}, True),
        ({"hasCorrections": "1"}, False),
        ({"reviewCreatedAfter": "now()-1d"}, False),
        ({"sinceLastClosed": "true"}, True),
        ({"experiments": "include"}, True),
        ({"sort": "createdAt", "order": "desc"}, True),
    ],
)
def test_filters_on_what_no_local_run_has(http: httpx.Client, params: dict[str, str], kept: bool) -> None:
    run_id = start(http, "agents.echo").json()["id"]
    listed = http.get("/v1/runs", params={"ids": run_id, **params})
    assert listed.status_code == 200
    assert [run["id"] for run in listed.json()["runs"]] == ([run_id] if kept else [])


def test_order_and_offset(http: httpx.Client) -> None:
    tag = f"order-{time.monotonic_ns()}"
    ids = [start(http, "agents.echo", tags=[tag]).json()["id"] for _ in range(5)]
    oldest_first = http.get("/v1/runs", params={"tag": tag, "order": "asc", "limit": 2}).json()
    assert [run["id"] for run in oldest_first["runs"]] == ids[:2]
    rest = http.get("/v1/runs", params={"tag": tag, "order": "asc", "cursor": oldest_first["nextCursor"]}).json()
    assert [run["id"] for run in rest["runs"]] == ids[2:]
    skipped = http.get("/v1/runs", params={"tag": tag, "offset": 3}).json()
    assert [run["id"] for run in skipped["runs"]] == ids[:2][::-1]


def test_body_over_a_lower_cap_is_413() -> None:
    with (
        LocalServer(api_key=API_KEY, max_request_bytes=1000) as server,
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
    with (
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=0.5) as brief,
        pytest.raises(httpx.ReadTimeout),
    ):
        start(brief, "workflows.sleep", {"seconds": 30}, tags=["abandoned-hold"], wait_for_completion=60)
    # The server lets go of the abandoned hold at once, not after 60 s; the run itself goes on.
    deadline = time.monotonic() + 10
    while http.get("/healthz").json()["holds"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert http.get("/healthz").json()["holds"] == 0
    (run,) = http.get("/v1/runs", params={"tag": "abandoned-hold"}).json()["runs"]
    assert http.post(f"/v1/runs/{run['id']}/cancel").json()["cancellation"]["state"] == "requested"
    assert wait_for_status(http, run["id"], TERMINAL)["execution"]["status"] == "cancelled"


def test_connections_to_the_server_send_small_answers_at_once() -> None:
    """The listening socket says it is TCP, so asyncio (and with it uvicorn) turns Nagle's algorithm off on every
    connection: otherwise a short body written after its headers waits for the client's delayed ACK, about 40 ms on
    each reused connection."""
    import asyncio
    import socket

    from eigenpal_local._serving import listen

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
