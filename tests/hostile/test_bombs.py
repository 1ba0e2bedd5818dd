"""Decompression bombs and answers that cost more to read than the deadline allows (issue 21, items 2 and 6).

Each case starts a scripted :class:`HostileServer`, makes one call with ``timeout=2`` and checks that it ends with a
typed error from eigenpal-ext's tree within the deadline plus a second, and that the Python memory it allocated on
the way (peak minus start, measured with :mod:`tracemalloc`, which sees every ``bytes`` a decoder makes and every
object ``json.loads`` builds) stayed well under 100 MB.

The bombs are zeros, gzipped as the test runs: 300 MiB inflate from about 300 KB (``gzip``) or from a few KB
(``gzip, gzip``), against a ``max_response_bytes`` / ``max_bytes`` of 8 MiB. The client decodes only ``gzip`` and
``deflate`` (and so advertises only those): ``brotli`` and ``zstandard`` are not installed in this environment, and
a ``br`` or ``zstd`` answer is refused like any unknown encoding, which the ``compress`` and ``br`` cases check.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import json
import time
import tracemalloc
import zlib
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Final

import httpx
import pytest

from eigenpal_ext import (
    APIResponseValidationError,
    APITimeoutError,
    AsyncEigenpalClient,
    ContentEncodingError,
    EigenpalClient,
    EigenpalError,
    PermissionDeniedError,
    ResponseTooLargeError,
)

from .server import DEFAULT_RUN_ID, ERROR_ENVELOPE, HostileServer, RecordedRequest, Scripted, normal_answer

API_KEY: Final = "sk_test_hostile"
DEADLINE: Final = 2.0
BOUND: Final = DEADLINE + 1.0
"""Every call must have ended after this many seconds of wall time."""
LIMIT: Final = 8 * 1024 * 1024
"""``max_response_bytes`` and ``max_bytes`` of the bomb cases."""
BOMB_BYTES: Final = 300 * 1024 * 1024
"""What each bomb inflates to."""
MEMORY_BOUND: Final = 100 * 1024 * 1024
ARTIFACT: Final = "out.bin"

Start = Callable[..., HostileServer]


@functools.cache
def bomb(layers: int, start: bytes = b"") -> bytes:
    """``start`` and :data:`BOMB_BYTES` of zeros, gzipped ``layers`` times, made a MiB at a time (the zeros are never
    whole in memory)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(1 << 20)
    body = packer.compress(start) + b"".join(packer.compress(zeros) for _ in range(BOMB_BYTES >> 20)) + packer.flush()
    for _ in range(layers - 1):
        body = gzip.compress(body, 9)
    return body


def _answer(body: bytes, encoding: str, status: int = 200) -> Callable[[RecordedRequest, int], Scripted]:
    headers = {"Content-Type": "application/json", "Content-Encoding": encoding}
    return lambda request, number: Scripted(status, headers, body)


class Measured:
    """Wall time and peak Python allocation of the block, from :mod:`tracemalloc`."""

    def __enter__(self) -> Measured:
        self._was_tracing = tracemalloc.is_tracing()
        if not self._was_tracing:
            tracemalloc.start()
        tracemalloc.reset_peak()
        self._start = tracemalloc.get_traced_memory()[0]
        self._began = time.monotonic()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.elapsed = time.monotonic() - self._began
        self.peak = tracemalloc.get_traced_memory()[1] - self._start
        if not self._was_tracing:
            tracemalloc.stop()

    def check(self) -> None:
        assert self.elapsed < BOUND, f"ended after {self.elapsed:.2f}s"
        assert self.peak < MEMORY_BOUND, f"allocated {self.peak / 2**20:.0f} MiB on the way"


def _sync(server: HostileServer, call: Callable[[EigenpalClient], object], **options: Any) -> EigenpalError:
    options = {"timeout": DEADLINE, "max_response_bytes": LIMIT, **options}
    with (
        EigenpalClient(api_key=API_KEY, base_url=server.base_url, **options) as client,
        Measured() as measured,
        pytest.raises(EigenpalError) as caught,
    ):
        call(client)
    measured.check()
    return caught.value


async def _async(
    server: HostileServer, call: Callable[[AsyncEigenpalClient], Awaitable[object]], **options: Any
) -> EigenpalError:
    options = {"timeout": DEADLINE, "max_response_bytes": LIMIT, **options}
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, **options) as client:
        with Measured() as measured, pytest.raises(EigenpalError) as caught:
            await call(client)
    measured.check()
    return caught.value


# --- answers -----------------------------------------------------------------------------------------------------

