"""The files API: ``client.files`` (upload, get, delete, download, ref), and the uploads a large start makes first.

An upload opens a session (``POST /v1/files/uploads``) and does what its answer's ``transport`` says
(:mod:`eigenpal_ext._core._uploads`). Every byte is streamed from the file a megabyte at a time, so memory stays flat
whatever the chunk or part size; each chunk or part is one request that the retry engine repeats on a transient
failure (a chunk PUT of a given index is idempotent by the document), all inside the call's one deadline. Storage
URLs are another origin: they get the headers the session asked for and no credential. If anything fails before the
file is complete, the session is aborted (``DELETE /v1/files/uploads/{id}``, bounded by 5 s) so nothing is left
behind, and the error is raised.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import ExitStack
from os import PathLike
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Unpack, overload
from urllib.parse import quote

import httpx
from eigenpal_api.api.files import (
    files_create,
    files_delete,
    files_get,
    files_uploads_abort,
    files_uploads_complete,
    files_uploads_create,
    files_uploads_parts_presign,
)
from eigenpal_api.models.accept_http_chunked_upload_chunk_response import AcceptHttpChunkedUploadChunkResponse
from eigenpal_api.models.create_file_multipart_request import CreateFileMultipartRequest
from eigenpal_api.models.create_file_multipart_request_purpose import CreateFileMultipartRequestPurpose
from eigenpal_api.models.create_file_upload_session_request import CreateFileUploadSessionRequest
from eigenpal_api.models.create_file_upload_session_request_purpose import CreateFileUploadSessionRequestPurpose
from eigenpal_api.models.file import File
from eigenpal_api.models.http_chunked_file_upload_session import HttpChunkedFileUploadSession
from eigenpal_api.models.multipart_file_upload_fallback import MultipartFileUploadFallback
from eigenpal_api.models.presign_file_upload_part_request import PresignFileUploadPartRequest
from eigenpal_api.models.presign_file_upload_part_response import PresignFileUploadPartResponse
from eigenpal_api.models.presigned_file_upload_session import PresignedFileUploadSession
from eigenpal_api.models.presigned_multipart_file_upload_session import PresignedMultipartFileUploadSession
from eigenpal_api.types import File as Payload

from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import APIResponseValidationError, EigenpalError, InvalidArgumentError
from eigenpal_ext._core._plans import READ, DownloadPlan
from eigenpal_ext._core._redirects import (
    DOWNLOAD_EXTENSION,
    MAX_DOWNLOAD_REDIRECTS,
    REDIRECT_STATUSES,
    storage_location,
)
from eigenpal_ext._core._retry import CallSpec
from eigenpal_ext._core._uploads import RUN_INPUT, STREAM_PIECE_BYTES, FileRef, Piece, pieces
from eigenpal_ext._core._validation import check_run_id
from eigenpal_ext._transport._config import DEFAULT_MAX_DOWNLOAD_BYTES, CallOptions, RequestOptions, resolve_byte_limit
from eigenpal_ext._transport._files import FileSource, PreparedBody, file_source
from eigenpal_ext._transport._http import (
    MAX_BYTES_EXTENSION,
    OutOfTime,
    Plan,
    expect,
    plain_out_of_time,
    storage_request,
    storage_upload_request,
)

from ._requester import AsyncRequester

if TYPE_CHECKING:
    Session = (
        HttpChunkedFileUploadSession
        | MultipartFileUploadFallback
        | PresignedFileUploadSession
        | PresignedMultipartFileUploadSession
    )

__all__ = ["AsyncFiles", "AsyncUploader", "upload_inputs"]

_PUT = CallSpec("PUT")
# Session create (its idempotencyKey), complete ("safe to retry") and presign are safe to send again.
_SAFE_POST = CallSpec("POST", idempotent=True)
_ABORT = CallSpec("DELETE", gone_means_done=True)
_OCTETS = {"Content-Type": "application/octet-stream"}
ABORT_SECONDS = 5.0
"""How long the abort of a failed upload may take, after the failure (its deadline may have passed)."""
_PURPOSES = ("run-input", "builder-attachment")
_SESSIONS = (
    HttpChunkedFileUploadSession,
    PresignedFileUploadSession,
    PresignedMultipartFileUploadSession,
    MultipartFileUploadFallback,
)
_TRANSPORTS = {
    HttpChunkedFileUploadSession: "http-chunked",
    PresignedFileUploadSession: "presigned-put",
    PresignedMultipartFileUploadSession: "presigned-multipart",
    MultipartFileUploadFallback: "multipart",
}


def _segment(value: object, field: str) -> str:
    """An id from an answer that goes into a request path: one plain path segment, else the answer is refused."""
    if not isinstance(value, str) or not value or value in (".", "..") or "/" in value or "\\" in value:
        raise APIResponseValidationError(f"the server's answer does not fit the API: {field} is {value!r}")
    return value


def _check_file_id(file_id: object) -> str:
    return check_run_id(file_id, "file_id")


async def _stream(stream: IO[bytes], piece: Piece) -> AsyncIterator[bytes]:
    """One piece of a file, read a megabyte at a time as the request sends it (a retry reads it afresh)."""
    stream.seek(piece.offset)
    left = piece.length
    while left > 0:
        data = stream.read(min(STREAM_PIECE_BYTES, left))
        if not data:
            raise EigenpalError(f"the file ended {left} bytes early: it changed while it was being uploaded")
        left -= len(data)
        yield data


class AsyncUploader:
    """Uploads one file through an upload session, as its transport says; aborts the session if it fails."""

    def __init__(self, requester: AsyncRequester, out_of_time: OutOfTime = plain_out_of_time) -> None:
        self._requester = requester
        self._out_of_time = out_of_time

    async def upload(
        self,
        source: FileSource,
        *,
        purpose: str | None,
        deadline: Deadline,
        persist: bool,
        options: RequestOptions | None,
    ) -> File:
        """Upload ``source``; its ``File`` once complete.

        Args:
            source: The file, measured.
            purpose: ``run-input`` for a start's file (reaped by the server after 24 hours), or ``None``.
            deadline: When the whole upload must be over.
            persist: Retry transient failures until the deadline (inside a wait) rather than ``max_retries`` times.
            options: The call's extra headers and query parameters.
        """
        body = CreateFileUploadSessionRequest(
            filename=source.filename,
            content_type=source.mime_type,
            size=source.size,
            # One key per upload, the same on every retry of this request: a lost answer does not open a second
            # session. (Not the start's key: a resumed start must not be handed back a session aborted earlier.)
            idempotency_key=str(uuid.uuid4()),
        )
        if purpose is not None:
            body.purpose = CreateFileUploadSessionRequestPurpose(purpose)
        answer = await self._call(files_uploads_create.asyncio_detailed, {"body": body}, _SAFE_POST, deadline, persist,
                                  options)  # fmt: skip
        session = _session(answer)
        if isinstance(session, MultipartFileUploadFallback):
            if source.size > session.max_file_size_bytes:
                raise InvalidArgumentError(
                    "file", f"{source.size} bytes is more than the {session.max_file_size_bytes} the server takes"
                )
            return await self._post_whole(source, purpose, deadline, persist, options)
        upload_id = _segment(session.upload_id, "uploadId")
        try:
            if source.size > session.max_file_size_bytes:
                raise InvalidArgumentError(
                    "file", f"{source.size} bytes is more than the {session.max_file_size_bytes} the server takes"
                )
            if isinstance(session, HttpChunkedFileUploadSession):
                what = "HttpChunkedFileUploadSession.chunkSizeBytes"
                for piece in pieces(source.size, session.chunk_size_bytes, session.chunk_count, first=0, what=what):
                    url = f"/v1/files/uploads/{quote(upload_id, safe='')}/chunks/{piece.index}"
                    answer = await self._put(url, source, piece, _OCTETS, storage=False, deadline=deadline,
                                             persist=persist, options=options)  # fmt: skip
                    _accepted(answer, piece)
            elif isinstance(session, PresignedFileUploadSession):
                whole = Piece(0, 0, source.size)
                headers = dict(session.headers.additional_properties)
                await self._put(session.url, source, whole, headers, storage=True, deadline=deadline, persist=persist,
                                options=options)  # fmt: skip
            else:
                await self._parts(upload_id, session, source, deadline, persist, options)
            done = await self._call(files_uploads_complete.asyncio_detailed, {"upload_id": upload_id}, _SAFE_POST,
                                    deadline, persist, options)  # fmt: skip
            return expect(done, File)
        except BaseException as exc:  # Ctrl-C too: nothing of a failed upload is left behind
            await self._abort(upload_id, exc, options)
            raise

    async def _parts(
        self,
        upload_id: str,
        session: PresignedMultipartFileUploadSession,
        source: FileSource,
        deadline: Deadline,
        persist: bool,
        options: RequestOptions | None,
    ) -> None:
        what = "PresignedMultipartFileUploadSession.partSizeBytes"
        for piece in pieces(source.size, session.part_size_bytes, session.part_count, first=1, what=what):
            arguments = {"upload_id": upload_id, "body": PresignFileUploadPartRequest(part_number=piece.index)}
            answer = await self._call(files_uploads_parts_presign.asyncio_detailed, arguments, _SAFE_POST, deadline,
                                      persist, options)  # fmt: skip
            signed = expect(answer, PresignFileUploadPartResponse)
            if signed.part_number != piece.index or not isinstance(signed.url, str):
                raise APIResponseValidationError(
                    f"the server's answer does not fit the API: part {signed.part_number!r} signed for {piece.index}"
                )
            headers = dict(signed.headers.additional_properties)
            await self._put(signed.url, source, piece, headers, storage=True, deadline=deadline, persist=persist,
                            options=options)  # fmt: skip

    async def _post_whole(
        self, source: FileSource, purpose: str | None, deadline: Deadline, persist: bool, options: RequestOptions | None
    ) -> File:
        """The ``multipart`` fallback: the file in one ``POST /v1/files``."""
        body = CreateFileMultipartRequest(
            file=Payload(payload=source.stream, file_name=source.filename, mime_type=source.mime_type)  # type: ignore[arg-type]
        )
        if purpose is not None:
            body.purpose = CreateFileMultipartRequestPurpose(purpose)
        # A second copy of a run's input is reaped with it; a durable file is not sent twice.
        spec = _SAFE_POST if purpose == RUN_INPUT else CallSpec("POST")
        return expect(await self._call(files_create.asyncio_detailed, {"body": body}, spec, deadline, persist, options),
                      File)  # fmt: skip

    async def _call(
        self,
        fn: Any,
        arguments: dict[str, Any],
        spec: CallSpec,
        deadline: Deadline,
        persist: bool,
        options: RequestOptions | None,
    ) -> Any:
        return await self._requester.call(
            fn, Plan(arguments, spec), deadline, persist=persist, out_of_time=self._out_of_time, options=options
        )

    async def _put(
        self,
        url: str,
        source: FileSource,
        piece: Piece,
        headers: dict[str, str],
        *,
        storage: bool,
        deadline: Deadline,
        persist: bool,
        options: RequestOptions | None,
    ) -> httpx.Response:
        """PUT one piece of the file to ``url`` (storage: another origin, no credential), retried as a PUT is."""
        http = self._requester.api.get_async_httpx_client()
        sent = {**headers, "Content-Length": str(piece.length)}

        async def attempt() -> httpx.Response:
            content = _stream(source.stream, piece)
            if storage:
                request = storage_upload_request(http, url, content=content, headers=sent)
            else:
                request = http.build_request("PUT", url, content=content, headers=sent)
            return await http.send(request, follow_redirects=False)

        return await self._requester.send(
            attempt, _PUT, deadline, persist=persist, out_of_time=self._out_of_time, options=options
        )

    async def _abort(self, upload_id: str, failure: BaseException, options: RequestOptions | None) -> None:
        plan = Plan({"upload_id": upload_id}, _ABORT)
        bound = Deadline.after(self._requester.clock, ABORT_SECONDS)
        try:
            await self._requester.call(files_uploads_abort.asyncio_detailed, plan, bound, options=options)
        except EigenpalError as exc:
            failure.add_note(f"the upload session {upload_id} could not be aborted ({exc}); the server expires it")
        except Exception:  # noqa: S110 - only a GoneAfterLostResponse: the lost abort did it
            pass


def _accepted(answer: httpx.Response, piece: Piece) -> None:
    """Check a chunk's answer: that chunk, accepted."""
    try:
        accepted = AcceptHttpChunkedUploadChunkResponse.from_dict(answer.json())
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise APIResponseValidationError(f"the server's answer to a chunk does not fit the API: {exc}") from exc
    if accepted.accepted is not True or accepted.chunk_index != piece.index:
        raise APIResponseValidationError(
            f"the server's answer does not fit the API: chunk {piece.index} answered {answer.text[:200]!r}"
        )


