"""The calls that run many inputs of one target: ``client.run_many`` and ``client.run_many_as_completed``.

They are methods of a base class of the client (as ``run_and_wait`` is, in :mod:`._run_methods`), so that IDEs,
``help()`` and the reference site show them as the client's methods. The batch machinery itself
(:mod:`._batch`, :mod:`eigenpal_ext._core._batching`) is imported at first use: a client that runs no batch never
loads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Unpack

from eigenpal_ext._core._errors import EigenpalError
from eigenpal_ext._core._options import (
    DEFAULT_BATCH_SECONDS,
    DEFAULT_MAX_IN_FLIGHT,
    DEFAULT_POLL_INTERVAL_SECONDS,
    RequestOptions,
    WaitOptions,
)
from eigenpal_ext._core._plans import StartParts
from eigenpal_ext._core._wait_rules import wait_deadline, wait_settings

from ._requester import AsyncRequester
from ._starting import AsyncStarter, Input
from ._waiter import AsyncWaiter

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run

    from eigenpal_ext._core._batching import BatchJob
    from eigenpal_ext._transport._settings import ClientSettings
    from eigenpal_ext.webhooks import RunEvents

    from ._batch import AsyncBatch, AsyncBatchRunner, OnDone

__all__ = ["AsyncBatchMethods"]


class AsyncBatchMethods:
    """``run_many`` and ``run_many_as_completed``, on the requester, starter and waiter of the client that has them."""

    _requester: AsyncRequester
    _starter: AsyncStarter
    _waiter: AsyncWaiter
    _settings: ClientSettings | None
    _batches: AsyncBatchRunner | None

    async def run_many(
        self,
        target: str,
        inputs: Iterable[Input],
        *,
        timeout_seconds: float = DEFAULT_BATCH_SECONDS,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        on_done: OnDone = None,
        idempotency_key: str | None = None,
        indices: Sequence[int] | None = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        expand: str | Sequence[str] | None = None,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        cancel_on_timeout: bool = False,
        events: RunEvents | None = None,
        **options: Unpack[WaitOptions],
    ) -> list[Run | EigenpalError]:
        """Run ``target`` once per input and wait for every run, in one call, with one deadline.

        One input never stops the others: a start the server refuses, or a run the deadline catches, is that input's
        outcome, and the rest go on. Resumable: with ``idempotency_key`` the same call again (after a crash, or a
        deadline) starts no second run for any input and waits on the runs that exist::

            results = await client.run_many(
                "workflows.extract-invoice",
                [{"contract_document": path} for path in sorted(Path("contracts").glob("*.pdf"))],
                idempotency_key="nightly-2026-12-01",
            )

        Args:
            target: ``workflows.<slug>`` or ``agents.<slug>``.
            inputs: The inputs, one run each; values may be files as ``run`` takes them (a ``Path`` is opened only
                when its input starts, so prefer paths to open files for thousands of inputs).
            timeout_seconds: How long the whole batch may take, every start and wait included (default 3600).
            max_in_flight: The most runs going on at once (default 1000); the next input starts as one ends.
            on_done: Called with each input's :class:`~eigenpal_ext.BatchItem` as its outcome is known, in this
                thread.
            idempotency_key: A key for the whole batch: the input at index ``i`` starts with ``f"{key}:{i}"``, and
                every run is tagged with the batch's correlation tag, so the same call with the same key and inputs
                (in the same order) finds the runs it started and resumes instead of starting them again. Without
                it each input gets a fresh key.
            indices: Each input's index in the batch, when this call runs only part of it (the inputs not done in an
                earlier call): its key and its ``BatchItem.index``. By default 0, 1, 2 ...
            tags: Tags to put on every run.
            overrides: Overrides for every run.
            metadata: Metadata to keep with every run.
            version: A release or git ref to run instead of the current one.
            expand: Sections to read each finished run with (each run then costs one more request).
            poll_interval_seconds: The longest pause between two looks at many runs, when they are watched by
                list requests (default 2).
            cancel_on_timeout: Cancel the runs still going at the deadline; by default they go on.
            events: A :class:`~eigenpal_ext.webhooks.RunEvents` your webhook receiver feeds: a run whose terminal
                event arrives is confirmed with one read and its input's outcome handed on at once; the runs are
                looked at (or read) only as a fallback, every four poll intervals (at least 5 s), so a lost event
                costs latency, never the batch. It matters for runs watched by list requests (more in flight than
                the batch holds requests for) and for runs longer than a held start (600 s); a held start that
                ends answers with the run, and needs no read.
            **options: ``extra_headers`` and ``extra_query`` for every request (:class:`~eigenpal_ext.WaitOptions`).

        Returns:
            One outcome per input, in the order of ``inputs``: the run as it ended (completed, failed, cancelled or
            rejected), or the :class:`~eigenpal_ext.EigenpalError` that kept the input from ending (a refused
            start, an :class:`~eigenpal_ext.EigenpalTimeoutError` at the deadline). Every error carries its
            start's ``idempotency_key``.

        Raises:
            InvalidArgumentError: A bad target, tag, input list, ``max_in_flight``, ``indices`` or key; nothing is
                sent.
        """
        job = self._batch_job(
            target, inputs, timeout_seconds, max_in_flight, idempotency_key, indices, expand,
            poll_interval_seconds, cancel_on_timeout, StartParts(tags, overrides, metadata, version), options,
            events,
        )  # fmt: skip
        return await self._batch_runner().run_many(job, on_done)

    def run_many_as_completed(
        self,
        target: str,
        inputs: Iterable[Input],
        *,
        timeout_seconds: float = DEFAULT_BATCH_SECONDS,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        idempotency_key: str | None = None,
        indices: Sequence[int] | None = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        expand: str | Sequence[str] | None = None,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        cancel_on_timeout: bool = False,
        events: RunEvents | None = None,
        **options: Unpack[WaitOptions],
    ) -> AsyncBatch:
        """:meth:`run_many`, handing on each input's :class:`~eigenpal_ext.BatchItem` (its ``index``, ``input`` and
        ``outcome``) as soon as it is known, in the order they end::

            async with client.run_many_as_completed("workflows.extract-invoice", inputs) as batch:
                async for item in batch:
                    print(item.index, item.run_id, batch.in_flight, "in flight")

        Takes the arguments of :meth:`run_many` (but ``on_done``), ``events`` included; its deadline starts now,
        and nothing is sent until the first item is asked for. Leaving early (``close``, or the ``with`` block)
        starts no more inputs; the runs already started go on.

        Raises:
            InvalidArgumentError: As :meth:`run_many`, at once.
        """
        job = self._batch_job(
            target, inputs, timeout_seconds, max_in_flight, idempotency_key, indices, expand,
            poll_interval_seconds, cancel_on_timeout, StartParts(tags, overrides, metadata, version), options,
            events,
        )  # fmt: skip
        from ._batch import AsyncBatch

        return AsyncBatch(self._batch_runner(), job)

    def _batch_runner(self) -> AsyncBatchRunner:
        if self._batches is None:
            from ._batch import AsyncBatchRunner

            self._batches = AsyncBatchRunner(self._requester, self._starter, self._waiter, self._settings)
        return self._batches

    def _batch_job(
        self,
        target: str,
        inputs: Iterable[Input],
        timeout_seconds: float,
        max_in_flight: int,
        idempotency_key: str | None,
        indices: Sequence[int] | None,
        expand: str | Sequence[str] | None,
        poll_interval_seconds: float,
        cancel_on_timeout: bool,
        parts: StartParts,
        options: WaitOptions,
        events: RunEvents | None,
    ) -> BatchJob:
        from eigenpal_ext._core._batching import plan_batch

        deadline = wait_deadline(self._requester.clock, timeout_seconds)  # the batch's one deadline starts now
        settings = wait_settings(
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            expand=expand,
        )
        return plan_batch(
            target,
            inputs,
            settings=settings,
            deadline=deadline,
            max_in_flight=max_in_flight,
            idempotency_key=idempotency_key,
            indices=indices,
            parts=parts,
            options=RequestOptions.of(**options),
            can_spread=self._settings is not None,
            correlation_tags=self._requester.correlation_tags,
            events=events,
        )
