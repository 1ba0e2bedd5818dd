"""Streaming a download (an artifact, the artifacts' ZIP, a corrected file) into memory or a file, one attempt
after another within the call's deadline.

Redirects are followed here, whatever the caller's client does: to storage, without any credential
(:mod:`eigenpal_ext._core._redirects`). The decoded-byte limit travels with the request (``MAX_BYTES_EXTENSION``), and
the sink (:class:`~eigenpal_ext._transport._download.PartialFile` or ``MemorySink``) keeps no partial file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from eigenpal_ext._core._errors import APIResponseValidationError
from eigenpal_ext._core._options import RequestOptions
from eigenpal_ext._core._redirects import MAX_DOWNLOAD_REDIRECTS, REDIRECT_STATUSES, storage_location
from eigenpal_ext._transport._hooks import storage_request

from ._requester import AsyncRequester

if TYPE_CHECKING:
    from eigenpal_ext._transport._download_plans import DownloadPlan

__all__ = ["astream_download"]


async def astream_download(
    requester: AsyncRequester, download: DownloadPlan, options: RequestOptions, *, starts_with: bytes = b""
) -> bytes | Path:
    """Send the download's ``GET`` (retried as a read) and stream the answer's body into its sink.

    Args:
        requester: The request loop.
        download: What to fetch and where to put it.
        options: The call's options; ``timeout`` is the whole download, retries included.
        starts_with: Bytes the body must begin with (a ZIP's ``PK``); an answer that does not is refused before
            anything is kept.

    Raises:
        APIResponseValidationError: The body does not begin with ``starts_with``.
    """
    http = requester.api.get_async_httpx_client()

    async def attempt() -> bytes | Path:
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
                head = b""
                with download.sink() as out:
                    async for chunk in response.aiter_bytes():
                        if len(head) < len(starts_with):
                            head += chunk[: len(starts_with) - len(head)]
                            if not starts_with.startswith(head):
                                raise _not_starting(starts_with, response.headers.get("content-type"))
                        out.write(chunk)
                    if len(head) < len(starts_with):
                        raise _not_starting(starts_with, response.headers.get("content-type"))
                return out.result()
            finally:
                await response.aclose()
        raise AssertionError("storage_location refuses the hop after the last")  # for the type checker

    return await requester.send(attempt, download.spec, options=options)


def _not_starting(expected: bytes, content_type: str | None) -> APIResponseValidationError:
    return APIResponseValidationError(
        f"the server's answer is not what was asked for: the body does not begin with {expected!r} "
        f"(content type {content_type or 'not given'}); nothing was kept"
    )
