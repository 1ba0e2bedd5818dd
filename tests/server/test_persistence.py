"""Restarted on the same database, the server keeps every run and finishes the ones that were in flight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from eigenpal_local import LocalServer

from .conftest import API_KEY, wait_for_status

HEADERS = {"Authorization": f"Bearer {API_KEY}"}


def _client(base_url: str) -> httpx.Client:
    return httpx.Client(base_url=base_url, headers=HEADERS, timeout=30)


def _start(
    http: httpx.Client, target: str, run_input: dict[str, Any], tags: list[str] | None = None, **params: Any
) -> dict[str, Any]:
    response = http.post("/v1/runs", json={"target": target, "input": run_input, "tags": tags or []}, params=params)
    assert response.status_code in (200, 201), response.text
    body: dict[str, Any] = response.json()
    return body


def test_restart_keeps_runs_and_finishes_in_flight_ones(tmp_path: Path) -> None:
    db = str(tmp_path / "runs.sqlite")
    # Idempotency keys are an option (the real API has none); with it on, they are kept across restarts too.
    with LocalServer(api_key=API_KEY, db=db, idempotency_keys=True) as first, _client(first.base_url) as http:
        done = _start(http, "agents.echo", {"kept": True}, tags=["survives"], wait_for_completion=30)
        assert done["finished"]
        in_flight = _start(http, "workflows.sleep", {"seconds": 1.5, "steps": 3})
        deadline = time.monotonic() + 20
        while http.get(f"/v1/runs/{in_flight['id']}").json()["execution"]["status"] != "running":
            assert time.monotonic() < deadline
            time.sleep(0.02)
        rerun = http.post(f"/v1/runs/{done['id']}/rerun", params={"wait_for_completion": 30}).json()
        keyed = http.post("/v1/runs", json={"target": "agents.echo"}, headers={"Idempotency-Key": "across-restarts"})
    # Stopped mid-run: the second server picks the run up again.
    with LocalServer(api_key=API_KEY, db=db, idempotency_keys=True) as second, _client(second.base_url) as http:
        kept = http.get(f"/v1/runs/{done['id']}", params={"expand": "input"}).json()
        assert kept["execution"]["status"] == "completed"
        assert kept["output"] == {"kept": True}
        assert kept["input"] == {"args": {"kept": True}, "files": []}
        assert kept["tags"] == ["survives"]
        assert kept["trigger"]["by"]["id"] == "user_local"
        assert kept["execution"]["retry"]["nextRun"] == {"id": rerun["id"], "status": "completed"}
        resumed = wait_for_status(http, in_flight["id"], timeout=30)
        assert resumed["execution"]["status"] == "completed"
        events = [event["type"] for event in http.get(f"/v1/runs/{in_flight['id']}/events").json()["events"]]
        assert "run.resumed" in events
        assert events[-1] == "run.completed"
        assert http.get(f"/v1/runs/{in_flight['id']}/artifacts/outputs%2Fresult.json").status_code == 200
        # Idempotency keys outlive the restart too.
        replayed = http.post("/v1/runs", json={"target": "agents.echo"}, headers={"Idempotency-Key": "across-restarts"})
        assert replayed.json()["id"] == keyed.json()["id"]
        newer = _start(http, "agents.echo", {}, wait_for_completion=30)
        listed = [run["id"] for run in http.get("/v1/runs").json()["runs"]]
        assert listed[:5] == [newer["id"], keyed.json()["id"], rerun["id"], in_flight["id"], done["id"]]


def _spawn(db: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module, fixed arguments
        [sys.executable, "-m", "eigenpal_local", "--port", "0", "--db", str(db), "--api-key", API_KEY],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert process.stdout is not None
    base_url = process.stdout.readline().strip()
    assert base_url.startswith("http://"), base_url
    return process, base_url


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    if process.stdout is not None:
        process.stdout.close()


def test_survives_sigkill(tmp_path: Path) -> None:
    db = tmp_path / "killed.sqlite"
    process, base_url = _spawn(db)
    try:
        with _client(base_url) as http:
            done = _start(http, "agents.echo", {"n": 1}, wait_for_completion=30)
            in_flight = _start(http, "workflows.sleep", {"seconds": 1, "steps": 2})
    finally:
        _kill(process)
    process, base_url = _spawn(db)
    try:
        with _client(base_url) as http:
            assert http.get(f"/v1/runs/{done['id']}").json()["output"] == {"n": 1}
            resumed = wait_for_status(http, in_flight["id"], timeout=30)
            assert resumed["execution"]["status"] == "completed"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


def test_the_key_never_reaches_the_output(tmp_path: Path) -> None:
    secret = "sk-very-secret-key-123"
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module, fixed arguments
        [
            sys.executable,
            "-m",
            "eigenpal_local",
            "--port",
            "0",
            "--api-key",
            secret,
            "--db",
            str(tmp_path / "k.db"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    base_url = process.stdout.readline().strip()
    with httpx.Client(base_url=base_url, timeout=30) as http:
        assert http.get("/v1/runs", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
        assert http.get("/v1/runs", headers={"Authorization": f"Bearer {secret}x"}).status_code == 401
        http.post("/v1/runs", content=b"{", headers={"Authorization": f"Bearer {secret}"})
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=30)
    assert secret not in base_url + stdout + stderr
