"""A real local server per test module, and plain httpx clients that talk to it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from eigenpal_ext.local import LocalServer

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
