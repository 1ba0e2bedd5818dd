"""``client.runs`` with its ``artifacts``: read, list, wait for, cancel and rerun runs.

Every method checks its arguments and builds its request in :mod:`eigenpal_ext._core._plans` (pure, shared), then hands
the plan to the generated operation through the request loop; waits go through the one
:class:`~eigenpal_ext._async._waiter.AsyncWaiter`.
"""

from __future__ import annotations

import builtins
import functools
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar, Unpack, overload

from eigenpal_ext import _generated as gen
from eigenpal_ext._core import _plans as plans
from eigenpal_ext._core._cancelling import CANCEL_CONCURRENCY, CancelManyResult, cancellable_statuses, tally
from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._core._filters import ListOptions
from eigenpal_ext._core._paging import PageWalk
from eigenpal_ext._core._validation import MAX_LIMIT, check_run_id
from eigenpal_ext._core._wait_rules import wait_settings
from eigenpal_ext._transport._config import (
    DEFAULT_POLL_INTERVAL_SECONDS,
    DEFAULT_WAIT_SECONDS,
    CallOptions,
    RequestOptions,
    WaitOptions,
)
from eigenpal_ext._transport._http import Plan, expect

from ._handle import AsyncRunHandle
from ._requester import AsyncRequester
from ._reviews import AsyncReviews
from ._run_ops import AsyncRunOperations
from ._run_parts import AsyncArtifacts
from ._starting import AsyncStarter, Input
from ._waiter import AsyncWaiter

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_accepted import RunAccepted
    from eigenpal_api.models.run_cancel_response import RunCancelResponse
    from eigenpal_api.models.run_event import RunEvent
    from eigenpal_api.models.run_list_item import RunListItem
    from eigenpal_api.models.run_steps_response import RunStepsResponse
    from eigenpal_api.models.run_usage import RunUsage
    from eigenpal_api.models.runs_list_response import RunsListResponse

    from eigenpal_ext._typed import TypedRun

__all__ = ["AsyncRuns", "Expand", "OnUpdate", "Status"]

T = TypeVar("T")

Expand = str | Iterable[str] | None
"""``expand`` tokens: a list, or one comma-separated string."""
Status = str | Sequence[str] | None
"""One status, or several: a list, or one comma-separated string."""
OnUpdate = Callable[["Run"], None] | None
"""Called with each new state of a run a wait sees."""


