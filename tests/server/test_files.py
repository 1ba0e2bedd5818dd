"""The files API: uploads by every transport the real API may negotiate, and runs that take an uploaded file.

Plain httpx against a real local server; the contract guard checks every `/v1` exchange against the document. A run
of `agents.echo` answers its input, where a file input is described (`size`, `path`); the input artifact at that path
holds the bytes the run took, which the tests compare with what was uploaded.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from eigenpal_local import LocalServer
from eigenpal_local._app import MAX_REQUEST_BYTES

from .conftest import API_KEY

MIB = 1024 * 1024
OCTETS = {"Content-Type": "application/octet-stream"}


def _client(server: LocalServer) -> httpx.Client:
    headers = {"Authorization": f"Bearer {server.api_key}"}
    return httpx.Client(base_url=server.base_url, headers=headers, timeout=60)


@pytest.fixture(scope="module", params=["http-chunked", "presigned-put", "presigned-multipart", "multipart"])
def transport_server(request: pytest.FixtureRequest) -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, port=0, upload_transport=request.param) as running:
        yield running


@pytest.fixture(scope="module")
def small_chunks() -> Iterator[LocalServer]:
    """http-chunked with 1 KiB chunks, so that ordering and sizes are cheap to test."""
    with LocalServer(api_key=API_KEY, port=0, upload_chunk_bytes=1024) as running:
        yield running


def _create(http: httpx.Client, size: int, **extra: Any) -> dict[str, Any]:
    body = {"filename": "scan.pdf", "contentType": "application/pdf", "size": size, **extra}
    response = http.post("/v1/files/uploads", json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _upload(http: httpx.Client, data: bytes) -> dict[str, Any]:
    """Uploads `data` by whatever transport the server negotiates, as a client must; the `File`."""
    negotiation = _create(http, len(data), purpose="run-input")
    transport = negotiation["transport"]
    if transport == "multipart":
        files = {"file": ("scan.pdf", data, "application/pdf")}
        response = http.post(negotiation["url"], files=files, data={"purpose": "run-input"})
        assert response.status_code == 200, response.text
        uploaded: dict[str, Any] = response.json()
        return uploaded
    if transport == "http-chunked":
        size = negotiation["chunkSizeBytes"]
        for index in range(negotiation["chunkCount"]):
            chunk = data[index * size : (index + 1) * size]
            answer = http.put(f"{negotiation['chunksUrl']}/{index}", content=chunk, headers=OCTETS)
            assert answer.json() == {"accepted": True, "chunkIndex": index, "size": len(chunk)}
    elif transport == "presigned-put":
        with httpx.Client() as storage:  # another origin: no API key goes there
            assert storage.put(negotiation["url"], content=data, headers=negotiation["headers"]).status_code == 200
    else:
        with httpx.Client() as storage:
            for number in range(1, negotiation["partCount"] + 1):
                part = http.post(negotiation["partsUrl"], json={"partNumber": number}).json()
                start = (number - 1) * negotiation["partSizeBytes"]
                body = data[start : start + part["partSizeBytes"]]
                assert storage.put(part["url"], content=body, headers=part["headers"]).status_code == 200
        listed = http.get(negotiation["partsUrl"]).json()["parts"]
        assert [part["partNumber"] for part in listed] == list(range(1, negotiation["partCount"] + 1))
    completed = http.post(f"/v1/files/uploads/{negotiation['uploadId']}/complete")
    assert completed.status_code == 200, completed.text
    stored: dict[str, Any] = completed.json()
    assert stored["id"] == negotiation["fileId"]
    return stored


def _input_bytes(server: LocalServer, http: httpx.Client, run: dict[str, Any], key: str) -> bytes:
    """The bytes a run took as its file input `key` (its input artifact, from the storage origin when large)."""
    path = run["output"][key]["path"]
    response = http.get(f"/v1/runs/{run['id']}/artifacts/{path.replace('/', '%2F')}")
    if response.status_code == 302:
        response = httpx.get(response.headers["location"])
    assert response.status_code == 200
    return response.content


def _echo(http: httpx.Client, files: dict[str, Any]) -> dict[str, Any]:
    response = http.post("/v1/runs", params={"wait_for_completion": 30}, json={"target": "agents.echo", "files": files})
    assert response.status_code == 200, response.text
    run: dict[str, Any] = response.json()
    assert run["execution"]["status"] == "completed"
    return run


# --- POST /v1/files and the file operations ---------------------------------------------------------------------------


def test_upload_get_download_and_delete_a_file(http: httpx.Client) -> None:
    sent = http.post(
        "/v1/files", files={"file": ("notes.txt", b"hello files", "text/plain")}, data={"purpose": "run-input"}
    )
    assert sent.status_code == 200, sent.text
    stored = sent.json()
    assert stored["id"].startswith("file_")
    assert (stored["filename"], stored["contentType"], stored["size"], stored["purpose"]) == (
        "notes.txt",
        "text/plain",
        11,
        "run-input",
    )
    assert http.get(f"/v1/files/{stored['id']}").json() == stored
    content = http.get(f"/v1/files/{stored['id']}/content")
    assert (content.status_code, content.content) == (200, b"hello files")
    assert http.delete(f"/v1/files/{stored['id']}").json() == {"deleted": True}
    for gone in (http.get(f"/v1/files/{stored['id']}"), http.get(f"/v1/files/{stored['id']}/content")):
        assert gone.status_code == 404
        assert gone.json()["issues"][0]["code"] == "file_not_found"
    assert http.delete(f"/v1/files/{stored['id']}").status_code == 404


def test_a_file_without_its_file_part_or_with_an_unknown_purpose_is_refused(http: httpx.Client) -> None:
    assert http.post("/v1/files", files={"other": ("a", b"x")}).status_code == 400
    refused = http.post("/v1/files", files={"file": ("a", b"x")}, data={"purpose": "forever"})
    assert refused.status_code == 400
    assert refused.json()["issues"][0]["field"] == "purpose"


def test_large_file_content_redirects_to_the_storage_origin(server: LocalServer, http: httpx.Client) -> None:
    data = os.urandom(MIB + 1)  # past redirect_artifacts_over, as for artifacts
    stored = http.post("/v1/files", files={"file": ("big.bin", data, "application/octet-stream")}).json()
    answer = http.get(f"/v1/files/{stored['id']}/content")
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert location.startswith(server.storage_url + "/files/")
    before = server.storage_saw_credentials
    downloaded = httpx.get(location)
    assert (downloaded.status_code, downloaded.content) == (200, data)
    assert server.storage_saw_credentials == before
    assert httpx.get(location.replace("signature=", "signature=0")).status_code == 403


# --- every transport, end to end --------------------------------------------------------------------------------------


def test_every_transport_uploads_a_file_a_run_then_takes(transport_server: LocalServer) -> None:
    """8 MiB through each transport (the `multipart` fallback is capped by the request cap: 1 MiB through it)."""
    multipart = transport_server._config.files.upload_transport == "multipart"
    data = os.urandom(MIB if multipart else 8 * MIB)
    with _client(transport_server) as http:
        stored = _upload(http, data)
        assert (stored["size"], stored["filename"], stored["purpose"]) == (len(data), "scan.pdf", "run-input")
        run = _echo(http, {"doc": {"$fileId": stored["id"]}})
        assert run["output"]["doc"]["size"] == len(data)
        taken = _input_bytes(transport_server, http, run, "doc")
        assert hashlib.sha256(taken).digest() == hashlib.sha256(data).digest()
        # One upload serves many runs, also in a list of files.
        again = _echo(http, {"pages": [{"$fileId": stored["id"]}, {"$fileId": stored["id"]}]})
        assert [page["size"] for page in again["output"]["pages"]] == [len(data), len(data)]
    assert transport_server.storage_saw_credentials == 0


def test_the_session_tells_its_state(transport_server: LocalServer) -> None:
    with _client(transport_server) as http:
        negotiation = _create(http, 10)
        if negotiation["transport"] == "multipart":
            assert negotiation["url"].endswith("/v1/files")
            assert negotiation["maxFileSizeBytes"] == MAX_REQUEST_BYTES
            return
        state = http.get(f"/v1/files/uploads/{negotiation['uploadId']}").json()
        assert (state["status"], state["transport"], state["fileId"]) == (
            "pending",
            negotiation["transport"],
            negotiation["fileId"],
        )
        assert http.get("/v1/files/uploads/upl_unknown").status_code == 404


# --- the 4.5 MiB request cap ------------------------------------------------------------------------------------------


def test_a_start_over_the_cap_is_413_and_the_same_file_uploaded_first_runs(
    server: LocalServer, http: httpx.Client
) -> None:
    data = os.urandom(5 * MIB)
    encoded = base64.b64encode(data).decode()
    inline = {"$inline": {"filename": "scan.pdf", "mimeType": "application/pdf", "base64": encoded}}
    refused = http.post("/v1/runs", json={"target": "agents.echo", "files": {"doc": inline}})
    assert refused.status_code == 413
    multipart = http.post("/v1/runs", data={"target": "agents.echo"}, files={"files.doc": ("scan.pdf", data)})
    assert multipart.status_code == 413
    stored = _upload(http, data)
    run = _echo(http, {"doc": {"$fileId": stored["id"]}})
    assert _input_bytes(server, http, run, "doc") == data


def test_a_chunk_over_the_cap_is_413(http: httpx.Client) -> None:
    negotiation = _create(http, 6 * MIB)
    assert negotiation["chunkSizeBytes"] <= MAX_REQUEST_BYTES
    too_big = http.put(f"{negotiation['chunksUrl']}/0", content=b"x" * (MAX_REQUEST_BYTES + 1), headers=OCTETS)
    assert too_big.status_code == 413


def test_a_file_over_the_largest_size_is_413_at_create(http: httpx.Client) -> None:
    body = {"filename": "huge.bin", "contentType": "application/octet-stream", "size": 513 * MIB}
    assert http.post("/v1/files/uploads", json=body).status_code == 413


# --- $fileId and $inline in a start -----------------------------------------------------------------------------------


def test_an_unknown_file_id_is_404_naming_it(http: httpx.Client) -> None:
    answer = http.post("/v1/runs", json={"target": "agents.echo", "files": {"doc": {"$fileId": "file_nope"}}})
    assert answer.status_code == 404
    assert answer.json()["issues"][0]["field"] == "files.doc.$fileId"


def test_an_inline_file_is_taken_as_the_input(server: LocalServer, http: httpx.Client) -> None:
    inline = {"filename": "a.txt", "mimeType": "text/plain", "base64": base64.b64encode(b"inline bytes").decode()}
    run = _echo(http, {"doc": {"$inline": inline}})
    assert _input_bytes(server, http, run, "doc") == b"inline bytes"


# --- http-chunked: order, sizes, retries, complete and abort ----------------------------------------------------------


def test_chunks_go_in_order_and_a_retried_chunk_replaces_itself(small_chunks: LocalServer) -> None:
    data = os.urandom(2500)  # 1024 + 1024 + 452
    with _client(small_chunks) as http:
        negotiation = _create(http, len(data))
        assert (negotiation["chunkSizeBytes"], negotiation["chunkCount"]) == (1024, 3)
        url = negotiation["chunksUrl"]

        def put(index: int, body: bytes) -> httpx.Response:
            return http.put(f"{url}/{index}", content=body, headers=OCTETS)

        assert put(1, data[1024:2048]).status_code == 409  # ahead of chunk 0
        assert put(0, b"x" * 1000).status_code == 409  # not the negotiated size
        assert put(0, b"\0" * 1024).status_code == 200
        assert put(0, data[:1024]).status_code == 200  # a retry of the current index replaces it
        complete = f"/v1/files/uploads/{negotiation['uploadId']}/complete"
        early = http.post(complete)
        assert early.status_code == 409  # chunks missing
        assert put(1, data[1024:2048]).status_code == 200
        assert put(0, data[:1024]).status_code == 409  # no longer the current index
        assert put(2, data[2048:] + b"!").status_code == 409  # the last chunk is the remainder
        assert put(3, b"x").status_code == 400  # past chunkCount
        assert http.put(f"{url}/2", content=data[2048:]).status_code == 400  # not application/octet-stream
        assert put(2, data[2048:]).status_code == 200
        first = http.post(complete)
        assert first.status_code == 200
        assert http.post(complete).json() == first.json()  # safe to retry
        assert http.get(f"/v1/files/{first.json()['id']}/content").content == data
        state = http.get(f"/v1/files/uploads/{negotiation['uploadId']}").json()
        assert (state["status"], state["chunkCount"], state["chunkSizeBytes"]) == ("completed", 3, 1024)
        assert put(2, data[2048:]).status_code == 409  # completed
        assert http.delete(f"/v1/files/uploads/{negotiation['uploadId']}").json() == {"aborted": False}
        assert http.get(f"/v1/files/{first.json()['id']}").status_code == 200  # abort never deletes a file


def test_abort_removes_what_the_upload_staged(small_chunks: LocalServer) -> None:
    with _client(small_chunks) as http:
        negotiation = _create(http, 4096)
        upload_id = negotiation["uploadId"]
        assert http.put(f"{negotiation['chunksUrl']}/0", content=b"a" * 1024, headers=OCTETS).status_code == 200
        pool = small_chunks._app.files if small_chunks._app is not None else None
        assert pool is not None
        staged = pool.root / "uploads" / upload_id
        assert any(staged.rglob("*"))
        assert http.delete(f"/v1/files/uploads/{upload_id}").json() == {"aborted": True}
        assert not staged.exists()
        assert http.delete(f"/v1/files/uploads/{upload_id}").json() == {"aborted": True}  # a retried abort
        assert http.get(f"/v1/files/uploads/{upload_id}").json()["status"] == "aborted"
        assert http.put(f"{negotiation['chunksUrl']}/1", content=b"a" * 1024, headers=OCTETS).status_code == 409
        assert http.post(f"/v1/files/uploads/{upload_id}/complete").status_code == 409
        assert http.get(f"/v1/files/{negotiation['fileId']}").status_code == 404


def test_an_empty_file_has_no_chunks(small_chunks: LocalServer) -> None:
    with _client(small_chunks) as http:
        negotiation = _create(http, 0)
        assert negotiation["chunkCount"] == 0
        stored = http.post(negotiation["completeUrl"]).json()
        assert stored["size"] == 0
        assert http.get(f"/v1/files/{stored['id']}/content").content == b""


def test_an_idempotency_key_answers_the_same_session(http: httpx.Client) -> None:
    first = _create(http, 10, idempotencyKey="upload-once")
    assert _create(http, 10, idempotencyKey="upload-once")["uploadId"] == first["uploadId"]
    other = {"filename": "scan.pdf", "contentType": "application/pdf", "size": 11, "idempotencyKey": "upload-once"}
    assert http.post("/v1/files/uploads", json=other).status_code == 409


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"contentType": "a/b", "size": 1}, "filename"),
        ({"filename": "a", "contentType": "a/b", "size": -1}, "size"),
        ({"filename": "a", "contentType": "a/b", "size": True}, "size"),
        ({"filename": "a", "contentType": "a/b", "size": 1, "purpose": "forever"}, "purpose"),
    ],
)
def test_a_bad_session_request_is_400(http: httpx.Client, body: dict[str, Any], field: str) -> None:
    answer = http.post("/v1/files/uploads", json=body)
    assert answer.status_code == 400
    assert answer.json()["issues"][0]["field"] == field


# --- the storage origin's side ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def presigned_parts() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, port=0, upload_transport="presigned-multipart", upload_chunk_bytes=1024) as s:
        yield s


def test_parts_must_have_their_size_before_complete(presigned_parts: LocalServer) -> None:
    with _client(presigned_parts) as http, httpx.Client() as storage:
        negotiation = _create(http, 1500)
        assert (negotiation["partSizeBytes"], negotiation["partCount"]) == (1024, 2)
        last = http.post(negotiation["partsUrl"], json={"partNumber": 2}).json()
        assert last["partSizeBytes"] == 476  # a part's presign says its own length
        assert storage.put(last["url"], content=b"x" * 476).status_code == 200
        first = http.post(negotiation["partsUrl"], json={"partNumber": 1}).json()
        assert storage.put(first["url"], content=b"x" * 1000).status_code == 200  # short
        assert http.post(negotiation["completeUrl"]).status_code == 409
        assert storage.put(first["url"], content=b"x" * 1025).status_code == 400  # more than the part takes
        assert storage.put(first["url"].replace("signature=", "signature=0")).status_code == 403
        assert http.post(negotiation["partsUrl"], json={"partNumber": 3}).status_code == 400
        assert storage.put(first["url"], content=b"y" * 1024).status_code == 200  # a part re-sent replaces it
        assert http.post(negotiation["completeUrl"]).status_code == 200
        assert http.post(negotiation["partsUrl"], json={"partNumber": 1}).status_code == 409  # completed


def test_a_presigned_put_must_send_the_signed_content_type() -> None:
    with LocalServer(api_key=API_KEY, port=0, upload_transport="presigned-put") as server, _client(server) as http:
        negotiation = _create(http, 3)
        assert negotiation["headers"] == {"Content-Type": "application/pdf"}
        wrong = httpx.put(negotiation["url"], content=b"abc", headers={"Content-Type": "text/plain"})
        assert wrong.status_code == 403
        assert http.post(f"/v1/files/uploads/{negotiation['uploadId']}/complete").status_code == 409  # nothing sent
        assert httpx.put(negotiation["url"], content=b"abc", headers=negotiation["headers"]).status_code == 200
        assert http.post(f"/v1/files/uploads/{negotiation['uploadId']}/complete").json()["size"] == 3
