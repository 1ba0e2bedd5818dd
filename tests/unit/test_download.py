"""Artifact downloads: bytes in memory, or streamed into a folder, never outside it and never as a partial file."""

from __future__ import annotations

import errno
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import httpx
import pytest
from clientkit import Client, MakeHarness, Script, error_json, refuse, reply
from hypothesis import given, settings
from hypothesis import strategies as st

from eigenpal_ext import APIConnectionError, DownloadError, InvalidArgumentError, NotFoundError
from eigenpal_ext._transport._download import MAX_PATH_SEGMENTS, destination, safe_relative_path


@pytest.mark.parametrize(
    ("artifact_path", "expected"),
    [
        ("outputs/extracted.json", "outputs/extracted.json"),
        ("../../etc/passwd", "etc/passwd"),
        ("/etc/passwd", "etc/passwd"),
        ("a/../../b", "b"),
        ("a/./b//c", "a/b/c"),
        ("..\\..\\windows\\system.ini", "windows/system.ini"),
        ("report.pdf", "report.pdf"),
    ],
)
def test_only_the_safe_relative_part_of_a_path_is_kept(artifact_path: str, expected: str) -> None:
    assert safe_relative_path(artifact_path) == PurePosixPath(expected)


@pytest.mark.parametrize("artifact_path", ["", "/", "..", "../..", "./.", "a/..", "bad\0name"])
def test_paths_naming_no_file_are_refused(artifact_path: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        safe_relative_path(artifact_path)
    assert caught.value.argument == "path"


def test_a_symlink_inside_the_folder_cannot_lead_out(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(InvalidArgumentError) as caught:
        destination(folder, "link/evil.txt")
    assert caught.value.argument == "path"


def test_download_returns_bytes(make_harness: MakeHarness) -> None:
    server = Script(reply(200, b"\x00binary\xff", {"Content-Type": "application/octet-stream"}))
    harness = make_harness(server)
    data = harness.call(lambda client: client.runs.artifacts.download("run_1", "outputs/a b.bin"))
    assert data == b"\x00binary\xff"
    assert server.requests[0].url.raw_path == b"/v1/runs/run_1/artifacts/outputs%2Fa%20b.bin"


@pytest.mark.parametrize(
    ("artifact_path", "lands_at"),
    [
        ("outputs/extracted.json", "outputs/extracted.json"),
        ("../../etc/passwd", "etc/passwd"),
        ("/var/absolute.txt", "var/absolute.txt"),
        ("a/../../b", "b"),
    ],
)
def test_download_to_a_folder_lands_inside_it(
    make_harness: MakeHarness, tmp_path: Path, artifact_path: str, lands_at: str
) -> None:
    server = Script(reply(200, b"content"))
    harness = make_harness(server)
    folder = tmp_path / "out"
    written = harness.call(lambda client: client.runs.artifacts.download("run_1", artifact_path, to=folder))
    assert written == (folder / lands_at).resolve()
    assert written.read_bytes() == b"content"
    assert written.resolve().is_relative_to(folder.resolve())
    assert sorted(p.name for p in written.parent.iterdir()) == [written.name]  # no temp file left


class _Broken(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that breaks off after its first chunk."""

    def __iter__(self) -> Iterator[bytes]:
        yield b"first half"
        raise httpx.ReadError("connection reset mid-body")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"first half"
        raise httpx.ReadError("connection reset mid-body")


def test_a_body_that_breaks_off_leaves_no_partial_file(make_harness: MakeHarness, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"the old report")
    server = Script.always(lambda request: httpx.Response(200, stream=_Broken()))
    harness = make_harness(server, max_retries=1)
    with pytest.raises(APIConnectionError) as caught:
        harness.call(lambda client: client.runs.artifacts.download("run_1", "report.pdf", to=folder))
    assert isinstance(caught.value.__cause__, httpx.ReadError)
    assert len(server.requests) == 2  # a read: retried once
    assert os.listdir(folder) == ["report.pdf"]
    assert (folder / "report.pdf").read_bytes() == b"the old report"


def test_a_missing_artifact_writes_nothing(make_harness: MakeHarness, tmp_path: Path) -> None:
    server = Script(reply(404, error_json("no such artifact")))
    harness = make_harness(server)
    folder = tmp_path / "out"
    with pytest.raises(NotFoundError):
        harness.call(lambda client: client.runs.artifacts.download("run_1", "sub/x.bin", to=folder))
    assert not folder.exists()  # folders are made only once the download can begin


def test_a_download_replaces_an_existing_file_whole(make_harness: MakeHarness, tmp_path: Path) -> None:
    (tmp_path / "x.bin").write_bytes(b"old")
    server = Script(reply(200, b"new content"))
    harness = make_harness(server)
    written = harness.call(lambda client: client.runs.artifacts.download("run_1", "x.bin", to=tmp_path))
    assert written.read_bytes() == b"new content"


def test_to_must_be_a_folder(make_harness: MakeHarness, tmp_path: Path) -> None:
    file = tmp_path / "file.txt"
    file.write_text("x")
    harness = make_harness(Script(reply(200, b"")))
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.runs.artifacts.download("run_1", "x.bin", to=file))
    assert caught.value.argument == "to"


_segments = st.sampled_from(["..", ".", "", "a", "b", "etc", "passwd", "/", "\\", "x.bin", "..."])


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(_segments, st.text(min_size=1, max_size=5)), min_size=1, max_size=8))
def test_no_artifact_path_lands_outside_the_folder(tmp_path_factory: pytest.TempPathFactory, parts: list[str]) -> None:
    folder = tmp_path_factory.mktemp("out")
    artifact_path = "/".join(parts)
    try:
        target = destination(folder, artifact_path)
    except InvalidArgumentError as error:
        refused: InvalidArgumentError | None = error
    else:
        refused = None
        assert target.is_relative_to(folder.resolve())
        assert target != folder.resolve()
    if refused is not None:
        assert refused.argument == "path"


# --- names, depths and file-system refusals: always an EigenpalError naming the path, never a stray folder ----------


def _files_below(folder: Path) -> list[str]:
    """Every file and folder below ``folder``, relative, sorted; temporary files included."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


@pytest.mark.parametrize(
    "name",
    [
        "n" * 251 + ".bin",  # 255 characters, 255 bytes: the longest name ext4 takes
        "é" * 125 + ".bin",  # 129 characters, 254 bytes
    ],
    ids=["ascii-255", "utf8-254-bytes"],
)
def test_a_name_as_long_as_the_file_system_allows_lands(make_harness: MakeHarness, tmp_path: Path, name: str) -> None:
    server = Script(reply(200, b"content"))
    harness = make_harness(server)
    written = harness.call(lambda client: client.runs.artifacts.download("run_1", f"outputs/{name}", to=tmp_path))
    assert written == tmp_path.resolve() / "outputs" / name
    assert written.read_bytes() == b"content"
    assert _files_below(tmp_path) == ["outputs", f"outputs/{name}"]  # the temporary name fitted, and is gone


@pytest.mark.parametrize(
    "name",
    ["n" * 256, "é" * 128, "outputs/" + "n" * 300 + "/x.bin"],
    ids=["ascii-256", "utf8-256-bytes", "a-folder-name"],
)
def test_a_name_longer_than_the_file_system_allows_is_refused_before_any_request(
    make_harness: MakeHarness, tmp_path: Path, name: str
) -> None:
    harness = make_harness(refuse)
    folder = tmp_path / "out"
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.runs.artifacts.download("run_1", name, to=folder))
    assert caught.value.argument == "path"
    assert "bytes" in str(caught.value)
    assert not folder.exists()


@pytest.mark.parametrize(
    "artifact_path",
    [
        "/".join(["d"] * 2000) + "/x.bin",  # 2,001 segments in 4,006 bytes
        "/".join(["f" * 250] * 20) + "/x.bin",  # 21 segments, but 5,026 bytes: more than PC_PATH_MAX
    ],
    ids=["2000-segments", "too-long"],
)
def test_a_path_too_deep_or_too_long_is_refused_before_any_request(
    make_harness: MakeHarness, tmp_path: Path, artifact_path: str
) -> None:
    harness = make_harness(refuse)
    folder = tmp_path / "out"
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.runs.artifacts.download("run_1", artifact_path, to=folder))
    assert caught.value.argument == "path"
    assert len(str(caught.value)) < 400  # the path is shown cut short
    assert not folder.exists()


def test_destination_walks_a_deep_path_without_recursing(tmp_path: Path) -> None:
    import sys

    # Far below the default limit, so that any recursion through the segments would show as a RecursionError.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100)
    try:
        with pytest.raises(InvalidArgumentError):
            destination(tmp_path, "/".join(["d"] * 10_000))
        target = destination(tmp_path, "/".join(["d"] * MAX_PATH_SEGMENTS))
    finally:
        sys.setrecursionlimit(limit)
    assert len(target.relative_to(tmp_path.resolve()).parts) == MAX_PATH_SEGMENTS


def test_a_path_of_the_most_segments_lands(make_harness: MakeHarness, tmp_path: Path) -> None:
    server = Script(reply(200, b"deep"))
    harness = make_harness(server)
    artifact_path = "/".join(["d"] * (MAX_PATH_SEGMENTS - 1)) + "/x.bin"
    written = harness.call(lambda client: client.runs.artifacts.download("run_1", artifact_path, to=tmp_path))
    assert written.read_bytes() == b"deep"
    assert len(written.relative_to(tmp_path.resolve()).parts) == MAX_PATH_SEGMENTS


def test_a_file_where_a_folder_should_be_is_refused_before_any_request(
    make_harness: MakeHarness, tmp_path: Path
) -> None:
    (tmp_path / "report.pdf").write_bytes(b"a file")
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.runs.artifacts.download("run_1", "report.pdf/x.bin", to=tmp_path))
    assert caught.value.argument == "path"
    assert "report.pdf" in str(caught.value)
    with pytest.raises(InvalidArgumentError) as below:
        harness.call(lambda client: client.runs.artifacts.download("run_1", "x.bin", to=tmp_path / "report.pdf" / "a"))
    assert below.value.argument == "to"
    assert _files_below(tmp_path) == ["report.pdf"]


