"""Streaming an artifact to disk: never outside the chosen folder, never a partial file, never a stray folder.

The artifact's path comes from the server, so it is not trusted: only its safe relative part is kept (empty, ``.``
and ``..`` segments and a leading ``/`` are dropped, ``..`` never climbs above the folder), and the resolved
destination must lie inside the folder even through symlinks.

:func:`destination` checks everything it can before any request is sent, and creates nothing: each name must fit
the file system's name limit (``PC_NAME_MAX``, 255 bytes on most), the whole destination its path limit
(``PC_PATH_MAX``, 4096 bytes) with room for the temporary name, the path may have at most
:data:`MAX_PATH_SEGMENTS` segments, and the deepest folder that exists must be writable. What fails these checks
is an :class:`InvalidArgumentError` naming ``to`` or ``path``.

:class:`PartialFile` does the writing once the answer is in: it creates the missing folders, writes the bytes to a
hidden temporary file in the destination's folder, and flushes, syncs and renames it over the destination only when
the whole body arrived. On any error the temporary file and exactly the folders this download created are removed,
and the destination is left as it was; an error of the file system on the way is a :class:`DownloadError` naming
the destination.

Nothing here recurses, so no path is too deep to be refused cleanly.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import stat
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import IO, Self
from urllib.parse import quote

from eigenpal_ext._core._errors import DownloadError, InvalidArgumentError

__all__ = ["MAX_PATH_SEGMENTS", "MemorySink", "PartialFile", "artifact_url", "destination", "safe_relative_path"]

MAX_PATH_SEGMENTS = 128
"""The most segments (folders and the file) an artifact path may have below the folder.