class AsyncRuns(AsyncRunOperations):
    """Runs: start, read, list, wait for, cancel and rerun them (``client.runs``); their trace, scores, steps,
    review and promotion (``reviews``)."""

    def __init__(self, requester: AsyncRequester, starter: AsyncStarter, waiter: AsyncWaiter) -> None:
        self._requester = requester
        self._starter = starter
        self._waiter = waiter
        self.artifacts = AsyncArtifacts(requester)
        """A run's files."""
        self.reviews = AsyncReviews(requester)
        """A run's review and its corrected files."""

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
        plan = plans.plan_get(run_id, expand)
        run = expect(
            await self._requester.call(gen.runs_get.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            gen.Run,
            run_id=plan.kwargs["id"],
        )
        return plans.shaped(run, output_type)

    async def list(
        self, *, cursor: str | None = None, limit: int | None = None, **options: Unpack[ListOptions]
    ) -> RunsListResponse:
        """One page of runs, newest first, matching every filter given.

        Args:
            cursor: ``next_cursor`` of the previous page.
            limit: Runs per page, 1 to 100 (the real API's maximum; its default is 50).
            **options: The filters of :class:`~eigenpal_ext.RunFilters` (``status="failed"``,
                ``created_after="now()-7d"``, ``tag=...``, ...), checked before any request, and the per-call
                options.

        Raises:
            InvalidArgumentError: A bad filter value; it names the filter.
            TypeError: An unknown keyword argument.
        """
        filters, call = plans.list_filters(options, "list")
        plan = plans.plan_list(filters, cursor, limit)
        return expect(
            await self._requester.call(gen.runs_list.asyncio_detailed, plan, options=RequestOptions.of(**call)),
            gen.RunsListResponse,
        )

    def iter(self, *, limit: int | None = None, **options: Unpack[ListOptions]) -> AsyncIterator[RunListItem]:
        """Every run matching the filters, newest first, fetching page after page only as it is consumed.

        Takes the filters of :meth:`list` (an ``offset`` skips runs once, before the first page); ``limit`` is the
        page size. Arguments are checked at once; each page is one call, bounded by the client's ``timeout``. The
        walk ends at a page without runs or without a ``next_cursor``, or at a cursor it was given before.

        Raises:
            APIResponseValidationError: After 10,000 pages (narrow the filters, by
                date for example), or at a ``next_cursor`` no URL can carry.
        """
        filters, call = plans.list_filters(options, "iter")
        return self._pages(plans.plan_list(filters, None, limit), RequestOptions.of(**call))

    async def _pages(self, plan: Plan, options: RequestOptions) -> AsyncIterator[RunListItem]:
        walk = PageWalk()
        while True:
            page = expect(
                await self._requester.call(gen.runs_list.asyncio_detailed, plan, options=options), gen.RunsListResponse
            )
            for item in page.runs:
                yield item
            cursor = walk.next_cursor(page)
            if cursor is None:
                return
            plan = plans.plan_next_page(plan, cursor)

    async def usage(self, run_id: str, **options: Unpack[CallOptions]) -> RunUsage | None:
        """What the run used so far: tokens, credits, time; None for a run without telemetry."""
        return expect(
            await self._requester.call(
                gen.runs_usage_get.asyncio_detailed, plans.plan_run_id(run_id), options=RequestOptions.of(**options)
            ),
            gen.RunUsageResponse,
        ).usage

    async def steps(self, run_id: str, **options: Unpack[CallOptions]) -> RunStepsResponse:
        """The run's steps in order with their status; ``total`` drives a progress display."""
        plan = plans.plan_run_id(run_id)
        return expect(
            await self._requester.call(
                gen.runs_steps_list.asyncio_detailed, plan, options=RequestOptions.of(**options)
            ),
            gen.RunStepsResponse,
        )

    async def events(self, run_id: str, **options: Unpack[CallOptions]) -> builtins.list[RunEvent]:
        """What happened to the run, oldest first."""
        plan = plans.plan_run_id(run_id)
        return expect(
            await self._requester.call(
                gen.runs_events_list.asyncio_detailed, plan, options=RequestOptions.of(**options)
            ),
            gen.RunEventsResponse,
        ).events

    # changing

    async def cancel(self, run_id: str, **options: Unpack[CallOptions]) -> RunCancelResponse:
        """Cancel a run; safe to repeat. ``cancellation.state`` says what happened."""
        plan = plans.plan_cancel(run_id)
        return expect(
            await self._requester.call(gen.runs_cancel.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            gen.RunCancelResponse,
            run_id=plan.kwargs["id"],
        )

    async def cancel_many(self, **options: Unpack[ListOptions]) -> CancelManyResult:
        """Cancel every unfinished run matching all the filters (at least one), with the filters of :meth:`list`.

        The real API has no bulk cancel: this lists the matching runs that are not finished (a page of 100 per
        request) and cancels them, 8 at a time. A run that ends
        between the list and its cancel is not counted. The first cancel that fails raises, after the others of
        its page were tried.

        Returns:
            How many runs were cancelled at once, and how many were asked to stop (``matched`` is their sum).

        Raises:
            InvalidArgumentError: No filter, or a bad one.
        """
        filters, call = plans.list_filters(options, "cancel_many")
        if not filters:
            raise InvalidArgumentError("filters", "name at least one filter (status, source, type, tag, ids, dates)")
        statuses = cancellable_statuses(filters.get("status"))
        if not statuses:
            return CancelManyResult(matched=0, cancelled=0, requested=0)
        plan = plans.plan_list({**filters, "status": statuses}, limit=MAX_LIMIT)
        answers: builtins.list[RunCancelResponse | Exception] = []
        page: builtins.list[str] = []
        async for item in self._pages(plan, RequestOptions.of(**call)):
            page.append(item.id)
            if len(page) == MAX_LIMIT:
                answers.extend(await self._cancel_each(page, call))
                page = []
        answers.extend(await self._cancel_each(page, call))
        return tally(answers)

    async def _cancel_each(
        self, run_ids: builtins.list[str], options: CallOptions
    ) -> builtins.list[RunCancelResponse | Exception]:
        from eigenpal_ext._transport._fanout import abatch_map  # here: a client that never cancels many never loads it

        calls = [functools.partial(self.cancel, run_id, **options) for run_id in run_ids]
        return await abatch_map(calls, CANCEL_CONCURRENCY)

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
        stop_on_human_review: bool = False,
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
        stop_on_human_review: bool = False,
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
        stop_on_human_review: bool = False,
        output_type: type[T] | None = None,
        **options: Unpack[WaitOptions],
    ) -> Run | TypedRun[T]:
        """Wait until a run ends, polling it: at once, then after pauses that grow to ``poll_interval_seconds``.

        Args:
            run_id: The run.
            timeout_seconds: How long the whole wait may take (default 300); every request, hold, retry and sleep
                fits in it.
            poll_interval_seconds: The longest pause between two reads of a run (default 2); the first pauses are
                shorter.
            on_update: Called with each new state of the run.
            cancel_on_timeout: Cancel the run when the wait times out; by default it goes on.
            raise_on_failure: Raise :class:`RunFailedError` when the run ends failed, cancelled or rejected.
            expand: Sections to read the finished run with.
            stop_on_human_review: Return the run as soon as it is seen waiting on a person (``waiting``, with
                ``execution.human_review`` pending), rather than spend the timeout on the review; by default such a
                run is waited on until it ends. A ``waiting`` run without a human review is always waited on.
            output_type: Convert the output to this class; the result is then a :class:`TypedRun`.

        Returns:
            The run as it ended, or as it waits on a person with ``stop_on_human_review``.

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
            stop_on_human_review=stop_on_human_review,
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
        stop_on_human_review: bool = False,
        **options: Unpack[WaitOptions],
    ) -> AsyncIterator[Run]:
        """Each new state of a run until it ends, to drive a progress display (reads are not held).

        A run waiting on a person is a new state each time its review's counts move; with
        ``stop_on_human_review`` the states end with the first one that waits on a person.

        Raises:
            EigenpalTimeoutError: The run did not end within ``timeout_seconds``, counted from this call.
        """
        settings = wait_settings(timeout_seconds=timeout_seconds, poll_interval_seconds=poll_interval_seconds,
                                 expand=expand, stop_on_human_review=stop_on_human_review)  # fmt: skip
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
        stop_on_human_review: bool = False,
        **options: Unpack[WaitOptions],
    ) -> builtins.list[Run]:
        """Wait until all the runs end, reading them with one list request per 100 runs per look.

        With ``stop_on_human_review`` a run waiting on a person counts as ended (as :meth:`wait`).

        Returns:
            The runs as they ended (or wait on a person), in the order of ``run_ids``.

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
            stop_on_human_review=stop_on_human_review,
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
        stop_on_human_review: bool = False,
        **options: Unpack[WaitOptions],
    ) -> AsyncIterator[Run]:
        """Each of the runs, read in full, as it ends, in the order they end; with ``stop_on_human_review``, also
        as it starts waiting on a person (as :meth:`wait`).

        Raises:
            EigenpalTimeoutError: Time ran out before every run ended.
        """
        settings = wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            raise_on_failure=raise_on_failure,
            expand=expand,
            stop_on_human_review=stop_on_human_review,
        )
        return self._waiter.as_completed(_run_ids(run_ids), settings, RequestOptions.of(**options))

    # handles

    def handle(self, run_id: str, *, expand: Expand = None) -> AsyncRunHandle:
        """A handle on a run, without a request; ``refresh()`` reads it (with ``expand``)."""
        return AsyncRunHandle(self, self._waiter, check_run_id(run_id), expand=plans.expand_values(expand))

    def handles(self, *, limit: int | None = None, **options: Unpack[ListOptions]) -> AsyncIterator[AsyncRunHandle]:
        """A handle on every run matching the filters, newest first, page after page as it is consumed (n8n's
        ``listResources``). Each handle knows its run's status from the list; ``refresh()`` reads it in full.

        Takes the filters of :meth:`list`; ``limit`` is the page size. Arguments are checked at once.
        """
        filters, call = plans.list_filters(options, "handles")
        return self._handles(plans.plan_list(filters, None, limit), RequestOptions.of(**call))

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
