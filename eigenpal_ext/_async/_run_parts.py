"""A run's files: ``client.runs.artifacts``. (A run's tags are read from the run: the real API sets them at
start only and has no tags route.)"""

from __future__ import annotations

import builtins
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Unpack, overload

from eigenpal_ext import _generated as gen
from eigenpal_ext._core import _operation_plans as run_ops
from eigenpal_ext._core import _plans as plans
from eigenpal_ext._core._options import CallOptions, RequestOptions
from eigenpal_ext._transport._error_translation import expect

from ._requester import AsyncRequester
from ._streaming import astream_download

if TYPE_CHECKING:
    from eigenpal_api.models.run_artifact import RunArtifact

__all__ = ["AsyncArtifacts"]


class AsyncArtifacts:
    """A run's input and output files: ``client.runs.artifacts``."""

    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester

    async def list(self, run_id: str, **options: Unpack[CallOptions]) -> builtins.list[RunArtifact]:
        """The run's artifacts; pass an artifact's ``path`` to :meth:`download`."""
        plan = plans.plan_run_id(run_id)
        return expect(
            await self._requester.call(
                gen.runs_artifacts_list.asyncio_detailed, plan, options=RequestOptions.of(**options)
            ),
            gen.RunArtifactsResponse,
        ).artifacts

    @overload
    async def download(
        self,
        run_id: str,
        path: str,
        *,
        to: None = None,
        max_bytes: int | None = ...,
        **options: Unpack[CallOptions],
    ) -> bytes: ...
    @overload
    async def download(
        self,
        run_id: str,
        path: str,
        *,
        to: str | PathLike[str],
        max_bytes: int | None = ...,
        **options: Unpack[CallOptions],
    ) -> Path: ...
    async def download(
        self,
        run_id: str,
        path: str,
        *,
        to: str | PathLike[str] | None = None,
        max_bytes: int | None = None,
        **options: Unpack[CallOptions],
    ) -> bytes | Path:
        """Download an artifact: its bytes, or streamed into the folder ``to``.

        Args:
            run_id: The run.
            path: The artifact's ``path`` as listed.
            to: A folder to stream the artifact into (created if missing). The file is named after the safe
                relative part of ``path`` and always lands inside ``to``; it appears only once complete, and a
                failed download leaves neither a partial file nor a folder it made.
            max_bytes: The largest artifact accepted, counted in decoded bytes (a compressed answer is counted as
                it inflates); a larger one raises :class:`~eigenpal_ext.ResponseTooLargeError` before it is read
                whole. By default 256 MiB into memory, and no limit into a folder.
            **options: Per-call options (:class:`~eigenpal_ext.CallOptions`); ``timeout`` is the whole download,
                retries included (``None``: no bound, each read still bounded by the HTTP read timeout).

        Returns:
            The bytes without ``to``; with it, the path of the written file.

        Raises:
            NotFoundError: No such run or artifact.
            InvalidArgumentError: A path that would land outside ``to``, or that the file system cannot take.
            DownloadError: The file system refused the file while it was being written.
            ResponseTooLargeError: The artifact is larger than ``max_bytes`` (a partial file is removed).
            ContentEncodingError: The answer came in an encoding the client does not decode (stacked, unknown).
        """
        from eigenpal_ext._transport._download_plans import plan_download_stream  # loaded by the first download

        download = plan_download_stream(run_id, path, to=to, max_bytes=max_bytes)
        return await astream_download(self._requester, download, RequestOptions.of(**options))

    @overload
    async def download_zip(
        self,
        run_id: str,
        *,
        to: None = None,
        review: bool = False,
        max_bytes: int | None = ...,
        **options: Unpack[CallOptions],
    ) -> bytes: ...
    @overload
    async def download_zip(
        self,
        run_id: str,
        *,
        to: str | PathLike[str],
        review: bool = False,
        max_bytes: int | None = ...,
        **options: Unpack[CallOptions],
    ) -> Path: ...
    async def download_zip(
        self,
        run_id: str,
        *,
        to: str | PathLike[str] | None = None,
        review: bool = False,
        max_bytes: int | None = None,
        **options: Unpack[CallOptions],
    ) -> bytes | Path:
        """Download the run's output files as one ZIP archive (``GET /v1/runs/{id}/artifacts?zip=1``).

        The archive holds the output files only: no input, trace or scores (:meth:`AsyncRuns.trace`,
        :meth:`AsyncRuns.scores`).

        Args:
            run_id: The run.
            to: The file to write (its folders are created if missing); an existing folder gets ``<run_id>.zip``
                inside it. The file appears only once complete: a failed download leaves neither a partial file
                nor a folder it made. Without ``to``, the archive's bytes are returned.
            review: The review bundle (``bundle=review``): the output files under ``output/`` and the review's
                corrected files under ``expected/``.
            max_bytes: The largest archive accepted, counted in decoded bytes; by default 256 MiB into memory and
                no limit into a file.
            **options: Per-call options; ``timeout`` is the whole download, retries included.

        Returns:
            The bytes without ``to``; with it, the path of the written file.

        Raises:
            NotFoundError: No such run.
            InvalidArgumentError: A bad run id, or a ``to`` that cannot be written.
            DownloadError: The file system refused the file while it was being written.
            ResponseTooLargeError: The archive is larger than ``max_bytes`` (a partial file is removed).
            APIResponseValidationError: The answer is not a ZIP archive (a server that listed the artifacts
                instead); nothing is kept.
        """
        from eigenpal_ext._transport._download_plans import plan_zip_download

        download = plan_zip_download(run_id, to=to, review=review, max_bytes=max_bytes)
        return await astream_download(
            self._requester, download, RequestOptions.of(**options), starts_with=run_ops.ZIP_MAGIC
        )
