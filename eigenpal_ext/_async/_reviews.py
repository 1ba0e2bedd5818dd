"""A run's review: ``client.runs.reviews`` (verdict, note, corrections) and ``client.runs.reviews.expected`` (the
corrected files), named after the real API's operations (``runs.reviews.get``, ``runs.reviews.expected.create``,
``runs.reviews.expected.file.get`` ...). Requests are planned in :mod:`eigenpal_ext._core._operation_plans`.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from io import BytesIO
from os import PathLike
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal, Unpack, overload

from eigenpal_ext import _generated as gen
from eigenpal_ext._core import _operation_plans as run_ops
from eigenpal_ext._core._calls import Plan
from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._core._options import CallOptions, RequestOptions
from eigenpal_ext._transport._error_translation import expect

from ._requester import AsyncRequester
from ._streaming import astream_download

if TYPE_CHECKING:
    from eigenpal_api.models.run_file import RunFile
    from eigenpal_api.models.run_review_detail import RunReviewDetail
    from eigenpal_api.models.run_review_expected_file_mutation_response import RunReviewExpectedFileMutationResponse
    from eigenpal_api.models.run_review_expected_file_update_response import RunReviewExpectedFileUpdateResponse

__all__ = ["AsyncExpectedFile", "AsyncExpectedFiles", "AsyncReviews"]

Verdict = Literal["correct", "incorrect"]
ReviewStatus = Literal["open", "closed", "wont_fix"]


class AsyncReviews:
    """A run's review: ``client.runs.reviews``; its corrected files are ``client.runs.reviews.expected``."""

    expected: AsyncExpectedFiles
    """The review's corrected files."""

    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester
        self.expected = AsyncExpectedFiles(requester)

    async def get(self, run_id: str, **options: Unpack[CallOptions]) -> RunReviewDetail:
        """The run's review (``review`` is ``None`` when it has none): verdict, status, note, corrected output and
        corrections. The corrected files are listed by :meth:`AsyncExpectedFiles.get`.

        Raises:
            NotFoundError: No such run.
        """
        plan = run_ops.plan_run_read(run_id)
        return expect(
            await self._requester.call(
                gen.runs_reviews_get.asyncio_detailed, plan, options=RequestOptions.of(**options)
            ),
            gen.RunReviewDetail,
        )

    async def update(
        self,
        run_id: str,
        *,
        verdict: Verdict | None = None,
        status: ReviewStatus | None = None,
        note: str | None = None,
        corrected_output: object = run_ops.UNCHANGED,
        corrections: Sequence[Mapping[str, object]] | run_ops.Unchanged | None = run_ops.UNCHANGED,
        **options: Unpack[CallOptions],
    ) -> RunReviewDetail:
        """Create or replace the run's review (``PUT``: retried like any idempotent request).

        Args:
            run_id: The run.
            verdict: ``correct`` or ``incorrect``; ``None`` for feedback without a ranking.
            status: ``open``, ``closed`` or ``wont_fix``; by default the server derives it from the verdict
                (``correct``: closed, else open).
            note: The reviewer's note.
            corrected_output: The run's output as it should have been (JSON); ``None`` clears a stored one; by
                default the stored one is left as it is.
            corrections: Field and file corrections as the API spells them (``{"kind": "field", "path":
                "/total", "correctedValue": 12}``): they replace the whole set; ``None`` or ``[]`` clears it; by
                default the stored set is left as it is.

        Raises:
            InvalidArgumentError: A bad verdict, status, note, output or correction (nothing is sent).
            NotFoundError: No such run.
        """
        plan = run_ops.plan_review_update(
            run_id, verdict=verdict, status=status, note=note, corrected_output=corrected_output,
            corrections=corrections,
        )  # fmt: skip
        return expect(
            await self._requester.call(
                gen.runs_reviews_update.asyncio_detailed, plan, options=RequestOptions.of(**options)
            ),
            gen.RunReviewDetail,
        )

    async def clear(self, run_id: str, **options: Unpack[CallOptions]) -> RunReviewDetail:
        """Delete the run's review, its corrections and its corrected files; safe to repeat.

        Returns:
            The empty review state (``review`` is ``None``).

        Raises:
            NotFoundError: No such run.
        """
        plan = run_ops.plan_review_clear(run_id)
        return expect(
            await self._requester.call(
                gen.runs_reviews_clear.asyncio_detailed, plan, options=RequestOptions.of(**options)
            ),
            gen.RunReviewDetail,
        )


