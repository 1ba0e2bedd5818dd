"""Large artifacts: a 302 to a short-lived signed URL on a separate storage origin, which needs no key."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import httpx
import pytest

from eigenpal_local import LocalServer
from eigenpal_local._automations.sleep import blob
from eigenpal_local._storage import StorageApp, StorageSigner, StorageStats

from .conftest import API_KEY

MIB = 1024 * 1024
BLOB = "outputs%2Fblob.bin"


def _client(server: LocalServer, **options: Any) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30, **options)


def _run_with_blob(http: httpx.Client, size: int) -> str:
    response = http.post(
        "/v1/runs",
        json={"target": "workflows.sleep", "input": {"seconds": 0, "steps": 1, "artifact_bytes": size}},
        params={"wait_for_completion": 30},
    )
    assert response.status_code == 200, response.text
    run = response.json()
    assert {file["path"]: file["size"] for file in run["files"]}["outputs/blob.bin"] == size
    run_id: str = run["id"]
    return run_id


@pytest.fixture(scope="module")
def storing() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY) as server:
        yield server


def test_a_large_artifact_is_a_redirect_to_the_storage_origin(storing: LocalServer) -> None:
    with _client(storing) as http:
        run_id = _run_with_blob(http, 2 * MIB)
        redirect = http.get(f"/v1/runs/{run_id}/artifacts/{BLOB}")
        small = http.get(f"/v1/runs/{run_id}/artifacts/outputs%2Fresult.json")
    assert redirect.status_code == 302
    assert redirect.content == b""
    location = urlsplit(redirect.headers["location"])
    api = urlsplit(storing.base_url)
    assert f"{location.scheme}://{location.netloc}" == storing.storage_url
    assert location.hostname == "127.0.0.1"
    assert location.port != api.port
    assert set(parse_qs(location.query)) == {"expires", "signature"}
    # The bytes, with no key at all.
    stored = httpx.get(redirect.headers["location"], timeout=30)
    assert stored.status_code == 200
    assert stored.content == blob(2 * MIB)
    assert stored.headers["content-length"] == str(2 * MIB)
    assert stored.headers["content-type"] == "application/octet-stream"
    assert storing.storage_saw_credentials == 0
    # An artifact within the threshold (1 MiB) is answered as it is.
    assert small.status_code == 200
    assert small.json() == {"seconds": 0, "steps": 1}


def test_a_client_following_the_redirect_does_not_send_its_key_there(storing: LocalServer) -> None:
    with _client(storing, follow_redirects=True) as http:
        run_id = _run_with_blob(http, MIB + 1)
        before = storing.storage_requests
        followed = http.get(f"/v1/runs/{run_id}/artifacts/{BLOB}")
    assert followed.status_code == 200
    assert followed.content == blob(MIB + 1)
    assert storing.storage_requests == before + 1
    # httpx drops Authorization on a redirect to another origin; another credential header would follow it.
    assert storing.storage_saw_credentials == 0
    with _client(storing, follow_redirects=True) as http:
        http.get(f"/v1/runs/{run_id}/artifacts/{BLOB}", headers={"X-Api-Key": API_KEY})
    assert storing.storage_saw_credentials == 1


def _with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_a_bad_or_expired_signature_is_403() -> None:
    with LocalServer(api_key=API_KEY, storage_url_ttl=0.5) as server, _client(server) as http:
        run_id = _run_with_blob(http, 2 * MIB)
        location = http.get(f"/v1/runs/{run_id}/artifacts/{BLOB}").headers["location"]
        _check_refusals(location)


def _check_refusals(location: str) -> None:
    signature = parse_qs(urlsplit(location).query)["signature"][0]
    expires = parse_qs(urlsplit(location).query)["expires"][0]
    forged = _with_query(location, signature=("0" if signature[0] != "0" else "1") + signature[1:])
    later = _with_query(location, expires=str(int(expires) + 60_000))
    other_object = location.replace("/blob.bin?", "/result.json?")
    unsigned = location.split("?")[0]
    for url in (forged, later, other_object, unsigned):
        refused = httpx.get(url)
        assert refused.status_code == 403, url
        assert refused.headers["content-type"].startswith("text/plain")
    time.sleep(0.6)  # past the 0.5 s lifetime this server gives its URLs
    expired = httpx.get(location)
    assert expired.status_code == 403
    assert expired.text == "the URL has expired"
    assert httpx.post(location).status_code == 405


def test_the_threshold_is_an_option() -> None:
    with LocalServer(api_key=API_KEY, redirect_artifacts_over=0) as every, _client(every) as http:
        run_id = _run_with_blob(http, 10)
        assert http.get(f"/v1/runs/{run_id}/artifacts/outputs%2Fresult.json").status_code == 302
        assert http.get(f"/v1/runs/{run_id}/artifacts/{BLOB}").status_code == 302
    with LocalServer(api_key=API_KEY, redirect_artifacts_over=None) as never, _client(never) as http:
        run_id = _run_with_blob(http, 2 * MIB)
        direct = http.get(f"/v1/runs/{run_id}/artifacts/{BLOB}")
        assert direct.status_code == 200
        assert direct.content == blob(2 * MIB)
    with pytest.raises(ValueError, match="redirect_artifacts_over"):
        LocalServer(redirect_artifacts_over=-1)


def test_the_storage_origin_stops_with_the_server() -> None:
    with LocalServer(api_key=API_KEY) as server:
        storage_url = server.storage_url
        assert httpx.get(f"{storage_url}/objects/run_x/a.txt").status_code == 403
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{storage_url}/objects/run_x/a.txt")
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.storage_url


def test_an_unknown_object_is_404() -> None:
    signer = StorageSigner(60, secret=b"test-secret")
    signer.base_url = "http://storage.test"
    app = StorageApp(signer, lambda run_id, path: None, StorageStats())
    url = signer.url("run_gone", "outputs/blob.bin")
    assert url is not None

    async def fetch() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app)) as client:
            return await client.get(url)

    response = asyncio.run(fetch())
    assert response.status_code == 404
    assert app.stats.requests == 1


def test_artifact_bytes_is_checked(storing: LocalServer) -> None:
    with _client(storing) as http:
        refused = http.post("/v1/runs", json={"target": "workflows.sleep", "input": {"artifact_bytes": -1}})
    assert refused.status_code == 400
    assert refused.json()["issues"][0]["field"] == "input.artifact_bytes"
