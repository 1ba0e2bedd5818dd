"""The generated low-level client, driven over httpx.MockTransport: what it sends and what it keeps."""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import yaml
from eigenpal_api import AuthenticatedClient
from eigenpal_api.api.runs import get_run, list_runs
from eigenpal_api.models import ExpandToken, Run, RunStatus

ROOT = Path(__file__).resolve().parents[2]

# Every operation of ../shared/CONTRACT.md: (method, path) -> generated module in eigenpal_api.api.runs.
CONTRACT_OPERATIONS = {
    ("post", "/v1/runs"): "start_run",
    ("get", "/v1/runs/{id}"): "get_run",
    ("get", "/v1/runs"): "list_runs",
    ("post", "/v1/runs/{id}/cancel"): "cancel_run",
    ("post", "/v1/runs/cancel"): "cancel_runs",
    ("post", "/v1/runs/{id}/rerun"): "rerun_run",
    ("delete", "/v1/runs/{id}"): "delete_run",
    ("get", "/v1/runs/{id}/tags"): "get_run_tags",
    ("put", "/v1/runs/{id}/tags"): "update_run_tags",
    ("get", "/v1/runs/{id}/artifacts"): "list_run_artifacts",
    ("get", "/v1/runs/{id}/artifacts/{path}"): "download_run_artifact",
    ("get", "/v1/runs/{id}/usage"): "get_run_usage",
    ("get", "/v1/runs/{id}/steps"): "list_run_steps",
    ("get", "/v1/runs/{id}/events"): "list_run_events",
}


def run_json(status: str, **extra: object) -> dict[str, object]:
    return {
        "id": "run_1",
        "type": "workflow",
        "finished": False,
        "tags": [],
        "timing": {
            "createdAt": "2026-11-21T04:00:00.000Z",
            "startedAt": None,
            "completedAt": None,
            "durationMs": None,
            "cancelRequestedAt": None,
        },
        "source": {"id": "wf_sleep", "name": "Sleep", "version": "1", "slug": "sleep"},
        "trigger": {"type": "api", "by": None},
        "execution": {"status": status, "schemaValid": None, "batchId": None, "retry": None},
        **extra,
    }


def client_answering(handler: Callable[[httpx.Request], httpx.Response]) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="https://api.test",
        token="test-key",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


def test_a_status_and_a_field_the_document_does_not_know_parse_and_survive() -> None:
    body = run_json("paused_for_review", reviewQueue="legal")
    client = client_answering(lambda request: httpx.Response(200, json=body))
    with client:
        run = get_run.sync(client=client, id="run_1")
    assert isinstance(run, Run)
    assert run.execution.status == "paused_for_review"
    assert not isinstance(run.execution.status, RunStatus)
    assert run.additional_properties == {"reviewQueue": "legal"}
    # Nothing is lost on the way back out either.
    assert run.to_dict()["reviewQueue"] == "legal"
    assert run.to_dict()["execution"]["status"] == "paused_for_review"


def test_a_known_status_parses_to_the_enum() -> None:
    client = client_answering(lambda request: httpx.Response(200, json=run_json("running")))
    with client:
        run = get_run.sync(client=client, id="run_1")
    assert isinstance(run, Run)
    assert run.execution.status is RunStatus.RUNNING


def test_list_parameters_go_on_the_wire_comma_separated() -> None:
    seen: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        if request.url.path == "/v1/runs":
            return httpx.Response(200, json={"runs": [], "nextCursor": None})
        return httpx.Response(200, json=run_json("running"))

    with client_answering(handler) as client:
        get_run.sync_detailed(client=client, id="run_1", expand=[ExpandToken.USAGE, ExpandToken.EXECUTION])
        list_runs.sync_detailed(
            client=client, status=[RunStatus.FAILED, RunStatus.CANCELLED], ids=["run_1", "run_2"], limit=5
        )
    get_url, list_url = seen
    assert get_url.params.get_list("expand") == ["usage,execution"]
    assert "expand=usage%2Cexecution" in str(get_url) or "expand=usage,execution" in str(get_url)
    assert list_url.params.get_list("status") == ["failed,cancelled"]
    assert list_url.params.get_list("ids") == ["run_1,run_2"]
    assert list_url.params["limit"] == "5"


def test_every_contract_operation_is_in_the_document_and_generated_four_ways() -> None:
    document = yaml.safe_load((ROOT / "openapi" / "eigenpal.yaml").read_text())
    in_document = {
        (method, path)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "put", "post", "delete", "patch"}
    }
    assert in_document == set(CONTRACT_OPERATIONS)
    for module_name in CONTRACT_OPERATIONS.values():
        module = importlib.import_module(f"eigenpal_api.api.runs.{module_name}")
        for entry_point in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
            assert callable(getattr(module, entry_point, None)), f"{module_name}.{entry_point} is missing"


def test_every_error_status_of_every_operation_is_the_error_envelope() -> None:
    document = yaml.safe_load((ROOT / "openapi" / "eigenpal.yaml").read_text())
    shared = document["components"]["responses"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            codes = [code for code in operation["responses"] if code.startswith(("4", "5"))]
            assert {"401", "500"} <= set(codes), f"{method} {path} lacks 401/500"
            for code in codes:
                response = operation["responses"][code]
                if "$ref" in response:
                    response = shared[response["$ref"].rsplit("/", 1)[-1]]
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, f"{method} {path} {code}"


@pytest.mark.asyncio
async def test_the_async_entry_points_send_the_same_wire_format() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=run_json("completed", finished=True, output={"ok": True}))

    async with client_answering(handler) as client:
        run = await get_run.asyncio(client=client, id="run/1", expand=[ExpandToken.INPUT])
    assert isinstance(run, Run)
    assert json.dumps(run.to_dict()["output"]) == '{"ok": true}'
    (request,) = seen
    assert request.url.raw_path.startswith(b"/v1/runs/run%2F1?")
    assert request.headers["Authorization"] == "Bearer test-key"


def test_the_api_key_is_not_in_the_generated_clients_repr() -> None:
    client = AuthenticatedClient(base_url="https://api.test", token="eg_secretsecretsecret")
    assert "eg_secretsecretsecret" not in repr(client)


def test_a_printed_model_shows_plain_values() -> None:
    client = client_answering(lambda request: httpx.Response(200, json=run_json("running")))
    with client:
        run = get_run.sync(client=client, id="run_1")
    assert "output=None" in repr(run)
    assert "UNSET" not in repr(run)
    assert "object at 0x" not in repr(run)


def test_multipart_starts_use_a_random_boundary_that_the_content_cannot_break() -> None:
    from eigenpal_api.api.runs import start_run
    from eigenpal_api.models import StartRunMultipartRequest
    from eigenpal_api.types import File

    bodies: list[tuple[str, bytes]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append((request.headers["Content-Type"], request.read()))
        return httpx.Response(202, json={"id": "run_1", "type": "workflow", "finished": False})

    tricky = b"line one\r\n--+++\r\nnot a part boundary\r\n"
    with client_answering(handler) as client:
        for _ in range(2):
            body = StartRunMultipartRequest(target="workflows.extract-invoice")
            body.additional_properties["files.contract_document"] = File(
                payload=io.BytesIO(tricky), file_name="contract.txt", mime_type="text/plain"
            )
            start_run.sync_detailed(client=client, body=body)
    (first_type, first_body), (second_type, _) = bodies
    assert first_type.startswith("multipart/form-data; boundary=")
    assert "+++" not in first_type
    assert first_type != second_type
    assert tricky in first_body
