"""The storage origin's side of the files API: uploads received on presigned URLs, files served on signed ones.

The storage origin stands for the object store the real API hands presigned URLs of: no API key, only a signature
over the object's name and an expiry (`_storage`). It takes `PUT /uploads/<uploadId>` (a `presigned-put` object)
and `PUT /uploads/<uploadId>/parts/<n>` (a part of a multipart upload), and serves `GET /files/<fileId>`.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ._files import FilePool, TooLarge, write_stream
from ._storage import StorageSigner


class FileStorage:
    """The storage origin's upload and download handlers, over the files API's `FilePool`."""

    def __init__(self, pool: FilePool, signer: StorageSigner | None) -> None:
        """Binds the handlers.

        Args:
            pool: Where files and upload sessions are kept.
            signer: Checks the URLs' signatures; None: no storage origin (these routes are then never served).
        """
        self.pool = pool
        self._signer = signer

    def routes(self) -> dict[str, ASGIApp]:
        """The storage origin's paths served here, by prefix."""
        return {"/uploads/": self.storage_upload, "/files/": self.storage_download}

    def _storage_refusal(self, scope: Scope, name: str) -> str | None:
        query = parse_qs(scope["query_string"].decode("latin-1"))
        assert self._signer is not None
        return self._signer.refusal(name, query.get("expires", [None])[-1], query.get("signature", [None])[-1])

    async def storage_download(self, scope: Scope, receive: Receive, send: Send) -> None:
        """`GET /files/<fileId>` on a signed URL: the file's bytes, streamed from disk."""
        name = scope["path"].lstrip("/")
        response: Response
        if scope["method"] not in ("GET", "HEAD"):
            response = PlainTextResponse("method not allowed", 405, headers={"Allow": "GET, HEAD"})
        elif (refusal := self._storage_refusal(scope, name)) is not None:
            response = PlainTextResponse(refusal, 403)
        elif (stored := self.pool.get(name.removeprefix("files/"))) is None:
            response = PlainTextResponse("no such object", 404)
        else:
            headers = {"Cache-Control": "private, no-store"}
            response = FileResponse(stored.path, media_type=stored.content_type, headers=headers)
        await response(scope, receive, send)

    async def storage_upload(self, scope: Scope, receive: Receive, send: Send) -> None:
        """`PUT /uploads/<uploadId>` (an object) or `/uploads/<uploadId>/parts/<n>` (a part) on a signed URL."""
        response = await self._receive_upload(Request(scope, receive))
        await response(scope, receive, send)

    async def _receive_upload(self, request: Request) -> Response:
        name = request.scope["path"].lstrip("/")
        if request.method != "PUT":
            return PlainTextResponse("method not allowed", 405, headers={"Allow": "PUT"})
        refusal = self._storage_refusal(request.scope, name)
        if refusal is not None:
            return PlainTextResponse(refusal, 403)
        segments = name.split("/")
        session = self.pool.session(segments[1]) if len(segments) in (2, 4) else None
        if session is None or session.status != "pending":
            return PlainTextResponse("no such upload", 404)
        if len(segments) == 2:
            if request.headers.get("content-type") != session.content_type:
                return PlainTextResponse("the Content-Type header is not the one the URL was signed with", 403)
            target, limit, number = self.pool.staged_object(session), session.size, None
        else:
            number = int(segments[3])  # the signature covers the name: it is a part number this server minted
            target, limit = self.pool.staged_part(session, number), session.piece_length(number - 1)
        try:
            size, etag = await write_stream(request.stream(), target, limit)
        except TooLarge:
            return PlainTextResponse(f"more than the {limit} bytes this upload takes", 400)
        except ClientDisconnect:
            return PlainTextResponse("the body did not arrive", 400)
        if session.status != "pending":  # aborted while the body arrived
            target.unlink(missing_ok=True)
            return PlainTextResponse("no such upload", 404)
        if number is not None:
            session.parts[number] = (size, etag)
        return Response(b"", 200, headers={"ETag": f'"{etag}"'})
