"""The server's own limits: slow clients are cut off, many of them do not lock it out, a server reachable from the
network needs a key of its own, and what it keeps of its runs has a cap."""

from __future__ import annotations

import base64
import logging
import os
import resource
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from eigenpal_local import DEFAULT_API_KEY, LocalServer
from eigenpal_local.__main__ import main as serve_main

from .conftest import API_KEY

MIB = 1024 * 1024
SLOW_CONNECTIONS = 1100
"""More than the 1,024 file descriptors a process gets by default: enough to use them all up."""


def _address(server: LocalServer) -> tuple[str, int]:
    port = int(server.base_url.rsplit(":", 1)[1])
    return "127.0.0.1", port


def _closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closed `sock` (reading nothing more), or None if it was still open after `seconds`."""
    started = time.monotonic()
    sock.settimeout(seconds)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return None
    except ConnectionResetError:
        pass
    return time.monotonic() - started


@pytest.fixture(scope="module")
def impatient() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, head_timeout=0.5, body_timeout=0.5) as server:
        yield server


# --- slow clients --------------------------------------------------------------------------------------------------


def test_a_head_sent_a_byte_at_a_time_is_cut_off(impatient: LocalServer) -> None:
    with socket.create_connection(_address(impatient)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        time.sleep(0.2)
        sock.sendall(b"X-Slow: 1\r\n")  # progress does not earn more time: the head has 0.5 s in all
        elapsed = _closed_within(sock, 5)
    assert elapsed is not None, "a half-sent head kept its connection for 5 s"
    assert elapsed < 2


def test_a_connection_that_sends_nothing_is_cut_off(impatient: LocalServer) -> None:
    with socket.create_connection(_address(impatient)) as sock:
        assert _closed_within(sock, 5) is not None


def test_a_body_sent_slowly_is_cut_off(impatient: LocalServer) -> None:
    head = (
        f"POST /v1/runs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {API_KEY}\r\n"
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    )
    with socket.create_connection(_address(impatient)) as sock:
        sock.sendall(head.encode() + b'{"target": ')
        elapsed = _closed_within(sock, 5)
    assert elapsed is not None, "a half-sent body kept its connection for 5 s"
    with httpx.Client(base_url=impatient.base_url) as http:
        assert http.get("/healthz").json()["runs"] == 0  # nothing was started from the half body


def test_the_time_an_answer_takes_is_not_bounded(impatient: LocalServer) -> None:
    # A hold, and a kept-alive connection that waits between two requests, are the client's to choose.
    with httpx.Client(base_url=impatient.base_url, headers={"Authorization": f"Bearer {API_KEY}"}) as http:
        held = http.post(
            "/v1/runs",
            json={"target": "workflows.sleep", "input": {"seconds": 1.5, "steps": 1}},
            params={"wait_for_completion": 30},
        )
        time.sleep(0.3)
        again = http.get(f"/v1/runs/{held.json()['id']}")
    assert held.status_code == 200
    assert again.status_code == 200


def _serve_with_1024_descriptors(*options: str) -> tuple[subprocess.Popen[str], str]:
    # A process of its own, with the file limit most systems give: the limit is what a flood of connections uses up.
    code = (
        "import resource, runpy, sys\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (1024, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))\n"
        "sys.argv = ['eigenpal_local', *sys.argv[1:]]\n"
        "runpy.run_module('eigenpal_local', run_name='__main__')\n"
    )
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module, fixed arguments
        [sys.executable, "-c", code, "--port", "0", "--api-key", API_KEY, *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert process.stdout is not None
    base_url = process.stdout.readline().strip()
    assert base_url.startswith("http://"), base_url
    return process, base_url


def test_many_slow_connections_do_not_lock_the_server_out() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < SLOW_CONNECTIONS + 200:
        pytest.skip(f"this process may open only {hard} files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
    # The default head timeout (10 s): the answer below must not wait for it.
    process, base_url = _serve_with_1024_descriptors()
    port = int(base_url.rsplit(":", 1)[1])
    slow: list[socket.socket] = []
    try:
        for _ in range(SLOW_CONNECTIONS):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            slow.append(sock)
        started = time.monotonic()
        answer = httpx.get(f"{base_url}/healthz", timeout=8)
        elapsed = time.monotonic() - started
        assert answer.status_code == 200
        assert elapsed < 5, f"answered after {elapsed:.1f} s"
    finally:
        for sock in slow:
            sock.close()
        process.terminate()
        process.wait(timeout=30)
        assert process.stdout is not None
        process.stdout.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


# --- who can reach it ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])  # noqa: S104 - the point of the test
def test_every_interface_with_the_public_key_is_refused(host: str) -> None:
    with pytest.raises(ValueError, match="--api-key") as refused:
        LocalServer(host=host)
    assert "EIGENPAL_LOCAL_API_KEY" in str(refused.value)


def test_the_command_refuses_it_and_says_how_to_give_a_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EIGENPAL_LOCAL_API_KEY", raising=False)
    with pytest.raises(SystemExit) as exited:
        serve_main(["--host", "0.0.0.0", "--port", "0"])  # noqa: S104 - the point of the test
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert "default API key" in error
    assert "--api-key" in error
    assert "EIGENPAL_LOCAL_API_KEY" in error


def test_a_key_of_ones_own_is_served_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    key = secrets.token_urlsafe(24)
    with caplog.at_level(logging.WARNING, logger="eigenpal_local"), LocalServer(api_key=key, host="0.0.0.0"):  # noqa: S104
        pass
    warnings = [record.getMessage() for record in caplog.records if record.name == "eigenpal_local"]
    assert any("other machines on the network can reach it" in message for message in warnings), warnings


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_is_silent(host: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="eigenpal_local"), LocalServer(host=host) as server:
        assert server.api_key == DEFAULT_API_KEY
    assert [record for record in caplog.records if record.name == "eigenpal_local"] == []


# --- what it keeps -------------------------------------------------------------------------------------------------


def _start_with_file(http: httpx.Client, size: int, **params: int) -> httpx.Response:
    encoded = base64.b64encode(b"x" * size).decode()
    inline = {"filename": "in.bin", "mimeType": "application/octet-stream", "base64": encoded}
    return http.post("/v1/runs", json={"target": "agents.echo", "files": {"doc": {"$inline": inline}}}, params=params)


def test_past_the_cap_the_oldest_finished_runs_are_forgotten(caplog: pytest.LogCaptureFixture) -> None:
    with (
        caplog.at_level(logging.WARNING, logger="eigenpal_local"),
        LocalServer(api_key=API_KEY, max_kept_bytes=3 * MIB + MIB // 2) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30) as http,
    ):
        ids = []
        for _ in range(6):
            started = _start_with_file(http, MIB, wait_for_completion=30)
            assert started.status_code == 200, started.text
            ids.append(started.json()["id"])
        statuses = [http.get(f"/v1/runs/{run_id}").status_code for run_id in ids]
        kept = http.get("/healthz").json()["runs"]
        listed = [run["id"] for run in http.get("/v1/runs").json()["runs"]]
        artifact = http.get(f"/v1/runs/{ids[-1]}/artifacts/inputs%2Fdoc%2Fin.bin")
    assert statuses == [404, 404, 404, 200, 200, 200]
    assert kept == 3
    assert listed == ids[:2:-1]
    assert artifact.content == b"x" * MIB
    assert any("oldest finished runs" in record.getMessage() for record in caplog.records)


def test_runs_in_flight_over_the_cap_refuse_a_start_with_503() -> None:
    with (
        LocalServer(api_key=API_KEY, max_kept_bytes=2 * MIB + MIB // 2) as server,
        httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30) as http,
    ):
        big = {"seconds": 30, "steps": 1, "output": {"blob": "y" * MIB}}
        in_flight = [http.post("/v1/runs", json={"target": "workflows.sleep", "input": big}) for _ in range(2)]
        refused = http.post("/v1/runs", json={"target": "workflows.sleep", "input": big})
        rerun_refused = http.post(f"/v1/runs/{in_flight[0].json()['id']}/rerun")
        for started in in_flight:
            http.post(f"/v1/runs/{started.json()['id']}/cancel")
        time.sleep(0.2)
        after = http.post("/v1/runs", json={"target": "workflows.sleep", "input": {"seconds": 0}})
    assert [started.status_code for started in in_flight] == [201, 201]
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "5"
    assert refused.json()["issues"][0]["code"] == "over_capacity"
    assert "--max-kept-bytes" in refused.json()["issues"][0]["message"]
    assert rerun_refused.status_code == 503
    assert after.status_code == 201  # once they finished, they make room
