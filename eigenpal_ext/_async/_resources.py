"""``client.runs`` with its ``tags`` and ``artifacts``: read, list, wait for, cancel, rerun, tag and delete runs.

Every method checks its arguments and builds its request in :mod:`eigenpal_ext._plans` (pure, shared), then hands
the plan to the generated operation through the request loop; waits go through the one
:class:`~eigenpal_ext._async._waiter.AsyncWaiter`.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, Unpack, overload

import attrs
from eigenpal_api.api.runs import (
    cancel_run,
    cancel_runs,
    delete_run,
    get_run,
    get_run_tags,
    get_run_usage,
    list_run_artifacts,
    list_run_events,
    list_run_steps,
    list_runs,
    update_run_tags,
)
from eigenpal_api.models.artifact import Artifact
from eigenpal_api.models.artifact_list import ArtifactList
from eigenpal_api.models.cancel_many_result import CancelManyResult
from eigenpal_api.models.cancel_result import CancelResult
from eigenpal_api.models.event import Event
from eigenpal_api.models.event_list import EventList
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.run_list import RunList
from eigenpal_api.models.run_list_item import RunListItem
from eigenpal_api.models.step_list import StepList
from eigenpal_api.models.tag_list import TagList
from eigenpal_api.models.usage import Usage
from eigenpal_api.types import Response

from eigenpal_ext import _plans as plans
from eigenpal_ext._clock import held_by_server
from eigenpal_ext._config import (
    DEFAULT_MAX_DOWNLOAD_BYTES,
    DEFAULT_POLL_INTERVAL_SECONDS,
    DEFAULT_WAIT_SECONDS,
    CallOptions,
    RequestOptions,
    WaitOptions,
)
from eigenpal_ext._deadline import Deadline
from eigenpal_ext._errors import InvalidArgumentError
from eigenpal_ext._http import Plan, expect
from eigenpal_ext._polling import Observation
from eigenpal_ext._validation import check_run_id
from eigenpal_ext._wait_rules import poll_after_seconds, wait_settings

from ._handle import AsyncRunHandle
from ._requester import AsyncRequester
from ._starting import AsyncStarter, Input
from ._waiter import AsyncWaiter

if TYPE_CHECKING:
    from eigenpal_ext._typed import TypedRun

__all__ = ["AsyncApiReader", "AsyncArtifacts", "AsyncRuns", "AsyncTags", "Expand", "OnUpdate", "Status"]

T = TypeVar("T")

Expand = str | Iterable[str] | None
"""``expand`` tokens: a list, or one comma-separated string."""
Status = str | Sequence[str] | None
"""One status, or several: a list, or one comma-separated string."""
OnUpdate = Callable[[Run], None] | None
"""Called with each new state of a run a wait sees."""


def _observation(response: Response[Any]) -> Observation:
    return Observation(run=expect(response, Run), poll_after_seconds=poll_after_seconds(response.headers))


@attrs.frozen
class AsyncApiReader:
    """The waiter's view of the API: each read sent once, within the wait's deadline (the wait retries)."""

    requester: AsyncRequester

    async def read(
        self,
        run_id: str,
        *,
        hold_seconds: int,
        expand: Sequence[str],
        deadline: Deadline | None,
        options: RequestOptions | None = None,
    ) -> Observation:
        """Read one run, held up to ``hold_seconds``."""
        plan = plans.plan_wait_read(run_id, expand, hold_seconds)
        response = await self.requester.call(get_run.asyncio_detailed, plan, deadline, options=options)
        observation = _observation(response)
        if hold_seconds and not observation.run.finished:
            held_by_server(self.requester.clock, hold_seconds)
        return observation

    async def read_many(
        self, run_ids: Sequence[str], *, deadline: Deadline, options: RequestOptions | None = None
    ) -> list[RunListItem]:
        """List up to 100 runs by id in one request."""
        plan = plans.plan_read_many(run_ids)
        return expect(
            await self.requester.call(list_runs.asyncio_detailed, plan, deadline, options=options), RunList
        ).runs

    async def cancel(self, run_id: str, *, deadline: Deadline, options: RequestOptions | None = None) -> None:
        """Ask the server to cancel a run."""
        await self.requester.call(cancel_run.asyncio_detailed, plans.plan_cancel(run_id), deadline, options=options)


class AsyncTags:
    """A run's tags: ``client.runs.tags``."""

    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester

    async def get(self, run_id: str, **options: Unpack[CallOptions]) -> list[str]:
        """The run's tags.

        Raises:
            NotFoundError: No such run.
        """
        plan = plans.plan_run_id(run_id)
        return expect(
            await self._requester.call(get_run_tags.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            TagList,
        ).tags

    async def update(self, run_id: str, tags: Sequence[str], **options: Unpack[CallOptions]) -> list[str]:
        """Replace the run's tags with ``tags`` (at most 20, each 1 to 64 characters) and return the new set.

        Raises:
            NotFoundError: No such run.
            InvalidArgumentError: Too many tags, or one too long or blank.
        """
        plan = plans.plan_update_tags(run_id, tags)
        return expect(
            await self._requester.call(update_run_tags.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            TagList,
        ).tags


class AsyncArtifacts:
    """A run's input and output files: ``client.runs.artifacts``."""

    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester

    async def list(self, run_id: str, **options: Unpack[CallOptions]) -> builtins.list[Artifact]:
        """The run's artifacts; pass an artifact's ``path`` to :meth:`download`."""
        plan = plans.plan_run_id(run_id)
        return expect(
            await self._requester.call(list_run_artifacts.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            ArtifactList,
        ).artifacts

    @overload
    async def download(
        self,
        run_id: str,
        path: str,
        *,
        to: None = None,
        max_bytes: int = ...,
        **options: Unpack[CallOptions],
    ) -> bytes: ...
    @overload
    async def download(
        self,
        run_id: str,
        path: str,
        *,
        to: str | PathLike[str],
        max_bytes: int = ...,
        **options: Unpack[CallOptions],
    ) -> Path: ...
    async def download(
        self,
        run_id: str,
        path: str,
        *,
        to: str | PathLike[str] | None = None,
        max_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
        **options: Unpack[CallOptions],
    ) -> bytes | Path:
        """Download an artifact: its bytes, or streamed into the folder ``to``.

        Args:
            run_id: The run.
            path: The artifact's ``path`` as listed.
            to: A folder to stream the artifact into (created if missing). The file is named after the safe
                relative part of ``path`` and always lands inside ``to``; it appears only once complete, and a
                failed download leaves neither a partial file nor a folder it made.
            max_bytes: Without ``to``: the largest artifact to hold in memory (default 256 MiB); a larger one
                raises :class:`~eigenpal_ext.ResponseTooLargeError` before it is read whole. Into a folder there is
                no limit.
            **options: Per-call options (:class:`~eigenpal_ext.CallOptions`); ``timeout`` is the whole download,
                retries included (``None``: no bound, each read still bounded by the HTTP read timeout).

        Returns:
            The bytes without ``to``; with it, the path of the written file.

        Raises:
            NotFoundError: No such run or artifact.
            InvalidArgumentError: A path that would land outside ``to``, or that the file system cannot take.
            DownloadError: The file system refused the file while it was being written.
            ResponseTooLargeError: The artifact is larger than ``max_bytes`` (into memory only).
        """
        download = plans.plan_download_stream(run_id, path, to=to, max_bytes=max_bytes)
        http = self._requester.api.get_async_httpx_client()

        async def attempt() -> bytes | Path:
            async with http.stream("GET", download.url, extensions=download.extensions) as response:
                with download.sink() as out:
                    async for chunk in response.aiter_bytes():
                        out.write(chunk)
            return out.result()

        return await self._requester.send(attempt, download.spec, options=RequestOptions.of(**options))


class AsyncRuns:
    """Runs: read, list, wait for, cancel, rerun, tag and delete them (``client.runs``)."""

    def __init__(self, requester: AsyncRequester, starter: AsyncStarter, waiter: AsyncWaiter) -> None:
        self._requester = requester
        self._starter = starter
        self._waiter = waiter
        self.tags = AsyncTags(requester)
        """A run's tags."""
        self.artifacts = AsyncArtifacts(requester)
        """A run's files."""

    # starting

    async def start(
        self,
        target: str,
        input: Input = None,
        *,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        wait_for_completion: float | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Run | RunAccepted:
        """Start a run; the same as ``client.run``.

        Args:
            target: ``workflows.<slug>`` or ``agents.<slug>``.
            input: The run's input; top-level values may be files: a ``Path``, a binary file, ``bytes``, a
                ``(filename, content[, mime_type])`` tuple or ``{"content", "filename", "mime_type"}``. Files go out
                as multipart, streamed.
            tags: Tags to put on the run (at most 20, each 1 to 64 characters).
            overrides: Overrides for the automation.
            metadata: Metadata to keep with the run.
            version: A release or git ref to run instead of the current one.
            wait_for_completion: Hold the request up to this many seconds (0 to 600) for the run to end. The call
                may take this plus the client's ``timeout`` in all.
            idempotency_key: A key of your own; by default a fresh one, reused by every retry of this call, so a
                lost answer never starts a second run. Every error raised carries it as ``idempotency_key``.

        Returns:
            The run in full when it ended inside the hold, else a :class:`RunAccepted` with its id.

        Raises:
            InvalidArgumentError: A bad target, input, tag or hold, or a file that does not exist.
            NotFoundError: No such target.
            UnprocessableEntityError: The input does not fit the target.
        """
        return await self._starter.start(
            target,
            input,
            tags=tags,
            overrides=overrides,
            metadata=metadata,
            version=version,
            wait_for_completion=wait_for_completion,
            idempotency_key=idempotency_key,
            options=RequestOptions.of(**options),
        )

    async def rerun(
        self,
        run_id: str,
        *,
        wait_for_completion: float | None = None,
        version: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[CallOptions],
    ) -> Run | RunAccepted:
        """Start a new run with the same target and input.

        Args:
            run_id: The run to rerun.
            wait_for_completion: Hold the request up to this many seconds (0 to 600) for the new run to end.
            version: A release or git ref to run instead of the current one.
            idempotency_key: A key of your own; by default a fresh one, reused by every retry of this call. Every
                error raised carries it as ``idempotency_key``.

        Returns:
            The new run in full when it ended inside the hold, else a :class:`RunAccepted` with its id.

        Raises:
            NotFoundError: No such run.
        """
        return await self._starter.rerun(
            run_id,
            wait_for_completion=wait_for_completion,
            version=version,
            idempotency_key=idempotency_key,
            options=RequestOptions.of(**options),
        )

    # reading

    @overload
    async def get(self, run_id: str, *, expand: Expand = None, **options: Unpack[CallOptions]) -> Run: ...
    @overload
    async def get(
        self, run_id: str, *, expand: Expand = None, output_type: type[T], **options: Unpack[CallOptions]
    ) -> TypedRun[T]: ...
    async def get(
        self,
        run_id: str,
        *,
        expand: Expand = None,
        output_type: type[T] | None = None,
        **options: Unpack[CallOptions],
    ) -> Run | TypedRun[T]:
        """Read a run.

        Args:
            run_id: The run.
            expand: Optional sections to add: ``input``, ``usage``, ``execution``, ``debug``.
            output_type: A class (attrs, dataclass, TypedDict) to convert ``output`` into; the result is then a
                :class:`TypedRun`.

        Raises:
            NotFoundError: No such run.
            OutputValidationError: The output does not fit ``output_type``.
        """
        run = expect(
            await self._requester.call(
                get_run.asyncio_detailed, plans.plan_get(run_id, expand), options=RequestOptions.of(**options)
            ),
            Run,
        )
        return plans.shaped(run, output_type)

    async def list(
        self,
        *,
        type: str | None = None,
        source: str | None = None,
        status: Status = None,
        tag: str | None = None,
        ids: Sequence[str] | None = None,
        from_date: plans.TimeFilter = None,
        to_date: plans.TimeFilter = None,
        cursor: str | None = None,
        limit: int | None = None,
        **options: Unpack[CallOptions],
    ) -> RunList:
        """One page of runs, newest first, matching every filter given.

        Args:
            type: ``workflow`` or ``agent``.
            source: The automation, by id (``wf_abc123``) or slug.
            status: One status or several (a list, or comma-separated).
            tag: Only runs carrying this tag.
            ids: Only these runs (at most 100).
            from_date: Created at or after: ISO-8601, ``now()-7d`` (units s m h d w) or a datetime.
            to_date: Created at or before, in the same forms.
            cursor: ``next_cursor`` of the previous page.
            limit: Runs per page, 1 to 250 (the server's default is 50).
        """
        filters = plans.list_filters(
            type=type, source=source, status=status, tag=tag, ids=ids, from_date=from_date, to_date=to_date
        )
        plan = plans.plan_list(filters, cursor, limit)
        return expect(
            await self._requester.call(list_runs.asyncio_detailed, plan, options=RequestOptions.of(**options)), RunList
        )

    def iter(
        self,
        *,
        type: str | None = None,
        source: str | None = None,
        status: Status = None,
        tag: str | None = None,
        ids: Sequence[str] | None = None,
        from_date: plans.TimeFilter = None,
        to_date: plans.TimeFilter = None,
        limit: int | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[RunListItem]:
        """Every run matching the filters, newest first, fetching page after page only as it is consumed.

        Takes the filters of :meth:`list`; ``limit`` is the page size. Arguments are checked at once; each page is
        one call, bounded by the client's ``timeout``.
        """
        filters = plans.list_filters(
            type=type, source=source, status=status, tag=tag, ids=ids, from_date=from_date, to_date=to_date
        )
        return self._pages(plans.plan_list(filters, None, limit), RequestOptions.of(**options))

    async def _pages(self, plan: Plan, options: RequestOptions) -> AsyncIterator[RunListItem]:
        seen: set[str] = set()
        while True:
            page = expect(await self._requester.call(list_runs.asyncio_detailed, plan, options=options), RunList)
            for item in page.runs:
                yield item
            cursor = page.next_cursor
            if not cursor or cursor in seen:  # a repeated cursor would loop forever
                return
            seen.add(cursor)
            plan = attrs.evolve(plan, kwargs={**plan.kwargs, "cursor": cursor})

    async def usage(self, run_id: str, **options: Unpack[CallOptions]) -> Usage:
        """What the run used so far: tokens, credits, time."""
        return expect(
            await self._requester.call(
                get_run_usage.asyncio_detailed, plans.plan_run_id(run_id), options=RequestOptions.of(**options)
            ),
            Usage,
        )

    async def steps(self, run_id: str, **options: Unpack[CallOptions]) -> StepList:
        """The run's steps in order with their status; ``total`` drives a progress display."""
        plan = plans.plan_run_id(run_id)
        return expect(
            await self._requester.call(list_run_steps.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            StepList,
        )

    async def events(self, run_id: str, **options: Unpack[CallOptions]) -> builtins.list[Event]:
        """What happened to the run, oldest first."""
        plan = plans.plan_run_id(run_id)
        return expect(
            await self._requester.call(list_run_events.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            EventList,
        ).events

    # changing

    async def cancel(self, run_id: str, **options: Unpack[CallOptions]) -> CancelResult:
        """Cancel a run; safe to repeat. ``cancellation.state`` says what happened."""
        plan = plans.plan_cancel(run_id)
        return expect(
            await self._requester.call(cancel_run.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            CancelResult,
        )

    async def cancel_many(
        self,
        *,
        status: Status = None,
        source: str | None = None,
        type: str | None = None,
        tag: str | None = None,
        ids: Sequence[str] | None = None,
        from_date: plans.TimeFilter = None,
        to_date: plans.TimeFilter = None,
        **options: Unpack[CallOptions],
    ) -> CancelManyResult:
        """Cancel every unfinished run matching all the filters (at least one), with the filters of :meth:`list`."""
        filters = plans.list_filters(
            type=type, source=source, status=status, tag=tag, ids=ids, from_date=from_date, to_date=to_date
        )
        plan = plans.plan_cancel_many(filters)
        return expect(
            await self._requester.call(cancel_runs.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            CancelManyResult,
        )

    async def delete(self, run_id: str, **options: Unpack[CallOptions]) -> None:
        """Delete a finished run with its files and events.

        Raises:
            ConflictError: The run is not finished; cancel it first.
            NotFoundError: No such run.
        """
        await self._requester.delete(
            delete_run.asyncio_detailed, plans.plan_delete(run_id), RequestOptions.of(**options)
        )

    # waiting

    @overload
    async def wait(
        self,
        run_id: str,
        *,
        timeout_seconds: float = ...,
        poll_interval_seconds: float = ...,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        **options: Unpack[WaitOptions],
    ) -> Run: ...
    @overload
    async def wait(
        self,
        run_id: str,
        *,
        timeout_seconds: float = ...,
        poll_interval_seconds: float = ...,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        output_type: type[T],
        **options: Unpack[WaitOptions],
    ) -> TypedRun[T]: ...
    async def wait(
        self,
        run_id: str,
        *,
        timeout_seconds: float = DEFAULT_WAIT_SECONDS,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        output_type: type[T] | None = None,
        **options: Unpack[WaitOptions],
    ) -> Run | TypedRun[T]:
        """Wait until a run ends, with server holds where the server grants them and polling otherwise.

        Args:
            run_id: The run.
            timeout_seconds: How long the whole wait may take (default 300); every request, hold, retry and sleep
                fits in it.
            poll_interval_seconds: Pause between polls when the server does not hold reads (default 2).
            on_update: Called with each new state of the run.
            cancel_on_timeout: Cancel the run when the wait times out; by default it goes on.
            raise_on_failure: Raise :class:`RunFailedError` when the run ends failed, cancelled or rejected.
            expand: Sections to read the finished run with.
            output_type: Convert the output to this class; the result is then a :class:`TypedRun`.

        Raises:
            EigenpalTimeoutError: Time ran out; carries the run id, the last state seen and the time waited.
            RunFailedError: See ``raise_on_failure``.
        """
        settings = wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        run = await self._waiter.wait(
            check_run_id(run_id), settings, on_update=on_update, options=RequestOptions.of(**options)
        )
        return plans.shaped(run, output_type)

    def poll(
        self,
        run_id: str,
        *,
        timeout_seconds: float = DEFAULT_WAIT_SECONDS,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        expand: Expand = None,
        **options: Unpack[WaitOptions],
    ) -> AsyncIterator[Run]:
        """Each new state of a run until it ends, to drive a progress display (reads are not held).

        Raises:
            EigenpalTimeoutError: The run did not end within ``timeout_seconds``, counted from this call.
        """
        settings = wait_settings(timeout_seconds=timeout_seconds, poll_interval_seconds=poll_interval_seconds,
                                 expand=expand)  # fmt: skip
        return self._waiter.poll(check_run_id(run_id), settings, RequestOptions.of(**options))

    async def wait_all(
        self,
        run_ids: Sequence[str],
        *,
        timeout_seconds: float = DEFAULT_WAIT_SECONDS,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        **options: Unpack[WaitOptions],
    ) -> builtins.list[Run]:
        """Wait until all the runs end, reading them with one list request per 100 runs per look.

        Returns:
            The runs as they ended, in the order of ``run_ids``.

        Raises:
            EigenpalTimeoutError: Time ran out first; it names the first unfinished run, its notes say how many.
            RunFailedError: See ``raise_on_failure``.
        """
        settings = wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        return await self._waiter.wait_all(_run_ids(run_ids), settings, RequestOptions.of(**options))

    def as_completed(
        self,
        run_ids: Sequence[str],
        *,
        timeout_seconds: float = DEFAULT_WAIT_SECONDS,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        raise_on_failure: bool = False,
        expand: Expand = None,
        **options: Unpack[WaitOptions],
    ) -> AsyncIterator[Run]:
        """Each of the runs, read in full, as it ends, in the order they end.

        Raises:
            EigenpalTimeoutError: Time ran out before every run ended.
        """
        settings = wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        return self._waiter.as_completed(_run_ids(run_ids), settings, RequestOptions.of(**options))

    # handles

    def handle(self, run_id: str, *, expand: Expand = None) -> AsyncRunHandle:
        """A handle on a run, without a request; ``refresh()`` reads it (with ``expand``)."""
        return AsyncRunHandle(self, self._waiter, check_run_id(run_id), expand=plans.expand_values(expand))

    def handles(
        self,
        *,
        type: str | None = None,
        source: str | None = None,
        status: Status = None,
        tag: str | None = None,
        ids: Sequence[str] | None = None,
        from_date: plans.TimeFilter = None,
        to_date: plans.TimeFilter = None,
        limit: int | None = None,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[AsyncRunHandle]:
        """A handle on every run matching the filters, newest first, page after page as it is consumed (n8n's
        ``listResources``). Each handle knows its run's status from the list; ``refresh()`` reads it in full.

        Takes the filters of :meth:`list`; ``limit`` is the page size. Arguments are checked at once.
        """
        filters = plans.list_filters(
            type=type, source=source, status=status, tag=tag, ids=ids, from_date=from_date, to_date=to_date
        )
        return self._handles(plans.plan_list(filters, None, limit), RequestOptions.of(**options))

    async def _handles(self, plan: Plan, options: RequestOptions) -> AsyncIterator[AsyncRunHandle]:
        async for item in self._pages(plan, options):
            yield AsyncRunHandle(self, self._waiter, item.id, item=item)

    async def get_handle(self, run_id: str, *, expand: Expand = None) -> AsyncRunHandle:
        """Read a run and return a handle on it that remembers ``expand`` for later refreshes."""
        handle = self.handle(run_id, expand=expand)
        await handle.refresh()
        return handle


def _run_ids(run_ids: Sequence[str]) -> builtins.list[str]:
    if isinstance(run_ids, str) or not isinstance(run_ids, Iterable):
        raise InvalidArgumentError("run_ids", "must be a list of run ids (not one string)")
    ids = builtins.list(run_ids)
    for index, run_id in enumerate(ids):
        check_run_id(run_id, f"run_ids[{index}]")
    return ids