def test_a_read_only_folder_is_refused_naming_it(
    make_harness: MakeHarness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    if getattr(os, "geteuid", lambda: -1)() == 0:
        # Permissions do not bind root: let os.access answer as it would for anyone else.
        real_access = os.access

        def access(path: str, mode: int, **kwargs: object) -> bool:
            return not (mode & os.W_OK and Path(path) == folder.resolve()) and real_access(path, mode)

        monkeypatch.setattr(os, "access", access)
    try:
        harness = make_harness(refuse)
        with pytest.raises(InvalidArgumentError) as caught:
            harness.call(lambda client: client.runs.artifacts.download("run_1", "sub/x.bin", to=folder))
    finally:
        folder.chmod(0o700)
    assert caught.value.argument == "to"
    assert "read-only" in str(caught.value)
    assert list(folder.iterdir()) == []


def test_a_name_the_file_system_cannot_encode_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        destination(tmp_path, "outputs/\ud800.bin")  # a lone surrogate: no bytes name it
    assert caught.value.argument == "path"


def test_a_body_that_breaks_off_leaves_no_new_folder(make_harness: MakeHarness, tmp_path: Path) -> None:
    (tmp_path / "kept").mkdir()  # there before: never removed
    server = Script.always(lambda request: httpx.Response(200, stream=_Broken()))
    harness = make_harness(server, max_retries=1)
    for to, artifact_path in [(tmp_path / "new" / "deeper", "a/b/report.pdf"), (tmp_path, "kept/a/b/report.pdf")]:
        with pytest.raises(APIConnectionError):
            harness.call(_download_to(to, artifact_path))
    assert len(server.requests) == 4  # each download retried once, each attempt cleaned up after itself
    assert _files_below(tmp_path) == ["kept"]


def _download_to(to: Path, artifact_path: str) -> Callable[[Client], Path | Awaitable[Path]]:
    """A harness operation: download ``artifact_path`` of run_1 into ``to``."""
    return lambda client: client.runs.artifacts.download("run_1", artifact_path, to=to)


class _Sabotaged(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body during which something else puts a non-empty folder where the file is to land."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def _sabotage(self) -> None:
        (self.target / "inside").mkdir(parents=True)

    def __iter__(self) -> Iterator[bytes]:
        yield b"first half"
        self._sabotage()
        yield b"second half"

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"first half"
        self._sabotage()
        yield b"second half"


def test_a_rename_the_file_system_refuses_is_a_download_error(make_harness: MakeHarness, tmp_path: Path) -> None:
    target = tmp_path.resolve() / "x.bin"
    server = Script(lambda request: httpx.Response(200, stream=_Sabotaged(target)))
    harness = make_harness(server)
    with pytest.raises(DownloadError) as caught:
        harness.call(lambda client: client.runs.artifacts.download("run_1", "x.bin", to=tmp_path))
    assert caught.value.path == str(target)
    assert str(target) in str(caught.value)
    assert isinstance(caught.value.__cause__, OSError)
    assert len(server.requests) == 1  # not a connection error: not retried
    assert _files_below(tmp_path) == ["x.bin", "x.bin/inside"]  # no temporary file left


def test_a_folder_the_file_system_refuses_is_a_download_error(
    make_harness: MakeHarness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_mkdir = os.mkdir

    def mkdir(path: str, *args: Any, **kwargs: Any) -> None:
        if os.path.basename(path) == "b":
            raise PermissionError(errno.EACCES, "Permission denied", path)
        real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    server = Script(reply(200, b"content"))
    harness = make_harness(server)
    with pytest.raises(DownloadError) as caught:
        harness.call(lambda client: client.runs.artifacts.download("run_1", "a/b/x.bin", to=tmp_path / "out"))
    assert caught.value.path == str(tmp_path.resolve() / "out" / "a" / "b" / "x.bin")
    assert "Permission denied" in str(caught.value)
    assert len(server.requests) == 1
    assert _files_below(tmp_path) == []  # out and out/a were made by this download, and removed again


def test_a_sync_the_file_system_refuses_is_a_download_error(
    make_harness: MakeHarness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.bin").write_bytes(b"old")

    def fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", fsync)
    harness = make_harness(Script(reply(200, b"new content")))
    with pytest.raises(DownloadError) as caught:
        harness.call(lambda client: client.runs.artifacts.download("run_1", "x.bin", to=tmp_path))
    assert "Input/output error" in str(caught.value)
    assert (tmp_path / "x.bin").read_bytes() == b"old"
    assert _files_below(tmp_path) == ["x.bin"]


# --- redirects to storage (the real API may answer a download with 302 to a short-lived storage URL) ------------

STORAGE = "https://storage.example/objects/a1?signature=s&expires=9"


def _redirecting(status: int, location: str | None, body: bytes = b"stored bytes") -> Callable[[httpx.Request], Any]:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "storage.example":
            return httpx.Response(200, content=body, headers={"Content-Type": "application/pdf"})
        return httpx.Response(status, headers={} if location is None else {"Location": location})

    return handler


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirected_download_is_followed_to_storage_without_credentials(
    make_harness: MakeHarness, status: int
) -> None:
    server = Script.always(_redirecting(status, STORAGE))
    harness = make_harness(server)
    data = harness.call(
        lambda client: client.runs.artifacts.download("run_1", "out/big.pdf", extra_headers={"X-Api-Key": "also-a-key"})
    )
    assert data == b"stored bytes"
    api, storage = server.requests
    assert api.headers["authorization"].startswith("Bearer ")
    assert storage.url == httpx.URL(STORAGE)
    for header in ("authorization", "x-api-key", "cookie"):
        assert header not in storage.headers


def test_a_redirected_download_into_a_folder_writes_the_stored_bytes(make_harness: MakeHarness, tmp_path: Path) -> None:
    server = Script.always(_redirecting(302, STORAGE, b"%PDF-1.7 big"))
    harness = make_harness(server)
    written = harness.call(lambda client: client.runs.artifacts.download("run_1", "out/big.pdf", to=tmp_path))
    assert written.read_bytes() == b"%PDF-1.7 big"


def test_a_callers_plain_http_client_gets_the_artifact_through_a_302() -> None:
    from eigenpal_ext import EigenpalClient

    server = Script.always(_redirecting(302, STORAGE, b"artifact"))
    with (
        httpx.Client(transport=httpx.MockTransport(server)) as http,  # follow_redirects=False, as httpx defaults
        EigenpalClient(api_key="sk_test_plain", base_url="https://api.eigenpal.test", http_client=http) as client,
    ):
        assert client.runs.artifacts.download("run_1", "out/a.bin") == b"artifact"


@pytest.mark.parametrize(
    ("location", "named"),
    [
        (None, "without a Location"),
        ("http://storage.example/objects/a1", "only https"),
        ("ftp://storage.example/objects/a1", "only https"),
        ("https://user:pw@storage.example/objects/a1", "credentials"),
        ("http://127.0.0.1:9/objects/a1", "from https to plain http"),
    ],
)
def test_a_redirect_that_cannot_be_followed_is_an_error_not_an_empty_success(
    make_harness: MakeHarness, tmp_path: Path, location: str | None, named: str
) -> None:
    from eigenpal_ext import APIError

    server = Script.always(_redirecting(302, location))
    harness = make_harness(server)
    with pytest.raises(APIError) as caught:
        harness.call(lambda client: client.runs.artifacts.download("run_1", "out/a.pdf", to=tmp_path))
    assert caught.value.status_code == 302
    assert named in str(caught.value)
    assert list(tmp_path.iterdir()) == []  # nothing written
    assert all(request.url.host != "storage.example" for request in server.requests)


def test_a_redirect_loop_ends_with_an_error(make_harness: MakeHarness) -> None:
    from eigenpal_ext import APIError

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": f"https://storage.example/hop{len(request.url.path)}"})

    server = Script.always(handler)
    harness = make_harness(server)
    with pytest.raises(APIError, match="more than 5 redirects"):
        harness.call(lambda client: client.runs.artifacts.download("run_1", "out/a.pdf"))
    assert len(server.requests) == 6
