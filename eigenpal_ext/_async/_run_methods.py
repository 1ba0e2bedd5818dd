"""The calls that run something, as methods: ``client.run``, ``client.run_and_wait`` and
``client.workflows.executions.run_and_wait``.

They are methods of base classes (the client is an :class:`AsyncRunMethods`, ``workflows.executions`` an
:class:`AsyncRunAndWaitMethod`) rather than callable objects, so that IDEs, ``help()`` and the reference site show
them as the methods they are, with one copy of their signatures and overloads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar, Unpack, overload

from eigenpal_ext._core import _plans as plans
from eigenpal_ext._core._options import (
    DEFAULT_POLL_INTERVAL_SECONDS,
    DEFAULT_WAIT_SECONDS,
    CallOptions,
    RequestOptions,
    WaitOptions,
)
from eigenpal_ext._core._plans import StartParts
from eigenpal_ext._core._wait_rules import wait_deadline, wait_settings

from ._starting import AsyncStarter, Input, _carrying, start_and_wait, workflow_target
from ._waiter import AsyncWaiter

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_accepted import RunAccepted

    from eigenpal_ext._typed import TypedRun
    from eigenpal_ext.webhooks import RunEvents

    from ._resources import AsyncRuns

__all__ = ["AsyncRunAndWaitMethod", "AsyncRunMethods", "AsyncWorkflowExecutions", "AsyncWorkflows"]

T = TypeVar("T")


class AsyncRunAndWaitMethod:
    """The ``run_and_wait`` method, on the starter and waiter of the class that has it (the client, or
    ``workflows.executions``)."""

    _starter: AsyncStarter
    _waiter: AsyncWaiter

    def _target_of(self, target: str) -> str:
        """The target ``run_and_wait`` starts, from what the caller named (``workflows.executions``: a slug)."""
        return target

    @overload
    async def run_and_wait(
        self,
        target: str,
        input: Input = None,
        *,
        timeout_seconds: float = ...,
        poll_interval_seconds: float = ...,
        on_update: Callable[[Run], None] | None = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: str | Sequence[str] | None = None,
        stop_on_human_review: bool = False,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        idempotency_key: str | None = None,
        events: RunEvents | None = None,
        **options: Unpack[WaitOptions],
    ) -> Run: ...
    @overload
    async def run_and_wait(
        self,
        target: str,
        input: Input = None,
        *,
        timeout_seconds: float = ...,
        poll_interval_seconds: float = ...,
        on_update: Callable[[Run], None] | None = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: str | Sequence[str] | None = None,
        stop_on_human_review: bool = False,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        idempotency_key: str | None = None,
        events: RunEvents | None = None,
        output_type: type[T],
        **options: Unpack[WaitOptions],
    ) -> TypedRun[T]: ...
    async def run_and_wait(
        self,
        target: str,
        input: Input = None,
        *,
        timeout_seconds: float = DEFAULT_WAIT_SECONDS,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: Callable[[Run], None] | None = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: str | Sequence[str] | None = None,
        stop_on_human_review: bool = False,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        idempotency_key: str | None = None,
        events: RunEvents | None = None,
        output_type: type[T] | None = None,
        **options: Unpack[WaitOptions],
    ) -> Run | TypedRun[T]:
        """Start a run and wait until it ends, within one deadline.

        The start asks the server to hold the answer for the whole wait (at most 600 s), so a run shorter than that
        takes one request; a longer one is then waited for like ``runs.wait``. One deadline, ``timeout_seconds``
        from the first byte, rules the start and the wait.

        Args:
            target: ``workflows.<slug>`` or ``agents.<slug>`` (for ``workflows.executions``: the workflow's slug).
            input: The run's input; top-level values may be files (a Path, a binary file, bytes, ...).
            timeout_seconds: How long the whole call may take, the start included (default 300).
            poll_interval_seconds: The longest pause between two reads of a run (default 2); the first pauses are
                shorter.
            on_update: Called with each new state of the run.
            cancel_on_timeout: Cancel the run when the wait times out; by default it goes on.
            raise_on_failure: Raise :class:`RunFailedError` when the run ends failed, cancelled or rejected.
            expand: Sections to read the finished run with.
            stop_on_human_review: Return the run as soon as it is seen waiting on a person (``waiting``, with
                ``execution.human_review`` pending) instead of spending ``timeout_seconds`` on the review; the start
                is then not held (a hold lasts until the run ends), so the run is polled from the start.
            tags: Tags to put on the run.
            overrides: Overrides for the automation.
            metadata: Metadata to keep with the run.
            version: A release or git ref to run instead of the current one.
            idempotency_key: A key of your own; by default a fresh one, reused by every retry of the start.
            output_type: Convert the output to this class; the result is then a :class:`TypedRun`.
            events: A :class:`~eigenpal_ext.webhooks.RunEvents` your webhook receiver feeds, for the wait after
                the start (the held start already answers when the run ends, with no read): as in ``runs.wait``,
                the run's terminal event is confirmed with one read and the run returned at once, with a fallback
                read every four poll intervals (at least 5 s). It matters for runs longer than the hold (600 s)
                and with ``stop_on_human_review``, whose start is not held.
            **options: ``extra_headers`` and ``extra_query`` for every request of the call
                (:class:`~eigenpal_ext.WaitOptions`); its bound is ``timeout_seconds``.

        Raises:
            EigenpalTimeoutError: Time ran out (``run_id`` is ``None`` when the start itself never landed); the run
                goes on unless ``cancel_on_timeout``. Like every error here it carries ``idempotency_key``: the same
                call with that key resumes without starting a second run.
            RunFailedError: See ``raise_on_failure``.
        """
        deadline = wait_deadline(self._waiter.clock, timeout_seconds)
        settings = wait_settings(
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=expand,
            stop_on_human_review=stop_on_human_review,
        )
        key = plans.idempotency_key_for(idempotency_key)
        with _carrying(key):
            run = await start_and_wait(
                self._starter,
                self._waiter,
                self._target_of(target),
                input,
                settings=settings,
                deadline=deadline,
                key=key,
                parts=StartParts(tags=tags, overrides=overrides, metadata=metadata, version=version),
                on_update=on_update,
                options=RequestOptions.of(**options),
                may_exist=idempotency_key is not None,  # a key of the caller's may be a resume: look first
                events=events,
            )
            return plans.shaped(run, output_type)


class AsyncRunMethods(AsyncRunAndWaitMethod):
    """``run`` and ``run_and_wait``: the client's calls that start one run."""

    runs: AsyncRuns

    async def run(
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
        """Start a run; the same as ``runs.start``.

        Args:
            target: ``workflows.<slug>`` or ``agents.<slug>``.
            input: The run's input; top-level values may be files: a ``Path``, a binary file, ``bytes``, a
                ``(filename, content[, mime_type])`` tuple or ``{"content", "filename", "mime_type"}``.
            tags: Tags to put on the run (at most 20, each 1 to 64 characters).
            overrides: Overrides for the automation.
            metadata: Metadata to keep with the run.
            version: A release or git ref to run instead of the current one.
            wait_for_completion: Hold the request up to this many seconds (0 to 600) for the run to end. The call
                may take this plus the client's ``timeout`` in all.
            idempotency_key: A key of your own; by default a fresh one, reused by every retry of this call, so a
                lost answer never starts a second run. Every error raised carries it as ``idempotency_key``.
            **options: ``timeout``, ``extra_headers`` and ``extra_query`` for this call
                (:class:`~eigenpal_ext.CallOptions`).

        Returns:
            The run in full when it ended inside the hold, else a :class:`~eigenpal_ext.RunAccepted` with its id.

        Raises:
            InvalidArgumentError: A bad target, input, tag or hold, or a file that does not exist.
            NotFoundError: No such target.
            UnprocessableEntityError: The input does not fit the target.
        """
        return await self.runs.start(
            target,
            input,
            tags=tags,
            overrides=overrides,
            metadata=metadata,
            version=version,
            wait_for_completion=wait_for_completion,
            idempotency_key=idempotency_key,
            **options,
        )


class AsyncWorkflowExecutions(AsyncRunAndWaitMethod):
    """``client.workflows.executions``: run a workflow, named by its slug, and wait for it. Inspect runs through
    ``client.runs``."""

    def __init__(self, starter: AsyncStarter, waiter: AsyncWaiter) -> None:
        self._starter = starter
        self._waiter = waiter

    def _target_of(self, target: str) -> str:
        return workflow_target(target)


class AsyncWorkflows:
    """``client.workflows``."""

    executions: AsyncWorkflowExecutions
    """Workflow runs started and waited for in one call."""

    def __init__(self, starter: AsyncStarter, waiter: AsyncWaiter) -> None:
        self.executions = AsyncWorkflowExecutions(starter, waiter)
