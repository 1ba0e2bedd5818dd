"""The file pool: reusable files and their upload sessions, kept on disk in a folder the server owns.

`FilePool` is bookkeeping and disk I/O, no HTTP: `_files_api` reads the requests and answers them. Bytes are always
streamed to disk (a chunk, a part or an object at a time, written as it arrives) and never held whole in memory, so
they are not counted against the runs' memory cap (`_kept`): only a file that a run takes as its input is read into
memory, and the engine counts that run's copy. The folder is a fresh temporary one per server; it is removed when the
server stops, and the pool with it (files do not survive a restart, even with `--db`).

A session's bytes are staged apart from the finished files: `http-chunked` chunks as `chunks/<index>`,
`presigned-multipart` parts as `parts/<number>`, a `presigned-put` object as `object`; `complete` assembles them into
the file (a streaming copy), `abort` deletes them. Each write goes to a temporary name first and is renamed into
place, so that a retried chunk or part replaces the earlier one whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from ._records import now_ms

Transport = Literal["http-chunked", "presigned-put", "presigned-multipart", "multipart"]
TRANSPORTS: Final[tuple[Transport, ...]] = ("http-chunked", "presigned-put", "presigned-multipart", "multipart")
"""What `POST /v1/files/uploads` may answer; the server answers the one it is set to (`upload_transport`)."""

PURPOSES: Final = frozenset({"run-input", "builder-attachment"})
UPLOAD_CHUNK_BYTES: Final = 4 * 1024 * 1024
"""The default size of an `http-chunked` chunk and a `presigned-multipart` part: 4 MiB, so that a chunk's PUT stays
under the 4.5 MiB request cap."""
MAX_FILE_BYTES: Final = 512 * 1024 * 1024
"""The default largest file an upload session takes: 512 MiB."""
UPLOAD_SESSION_TTL_SECONDS: Final = 3600
"""How long an upload session stays open: an unfinished one is forgotten (its bytes deleted) after an hour."""

SessionStatus = Literal["pending", "completed", "aborted"]


class UploadConflict(Exception):
    """The upload cannot take this now (a chunk out of order or of the wrong size, a complete with bytes missing)."""


@dataclass
class StoredFile:
    """A reusable file of the pool."""

    id: str
    filename: str
    content_type: str
    size: int
    purpose: str | None
    created_ms: int
    path: Path


@dataclass
class UploadSession:
    """One upload session and what it has staged so far."""

    id: str
    file_id: str
    transport: Transport
    filename: str
    content_type: str
    size: int
    purpose: str | None
    idempotency_key: str | None
    chunk_bytes: int
    """The size of every chunk or part but the last."""
    expires_ms: int
    folder: Path
    status: SessionStatus = "pending"
    chunks_received: int = 0
    """`http-chunked`: the chunks accepted so far, in order (the next index expected)."""
    parts: dict[int, tuple[int, str]] = field(default_factory=dict)
    """`presigned-multipart`: part number -> (size, ETag) of each part storage holds."""
    stored_file: StoredFile | None = None
    """The file, once completed (a second complete answers it again)."""

    @property
    def piece_count(self) -> int:
        """How many chunks or parts the file is cut into (0 for an empty file)."""
        return -(-self.size // self.chunk_bytes)

    def piece_length(self, index: int) -> int:
        """The length of chunk `index` (0-based) or part `index + 1`."""
        if index < self.piece_count - 1:
            return self.chunk_bytes
        return self.size - self.chunk_bytes * (self.piece_count - 1)


@dataclass(frozen=True)
class FileSettings:
    """How the files API behaves."""

    upload_transport: Transport = "http-chunked"
    upload_chunk_bytes: int = UPLOAD_CHUNK_BYTES
    max_file_bytes: int = MAX_FILE_BYTES


class TooLarge(Exception):
    """More bytes arrived than the object may have."""


async def write_stream(stream: AsyncIterator[bytes], target: Path, limit: int) -> tuple[int, str]:
    """Writes a body to `target` as it arrives, through a temporary name; returns (size, MD5 hex as an ETag).

    Raises:
        TooLarge: More than `limit` bytes arrived (nothing is left behind).
    """
    temporary = target.with_name(f"{target.name}.{secrets.token_hex(6)}.tmp")
    digest = hashlib.md5(usedforsecurity=False)  # an S3-style ETag, not a security measure
    size = 0
    try:
        with temporary.open("wb") as out:
            async for piece in stream:
                size += len(piece)
                if size > limit:
                    raise TooLarge
                digest.update(piece)
                out.write(piece)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return size, digest.hexdigest()


class FilePool:
    """The server's reusable files and upload sessions, with the folder that keeps their bytes."""

    def __init__(self, settings: FileSettings | None = None) -> None:
        self.settings = settings or FileSettings()
        self._root: Path | None = None
        self._files: dict[str, StoredFile] = {}
        self._sessions: dict[str, UploadSession] = {}
        self._by_key: dict[str, str] = {}

    @property
    def root(self) -> Path:
        """The server's folder for file bytes, made on first use."""
        if self._root is None:
            self._root = Path(tempfile.mkdtemp(prefix="eigenpal-local-files-"))
            (self._root / "files").mkdir()
            (self._root / "uploads").mkdir()
        return self._root

    def close(self) -> None:
        """Deletes every file and staged byte (the server stops)."""
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
        self._root = None
        self._files.clear()
        self._sessions.clear()
        self._by_key.clear()

    # --- files --------------------------------------------------------------------------------------------------------

    def new_file_path(self) -> tuple[str, Path]:
        """A fresh file id and where its bytes go."""
        file_id = f"file_{secrets.token_hex(12)}"
        return file_id, self.root / "files" / file_id

    def add_file(
        self, file_id: str, path: Path, filename: str, content_type: str, size: int, purpose: str | None
    ) -> StoredFile:
        """Registers a file whose bytes are at `path` already."""
        stored = StoredFile(file_id, filename, content_type, size, purpose, now_ms(), path)
        self._files[file_id] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        """The file, or None when there is none by that id (or it was deleted)."""
        return self._files.get(file_id)

    def delete(self, file_id: str) -> bool:
        """Deletes a file and its bytes; whether there was one. Runs that took it as input keep their copy."""
        stored = self._files.pop(file_id, None)
        if stored is None:
            return False
        with contextlib.suppress(FileNotFoundError):
            stored.path.unlink()
        return True

    def read(self, file_id: str) -> tuple[str, str, bytes] | None:
        """(filename, content type, bytes) of a file, for a run that takes it as input; None when unknown."""
        stored = self._files.get(file_id)
        if stored is None:
            return None
        try:
            return stored.filename, stored.content_type, stored.path.read_bytes()
        except FileNotFoundError:
            return None

    # --- upload sessions ----------------------------------------------------------------------------------------------

    def session_by_key(self, key: str) -> UploadSession | None:
        """The session an `idempotencyKey` opened before, if it is still known."""
        upload_id = self._by_key.get(key)
        return None if upload_id is None else self.session(upload_id)

    def open_session(
        self,
        transport: Transport,
        filename: str,
        content_type: str,
        size: int,
        purpose: str | None,
        idempotency_key: str | None,
        chunk_bytes: int,
    ) -> UploadSession:
        """Opens an upload session for a file of `size` bytes, cut in pieces of `chunk_bytes`."""
        upload_id = f"upl_{secrets.token_hex(12)}"
        folder = self.root / "uploads" / upload_id
        (folder / "chunks").mkdir(parents=True)
        (folder / "parts").mkdir()
        session = UploadSession(
            id=upload_id,
            file_id=f"file_{secrets.token_hex(12)}",
            transport=transport,
            filename=filename,
            content_type=content_type,
            size=size,
            purpose=purpose,
            idempotency_key=idempotency_key,
            chunk_bytes=chunk_bytes,
            expires_ms=now_ms() + UPLOAD_SESSION_TTL_SECONDS * 1000,
            folder=folder,
        )
        self._sessions[upload_id] = session
        if idempotency_key is not None:
            self._by_key[idempotency_key] = upload_id
        return session

    def session(self, upload_id: str) -> UploadSession | None:
        """The session, or None when unknown; an unfinished one past its expiry is forgotten here."""
        session = self._sessions.get(upload_id)
        if session is not None and session.status == "pending" and now_ms() > session.expires_ms:
            self._forget(session)
            return None
        return session

    def _forget(self, session: UploadSession) -> None:
        shutil.rmtree(session.folder, ignore_errors=True)
        self._sessions.pop(session.id, None)
        if session.idempotency_key is not None:
            self._by_key.pop(session.idempotency_key, None)

    def abort(self, session: UploadSession) -> bool:
        """Deletes what a pending session staged; whether it was aborted (a completed one keeps its file: False).

        The session is remembered as aborted, so that a retried abort answers the same.
        """
        if session.status == "completed":
            return False
        shutil.rmtree(session.folder, ignore_errors=True)
        session.status = "aborted"
        session.parts.clear()
        session.chunks_received = 0
        return True

    def chunk_check(self, session: UploadSession, index: int) -> None:
        """Refuses chunk `index` unless it is the next one or a retry of the last one accepted.

        Raises:
            UploadConflict: Out of order, or the session is not a pending `http-chunked` one.
        """
        if session.transport != "http-chunked":
            raise UploadConflict(f"upload {session.id} is {session.transport}, not http-chunked")
        if session.status != "pending":
            raise UploadConflict(f"upload {session.id} is {session.status}")
        received = session.chunks_received
        if index != received and index != received - 1:
            expected = f"chunk {received}" if received == 0 else f"chunk {received} (or {received - 1} again)"
            raise UploadConflict(f"chunks are accepted in order: expected {expected}, got {index}")

    async def put_chunk(self, session: UploadSession, index: int, body: AsyncIterator[bytes]) -> int:
        """Stages chunk `index` (streamed to disk); returns its size.

        Raises:
            UploadConflict: Out of order, or not the negotiated size.
        """
        self.chunk_check(session, index)
        expected = session.piece_length(index)
        target = session.folder / "chunks" / str(index)
        try:
            size, _ = await write_stream(body, target.with_name(f"{index}.new"), expected)
        except TooLarge as exc:
            raise UploadConflict(f"chunk {index} must be {expected} bytes; more arrived") from exc
        staged = target.with_name(f"{index}.new")
        if size != expected:
            staged.unlink()
            raise UploadConflict(f"chunk {index} must be {expected} bytes, not {size}")
        try:
            self.chunk_check(session, index)  # the session may have moved on (or been aborted) while the body came
        except UploadConflict:
            staged.unlink(missing_ok=True)
            raise
        os.replace(staged, target)
        session.chunks_received = max(session.chunks_received, index + 1)
        return size

    def staged_object(self, session: UploadSession) -> Path:
        """Where a `presigned-put` session's object is written."""
        return session.folder / "object"

    def staged_part(self, session: UploadSession, part_number: int) -> Path:
        """Where a `presigned-multipart` session's part is written."""
        return session.folder / "parts" / str(part_number)

    def complete(self, session: UploadSession) -> StoredFile:
        """Assembles what the session staged into its file (once; a retry answers the same file).

        Raises:
            UploadConflict: The session was aborted, or bytes are missing or of the wrong size.
        """
        if session.stored_file is not None:
            return session.stored_file
        if session.status == "aborted":
            raise UploadConflict(f"upload {session.id} was aborted")
        sources = self._sources(session)
        target = self.root / "files" / session.file_id
        with target.open("wb") as out:
            for source in sources:
                with source.open("rb") as piece:
                    shutil.copyfileobj(piece, out, 1024 * 1024)
        shutil.rmtree(session.folder, ignore_errors=True)
        stored = self.add_file(
            session.file_id, target, session.filename, session.content_type, session.size, session.purpose
        )
        session.status = "completed"
        session.stored_file = stored
        return stored

    def _sources(self, session: UploadSession) -> list[Path]:
        """The staged pieces that make the file, in order, each checked for its size."""
        if session.transport == "presigned-put":
            staged = self.staged_object(session)
            if not staged.exists():
                raise UploadConflict(f"nothing was uploaded to upload {session.id}'s URL")
            if staged.stat().st_size != session.size:
                raise UploadConflict(f"{staged.stat().st_size} bytes were uploaded, not the {session.size} declared")
            return [staged]
        count = session.piece_count
        if session.transport == "http-chunked":
            if session.chunks_received < count:
                raise UploadConflict(f"{session.chunks_received} of {count} chunks were uploaded")
            return [session.folder / "chunks" / str(index) for index in range(count)]
        missing = [number for number in range(1, count + 1) if number not in session.parts]
        if missing:
            raise UploadConflict(f"part(s) {', '.join(map(str, missing[:10]))} of {count} are missing")
        wrong = [n for n in range(1, count + 1) if session.parts[n][0] != session.piece_length(n - 1)]
        if wrong:
            raise UploadConflict(f"part(s) {', '.join(map(str, wrong[:10]))} are not the size the session set")
        return [self.staged_part(session, number) for number in range(1, count + 1)]