# name: (Content-Encoding, gzip layers of the bomb, the error expected)
ANSWER_BOMBS: Final = {
    "stacked_gzip": ("gzip, gzip", 2, ContentEncodingError),
    "one_gzip_over_the_limit": ("gzip", 1, ResponseTooLargeError),
    "upper_case_gzip_over_the_limit": ("GZIP", 1, ResponseTooLargeError),  # names are case-insensitive (RFC 9110)
    "unknown_encoding": ("compress", 1, ContentEncodingError),
    "brotli_not_installed": ("br", 1, ContentEncodingError),
}


def _check_answer_bomb(error: EigenpalError, encoding: str, kind: type[EigenpalError]) -> None:
    assert type(error) is kind, f"{type(error).__name__}: {error}"
    if isinstance(error, ContentEncodingError):
        assert error.encoding == encoding
        assert repr(encoding) in str(error)


@pytest.mark.parametrize("case", ANSWER_BOMBS)
def test_an_answer_bomb_is_refused_sync(hostile: Start, case: str) -> None:
    encoding, layers, kind = ANSWER_BOMBS[case]
    server = hostile("scripted", script=_answer(bomb(layers), encoding))
    error = _sync(server, lambda client: client.runs.get(DEFAULT_RUN_ID))
    _check_answer_bomb(error, encoding, kind)
    assert len(server.requests) == 1, "a refused answer is not asked for again"


@pytest.mark.asyncio
@pytest.mark.parametrize("case", ANSWER_BOMBS)
async def test_an_answer_bomb_is_refused_async(hostile: Start, case: str) -> None:
    encoding, layers, kind = ANSWER_BOMBS[case]
    server = hostile("scripted", script=_answer(bomb(layers), encoding))
    error = await _async(server, lambda client: client.runs.get(DEFAULT_RUN_ID))
    _check_answer_bomb(error, encoding, kind)


@pytest.mark.parametrize("encoding", ["gzip", "GZIP", "deflate", "identity"])
def test_a_compressed_answer_within_the_limit_is_read(hostile: Start, encoding: str) -> None:
    status, run = normal_answer("GET", f"/v1/runs/{DEFAULT_RUN_ID}", {})
    raw = json.dumps(run).encode()
    body = {"gzip": gzip.compress(raw), "deflate": zlib.compress(raw), "identity": raw}[encoding.lower()]
    server = hostile("scripted", script=_answer(body, encoding, status))
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=DEADLINE) as client:
        assert client.runs.get(DEFAULT_RUN_ID).id == DEFAULT_RUN_ID
    assert server.requests[0].headers["accept-encoding"] == "gzip, deflate", "only what the client decodes"


def test_a_stacked_gzip_error_answer_is_not_read_sync(hostile: Start) -> None:
    server = hostile("scripted", script=_answer(bomb(2, json.dumps(ERROR_ENVELOPE).encode()), "gzip, gzip", 403))
    error = _sync(server, lambda client: client.runs.get(DEFAULT_RUN_ID))
    assert isinstance(error, PermissionDeniedError), f"{type(error).__name__}: {error}"
    assert [issue.code for issue in error.issues] == ["undecoded_body"]
    assert "gzip, gzip" in error.issues[0].message


@pytest.mark.asyncio
async def test_a_stacked_gzip_error_answer_is_not_read_async(hostile: Start) -> None:
    server = hostile("scripted", script=_answer(bomb(2), "gzip, gzip", 403))
    error = await _async(server, lambda client: client.runs.get(DEFAULT_RUN_ID))
    assert isinstance(error, PermissionDeniedError), f"{type(error).__name__}: {error}"


def test_a_gzip_error_answer_is_read_from_its_start_only(hostile: Start) -> None:
    """A single-gzip error page of 300 MiB: the envelope at its start is reported, the rest never inflated."""
    server = hostile("scripted", script=_answer(bomb(1, b"<html>Forbidden</html>"), "gzip", 403))
    error = _sync(server, lambda client: client.runs.get(DEFAULT_RUN_ID))
    assert isinstance(error, PermissionDeniedError)
    assert error.issues and error.issues[0].message.startswith("<html>Forbidden</html>")


# --- downloads ---------------------------------------------------------------------------------------------------


def test_an_in_memory_download_bomb_is_held_to_max_bytes_sync(hostile: Start) -> None:
    server = hostile("scripted", script=_answer(bomb(1), "gzip"))
    error = _sync(server, lambda client: client.runs.artifacts.download(DEFAULT_RUN_ID, ARTIFACT, max_bytes=LIMIT))
    assert isinstance(error, ResponseTooLargeError), f"{type(error).__name__}: {error}"
    assert error.limit == LIMIT


