"""Waiting for runs: ``client.runs.wait``, ``poll``, ``wait_all`` and ``as_completed``.

:class:`AsyncRunWaits` is a part of ``client.runs`` (``AsyncRuns`` inherits these methods): each checks its
arguments, turns them into the wait's settings and deadline (:mod:`eigenpal_ext._core._wait_rules`), and hands them
to the one :class:`~eigenpal_ext._async._waiter.AsyncWaiter`.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar, Unpack, overload

from eigenpal_ext._core import _plans as plans
from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._core._options import DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_WAIT_SECONDS, RequestOptions, WaitOptions
from eigenpal_ext._core._validation import check_run_id
from eigenpal_ext._core._wait_rules import wait_deadline, wait_settings

from ._waiter import AsyncWaiter

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run

    from eigenpal_ext._typed import TypedRun
    from eigenpal_ext.webhooks import RunEvents

__all__ = ["AsyncRunWaits", "Expand", "OnUpdate", "Status"]

T = TypeVar("T")

Expand = str | Iterable[str] | None
"""``expand`` tokens: a list, or one comma-separated string."""
Status = str | Sequence[str] | None
"""One status, or several: a list, or one comma-separated string."""
OnUpdate = Callable[["Run"], None] | None
"""Called with each new state of a run a wait sees."""


class AsyncRunWaits:
    """``client.runs``' waits: for one run, for many, or for each as it ends."""

    _waiter: AsyncWaiter

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
        events: RunEvents | None = None,
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
        events: RunEvents | None = None,
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
        events: RunEvents | None = None,
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
            events: A :class:`~eigenpal_ext.webhooks.RunEvents` your webhook receiver feeds: the wait sleeps until
                the run's terminal event arrives and confirms it with one read, reading the run anyway every four
                poll intervals (at least 5 s) in case the event is lost. It does not read the run at once.

        Returns:
            The run as it ended, or as it waits on a person with ``stop_on_human_review``.

        Raises:
            EigenpalTimeoutError: Time ran out; carries the run id, the last state seen and the time waited.
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
        run = await self._waiter.wait(
            check_run_id(run_id),
            settings,
            deadline=deadline,
            on_update=on_update,
            options=RequestOptions.of(**options),
            events=events,
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
        deadline = wait_deadline(self._waiter.clock, timeout_seconds)
        settings = wait_settings(poll_interval_seconds=poll_interval_seconds, expand=expand,
                                 stop_on_human_review=stop_on_human_review)  # fmt: skip
        return self._waiter.poll(check_run_id(run_id), settings, RequestOptions.of(**options), deadline=deadline)

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
        events: RunEvents | None = None,
        **options: Unpack[WaitOptions],
    ) -> builtins.list[Run]:
        """Wait until all the runs end, reading them with one list request per 100 runs per look.

        With ``stop_on_human_review`` a run waiting on a person counts as ended (as :meth:`wait`).

        Args:
            run_ids: The runs.
            timeout_seconds: How long the whole wait may take (default 300).
            poll_interval_seconds: The longest pause between two looks (default 2).
            cancel_on_timeout: Cancel the unfinished runs when the wait times out.
            raise_on_failure: Raise :class:`RunFailedError` when a run ends failed, cancelled or rejected.
            expand: Sections to read the finished runs with.
            stop_on_human_review: Count a run waiting on a person as ended.
            events: A :class:`~eigenpal_ext.webhooks.RunEvents` your webhook receiver feeds: the runs whose
                terminal event arrives are read together, once, to confirm it and handed on at once; all the runs
                are looked at anyway every four poll intervals (at least 5 s) in case an event is lost. The runs are
                not read at once.

        Returns:
            The runs as they ended (or wait on a person), in the order of ``run_ids``.

        Raises:
            EigenpalTimeoutError: Time ran out first; it names the first unfinished run, its notes say how many.
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
        return await self._waiter.wait_all(
            _run_ids(run_ids), settings, RequestOptions.of(**options), deadline=deadline, events=events
        )

    def as_completed(
        self,
        run_ids: Sequence[str],
        *,
        timeout_seconds: float = DEFAULT_WAIT_SECONDS,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        raise_on_failure: bool = False,
        expand: Expand = None,
        stop_on_human_review: bool = False,
        events: RunEvents | None = None,
        **options: Unpack[WaitOptions],
    ) -> AsyncIterator[Run]:
        """Each of the runs, read in full, as it ends, in the order they end; with ``stop_on_human_review``, also
        as it starts waiting on a person (as :meth:`wait`).

        ``events``: as for :meth:`wait_all`, a :class:`~eigenpal_ext.webhooks.RunEvents` your webhook receiver
        feeds; each run whose terminal event arrives is read once to confirm it and handed on at once, the looks at
        all the runs coming only every four poll intervals (at least 5 s).

        Raises:
            EigenpalTimeoutError: Time ran out before every run ended.
        """
        deadline = wait_deadline(self._waiter.clock, timeout_seconds)
        settings = wait_settings(
            poll_interval_seconds=poll_interval_seconds,
            raise_on_failure=raise_on_failure,
            expand=expand,
            stop_on_human_review=stop_on_human_review,
        )
        return self._waiter.as_completed(
            _run_ids(run_ids), settings, RequestOptions.of(**options), deadline=deadline, events=events
        )


def _run_ids(run_ids: Sequence[str]) -> builtins.list[str]:
    if isinstance(run_ids, str) or not isinstance(run_ids, Iterable):
        raise InvalidArgumentError("run_ids", "must be a list of run ids (not one string)")
    ids = builtins.list(run_ids)
    for index, run_id in enumerate(ids):
        check_run_id(run_id, f"run_ids[{index}]")
    return ids
