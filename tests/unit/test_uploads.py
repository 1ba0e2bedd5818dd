"""Large inputs: files above ``multipart_max_bytes`` are uploaded through the upload sessions first, as each
transport says, and the start names them by ``$fileId``; ``client.files`` uploads, reads, deletes and downloads."""

from __future__ import annotations

import base64
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from clientkit import MakeHarness, reply, run_json

from eigenpal_ext import (
    APIConnectionError,
    BadRequestError,
    EigenpalClient,
    EigenpalTimeoutError,
    FileRef,
    InvalidArgumentError,
)
from eigenpal_ext._core._correlation import key_tag
from eigenpal_ext._core._options import DEFAULT_MULTIPART_MAX_BYTES, resolve_multipart_max_bytes
from eigenpal_ext._core._uploads import ENVELOPE_HEADROOM_BYTES, FilePlan, pieces, plan_files

MIB = 1024 * 1024
STORAGE = "https://storage.test"
TRANSPORTS = ["http-chunked", "presigned-put", "presigned-multipart", "multipart"]
Fault = Callable[[httpx.Request], httpx.Response | Exception | None]


class FilesServer:
    """A mock of the files API's upload sessions and of POST /v1/runs, keeping what each upload stored.

    ``faults`` maps a ``"METHOD path-regex"`` to a function that may answer (or raise) instead of the server.
    """

    def __init__(self, transport: str = "http-chunked", piece: int = MIB) -> None:
        self.transport = transport
        self.piece = piece
        self.requests: list[httpx.Request] = []
        self.sessions: dict[str, dict[str, Any]] = {}
        self.stored: dict[str, bytes] = {}
        self.starts: list[httpx.Request] = []
        self.aborted: list[str] = []
        self.faults: dict[str, Fault] = {}
        self.runs_by_tag: dict[str, dict[str, Any]] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        where = f"{request.method} {request.url.copy_with(query=None)}"
        for pattern, fault in self.faults.items():
            if re.fullmatch(pattern, where):
                answer = fault(request)
                if isinstance(answer, Exception):
                    raise answer
                if answer is not None:
                    return answer
        return self.answer(request)

    def answer(self, request: httpx.Request) -> httpx.Response:
        path, method = request.url.path, request.method
        if method == "POST" and path == "/v1/files/uploads":
            return reply(200, self.open(json.loads(request.content)))
        match = re.fullmatch(r"/v1/files/uploads/([^/]+)/chunks/(\d+)", path)
        if method == "PUT" and match:
            session = self.sessions[match[1]]
            session["pieces"][int(match[2])] = request.content
            return reply(200, {"accepted": True, "chunkIndex": int(match[2]), "size": len(request.content)})
        match = re.fullmatch(r"/v1/files/uploads/([^/]+)/parts", path)
        if method == "POST" and match:
            number = json.loads(request.content)["partNumber"]
            return reply(200, {"transport": "presigned-multipart", "partNumber": number,
                               "url": f"{STORAGE}/{match[1]}/part/{number}?sig=abc",
                               "headers": {"x-amz-meta-part": str(number)},
                               "expiresAt": "2026-12-01T00:00:00Z", "partSizeBytes": self.piece})  # fmt: skip
        if method == "PUT" and request.url.host == "storage.test":
            upload_id, _, rest = request.url.path.strip("/").partition("/")
            number = int(rest.rpartition("/")[2]) if rest.startswith("part/") else 0
            self.sessions[upload_id]["pieces"][number] = request.content
            return reply(200, b"")
        match = re.fullmatch(r"/v1/files/uploads/([^/]+)/complete", path)
        if method == "POST" and match:
            session = self.sessions[match[1]]
            data = b"".join(session["pieces"][index] for index in sorted(session["pieces"]))
            self.stored[session["fileId"]] = data
            return reply(200, self.file(session["fileId"], session["filename"], len(data)))
        match = re.fullmatch(r"/v1/files/uploads/([^/]+)", path)
        if method == "DELETE" and match:
            self.aborted.append(match[1])
            return reply(200, {"aborted": True})
        if method == "POST" and path == "/v1/files":
            file_id = f"file_{len(self.stored) + 1}"
            self.stored[file_id] = _multipart_file(request)
            return reply(200, self.file(file_id, "upload", len(self.stored[file_id])))
        if method == "POST" and path == "/v1/runs":
            self.starts.append(request)
            return reply(200, run_json())
        if method == "GET" and path == "/v1/runs":
            tag = request.url.params.get("tag", "")
            found = [self.runs_by_tag[tag]] if tag in self.runs_by_tag else []
            return reply(200, {"runs": found, "nextCursor": None})
        if method == "GET" and path.startswith("/v1/runs/"):
            return reply(200, run_json(path.rpartition("/")[2]))
        raise AssertionError(f"unexpected request {method} {request.url}")

    def open(self, body: dict[str, Any]) -> dict[str, Any]:
        upload_id = f"up_{len(self.sessions) + 1}"
        file_id = f"file_{len(self.sessions) + 1}"
        size = body["size"]
        count = max(1, -(-size // self.piece))
        self.sessions[upload_id] = {"fileId": file_id, "filename": body["filename"], "pieces": {}, "body": body}
        common = {"uploadId": upload_id, "fileId": file_id, "expiresAt": "2026-12-01T00:00:00Z",
                  "maxFileSizeBytes": 1 << 30}  # fmt: skip
        if self.transport == "http-chunked":
            return {"transport": "http-chunked", **common, "chunkSizeBytes": self.piece, "chunkCount": count,
                    "chunksUrl": f"/v1/files/uploads/{upload_id}/chunks",
                    "completeUrl": f"/v1/files/uploads/{upload_id}/complete"}  # fmt: skip
        if self.transport == "presigned-put":
            return {"transport": "presigned-put", **common, "url": f"{STORAGE}/{upload_id}/object?sig=abc",
                    "headers": {"Content-Type": body["contentType"], "x-amz-acl": "private"}}  # fmt: skip
        if self.transport == "presigned-multipart":
            return {"transport": "presigned-multipart", **common, "partSizeBytes": self.piece, "partCount": count,
                    "partsUrl": f"/v1/files/uploads/{upload_id}/parts",
                    "completeUrl": f"/v1/files/uploads/{upload_id}/complete"}  # fmt: skip
        return {"transport": "multipart", "url": "/v1/files", "maxFileSizeBytes": 1 << 30}

    @staticmethod
    def file(file_id: str, filename: str, size: int) -> dict[str, Any]:
        return {"id": file_id, "filename": filename, "contentType": "application/pdf", "size": size,
                "purpose": "run-input", "createdAt": "2026-11-21T05:00:00Z"}  # fmt: skip

    def start_body(self) -> Any:
        assert len(self.starts) == 1, f"{len(self.starts)} starts"
        return json.loads(self.starts[0].content)


def _multipart_file(request: httpx.Request) -> bytes:
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    for part in request.content.split(b"--" + boundary):
        head, _, body = part.partition(b"\r\n\r\n")
        if b'name="file"' in head:
            return body.removesuffix(b"\r\n")
    raise AssertionError("no file part")


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(range(256)) * (6 * MIB // 256) + b"tail")  # 6 MiB and 4 bytes: the last piece is short
    return path


# --- decisions ----------------------------------------------------------------------------------------------------


def test_files_that_fit_stay_in_the_request() -> None:
    budget = DEFAULT_MULTIPART_MAX_BYTES - ENVELOPE_HEADROOM_BYTES
    assert plan_files({"a": budget // 2, "b": budget // 2}, DEFAULT_MULTIPART_MAX_BYTES) == FilePlan(multipart=True)
    assert plan_files({"a": 10 * MIB}, None) == FilePlan(multipart=True)


def test_a_file_above_the_budget_is_uploaded_and_the_rest_go_inline_while_their_base64_fits() -> None:
    sizes = {"big": 6 * MIB, "small": 1000, "mid": 7 * MIB // 2, "empty": 0}
    plan = plan_files(sizes, DEFAULT_MULTIPART_MAX_BYTES)
    # 3.5 MiB of bytes is 4.7 MiB of base64, more than the 4.25 MiB budget: uploaded too, though it would fit as bytes.
    assert plan == FilePlan(multipart=False, upload=frozenset({"big", "mid", "empty"}), inline=frozenset({"small"}))


def test_a_reference_makes_the_start_json_even_without_a_limit() -> None:
    assert plan_files({"a": 10}, None, has_refs=True) == FilePlan(multipart=False, inline=frozenset({"a"}))


def test_pieces_cover_the_file_exactly_or_the_answer_is_refused() -> None:
    cut = pieces(10, 4, 3, first=1, what="partSizeBytes")
    assert [(p.index, p.offset, p.length) for p in cut] == [(1, 0, 4), (2, 4, 4), (3, 8, 2)]
    with pytest.raises(Exception, match="expected 3"):
        pieces(10, 4, 2, first=0, what="chunkSizeBytes")
    with pytest.raises(Exception, match="chunkSizeBytes is 0"):
        pieces(10, 0, 2, first=0, what="chunkSizeBytes")


def test_the_setting_comes_from_the_argument_then_the_environment() -> None:
    assert resolve_multipart_max_bytes(1024, {}) == 1024
    assert resolve_multipart_max_bytes(None, {}) is None
    from eigenpal_ext._core._options import NOT_GIVEN

    assert resolve_multipart_max_bytes(NOT_GIVEN, {}) == 4_718_592
    assert resolve_multipart_max_bytes(NOT_GIVEN, {"EIGENPAL_MULTIPART_MAX_BYTES": "2048"}) == 2048
    assert resolve_multipart_max_bytes(NOT_GIVEN, {"EIGENPAL_MULTIPART_MAX_BYTES": "none"}) is None
    for bad in ("-1", "lots"):
        with pytest.raises(InvalidArgumentError, match="multipart_max_bytes"):
            resolve_multipart_max_bytes(NOT_GIVEN, {"EIGENPAL_MULTIPART_MAX_BYTES": bad})
    with pytest.raises(InvalidArgumentError, match="multipart_max_bytes"):
        EigenpalClient(api_key="k", base_url="http://127.0.0.1:1", multipart_max_bytes=0)


# --- through the client -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_large_path_is_uploaded_first_and_the_start_names_it(
    make_harness: MakeHarness, big: Path, transport: str
) -> None:
    server = FilesServer(transport)
    harness = make_harness(server)
    run = harness.call(lambda client: client.run_and_wait("workflows.extract-invoice", input={"doc": big, "n": 1}))
    assert run.id == "run_1"
    body = server.start_body()
    assert server.starts[0].headers["content-type"] == "application/json"
    assert body["files"] == {"doc": {"$fileId": "file_1"}}
    assert body["input"] == {"n": 1}
    assert server.stored["file_1"] == big.read_bytes()
    assert not server.aborted
    if transport != "multipart":
        session = next(iter(server.sessions.values()))["body"]
        assert session["filename"] == "scan.pdf"
        assert session["contentType"] == "application/pdf"
        assert session["size"] == big.stat().st_size
        assert session["purpose"] == "run-input"
    for request in server.requests:
        if request.url.host == "storage.test":  # another origin: what the session asked for, no credential
            assert "authorization" not in request.headers
            assert request.headers["content-length"] == str(len(request.content))
            if transport == "presigned-put":
                assert request.headers["x-amz-acl"] == "private"
                assert request.headers["content-type"] == "application/pdf"
        else:
            assert request.headers["authorization"].startswith("Bearer ")
    puts = [request for request in server.requests if request.method == "PUT"]
    expected = {"http-chunked": 7, "presigned-put": 1, "presigned-multipart": 7, "multipart": 0}
    assert len(puts) == expected[transport]


def test_files_within_the_limit_still_go_inside_a_multipart_start(make_harness: MakeHarness, big: Path) -> None:
    server = FilesServer()
    harness = make_harness(server, multipart_max_bytes=None)
    harness.call(lambda client: client.run("workflows.extract-invoice", input={"doc": big}))
    assert not server.sessions
    assert server.starts[0].headers["content-type"].startswith("multipart/form-data")
    assert big.read_bytes() in server.starts[0].content


def test_a_small_file_beside_a_large_one_goes_inline(make_harness: MakeHarness, big: Path) -> None:
    server = FilesServer()
    harness = make_harness(server)
    harness.call(lambda client: client.run("workflows.x", input={"doc": big, "note": ("n.txt", b"hello")}))
    files = server.start_body()["files"]
    assert files["doc"] == {"$fileId": "file_1"}
    assert files["note"] == {"$inline": {"filename": "n.txt", "mimeType": "text/plain",
                                         "base64": base64.b64encode(b"hello").decode()}}  # fmt: skip


def test_a_stream_that_cannot_seek_is_measured_through_a_temporary_copy(make_harness: MakeHarness) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = self.data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    data = b"x" * (5 * MIB)
    server = FilesServer()
    harness = make_harness(server)
    harness.call(lambda client: client.run("workflows.x", input={"doc": ("scan.bin", Pipe(data))}))
    assert server.stored["file_1"] == data
    assert next(iter(server.sessions.values()))["body"]["size"] == len(data)


def test_a_pipe_copied_to_measure_it_is_sent_again_whole_after_a_lost_answer(make_harness: MakeHarness) -> None:
    server = FilesServer()

    def refuse_the_first(request: httpx.Request) -> httpx.Response | None:
        if server.starts:
            return None
        server.starts.append(request)
        return reply(503, {"issues": []})

    server.faults[r"POST https://api\.eigenpal\.test/v1/runs"] = refuse_the_first
    harness = make_harness(server)
    pipe = io.BufferedReader(_Pipe(b"once"))
    harness.call(lambda client: client.run("workflows.x", input={"doc": ("a.txt", pipe)}))
    first, second = server.starts
    assert b"\r\n\r\nonce\r\n" in first.content  # the whole stream, the second time too
    assert b"\r\n\r\nonce\r\n" in second.content


class _Pipe(io.RawIOBase):
    """A stream that cannot seek, as a pipe."""

    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self.data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_a_dropped_chunk_is_sent_again_and_the_run_starts_once(make_harness: MakeHarness, big: Path) -> None:
    server = FilesServer()
    drops = iter([httpx.ReadError("connection reset")])
    server.faults[r"PUT .*/chunks/2"] = lambda request: next(drops, None)
    harness = make_harness(server)
    harness.call(lambda client: client.run_and_wait("workflows.x", input={"doc": big}))
    chunk_puts = [request.url.path for request in server.requests if request.method == "PUT"]
    assert chunk_puts.count("/v1/files/uploads/up_1/chunks/2") == 2
    assert server.requests[-1].headers.get("x-eigenpal-retry-count") is None
    assert server.stored["file_1"] == big.read_bytes()
    assert len(server.starts) == 1


def test_a_failed_upload_is_aborted_and_nothing_starts(make_harness: MakeHarness, big: Path) -> None:
    server = FilesServer("presigned-multipart")
    server.faults[r"PUT https://storage\.test/up_1/part/3"] = lambda request: reply(400, {"issues": []})
    harness = make_harness(server)
    with pytest.raises(BadRequestError) as caught:
        harness.call(lambda client: client.run("workflows.x", input={"doc": big}, idempotency_key="k-1"))
    assert caught.value.idempotency_key == "k-1"
    assert server.aborted == ["up_1"]
    assert not server.starts
    assert "file_1" not in server.stored


def test_an_upload_that_cannot_finish_by_the_deadline_ends_at_it_and_is_aborted(
    make_harness: MakeHarness, big: Path
) -> None:
    server = FilesServer()
    server.faults[r"PUT .*/chunks/1"] = lambda request: reply(503, {"issues": []})
    harness = make_harness(server)
    with pytest.raises(EigenpalTimeoutError):
        harness.call(lambda client: client.run_and_wait("workflows.x", input={"doc": big}, timeout_seconds=20))
    assert harness.clock.now - 1_000.0 <= 20
    assert server.aborted == ["up_1"]
    assert not server.starts


def test_a_resumed_start_finds_its_run_before_uploading_anything(make_harness: MakeHarness, big: Path) -> None:
    server = FilesServer()
    server.runs_by_tag[key_tag("resume-1")] = {**run_json("run_7"), "tags": [key_tag("resume-1")]}
    harness = make_harness(server)
    run = harness.call(
        lambda client: client.run_and_wait("workflows.x", input={"doc": big}, idempotency_key="resume-1")
    )
    assert run.id == "run_7"
    assert not server.sessions
    assert not server.starts


def test_a_lost_start_after_an_upload_is_found_not_sent_again(make_harness: MakeHarness, big: Path) -> None:
    server = FilesServer()

    def lose_the_answer(request: httpx.Request) -> Exception | None:
        # The server makes the run, then the connection drops before its answer.
        tags = json.loads(request.content)["tags"]
        server.runs_by_tag[tags[-1]] = {**run_json("run_1"), "tags": tags}
        server.starts.append(request)
        return httpx.ReadError("connection reset")

    server.faults[r"POST https://api\.eigenpal\.test/v1/runs"] = lose_the_answer
    harness = make_harness(server)
    run = harness.call(lambda client: client.run_and_wait("workflows.x", input={"doc": big}))
    assert run.id == "run_1"
    assert len(server.starts) == 1
    assert len(server.sessions) == 1


def test_a_failed_connection_error_names_nothing_of_the_key(make_harness: MakeHarness, big: Path) -> None:
    server = FilesServer("presigned-put")
    server.faults[r"PUT https://storage\.test/.*"] = lambda request: httpx.ConnectError("refused")
    harness = make_harness(server, max_retries=0)
    with pytest.raises(APIConnectionError) as caught:
        harness.call(lambda client: client.files.upload(big))
    assert "sk_test" not in str(caught.value)
    assert server.aborted == ["up_1"]


# --- client.files -------------------------------------------------------------------------------------------------


def test_files_upload_then_a_reference_starts_runs(make_harness: MakeHarness, big: Path) -> None:
    server = FilesServer()
    harness = make_harness(server)
    uploaded = harness.call(lambda client: client.files.upload(big, filename="contract.pdf"))
    assert uploaded.id == "file_1"
    assert next(iter(server.sessions.values()))["body"]["filename"] == "contract.pdf"
    assert "purpose" not in next(iter(server.sessions.values()))["body"]
    reference = harness.call(lambda client: client.files.ref(uploaded.id))
    assert reference == FileRef("file_1")
    harness.call(lambda client: client.run("workflows.x", input={"doc": reference, "n": 2}))
    assert server.start_body()["files"] == {"doc": {"$fileId": "file_1"}}
    assert server.start_body()["input"] == {"n": 2}


def test_files_get_delete_and_download(make_harness: MakeHarness, tmp_path: Path) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "storage.test":
            assert "authorization" not in request.headers
            return reply(200, b"stored bytes")
        if request.method == "GET" and request.url.path == "/v1/files/file_1":
            return reply(200, FilesServer.file("file_1", "contract.pdf", 12))
        if request.method == "DELETE":
            return reply(200, {"deleted": True})
        assert request.url.path == "/v1/files/file_1/content"
        return reply(302, headers={"location": f"{STORAGE}/file_1?sig=1"})

    harness = make_harness(answer)
    assert harness.call(lambda client: client.files.get("file_1")).filename == "contract.pdf"
    assert harness.call(lambda client: client.files.download("file_1")) == b"stored bytes"
    written = harness.call(lambda client: client.files.download("file_1", to=tmp_path))
    assert written == tmp_path / "contract.pdf"
    assert written.read_bytes() == b"stored bytes"
    assert harness.call(lambda client: client.files.delete("file_1")) is None
    with pytest.raises(InvalidArgumentError, match="file_id"):
        harness.call(lambda client: client.files.get("../runs"))
    with pytest.raises(InvalidArgumentError, match="purpose"):
        harness.call(lambda client: client.files.upload(b"x", purpose="forever"))
