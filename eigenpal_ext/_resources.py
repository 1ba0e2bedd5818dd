"""The resources of the clients: ``client.runs`` (with ``.tags`` and ``.artifacts``) and ``client.workflows``.

Every method checks its arguments and builds its request in :mod:`._plans` (pure, shared), then hands the plan to
the generated operation through the transport's retry loop; the sync and async classes differ only in ``await``.
"""

from __future__ import annotations

import builtins
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

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
    rerun_run,
    start_run,
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

from . import _plans as plans
from ._clock import Clock
from ._config import DEFAULT_MAX_DOWNLOAD_BYTES, NOT_GIVEN, NotGiven
from ._deadline import Deadline
from ._errors import EigenpalError, EigenpalTimeoutError, InvalidArgumentError
from ._files import prepare_start_body
from ._handle import AsyncRunHandle, RunHandle
from ._http import AsyncTransport, Plan, SyncTransport, expect
from ._polling import (
    Observation,
    async_poll_run,
    async_runs_as_completed,
    async_wait_for_run,
    async_wait_for_runs,
    poll_run,
    runs_as_completed,
    wait_for_run,
    wait_for_runs,
)
from ._validation import check_run_id, check_text

if TYPE_CHECKING:
    from ._typed import TypedRun

__all__ = [
    "Artifacts",
    "AsyncArtifacts",
    "AsyncRunAndWait",
    "AsyncRunSourceAdapter",
    "AsyncRuns",
    "AsyncTags",
    "AsyncWorkflowExecutions",
    "AsyncWorkflows",
    "RunAndWait",
    "RunSourceAdapter",
    "Runs",
    "Tags",
    "WorkflowExecutions",
    "Workflows",
]

T = TypeVar("T")

Expand = str | Iterable[str] | None
"""``expand`` tokens: a list, or one comma-separated string."""
Status = str | Sequence[str] | None
Input = Mapping[str, object] | None
OnUpdate = Callable[[Run], None] | None

_DEFAULT_TIMEOUT_SECONDS = 300.0
_DEFAULT_POLL_INTERVAL_SECONDS = 2.0


def _observation(response: Response[Any]) -> Observation:
    return Observation(run=expect(response, Run), poll_after_seconds=plans.poll_after_seconds(response.headers))


def _started(response: Response[Any]) -> Run | RunAccepted:
    parsed = response.parsed
    return parsed if isinstance(parsed, RunAccepted) else expect(response, Run)


@contextmanager
def _carrying(key: str) -> Iterator[None]:
    """Every library error that leaves the block carries the start's ``Idempotency-Key``, to resume with."""
    try:
        yield
    except EigenpalError as exc:
        exc.idempotency_key = key
        raise


def _start_timed_out(deadline: Deadline) -> Callable[[EigenpalError, float], EigenpalError]:
    """The error of a start inside ``run_and_wait`` that its deadline left no time to retry."""

    def timed_out(error: EigenpalError, delay: float) -> EigenpalError:
        why = f"the last try failed ({error}) and another would have to wait {delay:.1f}s"
        return EigenpalTimeoutError(None, last_run=None, waited_seconds=deadline.elapsed(), reason=why)

    return timed_out


def workflow_target(workflow: str) -> str:
    """The target of a workflow given by slug (``extract-invoice``) or in full (``workflows.extract-invoice``)."""
    slug = check_text(workflow, "workflow")
    return slug if slug.startswith("workflows.") else f"workflows.{slug}"


def check_text_target(target: str) -> str:
    """A target as the caller gave it; it is checked with the rest of the start."""
    return target


# --- sync --------------------------------------------------------------------------------------------------------


@attrs.frozen
class RunSourceAdapter:
    """The waiting engine's view of the sync client (``_polling.RunSource``)."""

    transport: SyncTransport

    def read(self, run_id: str, *, hold_seconds: int, expand: Sequence[str], deadline: Deadline | None) -> Observation:
        plan = plans.plan_wait_read(run_id, expand, hold_seconds)
        return _observation(self.transport.call(get_run.sync_detailed, plan, deadline))

    def read_many(self, run_ids: Sequence[str], *, deadline: Deadline) -> list[RunListItem]:
        plan = plans.plan_read_many(run_ids)
        return expect(self.transport.call(list_runs.sync_detailed, plan, deadline), RunList).runs

    def cancel(self, run_id: str, *, deadline: Deadline) -> None:
        self.transport.call(cancel_run.sync_detailed, plans.plan_cancel(run_id), deadline)


