"""The generated low-level client, driven over httpx.MockTransport: what it sends and what it keeps."""

from __future__ import annotations

import importlib
import io
import json
import pkgutil
from collections.abc import Callable
from pathlib import Path

import eigenpal_api.api
import httpx
import pytest
import yaml
from eigenpal_api import AuthenticatedClient
from eigenpal_api.api.runs import runs_get, runs_list, runs_start
from eigenpal_api.models import ExecutionStatus, Run, RunAccepted, RunExecutionMeta, RunStartMultipartRequest
from eigenpal_api.types import File

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = ("sync", "sync_detailed", "asyncio", "asyncio_detailed")
METHODS = ("get", "put", "post", "delete", "patch")


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
        "execution": {
            "status": status,
            "schemaValid": None,
            "batchId": None,
            "retry": {"number": 0, "previousRunId": None, "nextRun": None},
        },
        **extra,
    }


def client_answering(handler: Callable[[httpx.Request], httpx.Response]) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="https://api.eigenpal.com",
        token="test-key",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )


def document_operations() -> dict[str, tuple[str, str, str]]:
    """operationId -> (tag, method, path) of every operation in openapi/eigenpal.yaml, the generator's input."""
    document = yaml.safe_load((ROOT / "openapi" / "eigenpal.yaml").read_text())
    return {
        operation["operationId"]: (operation["tags"][0], method, path)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_every_operation_of_the_document_is_generated_four_ways_and_nothing_else() -> None:
    expected = {
        f"{tag.lower()}.{operation_id.replace('.', '_')}" for operation_id, (tag, _, _) in document_operations().items()
    }
    generated = {
        f"{package.name}.{module.name}"
        for package in pkgutil.iter_modules(eigenpal_api.api.__path__)
        for module in pkgutil.iter_modules([str(Path(eigenpal_api.api.__path__[0]) / package.name)])
    }
    assert generated == expected
    assert {"runs.runs_get", "runs.runs_list", "runs.runs_start", "runs.runs_usage_get", "files.files_get"} <= expected
    for name in sorted(expected):
        module = importlib.import_module(f"eigenpal_api.api.{name}")
        for entry_point in ENTRY_POINTS:
            assert callable(getattr(module, entry_point, None)), f"{name}.{entry_point} is missing"


def test_every_error_status_of_every_operation_is_the_error_envelope() -> None:
    document = yaml.safe_load((ROOT / "openapi" / "eigenpal.yaml").read_text())
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            codes = [code for code in operation["responses"] if code.startswith(("4", "5"))]
            assert {"401", "500"} <= set(codes), f"{method} {path} lacks 401/500"
            for code in codes:
                schema = operation["responses"][code]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ApiErrorEnvelope"}, f"{method} {path} {code}"


def test_a_status_and_a_field_the_document_does_not_know_parse_and_survive() -> None:
    body = run_json("paused_for_review", reviewQueue="legal")
    with client_answering(lambda request: httpx.Response(200, json=body)) as client:
        run = runs_get.sync(client=client, id="run_1")
    assert isinstance(run, Run)
    assert isinstance(run.execution, RunExecutionMeta)
    assert run.execution.status == "paused_for_review"
    assert not isinstance(run.execution.status, ExecutionStatus)
    assert run.additional_properties == {"reviewQueue": "legal"}
    assert run.to_dict()["reviewQueue"] == "legal"
    assert run.to_dict()["execution"]["status"] == "paused_for_review"


def test_a_known_status_parses_to_the_enum() -> None:
    with client_answering(lambda request: httpx.Response(200, json=run_json("running"))) as client:
        run = runs_get.sync(client=client, id="run_1")
    assert isinstance(run, Run)
    assert run.execution.status is ExecutionStatus.RUNNING


def test_query_parameters_go_on_the_wire_as_given_and_unset_ones_do_not() -> None:
    seen: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url)
        if request.url.path == "/v1/runs":
            return httpx.Response(200, json={"runs": [], "nextCursor": None})
        return httpx.Response(200, json=run_json("running"))

    with client_answering(handler) as client:
        runs_get.sync_detailed(client=client, id="run_1", expand="usage,execution")
        runs_list.sync_detailed(client=client, status="failed,cancelled", tag="batch-7", from_="now()-7d", limit=5)
    get_url, list_url = seen
    assert dict(get_url.params) == {"expand": "usage,execution"}
    assert dict(list_url.params) == {"status": "failed,cancelled", "tag": "batch-7", "from": "now()-7d", "limit": "5"}


@pytest.mark.asyncio
async def test_the_async_entry_points_send_the_same_wire_format() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=run_json("completed", finished=True, output={"ok": True}))

    async with client_answering(handler) as client:
        run = await runs_get.asyncio(client=client, id="run/1", expand="input")
    assert isinstance(run, Run)
    assert json.dumps(run.to_dict()["output"]) == '{"ok": true}'
    (request,) = seen
    assert request.url.raw_path == b"/v1/runs/run%2F1?expand=input"
    assert request.headers["Authorization"] == "Bearer test-key"


def test_the_api_key_is_not_in_the_generated_clients_repr() -> None:
    client = AuthenticatedClient(base_url="https://api.eigenpal.com", token="eg_secretsecretsecret")
    assert "eg_secretsecretsecret" not in repr(client)
    assert "eg_secretsecretsecret" not in repr(client.with_headers({"X-Eigenpal-Trigger": "api"}))


def test_a_printed_model_shows_plain_values() -> None:
    with client_answering(lambda request: httpx.Response(200, json=run_json("running"))) as client:
        run = runs_get.sync(client=client, id="run_1")
    assert "output=None" in repr(run)
    assert "UNSET" not in repr(run)
    assert "object at 0x" not in repr(run)


def test_multipart_starts_use_a_random_boundary_that_the_content_cannot_break() -> None:
    bodies: list[tuple[str, bytes]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append((request.headers["Content-Type"], request.read()))
        return httpx.Response(202, json={"id": "run_1", "type": "workflow", "finished": False})

    tricky = b"line one\r\n--+++\r\nnot a part boundary\r\n"
    with client_answering(handler) as client:
        for _ in range(2):
            body = RunStartMultipartRequest(target="workflows.extract-invoice")
            body.additional_properties["files.contract_document"] = File(
                payload=io.BytesIO(tricky), file_name="contract.txt", mime_type="text/plain"
            )
            accepted = runs_start.sync_detailed(client=client, body=body).parsed
            assert isinstance(accepted, RunAccepted)
    (first_type, first_body), (second_type, _) = bodies
    assert first_type.startswith("multipart/form-data; boundary=")
    assert "+++" not in first_type
    assert first_type != second_type
    assert tricky in first_body
