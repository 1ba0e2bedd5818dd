"""Integration scenarios: replayed from cassettes by default, recorded or run live against the local server.

Each scenario runs twice in the suite:

- ``test_replayed[...]`` replays its cassette from tests/cassettes/; the network is blocked and no server runs, so a
  request the recording does not hold fails the test. ``scripts/record`` (``--record-mode=rewrite``) runs these
  against an in-process local server and writes the traffic anew, the API key filtered out before anything is
  written.
- ``test_live[...]`` runs the same scenario against an in-process local server, cassettes off.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
import pytest_asyncio
from cassette_kit import API_KEY, CASSETTES, REDACTED, REPLAY_BASE_URL

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient


def _scrub(text: str) -> str:
    return text.replace(API_KEY, REDACTED)


def _scrub_request(request: Any) -> Any:
    if isinstance(request.body, bytes) and API_KEY.encode() in request.body:
        request.body = request.body.replace(API_KEY.encode(), REDACTED.encode())
    request.uri = _scrub(request.uri)
    return request


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    body = response.get("body", {}).get("string")
    if isinstance(body, bytes) and API_KEY.encode() in body:
        response["body"]["string"] = body.replace(API_KEY.encode(), REDACTED.encode())
    headers = response.get("headers", {})
    for name in list(headers):
        headers[name] = [_scrub(value) for value in headers[name]]
    return response


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": [("authorization", f"Bearer {REDACTED}")],
        "before_record_request": _scrub_request,
        "before_record_response": _scrub_response,
        # The host and port differ between the recording server and replay; what matters is the request itself.
        "match_on": ["method", "path", "query"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


@pytest.fixture(scope="session")
def local_server() -> Iterator[str]:
    from eigenpal_local import LocalServer

    with LocalServer(api_key=API_KEY, db=None, port=0, workers=16) as server:
        yield server.base_url


@pytest.fixture
def base_url(request: pytest.FixtureRequest) -> str:
    """The live server for live tests and while recording; an address nothing answers at while replaying."""
    recording = request.config.getoption("--record-mode") not in (None, "none")
    if recording or request.node.get_closest_marker("vcr") is None:
        return str(request.getfixturevalue("local_server"))
    return REPLAY_BASE_URL


@pytest.fixture
def client(base_url: str) -> Iterator[EigenpalClient]:
    with EigenpalClient(api_key=API_KEY, base_url=base_url) as client:
        yield client


@pytest_asyncio.fixture
async def async_client(base_url: str) -> AsyncIterator[AsyncEigenpalClient]:
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=base_url) as client:
        yield client
