"""Every answer of a walk through the runs API fits openapi/eigenpal.yaml: the schema of that operation's response for
that status (jsonschema, the document's `$ref`s resolved), checked on real runs in every state that matters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from eigenpal_local import LocalServer, samples

from ._document import check_answer, schema_errors
from .conftest import API_KEY, wait_for_status

RUNS = "/v1/runs"
RUN = "/v1/runs/{id}"


@pytest.fixture(scope="module")
def one_worker() -> Iterator[httpx.Client]:
    """A server with a single worker, so that a second run really waits in `pending`."""
    with (
        LocalServer(api_key=API_KEY, workers=1) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30) as http,
    ):
        yield http


def start(http: httpx.Client, body: dict[str, Any], **params: Any) -> tuple[int, dict[str, Any]]:
    response = http.post(RUNS, json=body, params=params)
    run: dict[str, Any] = check_answer(response, "POST", RUNS)
    return response.status_code, run


def get(http: httpx.Client, run_id: str, template: str = RUN, **params: Any) -> Any:
    path = template.replace("{id}", run_id)
    return check_answer(http.get(path, params=params), "GET", template)


def fits(instance: object, schema_name: str) -> bool:
    return not schema_errors(instance, "components", "schemas", schema_name)


def test_start_answers_201_200_and_202(one_worker: httpx.Client) -> None:
    status, accepted = start(one_worker, {"target": "agents.echo", "tags": "walk"})
    assert status == 201
    assert fits(accepted, "RunAccepted")
    assert not fits(accepted, "Run")
    status, run = start(one_worker, {"target": "agents.echo", "input": {"a": 1}}, wait_for_completion=30)
    assert status == 200
    assert run["finished"] is True
    assert not fits(run, "RunAccepted")
    status, held = start(one_worker, {"target": "workflows.sleep", "input": {"seconds": 30}}, wait_for_completion=1)
    assert status == 202
    assert fits(held, "RunAccepted")
    check_answer(one_worker.post(f"{RUN.replace('{id}', held['id'])}/cancel"), "POST", f"{RUN}/cancel")


def test_runs_in_every_state_fit_slim_and_expanded(one_worker: httpx.Client) -> None:
    _, busy = start(one_worker, {"target": "workflows.sleep", "input": {"seconds": 30, "steps": 2}})
    wait_for_status(one_worker, busy["id"], {"running"})
    _, queued = start(one_worker, {"target": "agents.echo", "input": {"q": 1}, "metadata": {"m": 1}})
    everything = "input,usage,execution,debug"
    for run_id, status in ((busy["id"], "running"), (queued["id"], "pending")):
        slim = get(one_worker, run_id)
        assert slim["execution"]["status"] == status
        assert fits(slim["execution"], "RunExecutionMeta")
        expanded = get(one_worker, run_id, expand=everything)
        assert fits(expanded["execution"], "WorkflowRunExecution" if run_id == busy["id"] else "AgentRunExecution")
    # A run that never started has no telemetry.
    assert get(one_worker, queued["id"], f"{RUN}/usage") == {"usage": None}
    assert get(one_worker, queued["id"], expand="usage")["usage"] is None
    for run_id in (queued["id"], busy["id"]):
        cancelled = check_answer(one_worker.post(f"/v1/runs/{run_id}/cancel"), "POST", f"{RUN}/cancel")
        assert cancelled["cancellation"]["state"] in ("cancelled", "requested")
    for run_id in (queued["id"], busy["id"]):
        wait_for_status(one_worker, run_id)
        run = get(one_worker, run_id, expand=everything)
        assert run["execution"]["status"] == "cancelled"
        assert run["error"] == "cancelled by request"
        again = check_answer(one_worker.post(f"/v1/runs/{run_id}/cancel"), "POST", f"{RUN}/cancel")
        assert again["cancellation"]["state"] == "already_terminal"


@pytest.mark.parametrize("outcome", ["completed", "failed", "rejected"])
def test_terminal_workflow_runs_fit(http: httpx.Client, outcome: str) -> None:
    body = {"target": "workflows.sleep", "input": {"seconds": 0, "outcome": outcome}, "tags": ["walk", outcome]}
    _, run = start(http, body, wait_for_completion=30)
    assert run["execution"]["status"] == outcome
    expanded = get(http, run["id"], expand="input,usage,execution,debug")
    assert fits(expanded["execution"], "WorkflowRunExecution")
    assert expanded["usage"] is not None
    assert ("output" in expanded) == (outcome == "completed")
    steps = get(http, run["id"], f"{RUN}/steps")
    assert steps["total"] == len(steps["steps"]) == 3
    step = http.get(f"/v1/runs/{run['id']}/steps/{steps['steps'][0]['id']}")
    assert check_answer(step, "GET", f"{RUN}/steps/{{stepExecutionId}}") == steps["steps"][0]
    get(http, run["id"], f"{RUN}/events")
    get(http, run["id"], f"{RUN}/usage")
    get(http, run["id"], f"{RUN}/artifacts")


def test_list_with_tag_and_rerun_with_next_run(http: httpx.Client) -> None:
    _, first = start(http, {"target": "agents.echo", "input": {"x": 1}, "tags": ["walk-rerun"]}, wait_for_completion=30)
    path = f"{RUN}/rerun"
    response = http.post(path.replace("{id}", first["id"]))
    second = check_answer(response, "POST", path)
    assert response.status_code == 201
    held = http.post(path.replace("{id}", first["id"]), params={"wait_for_completion": 30})
    third = check_answer(held, "POST", path)
    assert held.status_code == 200
    assert third["execution"]["retry"]["previousRunId"] == first["id"]
    wait_for_status(http, second["id"])
    page = check_answer(http.get(RUNS, params={"tag": "walk-rerun", "limit": 100}), "GET", RUNS)
    assert [run["id"] for run in page["runs"]] == [third["id"], second["id"], first["id"]]
    assert all(fits(run, "RunListItem") and "output" not in run for run in page["runs"])
    # The last rerun is the source's next run.
    assert page["runs"][2]["execution"]["retry"]["nextRun"] == {"id": third["id"], "status": "completed"}
    everything = check_answer(http.get(RUNS, params={"limit": 2}), "GET", RUNS)
    assert everything["nextCursor"] is not None
    check_answer(http.get(RUNS, params={"limit": 2, "cursor": everything["nextCursor"]}), "GET", RUNS)


def test_files_and_artifacts_fit(http: httpx.Client) -> None:
    name = "invoice-acme.txt"
    response = http.post(
        RUNS,
        params={"wait_for_completion": 60},
        data={"target": "workflows.extract-invoice", "tags": '["walk"]'},
        files={"files.contract_document": (name, samples.path(name).read_bytes(), "text/plain")},
    )
    run = check_answer(response, "POST", RUNS)
    assert response.status_code == 200
    assert [file["path"] for file in run["files"]] == ["outputs/extracted.json"]
    artifacts = get(http, run["id"], f"{RUN}/artifacts")["artifacts"]
    assert {artifact["role"] for artifact in artifacts} == {"input", "output"}
    path = f"{RUN}/artifacts/{{path}}"
    for artifact in artifacts:
        download = http.get(f"/v1/runs/{run['id']}/artifacts/{quote(artifact['path'], safe='')}")
        assert download.status_code == 200
        check_answer(download, "GET", path)
    zipped = http.get(f"/v1/runs/{run['id']}/artifacts", params={"zip": "1"})
    check_answer(zipped, "GET", f"{RUN}/artifacts")
    missing = http.get(f"/v1/runs/{run['id']}/artifacts/outputs%2Fnope.json")
    assert check_answer(missing, "GET", path)["issues"][0]["field"] == "path"
    # `{path}` is one segment: with its slashes unencoded, the path names no operation of the document.
    literal = http.get(f"/v1/runs/{run['id']}/artifacts/{artifacts[0]['path']}")
    assert literal.status_code == 404
    assert literal.json()["issues"][0]["code"] == "not_found"
    _, agent = start(
        http,
        {
            "target": "agents.echo",
            "files": {"doc": {"$inline": {"filename": "a.txt", "mimeType": "text/plain", "base64": "YQ=="}}},
        },
        wait_for_completion=30,
    )
    expanded = get(http, agent["id"], expand="input,execution")
    assert [file["name"] for file in expanded["input"]["files"]] == ["a.txt"]
    assert fits(expanded["input"], "RunInput")


@pytest.mark.parametrize(
    ("method", "path", "template", "kwargs", "status"),
    [
        ("GET", RUNS, RUNS, {"params": {"limit": 101}}, 400),
        ("GET", RUNS, RUNS, {"params": {"status": "done"}}, 400),
        ("GET", RUNS, RUNS, {"params": {"wait_for_completion": 5}}, 400),
        ("POST", RUNS, RUNS, {"json": {"input": {}}}, 400),
        ("POST", RUNS, RUNS, {"json": {"target": "workflows.sleep", "input": {"seconds": -1}}}, 400),
        ("POST", RUNS, RUNS, {"json": {"target": "workflows.nope"}}, 404),
        ("POST", RUNS, RUNS, {"json": {"target": "agents.echo"}, "params": {"wait_for_completion": 601}}, 400),
        ("GET", "/v1/runs/run_missing", RUN, {}, 404),
        ("GET", "/v1/runs/run_missing", RUN, {"params": {"expand": "secrets"}}, 404),
        ("POST", "/v1/runs/run_missing/cancel", f"{RUN}/cancel", {}, 404),
        ("POST", "/v1/runs/run_missing/rerun", f"{RUN}/rerun", {}, 404),
        ("GET", "/v1/runs/run_missing/usage", f"{RUN}/usage", {}, 404),
        ("GET", "/v1/runs/run_missing/steps", f"{RUN}/steps", {}, 404),
        ("GET", "/v1/runs/run_missing/steps/step_1", f"{RUN}/steps/{{stepExecutionId}}", {}, 404),
        ("GET", "/v1/runs/run_missing/events", f"{RUN}/events", {}, 404),
        ("GET", "/v1/runs/run_missing/artifacts", f"{RUN}/artifacts", {}, 404),
    ],
)
def test_errors_fit_the_envelope(
    http: httpx.Client, method: str, path: str, template: str, kwargs: dict[str, Any], status: int
) -> None:
    response = http.request(method, path, **kwargs)
    assert response.status_code == status
    body = check_answer(response, method, template)
    assert all(issue["severity"] == "error" for issue in body["issues"])


def test_unauthorized_and_rate_limited_answers_fit(server: LocalServer) -> None:
    with httpx.Client(base_url=server.base_url, timeout=30) as anonymous:
        check_answer(anonymous.get(RUNS), "GET", RUNS)
    with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30) as http:
        run_id = http.post(RUNS, json={"target": "agents.echo"}).json()["id"]
        server.set_faults("429=1,retry_after=2")
        try:
            limited = http.get(f"/v1/runs/{run_id}")
        finally:
            server.set_faults(None)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "2"
    check_answer(limited, "GET", RUN)
