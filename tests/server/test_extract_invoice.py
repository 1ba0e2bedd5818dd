"""workflows.extract-invoice reads every bundled sample document and finds the expected fields."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from eigenpal_local import samples

EXPECTED: dict[str, dict[str, Any]] = {
    "invoice-acme.txt": {
        "invoiceNumber": "INV-2024-001",
        "vendor": {"name": "ACME Corporation", "address": "123 Industrial Way, Springfield, IL 62704"},
        "totalAmount": 1700.0,
        "lineItems": [
            {"description": "Widget assembly (10 units)", "amount": 1250.0},
            {"description": "Installation service", "amount": 300.0},
            {"description": "Extended warranty, 2 years", "amount": 150.0},
        ],
    },
    "invoice-globex.txt": {
        "invoiceNumber": "GX-88231",
        "vendor": {"name": "Globex Ltd", "address": "42 Harbour Road, Dublin D02 XY45, Ireland"},
        "totalAmount": 2145.49,
        "lineItems": [
            {"description": "Consulting, 12 hours", "amount": 1800.0},
            {"description": "Travel expenses", "amount": 245.5},
            {"description": "Software licence (annual)", "amount": 99.99},
        ],
    },
    "invoice-initech.txt": {
        "invoiceNumber": "2024/INI-0042",
        "vendor": {"name": "Initech LLC", "address": "4120 Freidrich Lane, Austin, TX 78744"},
        "totalAmount": 1234.56,
        "lineItems": [
            {"description": "TPS report cover sheets", "amount": 75.0},
            {"description": "Red stapler", "amount": 12.49},
            {"description": "Printer maintenance, on site", "amount": 1147.07},
        ],
    },
    "invoice-umbrella.pdf": {
        "invoiceNumber": "UMB-7731",
        "vendor": {"name": "Umbrella Corporation", "address": "545 South Birch Street, Raccoon City"},
        "totalAmount": 2384.25,
        "lineItems": [
            {"description": "Laboratory glassware", "amount": 820.0},
            {"description": "Cold storage rental", "amount": 1500.0},
            {"description": "Courier", "amount": 64.25},
        ],
    },
}


def test_every_sample_has_expectations() -> None:
    assert samples.list_samples() == sorted(EXPECTED)
    assert any(name.endswith(".pdf") for name in samples.list_samples())
    with pytest.raises(FileNotFoundError):
        samples.path("missing.txt")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_extracts_sample_uploaded_as_multipart(http: httpx.Client, name: str) -> None:
    document = samples.path(name).read_bytes()
    content_type = "application/pdf" if name.endswith(".pdf") else "text/plain"
    response = http.post(
        "/v1/runs",
        params={"wait_for_completion": 60},
        data={"target": "workflows.extract-invoice", "input": "{}", "tags": json.dumps(["invoice"])},
        files={"files.contract_document": (name, document, content_type)},
    )
    assert response.status_code == 200, response.text
    run = response.json()
    assert run["execution"]["status"] == "completed"
    assert run["execution"]["schemaValid"] is True
    assert run["output"] == EXPECTED[name]
    artifacts = http.get(f"/v1/runs/{run['id']}/artifacts").json()["artifacts"]
    by_role = {artifact["role"]: artifact for artifact in artifacts}
    assert by_role["input"]["path"] == f"inputs/contract_document/{name}"
    assert by_role["input"]["size"] == len(document)
    assert by_role["output"]["path"] == "outputs/extracted.json"
    downloaded = http.get(f"/v1/runs/{run['id']}/artifacts/outputs%2Fextracted.json")
    assert json.loads(downloaded.content) == EXPECTED[name]
    # The artifact's own type, as the contract says (the OpenAPI document declares only application/octet-stream).
    assert downloaded.headers["content-type"] == "application/json"
    original = http.get(f"/v1/runs/{run['id']}/artifacts/inputs%2Fcontract_document%2F{name}")
    assert original.content == document
    expanded = http.get(f"/v1/runs/{run['id']}", params={"expand": "input,usage"}).json()
    assert expanded["input"]["args"]["contract_document"]["filename"] == name
    assert expanded["usage"]["tokens"]["input"] > 0
    assert expanded["usage"]["ocrPagesProcessed"] == 1


def test_extracts_an_inline_document_from_a_json_body(http: httpx.Client) -> None:
    name = "invoice-globex.txt"
    encoded = base64.b64encode(samples.path(name).read_bytes()).decode()
    document = {"$inline": {"filename": name, "mimeType": "text/plain", "base64": encoded}}
    response = http.post(
        "/v1/runs",
        params={"wait_for_completion": 60},
        json={"target": "workflows.extract-invoice", "files": {"contract_document": document}},
    )
    assert response.json()["output"] == EXPECTED[name]
    artifacts = http.get(f"/v1/runs/{response.json()['id']}/artifacts").json()["artifacts"]
    assert [artifact["path"] for artifact in artifacts if artifact["role"] == "input"] == [
        f"inputs/contract_document/{name}"
    ]


def test_file_references_that_do_not_fit(http: httpx.Client) -> None:
    def start(files: object) -> httpx.Response:
        return http.post("/v1/runs", json={"target": "workflows.extract-invoice", "files": files})

    unknown = start({"contract_document": {"$fileId": "file_nope"}})
    assert unknown.status_code == 404
    assert unknown.json()["issues"][0]["field"] == "files.contract_document.$fileId"
    not_base64 = start(
        {"contract_document": {"$inline": {"filename": "a.txt", "mimeType": "text/plain", "base64": "@"}}}
    )
    assert not_base64.status_code == 400
    assert not_base64.json()["issues"][0]["field"] == "files.contract_document.$inline.base64"
    assert start({"contract_document": {"path": "a.txt"}}).status_code == 400
    assert start(["not", "an", "object"]).status_code == 400
    inline = {"$inline": {"filename": "a.txt", "mimeType": "text/plain", "base64": "YQ=="}}
    listed = start({"contract_document": [inline, inline]})
    assert listed.status_code == 400
    assert listed.json()["issues"][0]["field"] == "input.contract_document"


def test_a_list_of_files_is_kept_file_by_file(http: httpx.Client) -> None:
    first = {"$inline": {"filename": "a.txt", "mimeType": "text/plain", "base64": "YQ=="}}
    second = {"$inline": {"filename": "a.txt", "mimeType": "text/plain", "base64": "Yg=="}}
    run = http.post(
        "/v1/runs",
        params={"wait_for_completion": 30},
        json={"target": "agents.echo", "files": {"pages": [first, second]}},
    ).json()
    assert [page["path"] for page in run["output"]["pages"]] == ["inputs/pages/0/a.txt", "inputs/pages/1/a.txt"]
    pages = run["output"]["pages"]
    contents = [http.get(f"/v1/runs/{run['id']}/artifacts/{quote(page['path'], safe='')}").content for page in pages]
    assert contents == [b"a", b"b"]
    expanded = http.get(f"/v1/runs/{run['id']}", params={"expand": "input"}).json()["input"]
    assert [file["path"] for file in expanded["files"]] == ["inputs/pages/0/a.txt", "inputs/pages/1/a.txt"]
    rerun = http.post(f"/v1/runs/{run['id']}/rerun", params={"wait_for_completion": 30}).json()
    assert rerun["output"] == run["output"]


def test_unreadable_pdf_fails_the_run(http: httpx.Client) -> None:
    response = http.post(
        "/v1/runs",
        params={"wait_for_completion": 60},
        data={"target": "workflows.extract-invoice"},
        files={"files.contract_document": ("broken.pdf", b"%PDF-1.4 garbage", "application/pdf")},
    )
    run = response.json()
    assert run["execution"]["status"] == "failed"
    assert "contract document" in run["error"]


def test_output_files_as_one_zip(http: httpx.Client) -> None:
    name = "invoice-acme.txt"
    run = http.post(
        "/v1/runs",
        params={"wait_for_completion": 60},
        data={"target": "workflows.extract-invoice"},
        files={"files.contract_document": (name, samples.path(name).read_bytes(), "text/plain")},
    ).json()
    zipped = http.get(f"/v1/runs/{run['id']}/artifacts", params={"zip": "1"})
    assert zipped.status_code == 200
    assert zipped.headers["content-type"] == "application/octet-stream"
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        assert archive.namelist() == ["extracted.json"]
        assert json.loads(archive.read("extracted.json")) == EXPECTED[name]
    review = http.get(f"/v1/runs/{run['id']}/artifacts", params={"zip": "1", "bundle": "review"})
    with zipfile.ZipFile(io.BytesIO(review.content)) as archive:
        assert archive.namelist() == ["expected/", "output/extracted.json"]
    assert http.get(f"/v1/runs/{run['id']}/artifacts", params={"bundle": "review"}).status_code == 400
    assert http.get(f"/v1/runs/{run['id']}/artifacts", params={"zip": "yes"}).status_code == 400


def test_unknown_artifact_is_404(http: httpx.Client) -> None:
    run = http.post("/v1/runs", json={"target": "agents.echo"}, params={"wait_for_completion": 30}).json()
    missing = http.get(f"/v1/runs/{run['id']}/artifacts/outputs%2Fnope.json")
    assert missing.status_code == 404


def test_rerun_reads_the_same_document(http: httpx.Client) -> None:
    name = "invoice-acme.txt"
    first = http.post(
        "/v1/runs",
        params={"wait_for_completion": 60},
        data={"target": "workflows.extract-invoice"},
        files={"files.contract_document": (name, samples.path(name).read_bytes(), "text/plain")},
    ).json()
    again = http.post(f"/v1/runs/{first['id']}/rerun", params={"wait_for_completion": 60}).json()
    assert again["output"] == EXPECTED[name]
    assert again["execution"]["retry"]["previousRunId"] == first["id"]
