"""The files API: ``client.files`` (upload, get, delete, download, ref). Uploads go through
:class:`~._uploader.AsyncUploader`; downloads stream as artifact downloads do (:mod:`._streaming`).
"""

from __future__ import annotations

from contextlib import ExitStack
from os import PathLike
from pathlib import Path
from typing import Unpack, overload

from eigenpal_api.api.files import files_delete, files_get
from eigenpal_api.models.file import File

from eigenpal_ext._core._calls import Plan
from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._core._options import CallOptions, RequestOptions, resolve_byte_limit
from eigenpal_ext._core._plans import READ
from eigenpal_ext._core._retry import CallSpec
from eigenpal_ext._core._uploads import FileRef
from eigenpal_ext._core._validation import check_run_id
from eigenpal_ext._transport._error_translation import expect
from eigenpal_ext._transport._files import file_source

from ._requester import AsyncRequester
from ._streaming import astream_download
from ._uploader import AsyncUploader

__all__ = ["AsyncFiles"]

_PURPOSES = ("run-input", "builder-attachment")


def _check_file_id(file_id: object) -> str:
    return check_run_id(file_id, "file_id")


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
        from eigenpal_ext._transport._download_plans import plan_file_download  # loaded by the first download

        checked = _check_file_id(file_id)
        if max_bytes is not None:
            resolve_byte_limit(max_bytes, "max_bytes")  # before the file's name is asked for
        filename = "" if to is None else (await self.get(checked, **options)).filename
        download = plan_file_download(checked, folder=to, filename=filename, max_bytes=max_bytes)
        return await astream_download(self._requester, download, RequestOptions.of(**options))