Real artifact paths have a handful. The file system itself only bounds the length, and would take 2,000 nested
one-letter folders; but trees that deep break the tools a caller cleans up with (``shutil.rmtree`` of Python 3.11
recurses once per level and fails near 1,000), so they are refused long before.
"""

_DEFAULT_NAME_MAX = 255
_DEFAULT_PATH_MAX = 4096
_TEMP_RANDOM_BYTES = 4
_TEMP_SUFFIX = ".part"
_TEMP_EXTRA = len(".") + len(".") + 2 * _TEMP_RANDOM_BYTES + len(_TEMP_SUFFIX)
"""Bytes that ``.{name}.{random}.part`` adds to a name: the temporary file may be this much longer."""
_TEMP_ATTEMPTS = 100
_SHOWN_CHARACTERS = 120
_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


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
        raise InvalidArgumentError("path", f"{_shown(artifact_path)} names no file")
    return PurePosixPath(*parts)


def destination(folder: Path, artifact_path: str) -> Path:
    """Where an artifact lands below ``folder``; nothing is created (:class:`PartialFile` does that).

    Raises:
        InvalidArgumentError: When the resolved destination would lie outside ``folder`` (through a symlink) or is a
            folder; when ``folder`` or a folder on the way exists and is not a folder, or cannot be written to; when
            a name or the whole path is too long for the file system, or the path has too many segments.
    """
    relative = safe_relative_path(artifact_path)
    parts = relative.parts
    if len(parts) > MAX_PATH_SEGMENTS:
        raise InvalidArgumentError(
            "path", f"{_shown(artifact_path)} has {len(parts)} segments; at most {MAX_PATH_SEGMENTS} are accepted"
        )
    names = [_encoded(part, "path", artifact_path) for part in parts]
    _encoded(os.fspath(folder), "to", os.fspath(folder))
    root = os.path.realpath(folder)
    anchor = _nearest_existing(root)
    if not os.path.isdir(anchor):
        raise InvalidArgumentError("to", f"{_shown(anchor)} is not a folder")
    name_max = _fs_limit(anchor, "PC_NAME_MAX", _DEFAULT_NAME_MAX)
    path_max = _fs_limit(anchor, "PC_PATH_MAX", _DEFAULT_PATH_MAX)
    for missing in _names_between(anchor, root):
        if len(os.fsencode(missing)) > name_max:
            raise InvalidArgumentError("to", f"the name {_shown(missing)} is longer than the {name_max} bytes allowed")
    for part, encoded in zip(parts, names, strict=True):
        if len(encoded) > name_max:
            raise InvalidArgumentError(
                "path", f"the name {_shown(part)} is {len(encoded)} bytes long; at most {name_max} are allowed here"
            )
    length = len(os.fsencode(root)) + sum(1 + len(name) for name in names)
    _check_length(length, path_max, artifact_path, root)
    target, writable = _walk(root, anchor, parts, artifact_path)
    _check_length(len(os.fsencode(target)), path_max, artifact_path, root)
    if not os.access(writable, os.W_OK | os.X_OK):
        argument = "to" if _inside(root, writable) else "path"
        raise InvalidArgumentError(argument, f"the folder {_shown(writable)} cannot be written to")
    return Path(target)


def _walk(root: str, anchor: str, parts: tuple[str, ...], artifact_path: str) -> tuple[str, str]:
    """The resolved destination, and the deepest folder on its way that exists (where writing begins).

    Segment by segment, as ``os.path.realpath`` would, but refusing a symlink that leads outside ``root`` and a
    file where a folder is needed.
    """
    if root != anchor:
        return os.path.join(root, *parts), anchor
    current = root
    for index, part in enumerate(parts):
        candidate = os.path.join(current, part)
        try:
            mode = os.lstat(candidate).st_mode
        except FileNotFoundError:
            return os.path.join(candidate, *parts[index + 1 :]), current
        except OSError as exc:
            raise InvalidArgumentError("path", f"{_shown(candidate)} cannot be reached: {exc.strerror}") from exc
        if stat.S_ISLNK(mode):
            candidate = os.path.realpath(candidate)
            if not _inside(candidate, root) or candidate == root:
                raise InvalidArgumentError("path", f"{_shown(artifact_path)} would land outside {_shown(root)}")
            try:
                mode = os.stat(candidate).st_mode
            except FileNotFoundError:  # a dangling symlink inside the folder: what it names is created
                return os.path.join(candidate, *parts[index + 1 :]), _nearest_existing(candidate)
            except OSError as exc:
                raise InvalidArgumentError("path", f"{_shown(candidate)} cannot be reached: {exc.strerror}") from exc
        last = index == len(parts) - 1
        if stat.S_ISDIR(mode) and last:
            raise InvalidArgumentError("path", f"{_shown(candidate)} is a folder")
        if not stat.S_ISDIR(mode) and not last:
            raise InvalidArgumentError("path", f"{_shown(candidate)} is not a folder")
        current = candidate
    return current, os.path.dirname(current)


def _check_length(length: int, path_max: int, artifact_path: str, root: str) -> None:
    # PC_PATH_MAX counts the terminating NUL; the temporary file's name is up to _TEMP_EXTRA bytes longer.
    if length + _TEMP_EXTRA < path_max:
        return
    if len(os.fsencode(root)) + 2 + _TEMP_EXTRA >= path_max:
        raise InvalidArgumentError("to", f"{_shown(root)} is too long a path for a file below it")
    raise InvalidArgumentError(
        "path",
        f"{_shown(artifact_path)} would make a path of {length} bytes; the file system takes {path_max - 1}, "
        f"and a download needs {_TEMP_EXTRA} to spare",
    )


class PartialFile:
    """A file written under a temporary name and renamed into place only on success.

    Use as a context manager: entering creates the missing folders and the temporary file; leaving normally commits
    (flush, fsync, rename); leaving by an exception removes the temporary file and the folders entering created.

    Raises:
        DownloadError: When the file system refuses any of it; nothing is left behind.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        self._stream: IO[bytes] | None = None
        self._temp_name = ""
        self._made: list[str] = []

    def __enter__(self) -> Self:
        folder = str(self.target.parent)
        try:
            self._made = _make_folders(folder)
            if os.path.realpath(folder) != folder:
                raise DownloadError(str(self.target), "a folder on the way was replaced while downloading")
            fd, self._temp_name = _create_temp(folder, self.target.name)
        except OSError as exc:
            _remove_folders(self._made)
            what = _shown(os.fsdecode(exc.filename)) if exc.filename else "the temporary file"
            raise DownloadError(str(self.target), f"cannot create {what}: {_os_problem(exc)}") from exc
        except BaseException:
            _remove_folders(self._made)
            raise
        self._stream = os.fdopen(fd, "wb")
        return self

    def write(self, chunk: bytes) -> None:
        """Append a chunk.

        Raises:
            DownloadError: When the file system refuses the bytes (the disk is full, ...).
        """
        assert self._stream is not None, "PartialFile used outside its with block"
        try:
            self._stream.write(chunk)
        except OSError as exc:
            raise DownloadError(str(self.target), f"cannot write: {_os_problem(exc)}") from exc

    def result(self) -> Path:
        """Where the file landed (once the ``with`` block is left without an error)."""
        return self.target

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        if exc_type is not None:
            self._discard(stream)
            return
        try:
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            os.replace(self._temp_name, self.target)
        except OSError as error:
            self._discard(stream)
            raise DownloadError(str(self.target), f"cannot save: {_os_problem(error)}") from error

    def _discard(self, stream: IO[bytes]) -> None:
        """Best effort: the error that brought us here is the one to report."""
        with contextlib.suppress(OSError):
            stream.close()
        with contextlib.suppress(OSError):
            os.unlink(self._temp_name)
        _remove_folders(self._made)


