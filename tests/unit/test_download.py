"""Artifact downloads: bytes in memory, or streamed into a folder, never outside it and never as a partial file."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path, PurePosixPath

import httpx
import pytest
from clientkit import Harness, Script, error_json, reply
from hypothesis import given, settings
from hypothesis import strategies as st

from eigenpal_ext import APIConnectionError, InvalidArgumentError, NotFoundError
from eigenpal_ext._download import destination, safe_relative_path

MakeHarness = Callable[..., Harness]


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
    server = Script(lambda request: httpx.Response(200, stream=_Broken()))
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
        harness.call(lambda client: client.runs.artifacts.download("run_1", "x.bin", to=folder))
    assert list(folder.iterdir()) == []


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
