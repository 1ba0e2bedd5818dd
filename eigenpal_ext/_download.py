"""Streaming an artifact to disk: never outside the chosen folder, never a partial file.

The artifact's path comes from the server, so it is not trusted: only its safe relative part is kept (empty, ``.``
and ``..`` segments and a leading ``/`` are dropped, ``..`` never climbs above the folder), and the resolved
destination must lie inside the folder even through symlinks. The bytes go to a hidden temporary file in the same
folder, which is flushed, synced and renamed over the destination only when the whole body arrived; on any error the
temporary file is removed and the destination is left as it was.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Self
from urllib.parse import quote

from ._errors import InvalidArgumentError

__all__ = ["MemorySink", "PartialFile", "artifact_url", "destination", "safe_relative_path"]


def artifact_url(run_id: str, path: str) -> str:
    """The download URL path of an artifact; both parts quoted as one segment each, like the generated layer."""
    return f"/v1/runs/{quote(run_id, safe='')}/artifacts/{quote(path, safe='')}"


def safe_relative_path(artifact_path: str) -> PurePosixPath:
    """The part of an artifact path that can be used below a folder.

    ``../../etc/passwd`` gives ``etc/passwd``, ``/abs/x`` gives ``abs/x``, ``a/../../b`` gives ``b``.

    Raises:
        InvalidArgumentError: When nothing usable is left, or the path holds a NUL character.
    """
    if "\0" in artifact_path:
        raise InvalidArgumentError("path", "must not hold a NUL character")
    parts: list[str] = []
    for segment in artifact_path.replace("\\", "/").split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if parts:
                parts.pop()
            continue
        parts.append(segment)
    if not parts:
        raise InvalidArgumentError("path", f"{artifact_path!r} names no file")
    return PurePosixPath(*parts)


def destination(folder: Path, artifact_path: str) -> Path:
    """Where an artifact lands below ``folder``; the folder and any subfolders are created.

    Raises:
        InvalidArgumentError: When the resolved destination would lie outside ``folder`` (through a symlink), or
            ``folder`` exists and is not a folder.
    """
    root = Path(folder).resolve()
    if root.exists() and not root.is_dir():
        raise InvalidArgumentError("to", f"{folder} is not a folder")
    target = (root / safe_relative_path(artifact_path)).resolve()
    if not target.is_relative_to(root) or target == root:
        raise InvalidArgumentError("path", f"{artifact_path!r} would land outside {folder}")
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        raise InvalidArgumentError("path", f"{target} is a folder")
    return target


class PartialFile:
    """A file written under a temporary name and renamed into place only on success.

    Use as a context manager: leaving it normally commits (flush, fsync, rename), leaving it by an exception
    removes the temporary file.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        self._stream: IO[bytes] | None = None
        self._temp_name = ""

    def __enter__(self) -> Self:
        fd, self._temp_name = tempfile.mkstemp(dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".part")
        self._stream = os.fdopen(fd, "wb")
        return self

    def write(self, chunk: bytes) -> None:
        """Append a chunk."""
        assert self._stream is not None, "PartialFile used outside its with block"
        self._stream.write(chunk)

    def result(self) -> Path:
        """Where the file landed (once the ``with`` block is left without an error)."""
        return self.target

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            if exc_type is None:
                stream.flush()
                os.fsync(stream.fileno())
            stream.close()
            if exc_type is None:
                os.replace(self._temp_name, self.target)
        finally:
            if os.path.exists(self._temp_name):
                os.unlink(self._temp_name)


class MemorySink:
    """A download kept in memory: one copy of the bytes (a ``BytesIO`` hands its buffer over without copying).

    The size limit is applied to the answer as it arrives (see ``MAX_BYTES_EXTENSION`` in :mod:`._http`), so the
    sink never holds more than the limit.
    """

    def __init__(self) -> None:
        self._buffer = io.BytesIO()

    def __enter__(self) -> Self:
        self._buffer = io.BytesIO()  # a retry starts afresh
        return self

    def write(self, chunk: bytes) -> None:
        """Append a chunk."""
        self._buffer.write(chunk)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if exc_type is not None:
            self._buffer = io.BytesIO()

    def result(self) -> bytes:
        """The bytes downloaded."""
        return self._buffer.getvalue()