class Tags:
    """A run's tags: ``client.runs.tags``."""

    def __init__(self, transport: SyncTransport) -> None:
        self._transport = transport

    def get(self, run_id: str) -> list[str]:
        """The run's tags.

        Raises:
            NotFoundError: No such run.
        """
        return expect(self._transport.call(get_run_tags.sync_detailed, plans.plan_run_id(run_id)), TagList).tags

    def update(self, run_id: str, tags: Sequence[str]) -> list[str]:
        """Replace the run's tags with ``tags`` (at most 20, each 1 to 64 characters) and return the new set."""
        plan = plans.plan_update_tags(run_id, tags)
        return expect(self._transport.call(update_run_tags.sync_detailed, plan), TagList).tags


class Artifacts:
    """A run's input and output files: ``client.runs.artifacts``."""

    def __init__(self, transport: SyncTransport) -> None:
        self._transport = transport

    def list(self, run_id: str) -> builtins.list[Artifact]:
        """The run's artifacts; pass an artifact's ``path`` to :meth:`download`."""
        plan = plans.plan_run_id(run_id)
        return expect(self._transport.call(list_run_artifacts.sync_detailed, plan), ArtifactList).artifacts

    @overload
    def download(
        self,
        run_id: str,
        path: str,
        *,
        to: None = None,
        max_bytes: int = ...,
        timeout: float | NotGiven | None = ...,
    ) -> bytes: ...
    @overload
    def download(
        self,
        run_id: str,
        path: str,
        *,
        to: str | PathLike[str],
        max_bytes: int = ...,
        timeout: float | NotGiven | None = ...,
    ) -> Path: ...
    def download(
        self,
        run_id: str,
        path: str,
        *,
        to: str | PathLike[str] | None = None,
        max_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
        timeout: float | NotGiven | None = NOT_GIVEN,
    ) -> bytes | Path:
        """Download an artifact: its bytes, or streamed into the folder ``to``.

        Args:
            run_id: The run.
            path: The artifact's ``path`` as listed.
            to: A folder to stream the artifact into (created if missing). The file is named after the safe
                relative part of ``path`` and always lands inside ``to``; it appears only once complete.
            max_bytes: Without ``to``: the largest artifact to hold in memory (default 256 MiB); a larger one
                raises :class:`ResponseTooLargeError` before it is read whole. Into a folder there is no limit.
            timeout: Seconds the whole download may take, retries included; by default the client's ``timeout``;
                ``None`` for no bound (each read is still bounded by the HTTP read timeout).

        Returns:
            The bytes without ``to``; with it, the path of the written file.
        """
        download = plans.plan_download_stream(run_id, path, to=to, max_bytes=max_bytes)
        http = self._transport.api.get_httpx_client()

        def attempt() -> bytes | Path:
            with http.stream("GET", download.url, extensions=download.extensions) as response, download.sink() as out:
                for chunk in response.iter_bytes():
                    out.write(chunk)
            return out.result()

        return self._transport.send(attempt, download.spec, self._transport.deadline_in(timeout))