def _session(answer: Any) -> Session:
    parsed = answer.parsed
    for kind in _SESSIONS:
        if isinstance(parsed, kind):
            if parsed.transport != _TRANSPORTS[kind]:
                raise APIResponseValidationError(
                    f"the server's answer does not fit the API: an upload transport {parsed.transport!r}"
                )
            return parsed
    return expect(answer, HttpChunkedFileUploadSession)  # raises, naming the status


async def upload_inputs(
    requester: AsyncRequester,
    prepared: PreparedBody,
    deadline: Deadline,
    *,
    persist: bool,
    options: RequestOptions | None,
    out_of_time: OutOfTime = plain_out_of_time,
) -> PreparedBody:
    """Upload the files a start cannot carry (:attr:`PreparedBody.uploads`); the start's body naming them.
    ``out_of_time``: the error when the deadline leaves no time for a retry (a wait's timeout error)."""
    uploader = AsyncUploader(requester, out_of_time)
    file_ids: dict[str, str] = {}
    for key, source in prepared.uploads.items():
        uploaded = await uploader.upload(source, purpose=RUN_INPUT, deadline=deadline, persist=persist,
                                         options=options)  # fmt: skip
        file_ids[key] = _segment(uploaded.id, "File.id")
    return prepared.with_file_ids(file_ids)


