"""The hostile server does what it says: checked with plain httpx and raw sockets, never with the client; its
well-behaved answers checked against the published Eigenpal document (R1 plus the R3 overlay, ``openapi/upstream/``).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import referencing
import yaml
from oas_patch.overlay import apply_overlay  # type: ignore[import-untyped]  # no type information
from referencing.jsonschema import DRAFT202012

from .server import (
    DEFAULT_RUN_ID,
    ERROR_ENVELOPE,
    HUGE_BODY_BYTES,
    HostileServer,
    accepted_json,
    cancel_json,
    huge_body_pieces,
    normal_answer,
    run_json,
)

Start = Callable[..., HostileServer]
UPSTREAM = Path(__file__).resolve().parents[2] / "openapi" / "upstream"


def _r3_registry() -> referencing.Registry[Any]:
    document = json.loads((UPSTREAM / "eigenpal-openapi-1.0.0.json").read_text())
    overlay = yaml.safe_load((UPSTREAM / "overlays" / "r3-eigenpal-0.20.93.yaml").read_text())
    r3 = dict(apply_overlay(document, overlay))
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(
        "urn:r3", DRAFT202012.create_resource(r3)
    )
    return registry


def _fits(body: Any, schema: str, registry: referencing.Registry[Any]) -> None:
    """Fail unless the R3 document allows ``body`` as ``schema``."""
    ref = {"$ref": f"urn:r3#/components/schemas/{schema}"}
    jsonschema.Draft202012Validator(ref, registry=registry).validate(body)


def _connect(server: HostileServer, request: bytes) -> socket.socket:
    port = int(server.base_url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=2)
    sock.sendall(request)
    return sock


def _get(path: str = f"/v1/runs/{DEFAULT_RUN_ID}") -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sk_test_hostile\r\n\r\n".encode()


def _received_within(sock: socket.socket, seconds: float) -> bytes:
    """Everything the server sent during ``seconds``."""
    data = bytearray()
    ends = time.monotonic() + seconds
    while (left := ends - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            break
        if not chunk:
            break
        data += chunk
    return bytes(data)


def _ends_in_eof(sock: socket.socket, seconds: float) -> bool:
    """Whether the server closed its side within ``seconds`` (whatever it sent before)."""
    ends = time.monotonic() + seconds
    while (left := ends - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            if not sock.recv(65536):
                return True
        except ConnectionResetError:
            return True
        except TimeoutError:
            return False
    return False


def test_silent_never_answers_but_records_the_request(hostile: Start) -> None:
    server = hostile("silent")
    with _connect(server, _get()) as sock:
        assert _received_within(sock, 1.0) == b""
    (request,) = server.requests
    assert (request.method, request.path) == ("GET", f"/v1/runs/{DEFAULT_RUN_ID}")
    assert request.headers["authorization"] == "Bearer sk_test_hostile"
    assert request.received_at <= time.monotonic()


def test_silent_times_out_a_plain_httpx_read(hostile: Start) -> None:
    server = hostile("silent")
    with httpx.Client(base_url=server.base_url, timeout=httpx.Timeout(5, read=0.5)) as http:
        began = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            http.get("/v1/runs/run_1")
        assert time.monotonic() - began < 2


def test_trickle_headers_sends_a_byte_every_interval_and_never_ends_the_head(hostile: Start) -> None:
    server = hostile("trickle_headers", byte_interval=0.2)
    with _connect(server, _get()) as sock:
        first = _received_within(sock, 1.0)
        second = _received_within(sock, 1.0)
    # About 5 bytes a second (one at once, then one per 0.2 s); a burst or a stall would show here.
    assert 3 <= len(first) <= 7, first
    assert 3 <= len(second) <= 7, second
    assert b"HTTP/1.1 200 OK\r\n".startswith(first + second)


def test_trickle_headers_head_is_valid_http_with_an_endless_last_header(hostile: Start) -> None:
    server = hostile("trickle_headers", byte_interval=0.001)
    with _connect(server, _get()) as sock:
        head = _received_within(sock, 1.5)
    lines = head.split(b"\r\n")
    assert lines[0] == b"HTTP/1.1 200 OK"
    assert b"Content-Type: application/json" in lines
    assert lines[-1].startswith(b"X-Trickle: aaaa")
    assert b"\r\n\r\n" not in head


def test_trickle_body_sends_complete_headers_then_a_byte_every_interval(hostile: Start) -> None:
    server = hostile("trickle_body", byte_interval=0.2)
    with _connect(server, _get()) as sock:
        received = _received_within(sock, 1.0)
    head, separator, body = received.partition(b"\r\n\r\n")
    assert separator, received
    headers = dict(line.split(b": ", 1) for line in head.split(b"\r\n")[1:])
    expected = json.dumps(run_json(DEFAULT_RUN_ID, "completed"), separators=(",", ":")).encode()
    assert int(headers[b"Content-Length"]) == len(expected)
    assert 3 <= len(body) <= 7, body
    assert expected.startswith(body)


def test_trickle_body_would_be_a_valid_run(hostile: Start) -> None:
    server = hostile("trickle_body", byte_interval=0.0005)
    with httpx.Client(base_url=server.base_url, timeout=10) as http:
        response = http.get("/v1/runs/run_7")
    assert response.status_code == 200
    assert response.json() == run_json("run_7", "completed")


@pytest.mark.parametrize(
    ("mode", "status", "retry_after", "code"),
    [("retry_after_huge", 503, "1000000000", "unavailable"), ("rate_limited_30", 429, "30", "rate_limited")],
)
def test_retry_after_answers_carry_the_envelope(
    hostile: Start, mode: str, status: int, retry_after: str, code: str
) -> None:
    server = hostile(mode)
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        answers = [http.get("/v1/runs/run_1"), http.post("/v1/runs", json={"target": "workflows.x"})]
    for response in answers:
        assert response.status_code == status
        assert response.headers["retry-after"] == retry_after
        assert response.headers["content-type"] == "application/json"
        assert response.headers["x-request-id"].startswith("req_")
        assert response.json()["issues"][0]["code"] == code
        assert response.json()["requestId"] == "req_1"
    if mode == "retry_after_huge":
        assert answers[0].json() == ERROR_ENVELOPE
    # Both went over one kept-alive connection.
    assert server.connections == 1
    assert [request.method for request in server.requests] == ["GET", "POST"]


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_huge_body_is_150_mb_of_valid_json_streamed(hostile: Start, chunked: bool) -> None:
    server = hostile("huge_body_chunked" if chunked else "huge_body")
    size = 0
    head = b""
    tail = b""
    with (
        httpx.Client(base_url=server.base_url, timeout=30) as http,
        http.stream("GET", "/v1/runs/run_1") as response,
    ):
        assert response.status_code == 200
        if chunked:
            assert response.headers["transfer-encoding"] == "chunked"
            assert "content-length" not in response.headers
        else:
            assert int(response.headers["content-length"]) == HUGE_BODY_BYTES
        for piece in response.iter_raw():
            size += len(piece)
            head = (head + piece[:64])[:64]
            tail = (tail + piece)[-4096:]
    assert size == HUGE_BODY_BYTES == 150_000_000
    assert head.startswith(b'{"padding":"aaaa')
    # What follows the padding is the usual answer.
    assert json.loads(b"{" + tail[tail.rindex(b'a",') + 3 :]) == run_json("run_1", "completed")


def test_huge_body_pieces_add_up_and_parse() -> None:
    normal = json.dumps({"runs": [], "nextCursor": None}).encode()
    body = b"".join(huge_body_pieces(normal, 3_000_123))
    assert len(body) == 3_000_123
    parsed = json.loads(body)
    assert parsed["runs"] == [] and parsed["nextCursor"] is None
    assert set(parsed["padding"]) == {"a"}


def test_huge_body_stops_when_the_client_hangs_up(hostile: Start) -> None:
    server = hostile("huge_body")
    with _connect(server, _get()) as sock:
        assert sock.recv(1024).startswith(b"HTTP/1.1 200 OK")
    deadline = time.monotonic() + 5
    while len(server.threads_alive()) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(server.threads_alive()) == 1  # only the accept loop is left


def test_well_behaved_answers_fit_the_published_document() -> None:
    registry = _r3_registry()
    for status in ("completed", "running", "failed", "cancelled"):
        run = run_json("run_1", status)
        _fits(run, "Run", registry)
        _fits(accepted_json(run), "RunAccepted", registry)
        _fits(cancel_json(run), "RunCancelResponse", registry)
        _fits(normal_answer("GET", "/v1/runs", {"ids": "run_1,run_2"}, status=status)[1], "RunsListResponse", registry)
    _fits({**run_json("run_1", "running"), "output": None}, "Run", registry)
    _fits(ERROR_ENVELOPE, "ApiErrorEnvelope", registry)


def test_starts_answer_as_the_api_does(hostile: Start) -> None:
    server = hostile("null_output_then_completed", running_answers=1)
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        began = time.monotonic()
        held_running = http.post("/v1/runs", params={"wait_for_completion": "30"}, json={"target": "workflows.x"})
        plain = http.post("/v1/runs", json={"target": "workflows.x"})
        zero = http.post("/v1/runs", params={"wait_for_completion": "0"}, json={"target": "workflows.x"})
        held_done = http.post("/v1/runs", params={"wait_for_completion": "30"}, json={"target": "workflows.x"})
        rerun = http.post("/v1/runs/run_4/rerun", json={})
        elapsed = time.monotonic() - began
    assert elapsed < 10  # two 30 s holds asked for, never really held (a generous bound)
    accepted = {"id": DEFAULT_RUN_ID, "type": "workflow", "finished": False, "source": run_json()["source"]}
    # The hold ran out before the run ended: 202 and a RunAccepted.
    assert (held_running.status_code, held_running.json()) == (202, accepted)
    # No hold: 201 and a RunAccepted, even for a run that has already ended.
    assert (plain.status_code, plain.json()) == (201, accepted)
    assert (zero.status_code, zero.json()) == (201, accepted)
    assert (rerun.status_code, rerun.json()) == (201, accepted)
    # A held start whose run ended: 200 and the Run.
    assert (held_done.status_code, held_done.json()) == (200, run_json(DEFAULT_RUN_ID, "completed"))
    assert held_done.headers["content-type"] == "application/json"
    assert [response.reason_phrase for response in (held_running, plain, held_done)] == ["Accepted", "Created", "OK"]


def test_cancel_answers_a_cancel_response(hostile: Start) -> None:
    server = hostile("null_output_running")
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        cancelled = http.post("/v1/runs/run_5/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json() == {
        "id": "run_5",
        "type": "workflow",
        "finished": False,
        "execution": {"status": "running"},
        "cancellation": {"state": "requested", "wasStatus": "running"},
    }


def test_wrong_types_for_a_run_a_list_a_start_and_a_cancel(hostile: Start) -> None:
    server = hostile("wrong_types")
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        run = http.get("/v1/runs/run_1").json()
        started = http.post("/v1/runs", json={"target": "workflows.x"})
        held = http.post("/v1/runs", params={"wait_for_completion": "5"}, json={"target": "workflows.x"})
        page = http.get("/v1/runs", params={"ids": "run_1,run_2"}).json()
        cancelled = http.post("/v1/runs/run_1/cancel").json()
    assert (run["finished"], run["execution"]["status"]) == ("yes", 5)
    expected = run_json("run_1")
    expected["finished"], expected["execution"]["status"] = "yes", 5
    assert run == expected  # nothing else changed
    assert started.status_code == 201 and started.json()["finished"] == "yes"
    assert "execution" not in started.json()  # a RunAccepted has none: nothing to spoil there
    assert held.status_code == 200 and held.json() == expected
    assert [item["id"] for item in page["runs"]] == ["run_1", "run_2"]
    assert all(item["finished"] == "yes" and item["execution"]["status"] == 5 for item in page["runs"])
    assert page["nextCursor"] is None
    assert (cancelled["id"], cancelled["execution"], cancelled["finished"]) == ("run_1", {"status": 5}, "yes")


def test_wrong_types_puts_what_it_is_told_where_the_answer_has_it(hostile: Start) -> None:
    server = hostile("wrong_types", wrong={"timing.durationMs": "slow", "nextCursor": 5, "no.such.field": 1})
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        run = http.get("/v1/runs/run_1").json()
        page = http.get("/v1/runs").json()
        started = http.post("/v1/runs", json={"target": "workflows.x"}).json()
    expected = run_json("run_1")
    expected["timing"]["durationMs"] = "slow"
    assert run == expected
    assert page["nextCursor"] == 5 and page["runs"][0]["timing"]["durationMs"] == "slow"
    assert "nextCursor" not in run and "no" not in run
    assert started == accepted_json(run_json())


def test_null_output_running_answers_a_running_run_with_null_output_every_time(hostile: Start) -> None:
    server = hostile("null_output_running")
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        began = time.monotonic()
        reads = [http.get("/v1/runs/run_1") for _ in range(5)]
        started = http.post("/v1/runs", params={"wait_for_completion": "30"}, json={"target": "workflows.x"})
        elapsed = time.monotonic() - began
        page = http.get("/v1/runs", params={"ids": "run_1"}).json()
    assert elapsed < 10  # answered at once, though the start asked for a 30 s hold (a generous bound)
    for response in reads:
        run = response.json()
        assert response.status_code == 200
        assert run["finished"] is False and run["execution"]["status"] == "running"
        assert "output" in run and run["output"] is None
    assert started.status_code == 202 and started.json() == accepted_json(run_json(DEFAULT_RUN_ID, "running"))
    assert page["runs"][0]["execution"]["status"] == "running"


def test_null_output_then_completed_answers_running_twice_then_completed(hostile: Start) -> None:
    server = hostile("null_output_then_completed")
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        runs = [http.get("/v1/runs/run_1").json() for _ in range(4)]
    assert [run["execution"]["status"] for run in runs] == ["running", "running", "completed", "completed"]
    assert [run["output"] for run in runs[:2]] == [None, None]
    assert runs[2] == run_json("run_1", "completed")


def test_any_path_is_answered_and_recorded(hostile: Start) -> None:
    server = hostile("wrong_types")
    with httpx.Client(base_url=server.base_url, timeout=5) as http:
        assert http.get("/anything/else?x=1").status_code == 200
        assert http.post("/v1/runs/run_3/cancel").json()["id"] == "run_3"
    assert [(request.method, request.path, request.query) for request in server.requests] == [
        ("GET", "/anything/else", {"x": "1"}),
        ("POST", "/v1/runs/run_3/cancel", {}),
    ]


def test_stop_closes_every_connection_and_joins_every_thread() -> None:
    before = set(threading.enumerate())
    with HostileServer("trickle_body", byte_interval=0.2) as server:
        socks = [_connect(server, _get()) for _ in range(3)]
        time.sleep(0.3)
        assert len(server.threads_alive()) == 4
    try:
        assert server.threads_alive() == []
        assert set(threading.enumerate()) <= before
        for sock in socks:  # the server side is closed: after what was already sent comes EOF (or a reset)
            assert _ends_in_eof(sock, 2.0)
    finally:
        for sock in socks:
            sock.close()
    with pytest.raises(ConnectionRefusedError):
        _connect(server, _get())


def test_server_stops_by_itself_after_max_seconds() -> None:
    server = HostileServer("silent", max_seconds=0.5).start()
    try:
        sock = _connect(server, _get())
        with sock:
            time.sleep(1.0)
            assert server.stopped
            assert _ends_in_eof(sock, 1.0)  # the silent handler ended on its own and closed the socket
        deadline = time.monotonic() + 2
        while server.threads_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.threads_alive() == []
        with pytest.raises(ConnectionRefusedError):
            _connect(server, _get())
    finally:
        server.stop()


def test_connections_beyond_the_limit_are_closed(hostile: Start) -> None:
    server = hostile("silent", max_connections=1)
    with _connect(server, _get()) as first, _connect(server, _get()) as second:
        assert _ends_in_eof(second, 2.0)
        first.settimeout(0.3)
        with pytest.raises(TimeoutError):
            first.recv(1)
    assert server.connections == 2
    assert len(server.requests) == 1


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown mode"):
        HostileServer("polite")  # type: ignore[arg-type]
