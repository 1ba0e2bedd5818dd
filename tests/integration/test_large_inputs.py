"""Large inputs against the local server, whose request cap refuses bodies above 4.5 MiB as the real API does.

An 8 MiB ``Path`` input is uploaded through the session transport the server negotiates, then referenced by
``$fileId``: ``run_and_wait`` completes, and the run took exactly the file's bytes, while the same file sent inside
the start (``multipart_max_bytes=None``) is refused with 413. The upload streams from disk (peak memory, measured in
a child process, stays under one 4 MiB chunk above the baseline, half the promised bound), and a connection dropped
mid-upload is retried while the run still starts once. ``agents.echo`` answers its input, describing a file by
``size`` and ``path``; the input artifact at that path holds the bytes the run took.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from eigenpal_api.models.run import Run

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient, PayloadTooLargeError, is_success
from eigenpal_local import LocalServer

API_KEY = "ep_large_inputs_0001"
MIB = 1024 * 1024
CHUNK = 4 * MIB  # the local server's chunk and part size
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=["http-chunked", "presigned-put", "presigned-multipart"])
def server(request: pytest.FixtureRequest) -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, port=0, upload_transport=request.param) as running:
        yield running


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large") / "scan.pdf"
    path.write_bytes(os.urandom(8 * MIB))
    return path


@pytest.fixture(scope="module")
def scan_bytes(scan: Path) -> bytes:
    return scan.read_bytes()


def _took(client: EigenpalClient, run: Run, key: str) -> bytes:
    assert run.output is not None
    return client.runs.artifacts.download(run.id, run.output[key]["path"])


def test_an_8_mib_path_is_uploaded_first_and_the_run_completes(server: LocalServer, scan: Path) -> None:
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as client:
        run = client.run_and_wait("agents.echo", input={"doc": scan, "n": 1}, timeout_seconds=60)
        assert is_success(run)
        assert run.output is not None and run.output["doc"]["size"] == 8 * MIB
        assert hashlib.sha256(_took(client, run, "doc")).digest() == hashlib.sha256(scan.read_bytes()).digest()
    with (
        EigenpalClient(api_key=API_KEY, base_url=server.base_url, multipart_max_bytes=None) as inline,
        pytest.raises(PayloadTooLargeError),
    ):
        inline.run_and_wait("agents.echo", input={"doc": scan}, timeout_seconds=60)
    assert server.storage_saw_credentials == 0


@pytest.mark.asyncio
async def test_an_8_mib_path_is_uploaded_first_and_the_run_completes_async(
    server: LocalServer, scan: Path, scan_bytes: bytes
) -> None:
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url) as client:
        run = await client.run_and_wait("agents.echo", input={"doc": scan}, timeout_seconds=60)
        assert is_success(run)
        assert run.output is not None
        taken = await client.runs.artifacts.download(run.id, run.output["doc"]["path"])
        assert taken == scan_bytes
        uploaded = await client.files.upload(scan)
        again = await client.run_and_wait("agents.echo", input={"doc": client.files.ref(uploaded.id)})
        assert again.output is not None and again.output["doc"]["size"] == 8 * MIB
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, multipart_max_bytes=None) as inline:
        with pytest.raises(PayloadTooLargeError):
            await inline.run_and_wait("agents.echo", input={"doc": scan}, timeout_seconds=60)
    assert server.storage_saw_credentials == 0


_MEASURE = textwrap.dedent(
    """
    import sys, tracemalloc
    from pathlib import Path
    from eigenpal_ext import EigenpalClient, is_success

    base_url, key, path = sys.argv[1:4]
    with EigenpalClient(api_key=key, base_url=base_url) as client:
        client.runs.list(limit=1)  # everything the calls need is loaded and connected before the baseline
        client.run_and_wait("agents.echo", input={"doc": ("warm.txt", b"warm")})
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
        run = client.run_and_wait("agents.echo", input={"doc": Path(path)}, timeout_seconds=60)
        peak = tracemalloc.get_traced_memory()[1]
        assert is_success(run), run.error
    print(peak - baseline)
    """
)


def test_the_upload_streams_from_disk_in_less_than_a_chunk_of_memory(scan: Path) -> None:
    with LocalServer(api_key=API_KEY, port=0) as running:
        child = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
            [sys.executable, "-c", _MEASURE, running.base_url, API_KEY, str(scan)],
            capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
        )  # fmt: skip
    assert child.returncode == 0, child.stderr
    above_baseline = int(child.stdout.strip())
    # The promise is under two chunks; the client reads a megabyte at a time, so it stays under one (about 2.2 MiB:
    # the piece being sent and httpx's buffers), and a client that read a whole chunk at once would not.
    assert above_baseline < CHUNK, f"peak {above_baseline / MIB:.1f} MiB above the baseline"


class DropOneChunk(httpx.BaseTransport):
    """A proxy that lets the server take the second chunk (index 1), then drops its answer once; and drops the
    answer of the first start the same way, after the server made the run."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.dropped: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        where = f"{request.method} {request.url.path}"
        if (where.endswith("/chunks/1") or where == "POST /v1/runs") and where not in self.dropped:
            response.read()
            response.close()
            self.dropped.append(where)
            raise httpx.RemoteProtocolError("the proxy dropped the answer", request=request)
        return response

    def close(self) -> None:
        self._inner.close()


class AsyncDropOneChunk(httpx.AsyncBaseTransport):
    """:class:`DropOneChunk` for the async client."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.dropped: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        where = f"{request.method} {request.url.path}"
        if (where.endswith("/chunks/1") or where == "POST /v1/runs") and where not in self.dropped:
            await response.aread()
            await response.aclose()
            self.dropped.append(where)
            raise httpx.RemoteProtocolError("the proxy dropped the answer", request=request)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def test_a_chunk_dropped_mid_upload_is_sent_again_and_the_run_starts_once(scan: Path) -> None:
    proxy = DropOneChunk()
    with (
        LocalServer(api_key=API_KEY, port=0) as running,
        httpx.Client(transport=proxy) as http,
        EigenpalClient(api_key=API_KEY, base_url=running.base_url, http_client=http) as client,
    ):
        run = client.run_and_wait("agents.echo", input={"doc": scan}, timeout_seconds=60)
        assert is_success(run)
        assert sorted(proxy.dropped) == ["POST /v1/runs", f"PUT {_chunk_path(proxy.dropped)}"]
        assert [item.id for item in client.runs.iter()] == [run.id]
        assert _took(client, run, "doc") == scan.read_bytes()


@pytest.mark.asyncio
async def test_a_chunk_dropped_mid_upload_is_sent_again_and_the_run_starts_once_async(scan: Path) -> None:
    proxy = AsyncDropOneChunk()
    with LocalServer(api_key=API_KEY, port=0) as running:
        async with (
            httpx.AsyncClient(transport=proxy) as http,
            AsyncEigenpalClient(api_key=API_KEY, base_url=running.base_url, http_client=http) as client,
        ):
            run = await client.run_and_wait("agents.echo", input={"doc": scan}, timeout_seconds=60)
            assert is_success(run)
            assert len(proxy.dropped) == 2
            assert [item.id async for item in client.runs.iter()] == [run.id]


def _chunk_path(dropped: list[str]) -> str:
    return next(where for where in dropped if where.endswith("/chunks/1")).partition(" ")[2]
