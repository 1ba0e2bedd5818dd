"""The files API's routes (`/v1/files...`) and the storage origin's side of uploads and file downloads.

The operations answer what the document says; what it leaves open is decided here and written down in README.md
("Files and uploads"). In short:
- `POST /v1/files/uploads` answers the transport the server is set to (`upload_transport`), whatever the size; a
  size over that transport's `maxFileSizeBytes` is a 413. `chunksUrl`, `completeUrl`, `partsUrl` and the fallback's
  `url` are absolute URLs on the API's own origin; presigned URLs are on the storage origin (no API key).
- Chunks are taken in order: the next index, or the last one accepted again (a retry whose answer was lost); any
  other index, a chunk of the wrong size, or a chunk for a session that is not pending is a 409.
- `complete` with bytes missing is a 409; a second `complete` answers the same `File`. `abort` is idempotent and
  never deletes a completed file (it answers `{"aborted": false}` then).
- The storage origin takes `PUT /uploads/<uploadId>` (a `presigned-put` object) and
  `PUT /uploads/<uploadId>/parts/<n>` (a part), and serves `GET /files/<fileId>`, each on a signed URL
  (`_files_storage`).
"""

from __future__ import annotations

import mimetypes
import re
import shutil
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.types import ASGIApp

from ._errors import ApiError, fail
from ._files import (
    PURPOSES,
    FilePool,
    StoredFile,
    UploadConflict,
    UploadSession,
)
from ._files_storage import FileStorage
from ._params import read_json_body
from ._records import Issue, now_ms
from ._storage import StorageSigner
from ._timeexpr import format_timestamp
from ._views import json_response

Endpoint = Callable[[Request], Awaitable[Response]]
Routes = dict[str, dict[str, tuple[Endpoint, frozenset[str]]]]

_NO_PARAMS: frozenset[str] = frozenset()
_INDEX = re.compile(r"\d{1,9}")


def file_json(stored: StoredFile) -> dict[str, Any]:
    """`File`."""
    return {
        "id": stored.id,
        "filename": stored.filename,
        "contentType": stored.content_type,
        "size": stored.size,
        "purpose": stored.purpose,
        "createdAt": format_timestamp(stored.created_ms),
    }


def _conflict(exc: UploadConflict) -> ApiError:
    return ApiError(409, [Issue(str(exc), "upload_conflict")])


def _string(body: dict[str, Any], name: str, *, required: bool) -> str | None:
    """A string field of a JSON body (the document sets no minimum length: an empty one is taken)."""
    if name not in body and not required:
        return None
    value = body.get(name)
    if not isinstance(value, str):
        fail(400, f"{name} must be a string", "invalid_type" if name in body else "required", name)
    return value