@pytest.mark.asyncio
async def test_an_in_memory_download_bomb_is_held_to_max_bytes_async(hostile: Start) -> None:
    server = hostile("scripted", script=_answer(bomb(1), "gzip"))

    async def call(client: AsyncEigenpalClient) -> object:
        return await client.runs.artifacts.download(DEFAULT_RUN_ID, ARTIFACT, max_bytes=LIMIT)

    error = await _async(server, call)
    assert isinstance(error, ResponseTooLargeError), f"{type(error).__name__}: {error}"


def test_a_stacked_download_is_refused(hostile: Start, tmp_path: Path) -> None:
    server = hostile("scripted", script=_answer(bomb(2), "gzip, gzip"))
    error = _sync(server, lambda client: client.runs.artifacts.download(DEFAULT_RUN_ID, ARTIFACT, to=tmp_path))
    assert isinstance(error, ContentEncodingError), f"{type(error).__name__}: {error}"
    assert list(tmp_path.iterdir()) == [], "nothing is left behind"


def test_a_download_into_a_folder_counts_decoded_bytes_against_max_bytes(hostile: Start, tmp_path: Path) -> None:
    server = hostile("scripted", script=_answer(bomb(1), "gzip"))
    error = _sync(
        server, lambda client: client.runs.artifacts.download(DEFAULT_RUN_ID, ARTIFACT, to=tmp_path, max_bytes=LIMIT)
    )
    assert isinstance(error, ResponseTooLargeError), f"{type(error).__name__}: {error}"
    assert list(tmp_path.iterdir()) == [], "no partial file"


def test_a_gzip_download_into_a_folder_is_written_decoded(hostile: Start, tmp_path: Path) -> None:
    content = b"%PDF-1.7 " * 100_000
    server = hostile("scripted", script=_answer(gzip.compress(content), "gzip"))
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=DEADLINE) as client:
        written = client.runs.artifacts.download(DEFAULT_RUN_ID, ARTIFACT, to=tmp_path)
        assert client.runs.artifacts.download(DEFAULT_RUN_ID, ARTIFACT) == content
    assert written.read_bytes() == content


# --- parsing and the deadline ------------------------------------------------------------------------------------


def _page(items: int) -> Callable[[RecordedRequest, int], Scripted]:
    _, page = normal_answer("GET", "/v1/runs", {})
    page["runs"] = page["runs"] * items
    body = gzip.compress(json.dumps(page).encode())
    return _answer(body, "gzip")


def test_a_page_longer_than_asked_is_refused_sync(hostile: Start, monkeypatch: pytest.MonkeyPatch) -> None:
    from eigenpal_api.models.run_list_item import RunListItem

    built: list[object] = []
    original = RunListItem.from_dict.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(RunListItem, "from_dict", classmethod(lambda cls, src: built.append(1) or original(cls, src)))
    server = hostile("scripted", script=_page(1000))
    error = _sync(server, lambda client: client.runs.list(limit=5))
    assert isinstance(error, APIResponseValidationError), f"{type(error).__name__}: {error}"
    assert "1000 runs" in str(error) and "at most 5" in str(error)
    assert built == [], "refused before any run of the page became a model"


@pytest.mark.asyncio
async def test_a_page_longer_than_asked_is_refused_async(hostile: Start) -> None:
    server = hostile("scripted", script=_page(1000))
    error = await _async(server, lambda client: client.runs.list(limit=5))
    assert isinstance(error, APIResponseValidationError), f"{type(error).__name__}: {error}"


def test_a_page_as_long_as_asked_is_read(hostile: Start) -> None:
    server = hostile("scripted", script=_page(5))
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=DEADLINE) as client:
        assert len(client.runs.list(limit=5).runs) == 5


def _nested(request: RecordedRequest, number: int) -> Scripted:
    depth = 100_000  # deeper than json.loads goes, not so many lists that they are refused unparsed
    return Scripted(200, {"Content-Type": "application/json"}, b"[" * depth + b"]" * depth)


def test_deeply_nested_json_is_a_typed_error_sync(hostile: Start) -> None:
    server = hostile("scripted", script=_nested)
    error = _sync(server, lambda client: client.runs.get(DEFAULT_RUN_ID))
    assert isinstance(error, APIResponseValidationError), f"{type(error).__name__}: {error}"
    assert isinstance(error.__cause__, RecursionError)