class Runs:
    """Runs: read, list, wait for, cancel, rerun, tag and delete them (``client.runs``)."""

    def __init__(self, transport: SyncTransport, clock: Clock) -> None:
        self._transport = transport
        self._clock = clock
        self._source = RunSourceAdapter(transport)
        self.tags = Tags(transport)
        """A run's tags."""
        self.artifacts = Artifacts(transport)
        """A run's files."""

    # reading

    @overload
    def get(self, run_id: str, *, expand: Expand = None) -> Run: ...
    @overload
    def get(self, run_id: str, *, expand: Expand = None, output_type: type[T]) -> TypedRun[T]: ...
    def get(self, run_id: str, *, expand: Expand = None, output_type: type[T] | None = None) -> Run | TypedRun[T]:
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
        run = expect(self._transport.call(get_run.sync_detailed, plans.plan_get(run_id, expand)), Run)
        return plans.shaped(run, output_type)

    def list(
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
        return expect(self._transport.call(list_runs.sync_detailed, plans.plan_list(filters, cursor, limit)), RunList)

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
    ) -> Iterator[RunListItem]:
        """Every run matching the filters, newest first, fetching page after page only as it is consumed.

        Takes the filters of :meth:`list`; ``limit`` is the page size. Arguments are checked at once.
        """
        filters = plans.list_filters(
            type=type, source=source, status=status, tag=tag, ids=ids, from_date=from_date, to_date=to_date
        )
        first = plans.plan_list(filters, None, limit)
        return self._pages(first)

    def _pages(self, plan: Plan) -> Iterator[RunListItem]:
        seen: set[str] = set()
        while True:
            page = expect(self._transport.call(list_runs.sync_detailed, plan), RunList)
            yield from page.runs
            cursor = page.next_cursor
            if not cursor or cursor in seen:  # a repeated cursor would loop forever
                return
            seen.add(cursor)
            plan = attrs.evolve(plan, kwargs={**plan.kwargs, "cursor": cursor})

    def usage(self, run_id: str) -> Usage:
        """What the run used so far: tokens, credits, time."""
        return expect(self._transport.call(get_run_usage.sync_detailed, plans.plan_run_id(run_id)), Usage)

    def steps(self, run_id: str) -> StepList:
        """The run's steps in order with their status; ``total`` drives a progress display."""
        return expect(self._transport.call(list_run_steps.sync_detailed, plans.plan_run_id(run_id)), StepList)

    def events(self, run_id: str) -> builtins.list[Event]:
        """What happened to the run, oldest first."""
        plan = plans.plan_run_id(run_id)
        return expect(self._transport.call(list_run_events.sync_detailed, plan), EventList).events

    # changing

    def cancel(self, run_id: str) -> CancelResult:
        """Cancel a run; safe to repeat. ``cancellation.state`` says what happened."""
        return expect(self._transport.call(cancel_run.sync_detailed, plans.plan_cancel(run_id)), CancelResult)

    def cancel_many(
        self,
        *,
        status: Status = None,
        source: str | None = None,
        type: str | None = None,
        tag: str | None = None,
        ids: Sequence[str] | None = None,
        from_date: plans.TimeFilter = None,
        to_date: plans.TimeFilter = None,
    ) -> CancelManyResult:
        """Cancel every unfinished run matching all the filters (at least one), with the filters of :meth:`list`."""
        filters = plans.list_filters(
            type=type, source=source, status=status, tag=tag, ids=ids, from_date=from_date, to_date=to_date
        )
        plan = plans.plan_cancel_many(filters)
        return expect(self._transport.call(cancel_runs.sync_detailed, plan), CancelManyResult)

    def rerun(
        self,
        run_id: str,
        *,
        wait_for_completion: float | None = None,
        version: str | None = None,
        idempotency_key: str | None = None,
    ) -> Run | RunAccepted:
        """Start a new run with the same target and input.

        Args:
            run_id: The run to rerun.
            wait_for_completion: Hold the request up to this many seconds (0 to 600) for the new run to end.
            version: A release or git ref to run instead of the current one.
            idempotency_key: A key of your own; by default a fresh one, reused by every retry of this call.

        Returns:
            The new run in full when it ended inside the hold, else a :class:`RunAccepted` with its id.
        """
        key = plans.idempotency_key_for(idempotency_key)
        with _carrying(key):
            hold = plans.check_start_hold(wait_for_completion)
            plan = plans.plan_rerun(run_id, hold=hold, version=version, key=key)
            deadline = plans.start_deadline(self._clock, hold, self._transport.call_timeout)
            return _started(self._transport.call(rerun_run.sync_detailed, plan, deadline))

    def delete(self, run_id: str) -> None:
        """Delete a finished run with its files and events.

        Raises:
            ConflictError: The run is not finished; cancel it first.
            NotFoundError: No such run.
        """
        self._transport.delete(delete_run.sync_detailed, plans.plan_delete(run_id))

    # waiting

    @overload
    def wait(
        self,
        run_id: str,
        *,
        timeout_seconds: float = ...,
        poll_interval_seconds: float = ...,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
    ) -> Run: ...
    @overload
    def wait(
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
    ) -> TypedRun[T]: ...
    def wait(
        self,
        run_id: str,
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        output_type: type[T] | None = None,
    ) -> Run | TypedRun[T]:
        """Wait until a run ends, with server holds where the server grants them and polling otherwise.

        Args:
            run_id: The run.
            timeout_seconds: How long to wait in all (default 300).
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
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        run = wait_for_run(self._source, check_run_id(run_id), settings, self._clock, on_update=on_update)
        return plans.shaped(run, output_type)

    def poll(
        self,
        run_id: str,
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        expand: Expand = None,
    ) -> Iterator[Run]:
        """Each new state of a run until it ends, to drive a progress display.

        Raises:
            EigenpalTimeoutError: The run did not end within ``timeout_seconds``.
        """
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds, poll_interval_seconds=poll_interval_seconds, expand=expand
        )
        return poll_run(self._source, check_run_id(run_id), settings, self._clock)

    def wait_all(
        self,
        run_ids: Sequence[str],
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
    ) -> builtins.list[Run]:
        """Wait until all the runs end, reading them with one list request per 100 runs per look.

        Returns:
            The runs as they ended, in the order of ``run_ids``.
        """
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        return wait_for_runs(self._source, _run_ids(run_ids), settings, self._clock)

    def as_completed(
        self,
        run_ids: Sequence[str],
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        raise_on_failure: bool = False,
        expand: Expand = None,
    ) -> Iterator[Run]:
        """Each of the runs as it ends, in the order they end."""
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        return runs_as_completed(self._source, _run_ids(run_ids), settings, self._clock)

    # handles

    def handle(self, run_id: str, *, expand: Expand = None) -> RunHandle:
        """A handle on a run, without a request; ``refresh()`` reads it (with ``expand``)."""
        return RunHandle(self, check_run_id(run_id), expand=plans.expand_values(expand))

    def get_handle(self, run_id: str, *, expand: Expand = None) -> RunHandle:
        """Read a run and return a handle on it that remembers ``expand`` for later refreshes."""
        handle = self.handle(run_id, expand=expand)
        handle.refresh()
        return handle

    # starting (behind client.run / client.run_and_wait)

    def _start(
        self,
        target: str,
        input: Input,
        *,
        tags: Sequence[str] | None,
        overrides: Input,
        metadata: Input,
        version: str | None,
        wait_for_completion: float | None,
        idempotency_key: str | None,
        deadline: Deadline | None = None,
    ) -> Run | RunAccepted:
        key = plans.idempotency_key_for(idempotency_key)
        with _carrying(key), ExitStack() as files:
            checked_target, checked_tags = plans.start_args(target, tags)
            body = prepare_start_body(
                checked_target, input, overrides=overrides, metadata=metadata, tags=checked_tags, files=files
            )
            if deadline is None:  # a plain start
                hold = plans.check_start_hold(wait_for_completion)
                plan = plans.plan_start(body, hold=hold, version=version, key=key)
                bound = plans.start_deadline(self._clock, hold, self._transport.call_timeout)
                return _started(self._transport.call(start_run.sync_detailed, plan, bound))
            # The start of run_and_wait: held as long as the wait allows, retried until its deadline.
            plan = plans.plan_start(body, hold=plans.START_HOLD_SECONDS, version=version, key=key)
            response = self._transport.call(
                start_run.sync_detailed, plan, deadline, persist=True, out_of_time=_start_timed_out(deadline)
            )
            return _started(response)


class RunAndWait:
    """Start a run and wait until it ends: ``client.run_and_wait`` and ``client.workflows.executions.run_and_wait``.

    The start asks the server to hold the answer for the whole wait (at most 60 s), so a run shorter than that
    takes one request; a longer one is then waited for like :meth:`Runs.wait`, within what is left of
    ``timeout_seconds``.
    """

    def __init__(self, runs: Runs, target_of: Callable[[str], str] = check_text_target) -> None:
        self._runs = runs
        self._target_of = target_of

    @overload
    def __call__(
        self,
        target: str,
        input: Input = None,
        *,
        timeout_seconds: float = ...,
        poll_interval_seconds: float = ...,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        idempotency_key: str | None = None,
    ) -> Run: ...
    @overload
    def __call__(
        self,
        target: str,
        input: Input = None,
        *,
        timeout_seconds: float = ...,
        poll_interval_seconds: float = ...,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        idempotency_key: str | None = None,
        output_type: type[T],
    ) -> TypedRun[T]: ...
    def __call__(
        self,
        target: str,
        input: Input = None,
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        idempotency_key: str | None = None,
        output_type: type[T] | None = None,
    ) -> Run | TypedRun[T]:
        """Start a run and wait until it ends.

        Args:
            target: ``workflows.<slug>`` or ``agents.<slug>`` (for ``workflows.executions``: the workflow's slug).
            input: The run's input; top-level values may be files (a Path, a binary file, bytes, ...).
            timeout_seconds: How long to wait in all (default 300).
            poll_interval_seconds: Pause between polls when the server does not hold reads (default 2).
            on_update: Called with each new state of the run.
            cancel_on_timeout: Cancel the run when the wait times out; by default it goes on.
            raise_on_failure: Raise :class:`RunFailedError` when the run ends failed, cancelled or rejected.
            expand: Sections to read the finished run with.
            tags: Tags to put on the run.
            overrides: Overrides for the automation.
            metadata: Metadata to keep with the run.
            version: A release or git ref to run instead of the current one.
            idempotency_key: A key of your own; by default a fresh one, reused by every retry of the start.
            output_type: Convert the output to this class; the result is then a :class:`TypedRun`.

        Raises:
            EigenpalTimeoutError: Time ran out; the run goes on unless ``cancel_on_timeout``.
            RunFailedError: See ``raise_on_failure``.
        """
        runs = self._runs
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        deadline = Deadline.after(runs._clock, settings.timeout_seconds)
        key = plans.idempotency_key_for(idempotency_key)
        with _carrying(key):
            started = runs._start(
                self._target_of(target),
                input,
                tags=tags,
                overrides=overrides,
                metadata=metadata,
                version=version,
                wait_for_completion=None,
                idempotency_key=key,
                deadline=deadline,
            )
            run = plans.settled_start(started, settings=settings, on_update=on_update)
            if run is None:
                run = wait_for_run(runs._source, started.id, settings, runs._clock, on_update=on_update,
                                   deadline=deadline)  # fmt: skip
            return plans.shaped(run, output_type)


class WorkflowExecutions:
    """``client.workflows.executions``: run a workflow and wait for it. Inspect runs through ``client.runs``."""

    def __init__(self, runs: Runs) -> None:
        self.run_and_wait = RunAndWait(runs, workflow_target)
        """Start a workflow by slug and wait until the run ends; see :class:`RunAndWait`."""


class Workflows:
    """``client.workflows``."""

    def __init__(self, runs: Runs) -> None:
        self.executions = WorkflowExecutions(runs)
        """Workflow runs started and waited for in one call."""


# --- async -------------------------------------------------------------------------------------------------------


@attrs.frozen
class AsyncRunSourceAdapter:
    """The waiting engine's view of the async client (``_polling.AsyncRunSource``)."""

    transport: AsyncTransport

    async def read(
        self, run_id: str, *, hold_seconds: int, expand: Sequence[str], deadline: Deadline | None
    ) -> Observation:
        plan = plans.plan_wait_read(run_id, expand, hold_seconds)
        return _observation(await self.transport.call(get_run.asyncio_detailed, plan, deadline))

    async def read_many(self, run_ids: Sequence[str], *, deadline: Deadline) -> list[RunListItem]:
        plan = plans.plan_read_many(run_ids)
        return expect(await self.transport.call(list_runs.asyncio_detailed, plan, deadline), RunList).runs

    async def cancel(self, run_id: str, *, deadline: Deadline) -> None:
        await self.transport.call(cancel_run.asyncio_detailed, plans.plan_cancel(run_id), deadline)


class AsyncTags:
    """A run's tags (async client): ``client.runs.tags``."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def get(self, run_id: str) -> list[str]:
        """The async form of :meth:`Tags.get`."""
        return expect(
            await self._transport.call(get_run_tags.asyncio_detailed, plans.plan_run_id(run_id)), TagList
        ).tags

    async def update(self, run_id: str, tags: Sequence[str]) -> list[str]:
        """Replace the run's tags with ``tags`` (at most 20, each 1 to 64 characters) and return the new set."""
        plan = plans.plan_update_tags(run_id, tags)
        return expect(await self._transport.call(update_run_tags.asyncio_detailed, plan), TagList).tags


class AsyncArtifacts:
    """A run's input and output files (async client): ``client.runs.artifacts``."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def list(self, run_id: str) -> builtins.list[Artifact]:
        """The run's artifacts; pass an artifact's ``path`` to :meth:`download`."""
        plan = plans.plan_run_id(run_id)
        return expect(await self._transport.call(list_run_artifacts.asyncio_detailed, plan), ArtifactList).artifacts

    @overload
    async def download(
        self,
        run_id: str,
        path: str,
        *,
        to: None = None,
        max_bytes: int = ...,
        timeout: float | NotGiven | None = ...,
    ) -> bytes: ...
    @overload
    async def download(
        self,
        run_id: str,
        path: str,
        *,
        to: str | PathLike[str],
        max_bytes: int = ...,
        timeout: float | NotGiven | None = ...,
    ) -> Path: ...
    async def download(
        self,
        run_id: str,
        path: str,
        *,
        to: str | PathLike[str] | None = None,
        max_bytes: int = DEFAULT_MAX_DOWNLOAD_BYTES,
        timeout: float | NotGiven | None = NOT_GIVEN,
    ) -> bytes | Path:
        """The async form of :meth:`Artifacts.download`."""
        download = plans.plan_download_stream(run_id, path, to=to, max_bytes=max_bytes)
        http = self._transport.api.get_async_httpx_client()

        async def attempt() -> bytes | Path:
            async with http.stream("GET", download.url, extensions=download.extensions) as response:
                with download.sink() as out:
                    async for chunk in response.aiter_bytes():
                        out.write(chunk)
            return out.result()

        return await self._transport.send(attempt, download.spec, self._transport.deadline_in(timeout))


class AsyncRuns:
    """Runs of the async client: the methods of :class:`Runs` as coroutines and async iterators."""

    def __init__(self, transport: AsyncTransport, clock: Clock) -> None:
        self._transport = transport
        self._clock = clock
        self._source = AsyncRunSourceAdapter(transport)
        self.tags = AsyncTags(transport)
        """A run's tags."""
        self.artifacts = AsyncArtifacts(transport)
        """A run's files."""

    # reading

    @overload
    async def get(self, run_id: str, *, expand: Expand = None) -> Run: ...
    @overload
    async def get(self, run_id: str, *, expand: Expand = None, output_type: type[T]) -> TypedRun[T]: ...
    async def get(self, run_id: str, *, expand: Expand = None, output_type: type[T] | None = None) -> Run | TypedRun[T]:
        """The async form of :meth:`Runs.get`."""
        run = expect(await self._transport.call(get_run.asyncio_detailed, plans.plan_get(run_id, expand)), Run)
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
    ) -> RunList:
        """The async form of :meth:`Runs.list`."""
        filters = plans.list_filters(
            type=type, source=source, status=status, tag=tag, ids=ids, from_date=from_date, to_date=to_date
        )
        return expect(
            await self._transport.call(list_runs.asyncio_detailed, plans.plan_list(filters, cursor, limit)), RunList
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
    ) -> AsyncIterator[RunListItem]:
        """The async form of :meth:`Runs.iter`."""
        filters = plans.list_filters(
            type=type, source=source, status=status, tag=tag, ids=ids, from_date=from_date, to_date=to_date
        )
        first = plans.plan_list(filters, None, limit)
        return self._pages(first)

    async def _pages(self, plan: Plan) -> AsyncIterator[RunListItem]:
        seen: set[str] = set()
        while True:
            page = expect(await self._transport.call(list_runs.asyncio_detailed, plan), RunList)
            for item in page.runs:
                yield item
            cursor = page.next_cursor
            if not cursor or cursor in seen:  # a repeated cursor would loop forever
                return
            seen.add(cursor)
            plan = attrs.evolve(plan, kwargs={**plan.kwargs, "cursor": cursor})

    async def usage(self, run_id: str) -> Usage:
        """What the run used so far: tokens, credits, time."""
        return expect(await self._transport.call(get_run_usage.asyncio_detailed, plans.plan_run_id(run_id)), Usage)

    async def steps(self, run_id: str) -> StepList:
        """The run's steps in order with their status; ``total`` drives a progress display."""
        return expect(await self._transport.call(list_run_steps.asyncio_detailed, plans.plan_run_id(run_id)), StepList)

    async def events(self, run_id: str) -> builtins.list[Event]:
        """What happened to the run, oldest first."""
        plan = plans.plan_run_id(run_id)
        return expect(await self._transport.call(list_run_events.asyncio_detailed, plan), EventList).events

    # changing

    async def cancel(self, run_id: str) -> CancelResult:
        """Cancel a run; safe to repeat. ``cancellation.state`` says what happened."""
        return expect(await self._transport.call(cancel_run.asyncio_detailed, plans.plan_cancel(run_id)), CancelResult)

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
    ) -> CancelManyResult:
        """Cancel every unfinished run matching all the filters (at least one), with the filters of :meth:`list`."""
        filters = plans.list_filters(
            type=type, source=source, status=status, tag=tag, ids=ids, from_date=from_date, to_date=to_date
        )
        plan = plans.plan_cancel_many(filters)
        return expect(await self._transport.call(cancel_runs.asyncio_detailed, plan), CancelManyResult)

    async def rerun(
        self,
        run_id: str,
        *,
        wait_for_completion: float | None = None,
        version: str | None = None,
        idempotency_key: str | None = None,
    ) -> Run | RunAccepted:
        """The async form of :meth:`Runs.rerun`."""
        key = plans.idempotency_key_for(idempotency_key)
        with _carrying(key):
            hold = plans.check_start_hold(wait_for_completion)
            plan = plans.plan_rerun(run_id, hold=hold, version=version, key=key)
            deadline = plans.start_deadline(self._clock, hold, self._transport.call_timeout)
            return _started(await self._transport.call(rerun_run.asyncio_detailed, plan, deadline))

    async def delete(self, run_id: str) -> None:
        """The async form of :meth:`Runs.delete`."""
        await self._transport.delete(delete_run.asyncio_detailed, plans.plan_delete(run_id))

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
    ) -> TypedRun[T]: ...
    async def wait(
        self,
        run_id: str,
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        output_type: type[T] | None = None,
    ) -> Run | TypedRun[T]:
        """The async form of :meth:`Runs.wait`."""
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        run = await async_wait_for_run(self._source, check_run_id(run_id), settings, self._clock, on_update=on_update)
        return plans.shaped(run, output_type)

    def poll(
        self,
        run_id: str,
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        expand: Expand = None,
    ) -> AsyncIterator[Run]:
        """The async form of :meth:`Runs.poll`."""
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds, poll_interval_seconds=poll_interval_seconds, expand=expand
        )
        return async_poll_run(self._source, check_run_id(run_id), settings, self._clock)

    async def wait_all(
        self,
        run_ids: Sequence[str],
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
    ) -> builtins.list[Run]:
        """The async form of :meth:`Runs.wait_all`."""
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        return await async_wait_for_runs(self._source, _run_ids(run_ids), settings, self._clock)

    def as_completed(
        self,
        run_ids: Sequence[str],
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        raise_on_failure: bool = False,
        expand: Expand = None,
    ) -> AsyncIterator[Run]:
        """Each of the runs as it ends, in the order they end."""
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        return async_runs_as_completed(self._source, _run_ids(run_ids), settings, self._clock)

    # handles

    def handle(self, run_id: str, *, expand: Expand = None) -> AsyncRunHandle:
        """A handle on a run, without a request; ``refresh()`` reads it (with ``expand``)."""
        return AsyncRunHandle(self, check_run_id(run_id), expand=plans.expand_values(expand))

    async def get_handle(self, run_id: str, *, expand: Expand = None) -> AsyncRunHandle:
        """Read a run and return a handle on it that remembers ``expand`` for later refreshes."""
        handle = self.handle(run_id, expand=expand)
        await handle.refresh()
        return handle

    # starting (behind client.run / client.run_and_wait)

    async def _start(
        self,
        target: str,
        input: Input,
        *,
        tags: Sequence[str] | None,
        overrides: Input,
        metadata: Input,
        version: str | None,
        wait_for_completion: float | None,
        idempotency_key: str | None,
        deadline: Deadline | None = None,
    ) -> Run | RunAccepted:
        key = plans.idempotency_key_for(idempotency_key)
        with _carrying(key), ExitStack() as files:
            checked_target, checked_tags = plans.start_args(target, tags)
            body = prepare_start_body(
                checked_target, input, overrides=overrides, metadata=metadata, tags=checked_tags, files=files
            )
            if deadline is None:  # a plain start
                hold = plans.check_start_hold(wait_for_completion)
                plan = plans.plan_start(body, hold=hold, version=version, key=key)
                bound = plans.start_deadline(self._clock, hold, self._transport.call_timeout)
                return _started(await self._transport.call(start_run.asyncio_detailed, plan, bound))
            # The start of run_and_wait: held as long as the wait allows, retried until its deadline.
            plan = plans.plan_start(body, hold=plans.START_HOLD_SECONDS, version=version, key=key)
            response = await self._transport.call(
                start_run.asyncio_detailed, plan, deadline, persist=True, out_of_time=_start_timed_out(deadline)
            )
            return _started(response)