class AsyncExpectedFiles:
    """A review's corrected files: ``client.runs.reviews.expected``; one of them is ``.file``."""

    file: AsyncExpectedFile
    """One corrected file, by name: download, rename, delete."""

    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester
        self.file = AsyncExpectedFile(requester)

    async def get(self, run_id: str, **options: Unpack[CallOptions]) -> builtins.list[RunFile]:
        """The corrected files of the run's review; pass a file's ``name`` to :attr:`file`'s methods.

        Raises:
            NotFoundError: No such run.
        """
        plan = run_ops.plan_run_read(run_id)
        return expect(
            await self._requester.call(
                gen.runs_reviews_expected_get.asyncio_detailed, plan, options=RequestOptions.of(**options)
            ),
            gen.RunReviewExpectedArtifacts,
        ).files

    async def create(
        self,
        run_id: str,
        file: run_ops.FileContent | None = None,
        *,
        filename: str | None = None,
        name: str | None = None,
        output_file_name: str | None = None,
        **options: Unpack[CallOptions],
    ) -> RunReviewExpectedFileMutationResponse:
        """Attach one corrected file to the run's review: upload ``file``, or copy the run's output file named
        ``output_file_name``. Never sent twice (a retry could attach it twice).

        Args:
            run_id: The run.
            file: The corrected file: bytes, a path, or a binary file open for reading (sent as multipart).
            filename: The file name sent with ``file`` (default: the path's or the file object's name; required
                for bytes).
            name: The name to store the corrected file under (default: the uploaded or copied file's name).
            output_file_name: Instead of ``file``: the name of one of the run's output files to copy.

        Raises:
            InvalidArgumentError: Both or neither of ``file`` and ``output_file_name``; a path that is no file.
            NotFoundError: No such run, or no such output file.
        """
        if (file is None) == (output_file_name is None):
            raise InvalidArgumentError("file", "give either file (to upload) or output_file_name (to copy)")
        call_options = RequestOptions.of(**options)
        if output_file_name is not None:
            plan = run_ops.plan_expected_copy(run_id, output_file_name, name)
            return await self._created(plan, call_options)
        assert file is not None
        source, sent_name = run_ops.upload_source(file, filename)
        with ExitStack() as files:
            stream: IO[bytes]
            if isinstance(source, Path):
                stream = files.enter_context(source.open("rb"))
            else:
                stream = BytesIO(source) if isinstance(source, bytes) else source
            plan = run_ops.plan_expected_upload(run_id, stream, sent_name, name)
            return await self._created(plan, call_options)

    async def _created(self, plan: Plan, options: RequestOptions) -> RunReviewExpectedFileMutationResponse:
        return expect(
            await self._requester.call(gen.runs_reviews_expected_create.asyncio_detailed, plan, options=options),
            gen.RunReviewExpectedFileMutationResponse,
        )


class AsyncExpectedFile:
    """One corrected file of a run's review, by the ``name`` the list gives: ``client.runs.reviews.expected.file``."""

    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester

    @overload
    async def get(
        self,
        run_id: str,
        filename: str,
        *,
        to: None = None,
        max_bytes: int | None = ...,
        **options: Unpack[CallOptions],
    ) -> bytes: ...
    @overload
    async def get(
        self,
        run_id: str,
        filename: str,
        *,
        to: str | PathLike[str],
        max_bytes: int | None = ...,
        **options: Unpack[CallOptions],
    ) -> Path: ...
    async def get(
        self,
        run_id: str,
        filename: str,
        *,
        to: str | PathLike[str] | None = None,
        max_bytes: int | None = None,
        **options: Unpack[CallOptions],
    ) -> bytes | Path:
        """Download a corrected file: its bytes, or streamed into the folder ``to`` with the guarantees of
        :meth:`AsyncArtifacts.download` (named after the safe part of ``filename``, no partial file, storage
        redirects followed without the key, ``max_bytes`` counted in decoded bytes).

        Raises:
            NotFoundError: No such run or corrected file.
            InvalidArgumentError: A bad run id or file name, or a ``to`` that cannot be written.
            ResponseTooLargeError: The file is larger than ``max_bytes``.
        """
        from eigenpal_ext._transport._download_plans import plan_expected_download  # loaded by the first download

        download = plan_expected_download(run_id, filename, to=to, max_bytes=max_bytes)
        return await astream_download(self._requester, download, RequestOptions.of(**options))

    async def update(
        self, run_id: str, filename: str, *, name: str, **options: Unpack[CallOptions]
    ) -> RunReviewExpectedFileUpdateResponse:
        """Rename a corrected file to ``name``; never sent twice (after the first, the old name is gone).

        Raises:
            NotFoundError: No such run or corrected file.
        """
        plan = run_ops.plan_expected_rename(run_id, filename, name)
        return expect(
            await self._requester.call(
                gen.runs_reviews_expected_file_update.asyncio_detailed, plan, options=RequestOptions.of(**options)
            ),
            gen.RunReviewExpectedFileUpdateResponse,
        )

    async def delete(self, run_id: str, filename: str, **options: Unpack[CallOptions]) -> None:
        """Delete a corrected file; retried, and a 404 after a lost answer counts as done.

        Raises:
            NotFoundError: No such run or corrected file.
        """
        plan = run_ops.plan_expected_delete(run_id, filename)
        await self._requester.delete(
            gen.runs_reviews_expected_file_delete.asyncio_detailed, plan, RequestOptions.of(**options)
        )
