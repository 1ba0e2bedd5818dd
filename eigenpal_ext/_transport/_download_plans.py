"""Downloads planned before any request: an artifact, a corrected file of a review, the artifacts' ZIP export, a
stored file; each into memory or into a file that :func:`~._download.destination` checked on disk first.

Planning a download reads the file system (where the file lands, whether it may be written there), so it lives
here, beside the streaming that writes it, rather than among the pure plans of :mod:`eigenpal_ext._core._plans`.
"""

from __future__ import annotations

import os
from os import PathLike
from pathlib import Path
from typing import Any
from urllib.parse import quote

import attrs

from eigenpal_ext._core import _validation as check
from eigenpal_ext._core._calls import MAX_BYTES_EXTENSION
from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._core._operation_plans import check_filename
from eigenpal_ext._core._options import DEFAULT_MAX_DOWNLOAD_BYTES, resolve_byte_limit
from eigenpal_ext._core._plans import READ
from eigenpal_ext._core._redirects import DOWNLOAD_EXTENSION
from eigenpal_ext._core._retry import CallSpec

from ._download import MemorySink, PartialFile, artifact_url, destination

__all__ = [
    "DownloadPlan",
    "plan_download_stream",
    "plan_expected_download",
    "plan_file_download",
    "plan_zip_download",
]


@attrs.frozen
class DownloadPlan:
    """A download, ready to stream: a ``GET`` into memory or into a file.

    Attributes:
        url: The request path, each part quoted as one segment.
        spec: The retry facts (a read).
        extensions: httpx request extensions: the size limit for the decoded answer (None: no limit).
        target: The file to write, or ``None`` to keep the bytes in memory.
    """

    url: str
    spec: CallSpec
    extensions: dict[str, Any]
    target: Path | None

    def sink(self) -> PartialFile | MemorySink:
        """Where one attempt writes the bytes."""
        return MemorySink() if self.target is None else PartialFile(self.target)


def _planned(url: str, target: Path | None, max_bytes: int | None) -> DownloadPlan:
    """A download of ``url``; ``max_bytes`` counts decoded bytes, ``None``: 256 MiB into memory, no limit into a
    file."""
    limit = None if max_bytes is None else resolve_byte_limit(max_bytes, "max_bytes")
    if limit is None and target is None:
        limit = DEFAULT_MAX_DOWNLOAD_BYTES
    extensions: dict[str, Any] = {MAX_BYTES_EXTENSION: limit, DOWNLOAD_EXTENSION: True}
    return DownloadPlan(url, READ, extensions, target)


def plan_download_stream(
    run_id: str, path: str, *, to: str | PathLike[str] | None, max_bytes: int | None
) -> DownloadPlan:
    """``GET /v1/runs/{id}/artifacts/{path}``; ``path`` as the artifact list gave it.

    Raises:
        InvalidArgumentError: A blank or path-changing run id or path (``..``), a bad ``max_bytes``, or a path that
            would land outside ``to``.
    """
    run_id = check.check_run_id(run_id)
    path = check.check_artifact_path(path)
    if max_bytes is not None:
        resolve_byte_limit(max_bytes, "max_bytes")  # before the file system is asked anything
    target = None if to is None else destination(Path(to), path)
    return _planned(artifact_url(run_id, path), target, max_bytes)


def plan_expected_download(
    run_id: str, filename: str, *, to: str | PathLike[str] | None, max_bytes: int | None
) -> DownloadPlan:
    """``GET /v1/runs/{id}/reviews/expected/{filename}``, streamed into memory or into the folder ``to`` (the file
    named after the safe part of ``filename``), as an artifact download."""
    run_id, filename = check.check_run_id(run_id), check_filename(filename)
    target = None if to is None else destination(Path(to), filename)
    url = f"/v1/runs/{quote(run_id, safe='')}/reviews/expected/{quote(filename, safe='')}"
    return _planned(url, target, max_bytes)


def plan_zip_download(
    run_id: str, *, to: str | PathLike[str] | None, review: bool, max_bytes: int | None
) -> DownloadPlan:
    """``GET /v1/runs/{id}/artifacts?zip=1`` (``&bundle=review`` with ``review``), streamed into memory or into the
    file ``to``; a ``to`` that is an existing folder gets ``<run_id>.zip`` inside it.

    Raises:
        InvalidArgumentError: A bad run id or ``max_bytes``; a ``to`` that cannot be written (see
            :func:`~._download.destination`).
    """
    run_id = check.check_run_id(run_id)
    target = None
    if to is not None:
        path = Path(to).expanduser()
        folder, name = (path, f"{run_id}.zip") if path.is_dir() else (path.parent, path.name)
        if not name:
            raise InvalidArgumentError("to", f"{os.fspath(to)!r} names no file")
        target = destination(folder, name)
    query = "zip=1&bundle=review" if review else "zip=1"
    return _planned(f"/v1/runs/{quote(run_id, safe='')}/artifacts?{query}", target, max_bytes)


def plan_file_download(
    file_id: str, *, folder: str | PathLike[str] | None, filename: str, max_bytes: int | None
) -> DownloadPlan:
    """``GET /v1/files/{id}/content`` (``file_id`` checked), into memory or into ``folder`` under ``filename``, the
    file's stored name."""
    target = None if folder is None else destination(Path(folder), filename)
    return _planned(f"/v1/files/{quote(file_id, safe='')}/content", target, max_bytes)
