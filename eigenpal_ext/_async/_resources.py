"""``client.runs`` with its ``artifacts``: read, list, wait for, cancel and rerun runs.

Every method checks its arguments and builds its request in :mod:`eigenpal_ext._core._plans` (pure, shared), then hands
the plan to the generated operation through the request loop. The waits are inherited from
:class:`~eigenpal_ext._async._run_waits.AsyncRunWaits`, the reads of what a run did from
:class:`~eigenpal_ext._async._run_ops.AsyncRunOperations`.
"""

from __future__ import annotations

import builtins
import functools
from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, TypeVar, Unpack, overload

from eigenpal_ext import _generated as gen
from eigenpal_ext._core import _plans as plans
from eigenpal_ext._core._calls import Plan
from eigenpal_ext._core._cancelling import CANCEL_CONCURRENCY, CancelManyResult, cancellable_statuses, tally
from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._core._filters import ListOptions
from eigenpal_ext._core._options import (
    CallOptions,
    RequestOptions,
)
from eigenpal_ext._core._paging import PageWalk
from eigenpal_ext._core._validation import MAX_LIMIT, check_run_id
from eigenpal_ext._transport._error_translation import expect

from ._handle import AsyncRunHandle
from ._requester import AsyncRequester
from ._reviews import AsyncReviews
from ._run_ops import AsyncRunOperations
from ._run_parts import AsyncArtifacts
from ._run_waits import AsyncRunWaits, Expand, OnUpdate, Status
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


class AsyncRuns(AsyncRunWaits, AsyncRunOperations):
    """Runs: start, read, list, wait for, cancel and rerun them (``client.runs``); their trace, scores, steps,
    review and promotion (``reviews``)."""

    artifacts: AsyncArtifacts
    """A run's files."""
    reviews: AsyncReviews
    """A run's review and its corrected files."""

    def __init__(self, requester: AsyncRequester, starter: AsyncStarter, waiter: AsyncWaiter) -> None:
        self._requester = requester
        self._starter = starter
        self._waiter = waiter
        self.artifacts = AsyncArtifacts(requester)
        self.reviews = AsyncReviews(requester)

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
