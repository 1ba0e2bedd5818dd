"""Property-based conformance: the server answers the operations of openapi/eigenpal.yaml that it serves as the
document says, and does not serve the others.

Checks: no 5xx, status codes, content types, response schemas and headers as documented, and requests the
document calls invalid are rejected. Bounded by `max_examples` so that the whole run stays well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from eigenpal_local import LocalServer
from eigenpal_local._files import MAX_FILE_BYTES

from .conftest import API_KEY

DOCUMENT = Path(__file__).resolve().parents[2] / "openapi" / "eigenpal.yaml"

SERVED = frozenset(
    {
        "runs.list",
        "runs.start",
        "runs.get",
        "runs.cancel",
        "runs.rerun",
        "runs.artifacts.list",
        "runs.artifacts.get",
        "runs.usage.get",
        "runs.steps.list",
        "runs.steps.get",
        "runs.events.list",
        "files.create",
        "files.get",
        "files.delete",
        "files.content.get",
        "files.uploads.create",
        "files.uploads.get",
        "files.uploads.abort",
        "files.uploads.chunks.put",
        "files.uploads.complete",
        "files.uploads.parts.list",
        "files.uploads.parts.presign",
        "runs.trace.get",
        "runs.scores.list",
        "runs.promote",
        "runs.reviews.get",
        "runs.reviews.update",
        "runs.reviews.clear",
        "runs.reviews.expected.get",
        "runs.reviews.expected.create",
        "runs.reviews.expected.file.get",
        "runs.reviews.expected.file.update",
        "runs.reviews.expected.file.delete",
    }
)
"""The document's operations the local server serves: every runs and files operation."""

# Query parameters that the document types as any string (or any integer) but the server reads as something
# narrower, as the real API does: a time (`from=0`), a run status, a cursor it gave, a number from 0 to 1, a flag.
# Generated values are schema-valid, yet the server must refuse most of them with 400.
PARSED_QUERY = frozenset(
    {
        "type", "status", "from", "to", "createdAfter", "createdBefore", "completedAfter", "completedBefore",
        "cursor", "ids", "sort", "order", "sampleRate", "hasReview", "noReview", "hasCorrections", "sinceLastClosed",
        "reviewCreatedAfter", "reviewCreatedBefore", "reviewUpdatedAfter", "reviewUpdatedBefore", "reviewClosedAfter",
        "reviewClosedBefore", "trigger", "expand", "experiments", "source", "triggeredBy", "sourceRef", "tag",
    }
)  # fmt: skip

schema = schemathesis.openapi.from_path(DOCUMENT).include(operation_id=sorted(SERVED))


@schema.auth()
class _Bearer:
    """The API key, given the way schemathesis knows about, so that its missing-auth cases really go without."""

    def get(self, case: schemathesis.Case[Any], ctx: schemathesis.AuthContext) -> str:
        return API_KEY

    def set(self, case: schemathesis.Case[Any], data: str, ctx: schemathesis.AuthContext) -> None:
        case.headers["Authorization"] = f"Bearer {data}"


def _parsed_text(case: schemathesis.Case[Any]) -> bool:
    """Whether the case sends a query parameter the server reads as more than the string the document types.

    For these cases only, "valid data must be accepted" is not checked; every other check still runs on them.
    """
    return any(name in PARSED_QUERY for name in case.query or {})


def _bounded_upload(case: schemathesis.Case[Any]) -> bool:
    """Whether the case opens an upload of a size the server refuses: the document types `size` as any integer, the
    server takes 0 to its `maxFileSizeBytes` (400 below, 413 above)."""
    size = case.body.get("size") if isinstance(case.body, dict) else None
    return case.operation.path == "/v1/files/uploads" and isinstance(size, int) and not 0 <= size <= MAX_FILE_BYTES


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as http_session:
        yield http_session


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_conformance(case: schemathesis.Case[Any], server: LocalServer, session: requests.Session) -> None:
    excluded = [positive_data_acceptance] if _parsed_text(case) or _bounded_upload(case) else []
    case.call_and_validate(
        base_url=server.base_url,
        session=session,
        excluded_checks=excluded,
        timeout=30,
    )


def _operations() -> list[tuple[str, str, str]]:
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    return [
        (operation["operationId"], method.upper(), path)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in ("get", "put", "post", "delete", "patch")
    ]


def test_every_served_operation_is_in_the_document() -> None:
    assert {operation_id for operation_id, _, _ in _operations()} >= SERVED


@pytest.mark.parametrize(
    ("method", "path"),
    [(method, path) for operation_id, method, path in _operations() if operation_id not in SERVED],
)
def test_operations_not_served_yet_answer_404_in_the_envelope(http: httpx.Client, method: str, path: str) -> None:
    run_id = http.post("/v1/runs", json={"target": "agents.echo"}).json()["id"]
    concrete = path.replace("{id}", run_id)
    for name in ("filename", "uploadId", "chunkIndex"):
        concrete = concrete.replace(f"{{{name}}}", "x1")
    response = http.request(method, concrete)
    assert response.status_code == 404, (method, concrete)
    assert response.json()["requestId"] == response.headers["x-request-id"]