def _make_folders(folder: str) -> list[str]:
    """Create ``folder`` and its missing parents; the ones created, outermost first."""
    missing: list[str] = []
    current = folder
    while not os.path.isdir(current):
        missing.append(current)
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    made: list[str] = []
    try:
        for path in reversed(missing):
            try:
                os.mkdir(path)
            except FileExistsError:
                if not os.path.isdir(path):
                    raise
                continue  # made meanwhile by someone else: not ours to remove
            made.append(path)
    except OSError:
        _remove_folders(made)
        raise
    return made


def _remove_folders(made: list[str]) -> None:
    """Remove the folders a download created, innermost first; one that is no longer empty stays."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            os.rmdir(path)


def _create_temp(folder: str, name: str) -> tuple[int, str]:
    """Open a new hidden file next to ``name`` whose own name fits the file system, however long ``name`` is."""
    room = _fs_limit(folder, "PC_NAME_MAX", _DEFAULT_NAME_MAX) - _TEMP_EXTRA
    prefix = _truncated(name, room)
    for _ in range(_TEMP_ATTEMPTS):
        path = os.path.join(folder, f".{prefix}.{secrets.token_hex(_TEMP_RANDOM_BYTES)}{_TEMP_SUFFIX}")
        try:
            return os.open(path, _OPEN_FLAGS, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _truncated(name: str, room: int) -> str:
    """The longest start of ``name`` that takes at most ``room`` bytes; never half a character."""
    if len(os.fsencode(name)) <= room:
        return name
    kept = 0
    for index, character in enumerate(name):
        kept += len(os.fsencode(character))
        if kept > room:
            return name[:index]
    return name


def _nearest_existing(path: str) -> str:
    """``path`` or its nearest ancestor that exists."""
    current = path
    while not os.path.lexists(current):
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return current


def _names_between(anchor: str, path: str) -> list[str]:
    """The names that ``path`` adds below its ancestor ``anchor``."""
    names: list[str] = []
    current = path
    while current != anchor:
        current, name = os.path.split(current)
        names.append(name)
    return names


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives
        return False


def _fs_limit(path: str, name: str, default: int) -> int:
    """A file system limit at ``path`` (``PC_NAME_MAX``, ``PC_PATH_MAX``), or ``default`` where none is known."""
    pathconf = getattr(os, "pathconf", None)
    if pathconf is None:
        return default
    try:
        value = int(pathconf(path, name))
    except (OSError, ValueError):
        return default
    return value if value > 0 else default


def _encoded(text: str, argument: str, shown: str) -> bytes:
    try:
        return os.fsencode(text)
    except UnicodeError as exc:
        raise InvalidArgumentError(argument, f"{_shown(shown)} cannot be a file name on this system") from exc


def _os_problem(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _shown(text: str) -> str:
    """A path for a message: quoted, and cut in the middle when long."""
    if len(text) <= _SHOWN_CHARACTERS:
        return repr(text)
    half = _SHOWN_CHARACTERS // 2
    return f"{text[:half] + '…' + text[-half:]!r} ({len(text)} characters)"


class MemorySink:
    """A download kept in memory: one copy of the bytes (a ``BytesIO`` hands its buffer over without copying).

    The size limit is applied to the answer as it arrives (see ``MAX_BYTES_EXTENSION`` in
    :mod:`eigenpal_ext._core._calls`), so the sink never holds more than the limit.
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