@pytest.mark.asyncio
async def test_deeply_nested_json_is_a_typed_error_async(hostile: Start) -> None:
    server = hostile("scripted", script=_nested)
    error = await _async(server, lambda client: client.runs.get(DEFAULT_RUN_ID))
    assert isinstance(error, APIResponseValidationError), f"{type(error).__name__}: {error}"


def _wide_lists(request: RecordedRequest, number: int) -> Scripted:
    unit = b"[[[[0]]]],"
    return Scripted(200, {"Content-Type": "application/json"}, b'{"x":[' + unit * (LIMIT // 20) + b"0]}")


def test_a_body_of_tiny_values_is_refused_unparsed_sync(hostile: Start) -> None:
    """4 MiB of ``[[[[0]]]],`` would cost ``json.loads`` some 160 MB and a second or two: refused before it."""
    server = hostile("scripted", script=_wide_lists)
    error = _sync(server, lambda client: client.runs.get(DEFAULT_RUN_ID))
    assert isinstance(error, APIResponseValidationError), f"{type(error).__name__}: {error}"
    assert "JSON values" in str(error)


@pytest.mark.asyncio
async def test_a_body_of_tiny_values_is_refused_unparsed_async(hostile: Start) -> None:
    server = hostile("scripted", script=_wide_lists)
    error = await _async(server, lambda client: client.runs.get(DEFAULT_RUN_ID))
    assert isinstance(error, APIResponseValidationError), f"{type(error).__name__}: {error}"
    assert "JSON values" in str(error)


def _long_text(request: RecordedRequest, number: int) -> Scripted:
    # An extracted document: far more commas (inside one string) than the value budget, and few real values.
    _code, run = normal_answer("GET", request.path, request.query)
    run["output"] = {"text": 'a, "quoted", b, ' * (LIMIT // 40), "pages": 3}
    return Scripted(200, {"Content-Type": "application/json"}, json.dumps(run).encode())


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_long_text_full_of_commas_is_read_not_refused(hostile: Start, flavour: str) -> None:
    server = hostile("scripted", script=_long_text)
    options: dict[str, Any] = {"timeout": DEADLINE, "max_response_bytes": LIMIT}

    async def get_async() -> Any:
        async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, **options) as client:
            return await client.runs.get(DEFAULT_RUN_ID)

    if flavour == "sync":
        with EigenpalClient(api_key=API_KEY, base_url=server.base_url, **options) as client:
            run = client.runs.get(DEFAULT_RUN_ID)
    else:
        run = asyncio.run(get_async())
    assert run.output is not None
    assert run.output["pages"] == 3


@pytest.fixture
def slow_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading an answer's JSON takes a second longer than the call's deadline (a huge body on a slow machine)."""
    original = httpx.Response.json

    def slow(self: httpx.Response, **kwargs: Any) -> Any:
        time.sleep(DEADLINE + 1.0)
        return original(self, **kwargs)

    monkeypatch.setattr(httpx.Response, "json", slow)


def _normal(request: RecordedRequest, number: int) -> Scripted:
    status, body = normal_answer(request.method, request.path, request.query)
    return Scripted(status, {"Content-Type": "application/json"}, json.dumps(body).encode())


def test_an_answer_parsed_after_the_deadline_is_not_returned_sync(hostile: Start, slow_parse: None) -> None:
    server = hostile("scripted", script=_normal)
    with (
        EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=DEADLINE) as client,
        pytest.raises(APITimeoutError, match="while the answer was being read"),
    ):
        client.runs.get(DEFAULT_RUN_ID)
    assert len(server.requests) == 1, "no time is left for another try"


@pytest.mark.asyncio
async def test_an_answer_parsed_after_the_deadline_is_not_returned_async(hostile: Start, slow_parse: None) -> None:
    server = hostile("scripted", script=_normal)
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=DEADLINE) as client:
        with pytest.raises(APITimeoutError):
            await client.runs.get(DEFAULT_RUN_ID)


@pytest.mark.parametrize(
    "raised", [MemoryError(), RuntimeError("Event loop is closed"), httpx.InvalidURL("URL too long")]
)
def test_no_bare_exception_leaves_a_call(hostile: Start, monkeypatch: pytest.MonkeyPatch, raised: Exception) -> None:
    def fail(self: httpx.Response, **kwargs: Any) -> Any:
        raise raised

    monkeypatch.setattr(httpx.Response, "json", fail)
    server = hostile("scripted", script=_normal)
    with (
        EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=DEADLINE) as client,
        pytest.raises(EigenpalError) as caught,
    ):
        client.runs.get(DEFAULT_RUN_ID)
    assert caught.value.__cause__ is raised
    assert len(server.requests) == 1, "none of these is worth another try"