class FilesApi:
    """The files routes and the storage origin's upload and download handlers, over one `FilePool`."""

    def __init__(
        self,
        pool: FilePool,
        signer: StorageSigner | None,
        max_request_bytes: int,
        redirect_over: int | None,
    ) -> None:
        """Binds the handlers.

        Args:
            pool: Where files and sessions are kept.
            signer: Signs storage-origin URLs (presigned uploads, large downloads); None: no storage origin.
            max_request_bytes: The request cap: the largest `multipart` fallback upload, and a bound on chunks.
            redirect_over: File contents larger than this are a 302 to the storage origin (0: every one; None: never).
        """
        self.pool = pool
        self._signer = signer
        self._max_request_bytes = max_request_bytes
        self._redirect_over = redirect_over

    def routes(self) -> Routes:
        """The files routes, the upload routes first (`/v1/files/{id}` would take `uploads` as an id)."""
        return {
            "/v1/files/uploads": {"POST": (self.create_upload, _NO_PARAMS)},
            "/v1/files/uploads/{uploadId}": {
                "GET": (self.get_upload, _NO_PARAMS),
                "DELETE": (self.abort_upload, _NO_PARAMS),
            },
            "/v1/files/uploads/{uploadId}/chunks/{chunkIndex}": {"PUT": (self.put_chunk, _NO_PARAMS)},
            "/v1/files/uploads/{uploadId}/complete": {"POST": (self.complete_upload, _NO_PARAMS)},
            "/v1/files/uploads/{uploadId}/parts": {
                "GET": (self.list_parts, _NO_PARAMS),
                "POST": (self.presign_part, _NO_PARAMS),
            },
            "/v1/files": {"POST": (self.create_file, _NO_PARAMS)},
            "/v1/files/{id}": {"GET": (self.get_file, _NO_PARAMS), "DELETE": (self.delete_file, _NO_PARAMS)},
            "/v1/files/{id}/content": {"GET": (self.file_content, _NO_PARAMS)},
        }

    def storage_routes(self) -> dict[str, ASGIApp]:
        """The storage origin's paths of the files API (`_files_storage`), by prefix."""
        return FileStorage(self.pool, self._signer).routes()

    def _presigning(self) -> bool:
        return self._signer is not None and self._signer.base_url is not None

    # --- files --------------------------------------------------------------------------------------------------------

    def _file(self, request: Request) -> StoredFile:
        file_id = request.path_params["id"]
        stored = self.pool.get(file_id)
        if stored is None:
            fail(404, f"no file {file_id!r}", "file_not_found", "id")
        return stored

    async def create_file(self, request: Request) -> Response:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "multipart/form-data":
            fail(400, "send the file as multipart/form-data", "unsupported_content_type")
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                fail(400, "file is required, as a file part", "required", "file")
            purpose = form.get("purpose")
            if purpose is not None and purpose not in PURPOSES:
                fail(400, f"purpose must be one of {', '.join(sorted(PURPOSES))}", "invalid_value", "purpose")
            filename = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or "file"
            media_type = upload.content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
            file_id, path = self.pool.new_file_path()
            with path.open("wb") as out:
                shutil.copyfileobj(upload.file, out, 1024 * 1024)  # Starlette spooled it to disk past 1 MiB
            size = path.stat().st_size
        stored = self.pool.add_file(file_id, path, filename, media_type, size, purpose)
        return json_response(200, file_json(stored))

    async def get_file(self, request: Request) -> Response:
        return json_response(200, file_json(self._file(request)))

    async def delete_file(self, request: Request) -> Response:
        stored = self._file(request)
        self.pool.delete(stored.id)
        return json_response(200, {"deleted": True})

    async def file_content(self, request: Request) -> Response:
        stored = self._file(request)
        threshold = self._redirect_over
        if self._signer is not None and threshold is not None and (threshold == 0 or stored.size > threshold):
            location = self._signer.signed_url(f"files/{stored.id}")
            if location is not None:
                return RedirectResponse(location, status_code=302)
        return FileResponse(stored.path, media_type=stored.content_type, filename=stored.filename)

    # --- upload sessions ----------------------------------------------------------------------------------------------

    def _session(self, request: Request) -> UploadSession:
        upload_id = request.path_params["uploadId"]
        session = self.pool.session(upload_id)
        if session is None:
            fail(404, f"no upload {upload_id!r}", "upload_not_found", "uploadId")
        return session

    async def create_upload(self, request: Request) -> Response:
        body = await read_json_body(request)
        if not isinstance(body, dict):
            fail(400, "the body must be a JSON object", "invalid_type")
        filename = _string(body, "filename", required=True)
        content_type = body.get("contentType")
        if not isinstance(content_type, str):
            fail(400, "contentType must be a string", "invalid_type" if "contentType" in body else "required")
        size = body.get("size")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            fail(400, "size must be an integer of at least 0", "invalid_type" if "size" in body else "required", "size")
        purpose = _string(body, "purpose", required=False)
        if purpose is not None and purpose not in PURPOSES:
            fail(400, f"purpose must be one of {', '.join(sorted(PURPOSES))}", "invalid_value", "purpose")
        key = _string(body, "idempotencyKey", required=False)
        filename = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip() or "file"
        content_type = content_type or "application/octet-stream"
        origin = str(request.base_url).rstrip("/")
        transport = self.pool.settings.upload_transport
        if transport.startswith("presigned") and not self._presigning():
            transport = "http-chunked"  # no storage origin listens (an app served without LocalServer)
        if transport == "multipart":
            limit = self._max_request_bytes
            self._check_size(size, limit)
            return json_response(
                200, {"transport": "multipart", "url": f"{origin}/v1/files", "maxFileSizeBytes": limit}
            )
        limit = self.pool.settings.max_file_bytes
        self._check_size(size, limit)
        session = self.pool.session_by_key(key) if key is not None else None
        if session is not None and session.status != "aborted":
            if (session.filename, session.content_type, session.size, session.purpose) != (
                filename,
                content_type,
                size,
                purpose,
            ):
                fail(409, "this idempotencyKey opened an upload of another file", "idempotency_key_reused")
        else:
            chunk = self.pool.settings.upload_chunk_bytes
            if transport == "http-chunked":
                chunk = max(1, min(chunk, self._max_request_bytes))  # each chunk's PUT must pass the request cap
            session = self.pool.open_session(transport, filename, content_type, size, purpose, key, chunk)
        return json_response(200, self._negotiation(session, origin))

    def _check_size(self, size: int, limit: int) -> None:
        if size > limit:
            raise ApiError(413, [Issue(f"the file is {size} bytes; at most {limit} may be uploaded", "file_too_large")])

    def _negotiation(self, session: UploadSession, origin: str) -> dict[str, Any]:
        base = f"{origin}/v1/files/uploads/{session.id}"
        answer: dict[str, Any] = {"transport": session.transport, "uploadId": session.id, "fileId": session.file_id}
        if session.transport == "presigned-put":
            assert self._signer is not None
            ttl = max(1.0, (session.expires_ms - now_ms()) / 1000)
            answer["url"] = self._signer.signed_url(f"uploads/{session.id}", ttl_seconds=ttl)
            answer["headers"] = {"Content-Type": session.content_type}
        elif session.transport == "presigned-multipart":
            answer |= {
                "partSizeBytes": session.chunk_bytes,
                "partCount": session.piece_count,
                "partsUrl": f"{base}/parts",
            }
            answer["completeUrl"] = f"{base}/complete"
        else:
            answer |= {"chunkSizeBytes": session.chunk_bytes, "chunkCount": session.piece_count}
            answer |= {"chunksUrl": f"{base}/chunks", "completeUrl": f"{base}/complete"}
        answer["expiresAt"] = format_timestamp(session.expires_ms)
        answer["maxFileSizeBytes"] = self.pool.settings.max_file_bytes
        return answer

    async def get_upload(self, request: Request) -> Response:
        session = self._session(request)
        parted = session.transport == "presigned-multipart"
        chunked = session.transport == "http-chunked"
        answer: dict[str, Any] = {
            "uploadId": session.id,
            "fileId": session.file_id,
            "transport": session.transport,
            "status": session.status,
            "expiresAt": format_timestamp(session.expires_ms),
            "partSizeBytes": session.chunk_bytes if parted else None,
            "partCount": session.piece_count if parted else None,
            "chunkSizeBytes": session.chunk_bytes if chunked else None,
            "chunkCount": session.piece_count if chunked else None,
        }
        if parted:
            answer["parts"] = _parts_json(session)
        return json_response(200, answer)

    async def abort_upload(self, request: Request) -> Response:
        session = self._session(request)
        return json_response(200, {"aborted": self.pool.abort(session)})

    async def put_chunk(self, request: Request) -> Response:
        session = self._session(request)
        raw_index = request.path_params["chunkIndex"]
        if not _INDEX.fullmatch(raw_index) or int(raw_index) >= max(session.piece_count, 1):
            message = f"chunkIndex must be an integer from 0 to {session.piece_count - 1}"
            fail(400, message, "invalid_parameter", "chunkIndex")
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/octet-stream":
            fail(400, "send the chunk as application/octet-stream", "unsupported_content_type")
        index = int(raw_index)
        try:
            size = await self.pool.put_chunk(session, index, request.stream())
        except UploadConflict as exc:
            raise _conflict(exc) from exc
        return json_response(200, {"accepted": True, "chunkIndex": index, "size": size})

    async def complete_upload(self, request: Request) -> Response:
        # The body, if any, is not read: the document gives complete none (R3 sends `{}`).
        session = self._session(request)
        try:
            stored = self.pool.complete(session)
        except UploadConflict as exc:
            raise _conflict(exc) from exc
        if self.pool.get(stored.id) is None:
            fail(404, f"file {stored.id!r} was deleted", "file_not_found")
        return json_response(200, file_json(stored))

    def _multipart_session(self, request: Request) -> UploadSession:
        session = self._session(request)
        if session.transport != "presigned-multipart":
            fail(400, f"upload {session.id} is {session.transport}, not presigned-multipart", "wrong_transport")
        return session

    async def list_parts(self, request: Request) -> Response:
        session = self._multipart_session(request)
        answer = {
            "transport": "presigned-multipart",
            "uploadId": session.id,
            "fileId": session.file_id,
            "partSizeBytes": session.chunk_bytes,
            "partCount": session.piece_count,
            "expiresAt": format_timestamp(session.expires_ms),
            "parts": _parts_json(session),
        }
        return json_response(200, answer)

    async def presign_part(self, request: Request) -> Response:
        session = self._multipart_session(request)
        body = await read_json_body(request)
        number = body.get("partNumber") if isinstance(body, dict) else None
        count = session.piece_count
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= count:
            fail(400, f"partNumber must be an integer from 1 to {count}", "invalid_parameter", "partNumber")
        if session.status != "pending":
            fail(409, f"upload {session.id} is {session.status}", "upload_conflict")
        assert self._signer is not None  # a presigned-multipart session exists only with a storage origin
        url = self._signer.signed_url(f"uploads/{session.id}/parts/{number}")
        answer = {
            "transport": "presigned-multipart",
            "partNumber": number,
            "url": url,
            "headers": {},
            "expiresAt": format_timestamp(now_ms() + self._signer.ttl_ms),
            "partSizeBytes": session.piece_length(number - 1),
        }
        return json_response(200, answer)


def _parts_json(session: UploadSession) -> list[dict[str, Any]]:
    return [
        {"partNumber": number, "etag": etag, "size": size} for number, (size, etag) in sorted(session.parts.items())
    ]