class AsyncFiles:
    """Files kept by the API: ``client.files``. Upload once, then start many runs with ``client.files.ref(id)``."""

    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester

    async def upload(
        self,
        file: object,
        *,
        filename: str | None = None,
        mime_type: str | None = None,
        purpose: str | None = None,
        **options: Unpack[CallOptions],
    ) -> File:
        """Upload a file through an upload session, streamed from disk, chunk by chunk or part by part as the
        server says; a failed upload is aborted.

        Args:
            file: A Path, a binary file object, bytes, or a ``(filename, content[, mime_type])`` tuple or
                ``{"content": ..., "filename": ..., "mime_type": ...}`` mapping, as a run's file input.
            filename: The name to store it under; by default the file's own, else ``file``.
            mime_type: Its content type; by default guessed from the name.
            purpose: ``run-input`` (reaped by the server after 24 hours) or ``builder-attachment``; by default a
                durable file.
            **options: Per-call options (:class:`~eigenpal_ext.CallOptions`); ``timeout`` bounds the whole upload,
                every chunk and retry included.

        Returns:
            The stored file; pass ``client.files.ref(file.id)`` as a run's input to use it.

        Raises:
            InvalidArgumentError: Not a file, a missing file, a bad purpose, or larger than the server takes.
        """
        if purpose is not None and purpose not in _PURPOSES:
            raise InvalidArgumentError("purpose", f"must be one of {', '.join(_PURPOSES)}, not {purpose!r}")
        merged = self._requester.options(RequestOptions.of(**options))
        deadline = self._requester.deadline_in(merged.timeout)
        limit = self._requester.multipart_max_bytes
        with ExitStack() as files:
            source = file_source(file, files, filename=filename, mime_type=mime_type, spool_bytes=limit or 1 << 22)
            uploader = AsyncUploader(self._requester)
            return await uploader.upload(source, purpose=purpose, deadline=deadline, persist=False, options=merged)

    async def get(self, file_id: str, **options: Unpack[CallOptions]) -> File:
        """A file's metadata (name, type, size, purpose)."""
        plan = Plan({"id": _check_file_id(file_id)}, READ)
        answer = await self._requester.call(files_get.asyncio_detailed, plan, options=RequestOptions.of(**options))
        return expect(answer, File)

    async def delete(self, file_id: str, **options: Unpack[CallOptions]) -> None:
        """Delete a file; runs that used it keep their own copies. A delete whose answer was lost counts as done."""
        plan = Plan({"id": _check_file_id(file_id)}, CallSpec("DELETE", gone_means_done=True))
        await self._requester.delete(files_delete.asyncio_detailed, plan, RequestOptions.of(**options))

    def ref(self, file_id: str) -> FileRef:
        """A run input value naming an uploaded file: ``input={"doc": client.files.ref(file.id)}``."""
        return FileRef(_check_file_id(file_id))

    @overload
    async def download(
        self, file_id: str, *, to: None = None, max_bytes: int | None = ..., **options: Unpack[CallOptions]
    ) -> bytes: ...
    @overload
    async def download(
        self, file_id: str, *, to: str | PathLike[str], max_bytes: int | None = ..., **options: Unpack[CallOptions]
    ) -> Path: ...
    async def download(
        self,
        file_id: str,
        *,
        to: str | PathLike[str] | None = None,
        max_bytes: int | None = None,
        **options: Unpack[CallOptions],
    ) -> bytes | Path:
        """Download a file's bytes, or stream them into the folder ``to`` under the file's stored name.

        Follows the API's redirect to storage without any credential, as artifact downloads do.

        Args:
            file_id: The file.
            to: A folder to write the file into (its name is the file's ``filename``, read first; it always lands
                inside ``to``, and appears only once complete).
            max_bytes: The largest file accepted, in decoded bytes; by default 256 MiB into memory, none into a
                folder.
            **options: Per-call options (:class:`~eigenpal_ext.CallOptions`); ``timeout`` is the whole download.

        Raises:
            NotFoundError: No such file.
            ResponseTooLargeError: The file is larger than ``max_bytes``.
        """
        from eigenpal_ext._transport._download import destination

        checked = _check_file_id(file_id)
        limit = None if max_bytes is None else resolve_byte_limit(max_bytes, "max_bytes")
        target = None
        if to is not None:
            target = destination(Path(to), (await self.get(checked, **options)).filename)
        elif limit is None:
            limit = DEFAULT_MAX_DOWNLOAD_BYTES
        extensions: dict[str, Any] = {MAX_BYTES_EXTENSION: limit, DOWNLOAD_EXTENSION: True}
        download = DownloadPlan(f"/v1/files/{quote(checked, safe='')}/content", READ, extensions, target)
        http = self._requester.api.get_async_httpx_client()

        async def attempt() -> bytes | Path:
            request = http.build_request("GET", download.url, extensions=download.extensions)
            for hops in range(MAX_DOWNLOAD_REDIRECTS + 1):
                response = await http.send(request, stream=True, follow_redirects=False)
                try:
                    if response.status_code in REDIRECT_STATUSES:
                        location = response.headers.get("location")
                        target = storage_location(str(request.url), response.status_code, location, hops)
                        request = storage_request(http, target, download.extensions)
                        continue
                    with download.sink() as out:
                        async for chunk in response.aiter_bytes():
                            out.write(chunk)
                    return out.result()
                finally:
                    await response.aclose()
            raise AssertionError("storage_location refuses the hop after the last")  # for the type checker

        return await self._requester.send(attempt, download.spec, options=RequestOptions.of(**options))
