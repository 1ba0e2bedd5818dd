"""The client against answers shaped as the real API gives them (R3: the published document plus the additions of
the official Python SDK 0.20.93), through a caller's own ``http_client``.

Every body the fake server sends is first validated against that document with ``jsonschema``: if the fake drifted
from the real API, these tests would fail before the client is even asked.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import referencing
import yaml
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.run_usage import RunUsage
from oas_patch.overlay import apply_overlay  # type: ignore[import-untyped]  # no type information
from referencing.jsonschema import DRAFT202012

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient, EigenpalError, RunStatus

UPSTREAM = Path(__file__).resolve().parents[2] / "openapi" / "upstream"
KEY = "sk_test_real_answers"


def _r3_document() -> dict[str, Any]:
    document = json.loads((UPSTREAM / "eigenpal-openapi-1.0.0.json").read_text())
    overlay = yaml.safe_load((UPSTREAM / "overlays" / "r3-eigenpal-0.20.93.yaml").read_text())
    return dict(apply_overlay(document, overlay))


R3 = _r3_document()
_REGISTRY: referencing.Registry[Any] = referencing.Registry().with_resource("urn:r3", DRAFT202012.create_resource(R3))


def _check(body: Any, schema: str) -> Any:
    """``body``, after checking that the R3 document allows it as ``schema``."""
    validator = jsonschema.Draft202012Validator({"$ref": f"urn:r3#/components/schemas/{schema}"}, registry=_REGISTRY)
    validator.validate(body)
    return body


class R3Server:
    """Runs that complete as soon as they start, answered as the real API does: 201 and a RunAccepted for a start
    without a hold, 200 and the Run for a held start that ended, R3 fields on every run."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.requests: list[httpx.Request] = []
        self.runs: dict[str, dict[str, Any]] = {}

    def _run(self, run_id: str, output: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": run_id,
            "type": "workflow",
            "finished": True,
            "sampleRank": 0.42,
            "timing": {
                "createdAt": "2026-12-06T10:00:00.000Z",
                "startedAt": "2026-12-06T10:00:00.120Z",
                "completedAt": "2026-12-06T10:00:01.870Z",
                "durationMs": 1750.5,
                "cancelRequestedAt": None,
            },
            "source": {"id": "wf_8Hk2", "name": None, "version": "v3", "versionId": None},
            "trigger": {"type": "api", "by": {"id": "usr_1", "name": None, "email": "ops@example.com"}},
            "output": output,
            "files": [],
            "error": None,
            "execution": {
                "status": "completed",
                "schemaValid": True,
                "batchId": None,
                "retry": {"number": 0, "previousRunId": None, "nextRun": None},
                "humanReview": None,
            },
            "tags": ["nightly"],
        }

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        with self.lock:
            self.requests.append(request)
            return self._answer(request)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if request.method == "POST" and path == "/v1/runs":
            assert "Idempotency-Key" in request.headers  # sent, though nothing relies on it
            body = json.loads(request.content)
            run_id = f"run_{len(self.runs) + 1}"
            self.runs[run_id] = _check(self._run(run_id, {"n": body.get("input", {}).get("n")}), "Run")
            if "wait_for_completion" in request.url.params:
                return httpx.Response(200, json=self.runs[run_id])
            accepted = {
                "id": run_id,
                "type": "workflow",
                "finished": False,
                "source": {"id": "wf_8Hk2", "name": None, "version": "v3"},
            }
            return httpx.Response(201, json=_check(accepted, "RunAccepted"))
        if request.method == "GET" and path == "/v1/runs":
            ids = request.url.params["ids"].split(",")
            items = []
            for run_id in ids:
                item = {key: value for key, value in self.runs[run_id].items() if key not in ("output", "files")}
                items.append(item)
            return httpx.Response(200, json=_check({"runs": items, "nextCursor": None}, "RunsListResponse"))
        if request.method == "GET" and path.endswith("/usage"):
            usage = {
                "usage": {
                    "tokens": {"input": 1200.5, "output": None, "cacheRead": None, "cacheWrite": 0},
                    "creditsCharged": 0.75,
                    "durationMs": None,
                    "llmCallCount": 2,
                }
            }
            return httpx.Response(200, json=_check(usage, "RunUsageResponse"))
        if request.method == "GET" and path.startswith("/v1/runs/"):
            return httpx.Response(200, json=self.runs[path.rsplit("/", 1)[1]])
        raise AssertionError(f"unexpected {request.method} {request.url}")


def test_a_start_answered_201_is_a_started_run_not_an_error() -> None:
    server = R3Server()
    with (
        httpx.Client(transport=httpx.MockTransport(server)) as http,
        EigenpalClient(api_key=KEY, base_url="https://api.eigenpal.com", http_client=http) as client,
    ):
        started = client.run("workflows.extract-invoice", input={"n": 1})
        assert isinstance(started, RunAccepted)
        assert started.id == "run_1"
        final = client.runs.wait(started.id, timeout_seconds=30)
        assert final.execution.status == RunStatus.COMPLETED
        assert final.trigger.by is not None and final.trigger.by.email == "ops@example.com"
        assert final.tags == ["nightly"]


def test_usage_unwraps_the_real_answer() -> None:
    server = R3Server()
    server.runs["run_9"] = server._run("run_9", {})
    with (
        httpx.Client(transport=httpx.MockTransport(server)) as http,
        EigenpalClient(api_key=KEY, base_url="https://api.eigenpal.com", http_client=http) as client,
    ):
        usage = client.runs.usage("run_9")
    assert isinstance(usage, RunUsage)
    assert usage.tokens.input_ == 1200.5
    assert usage.tokens.output is None
    assert usage.credits_charged == 0.75


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_run_many_over_40_inputs_with_a_callers_http_client(flavour: str) -> None:
    server = R3Server()
    inputs = [{"n": n} for n in range(40)]
    if flavour == "sync":
        with (
            httpx.Client(transport=httpx.MockTransport(server)) as http,
            EigenpalClient(api_key=KEY, base_url="https://api.eigenpal.com", http_client=http) as client,
        ):
            results = client.run_many("workflows.extract-invoice", inputs, timeout_seconds=60)
    else:
        import asyncio

        async def main() -> list[Run | EigenpalError]:
            async with (
                httpx.AsyncClient(transport=httpx.MockTransport(server)) as http,
                AsyncEigenpalClient(api_key=KEY, base_url="https://api.eigenpal.com", http_client=http) as client,
            ):
                return await client.run_many("workflows.extract-invoice", inputs, timeout_seconds=60)

        results = asyncio.run(main())
    failures = [result for result in results if isinstance(result, EigenpalError)]
    assert failures == []
    assert [result.output["n"] for result in results if isinstance(result, Run) and result.output] == list(range(40))
    starts = [request for request in server.requests if request.method == "POST"]
    assert len(starts) == 40  # each input started once
