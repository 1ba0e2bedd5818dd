"""A real local server per test module, plain httpx clients that talk to it, and a poll for a run's status."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from eigenpal_local import LocalServer

API_KEY = "test-key-server"


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, workers=16) as running:
        yield running


@pytest.fixture
def http(server: LocalServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=server.base_url, headers={"Authorization": f"Bearer {server.api_key}"}, timeout=30
    ) as client:
        yield client


TERMINAL = frozenset({"completed", "failed", "cancelled", "rejected"})


def wait_for_status(
    http: httpx.Client, run_id: str, statuses: frozenset[str] | set[str] = TERMINAL, timeout: float = 20.0
) -> dict[str, Any]:
    """Reads the run until its status is one of `statuses` (the API holds only on start and rerun); the last read."""
    deadline = time.monotonic() + timeout
    while True:
        run: dict[str, Any] = http.get(f"/v1/runs/{run_id}").json()
        if run["execution"]["status"] in statuses or time.monotonic() > deadline:
            return run
        time.sleep(0.02)