class AsyncRunAndWait:
    """Start a run and wait until it ends (async client); see :class:`RunAndWait`."""

    def __init__(self, runs: AsyncRuns, target_of: Callable[[str], str] = check_text_target) -> None:
        self._runs = runs
        self._target_of = target_of

    @overload
    async def __call__(
        self,
        target: str,
        input: Input = None,
        *,
        timeout_seconds: float = ...,
        poll_interval_seconds: float = ...,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        idempotency_key: str | None = None,
    ) -> Run: ...
    @overload
    async def __call__(
        self,
        target: str,
        input: Input = None,
        *,
        timeout_seconds: float = ...,
        poll_interval_seconds: float = ...,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        idempotency_key: str | None = None,
        output_type: type[T],
    ) -> TypedRun[T]: ...
    async def __call__(
        self,
        target: str,
        input: Input = None,
        *,
        timeout_seconds: float = _DEFAULT_TIMEOUT_SECONDS,
        poll_interval_seconds: float = _DEFAULT_POLL_INTERVAL_SECONDS,
        on_update: OnUpdate = None,
        cancel_on_timeout: bool = False,
        raise_on_failure: bool = False,
        expand: Expand = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        idempotency_key: str | None = None,
        output_type: type[T] | None = None,
    ) -> Run | TypedRun[T]:
        """The async form of :meth:`RunAndWait.__call__`."""
        runs = self._runs
        settings = plans.wait_settings(
            timeout_seconds=timeout_seconds,
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            raise_on_failure=raise_on_failure,
            expand=expand,
        )
        deadline = Deadline.after(runs._clock, settings.timeout_seconds)
        key = plans.idempotency_key_for(idempotency_key)
        with _carrying(key):
            started = await runs._start(
                self._target_of(target),
                input,
                tags=tags,
                overrides=overrides,
                metadata=metadata,
                version=version,
                wait_for_completion=None,
                idempotency_key=key,
                deadline=deadline,
            )
            run = plans.settled_start(started, settings=settings, on_update=on_update)
            if run is None:
                run = await async_wait_for_run(runs._source, started.id, settings, runs._clock,
                                               on_update=on_update, deadline=deadline)  # fmt: skip
            return plans.shaped(run, output_type)


class AsyncWorkflowExecutions:
    """``client.workflows.executions`` of the async client."""

    def __init__(self, runs: AsyncRuns) -> None:
        self.run_and_wait = AsyncRunAndWait(runs, workflow_target)
        """Start a workflow by slug and wait until the run ends; see :class:`AsyncRunAndWait`."""


class AsyncWorkflows:
    """``client.workflows`` of the async client."""

    def __init__(self, runs: AsyncRuns) -> None:
        self.executions = AsyncWorkflowExecutions(runs)
        """Workflow runs started and waited for in one call."""


def _run_ids(run_ids: Sequence[str]) -> builtins.list[str]:
    if isinstance(run_ids, str) or not isinstance(run_ids, Iterable):
        raise InvalidArgumentError("run_ids", "must be a list of run ids (not one string)")
    ids = builtins.list(run_ids)
    for index, run_id in enumerate(ids):
        check_run_id(run_id, f"run_ids[{index}]")
    return ids
