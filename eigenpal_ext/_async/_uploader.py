"""Uploads through an upload session: ``client.files.upload`` and the files a large start uploads first.

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
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

import httpx
from eigenpal_api.api.files import (
    files_create,
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

from eigenpal_ext._core._calls import OutOfTime, Plan, plain_out_of_time
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import APIResponseValidationError, EigenpalError, InvalidArgumentError
from eigenpal_ext._core._options import RequestOptions
from eigenpal_ext._core._retry import CallSpec
from eigenpal_ext._core._start_body import FileSource, PreparedBody
from eigenpal_ext._core._uploads import RUN_INPUT, STREAM_PIECE_BYTES, Piece, pieces
from eigenpal_ext._transport._error_translation import expect
from eigenpal_ext._transport._hooks import storage_upload_request

from ._requester import AsyncRequester

if TYPE_CHECKING:
    Session = (
        HttpChunkedFileUploadSession
        | MultipartFileUploadFallback
        | PresignedFileUploadSession
        | PresignedMultipartFileUploadSession
    )

__all__ = ["AsyncUploader", "upload_inputs"]

_PUT = CallSpec("PUT")
# Session create (its idempotencyKey), complete ("safe to retry") and presign are safe to send again.
_SAFE_POST = CallSpec("POST", idempotent=True)
_ABORT = CallSpec("DELETE", gone_means_done=True)
_OCTETS = {"Content-Type": "application/octet-stream"}
ABORT_SECONDS = 5.0
"""How long the abort of a failed upload may take, after the failure (its deadline may have passed)."""
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
