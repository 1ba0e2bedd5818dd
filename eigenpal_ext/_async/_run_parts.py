"""A run's files: ``client.runs.artifacts``. (A run's tags are read from the run: the real API sets them at
start only and has no tags route.)"""

from __future__ import annotations

import builtins
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Unpack, overload

from eigenpal_ext import _generated as gen
from eigenpal_ext import _plans as plans
from eigenpal_ext._config import CallOptions, RequestOptions
from eigenpal_ext._http import expect, storage_request
from eigenpal_ext._redirects import MAX_DOWNLOAD_REDIRECTS, REDIRECT_STATUSES, storage_location

from ._requester import AsyncRequester

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
        download = plans.plan_download_stream(run_id, path, to=to, max_bytes=max_bytes)
        http = self._requester.api.get_async_httpx_client()

        async def attempt() -> bytes | Path:
            # Redirects are followed here, whatever the caller's client does: to storage, without any credential.
            request = http.build_request("GET", download.url, extensions=download.extensions)
            for hops in range(MAX_DOWNLOAD_REDIRECTS + 1):
                if hops:
                    response = await http.send(request, stream=True, follow_redirects=False, auth=None)
                else:
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
