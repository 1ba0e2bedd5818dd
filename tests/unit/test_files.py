"""File inputs: each accepted form becomes a streamed multipart part ``files.<inputKey>``; no files means JSON."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from contextlib import ExitStack
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import httpx
import pytest
from clientkit import MakeHarness, Script, reply
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.run_start_body import RunStartBody
from eigenpal_api.models.run_start_multipart_request import RunStartMultipartRequest

from eigenpal_ext import InvalidArgumentError
from eigenpal_ext._core._correlation import key_tag
from eigenpal_ext._transport._files import prepare_start_body

ACCEPTED = {"id": "run_1", "type": "workflow", "finished": False}


def _parts(request: httpx.Request) -> dict[str, Message]:
    """The multipart parts of a request by name."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = message_from_bytes(head + request.content)
    assert message.is_multipart()
    parts: dict[str, Message] = {}
    for part in message.get_payload():
        assert isinstance(part, Message)
        name = part.get_param("name", header="content-disposition")
        assert isinstance(name, str)
        parts[name] = part
    return parts


def _payload(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "contract.pdf"
    path.write_bytes(b"%PDF-1.7 fake contract \x00\xff")
    return path


def test_a_path_goes_out_as_a_streamed_multipart_part(make_harness: MakeHarness, pdf: Path) -> None:
    server = Script(reply(202, ACCEPTED))
    harness = make_harness(server)
    started = harness.call(
        lambda client: client.run(
            "workflows.extract-invoice",
            input={"contract_document": pdf, "currency": "EUR"},
            tags=["q3"],
            metadata={"batch": 7},
        )
    )
    assert isinstance(started, RunAccepted)
    assert started.id == "run_1"
    request = server.requests[0]
    assert request.headers["content-type"].startswith("multipart/form-data")
    assert "content-length" in request.headers  # streamed from the file, length known up front
    parts = _parts(request)
    assert set(parts) == {"target", "input", "tags", "metadata", "files.contract_document"}
    assert _payload(parts["target"]) == b"workflows.extract-invoice"
    assert json.loads(_payload(parts["input"])) == {"currency": "EUR"}
    assert json.loads(_payload(parts["tags"])) == ["q3", key_tag(request.headers["Idempotency-Key"])]
    assert json.loads(_payload(parts["metadata"])) == {"batch": 7}
    document = parts["files.contract_document"]
    assert document.get_filename() == "contract.pdf"
    assert document.get_content_type() == "application/pdf"
    assert _payload(document) == pdf.read_bytes()


def test_without_files_the_body_is_json(make_harness: MakeHarness) -> None:
    server = Script(reply(202, ACCEPTED))
    harness = make_harness(server)
    harness.call(lambda client: client.run("workflows.x", input={"seconds": 2, "nested": {"a": [1, 2.5, None]}}))
    request = server.requests[0]
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == {
        "target": "workflows.x",
        "input": {"seconds": 2, "nested": {"a": [1, 2.5, None]}},
        "tags": [key_tag(request.headers["Idempotency-Key"])],  # the start's correlation tag, to find a lost one by
    }


def _prepare(value: Any, files: ExitStack) -> RunStartMultipartRequest:
    prepared = prepare_start_body(
        "workflows.x", {"doc": value}, overrides=None, metadata=None, tags=None, files=files
    ).body
    assert isinstance(prepared, RunStartMultipartRequest)
    return prepared


@pytest.mark.parametrize(
    ("make_value", "filename", "mime_type", "content"),
    [
        (lambda pdf: pdf, "contract.pdf", "application/pdf", None),
        (lambda pdf: pdf.open("rb"), "contract.pdf", "application/pdf", None),
        (lambda pdf: b"raw bytes", "doc", "application/octet-stream", b"raw bytes"),
        (lambda pdf: ("scan.png", b"png!"), "scan.png", "image/png", b"png!"),
        (lambda pdf: ("scan.bin", io.BytesIO(b"io!"), "image/tiff"), "scan.bin", "image/tiff", b"io!"),
        (
            lambda pdf: {"content": b"{}", "filename": "a.json", "mime_type": "application/json"},
            "a.json",
            "application/json",
            b"{}",
        ),
        (lambda pdf: {"content": pdf}, "contract.pdf", "application/pdf", None),
        (lambda pdf: io.BytesIO(b"anonymous"), "doc", "application/octet-stream", b"anonymous"),
    ],
)
def test_every_file_form_becomes_one_part(
    pdf: Path, make_value: Callable[[Path], Any], filename: str, mime_type: str, content: bytes | None
) -> None:
    value = make_value(pdf)
    with ExitStack() as files:
        body = _prepare(value, files)
        part = body["files.doc"]
        assert part.file_name == filename
        assert part.mime_type == mime_type
        assert part.payload.read() == (content if content is not None else pdf.read_bytes())
        assert body.input_ == "{}"
    if hasattr(value, "close"):
        value.close()


def test_files_opened_from_paths_are_closed_after_the_call(pdf: Path) -> None:
    with ExitStack() as files:
        body = _prepare(pdf, files)
        stream = body["files.doc"].payload
        assert not stream.closed
    assert stream.closed


def test_a_callers_file_object_is_left_open(pdf: Path) -> None:
    with pdf.open("rb") as handle:
        with ExitStack() as files:
            _prepare(handle, files)
        assert not handle.closed


def test_a_json_object_that_only_looks_like_a_file_stays_json() -> None:
    with ExitStack() as files:
        body = prepare_start_body(
            "workflows.x",
            {"doc": {"content": "text", "filename": "a.txt"}},
            overrides=None,
            metadata=None,
            tags=None,
            files=files,
        ).body
    assert isinstance(body, RunStartBody)


def test_a_text_mode_file_is_refused(pdf: Path) -> None:
    with (
        pdf.open("r", encoding="latin-1") as handle,
        ExitStack() as files,
        pytest.raises(InvalidArgumentError) as caught,
    ):
        _prepare(handle, files)
    assert caught.value.argument == "input.doc"
    assert "binary" in str(caught.value)


def test_a_stream_that_cannot_be_rewound_is_sent_once(make_harness: MakeHarness) -> None:
    class Pipe(io.RawIOBase):
        def __init__(self) -> None:
            self.data = io.BytesIO(b"streamed once")

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: Any) -> int:
            chunk = self.data.read(len(buffer))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    server = Script(reply(503, {"issues": [], "requestId": "r"}))
    # With a multipart_max_bytes (the default) a pipe is first copied to measure it, and can be resent whole.
    harness = make_harness(server, multipart_max_bytes=None)
    with pytest.raises(Exception, match="503"):
        harness.call(lambda client: client.run("workflows.x", input={"doc": Pipe()}))
    assert len(server.requests) == 1


def test_a_seekable_file_is_resent_whole_on_retry(make_harness: MakeHarness, pdf: Path) -> None:
    none_found = reply(200, {"runs": [], "nextCursor": None})  # the lookup after the 503: it made no run
    server = Script(reply(503, {"issues": [], "requestId": "r"}), none_found, reply(202, ACCEPTED))
    harness = make_harness(server)
    harness.call(lambda client: client.run("workflows.x", input={"doc": pdf}))
    first, second = (request for request in server.requests if request.method == "POST")
    assert _payload(_parts(first)["files.doc"]) == _payload(_parts(second)["files.doc"]) == pdf.read_bytes()
