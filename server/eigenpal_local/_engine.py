"""The run table and the worker pool: creating, reading and cancelling runs, and executing them.

What a run is lives in `_records`; what it does (the built-in automations) in `_automations`; how one is executed
step by step in `_execution`; the table of runs a list pages through in `_run_table`; file inputs in `_input_files`.

Everything here runs on the server's event loop thread; nothing awaits between reading and changing the run table,
so a check-then-create (an idempotency key) cannot race with another request.

Lifecycle: `created -> pending` when queued, `running` when a worker picks the run up, one step after another
(a cancel request is honoured at the next step boundary and wakes a sleeping step early), `finalizing` while the
outputs are written, then `completed`, `failed`, `cancelled` or `rejected`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, Literal

from ._automations import AUTOMATIONS, Automation
from ._engine_errors import IdempotencyConflict as IdempotencyConflict
from ._engine_errors import InputError as InputError
from ._engine_errors import OverCapacity as OverCapacity
from ._execution import CANCELLED_ERROR, execute
from ._input_files import copy_input_files, described_input
from ._kept import MAX_KEPT_BYTES, KeptBytes, run_weight, start_weight
from ._records import LOCAL_USER, FileInputs, RunFilter, RunRecord, new_run_id, now_ms, resolve, wake
from ._run_table import RunTable
from ._store import Store, StoredArtifact, StoredIdempotencyKey

logger = logging.getLogger("eigenpal_local")

IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000
COMMIT_INTERVAL_SECONDS = 0.02

CancelState = Literal["cancelled", "requested", "already_terminal"]


class Engine:
    """The run table, the queue and the workers."""

    def __init__(
        self, store: Store, workers: int = 8, time_scale: float = 1.0, max_kept_bytes: int | None = MAX_KEPT_BYTES
    ) -> None:
        """Creates the engine; call `start` on the event loop to load stored runs and start the workers.

        Args:
            store: Where runs are kept durably.
            workers: How many runs execute at once; the rest wait in `pending`.
            time_scale: Real seconds a step sleeps per second it asks for: 0.01 runs a five-minute
                `workflows.sleep` in three seconds (for recording long runs quickly).
            max_kept_bytes: What the runs may keep together (`_kept`); past it the oldest finished are forgotten.
        """
        if workers < 1:
            raise ValueError("workers must be at least 1")
        if not time_scale > 0:
            raise ValueError("time_scale must be above 0")
        self._time_scale = time_scale
        self._store = store
        self._worker_count = workers
        self._runs = RunTable()
        self._idempotency: dict[tuple[str, str], StoredIdempotencyKey] = {}
        self._queue: asyncio.Queue[RunRecord] = asyncio.Queue()
        self._workers: list[asyncio.Task[None]] = []
        self._next_seq = 1
        self._stopping = False
        self._kept = KeptBytes(max_kept_bytes)
        self._forgot_any = False
        self.on_status: Callable[[RunRecord, str | None], None] | None = None
        """Told of each run's creation (None) and status change (the previous status): the webhooks."""

    # --- lifecycle of the engine ---------------------------------------------------------------------------------

    @property
    def time_scale(self) -> float:
        """Real seconds a step sleeps per second it asks for."""
        return self._time_scale

    async def start(self) -> None:
        """Loads the stored runs, re-queues the ones that were in flight and starts the workers."""
        loop = asyncio.get_running_loop()
        # Progress is committed at most every COMMIT_INTERVAL_SECONDS, off the path that wakes holds; new runs are
        # committed before they are answered (create_run).
        self._store.set_commit_scheduler(lambda commit: loop.call_later(COMMIT_INTERVAL_SECONDS, commit))
        resumed = []
        for stored in self._store.load_runs():
            run = RunRecord.from_stored(stored)
            if run.finished:
                run.done.set()
            else:
                resumed.append(run)
            self._runs.add(run)
            self._next_seq = max(self._next_seq, run.seq + 1)
            inputs = sum(artifact.size for artifact in run.artifacts if artifact.role == "input")
            weight = start_weight(run.input, run.overrides, run.metadata, inputs) + run_weight(run)
            self._kept.add(run.id, weight, finished=run.finished)
        for record in self._store.load_idempotency_keys():
            self._idempotency[(record.scope, record.key)] = record
        for run in resumed:
            self._resume(run)
        self._forget_excess()
        self._workers = [
            asyncio.create_task(self._worker(), name=f"eigenpal-worker-{n}") for n in range(self._worker_count)
        ]

    def begin_shutdown(self) -> None:
        """Wakes every held request so that it answers now with what it has."""
        self._stopping = True
        for run in self._runs:
            run.done.set()
            for waiter in list(run.holds):
                wake(waiter)

    async def stop(self) -> None:
        """Stops the workers (runs they held stay in flight in the store and resume on the next start)."""
        self.begin_shutdown()
        for task in self._workers:
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        self._workers = []
        self._store.commit()

    def _resume(self, run: RunRecord) -> None:
        if run.cancel_requested_ms is not None:
            self.record_event(run, "run.resumed", message="server restarted; the cancel requested before is honoured")
            self.finish(run, "cancelled", CANCELLED_ERROR)
            return
        if run.target not in AUTOMATIONS:
            self.finish(run, "failed", "the server restarted and no longer knows this run's target")
            return
        self.record_event(run, "run.resumed", status=run.status, message="server restarted; the run starts over")
        self._store.delete_artifacts(run.id, "output")
        run.start_over()
        self._enqueue(run)

    # --- reads ---------------------------------------------------------------------------------------------------

    @property
    def run_count(self) -> int:
        """How many runs the server has."""
        return len(self._runs)

    def get(self, run_id: str) -> RunRecord | None:
        """The run with this id, or None."""
        return self._runs.get(run_id)

    def list_runs(
        self, run_filter: RunFilter, after_seq: int | None, limit: int, *, ascending: bool = False, offset: int = 0
    ) -> tuple[list[RunRecord], bool]:
        """Up to `limit` runs in creation order (newest first unless `ascending`), past the run numbered `after_seq`
        in that order, the first `offset` of them skipped; and whether more match."""
        return self._runs.page(run_filter, after_seq, limit, ascending=ascending, offset=offset)

    def artifact_content(self, run: RunRecord, path: str) -> bytes | None:
        """An artifact's bytes, or None when the run has no artifact at that path."""
        if not any(artifact.path == path for artifact in run.artifacts):
            return None
        return self._store.artifact_content(run.id, path)

    def hold(self, run: RunRecord, timeout_seconds: float) -> asyncio.Future[None] | None:
        """A future that the run resolves the moment it turns terminal, or the timer or a stop; None if no hold.

        The run wakes its holds itself (`_finish`): no polling, no task per hold.
        """
        if run.finished or timeout_seconds <= 0 or self._stopping:
            return None
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        timer = loop.call_later(timeout_seconds, wake, waiter)
        run.holds.add(waiter)

        def forget(_: asyncio.Future[None]) -> None:
            timer.cancel()
            run.holds.discard(waiter)

        waiter.add_done_callback(forget)
        return waiter

    # --- writes --------------------------------------------------------------------------------------------------

    def find_idempotent(self, scope: str, key: str, fingerprint: str) -> RunRecord | None:
        """The run an earlier identical request started under this key, if any (and still there).

        Raises:
            IdempotencyConflict: The key was used in the last 24 hours with a different request.
        """
        record = self._idempotency.get((scope, key))
        if record is None or now_ms() - record.created_ms > IDEMPOTENCY_TTL_MS:
            return None
        run = self._runs.get(record.run_id)
        if run is None:
            return None
        if record.fingerprint != fingerprint:
            raise IdempotencyConflict
        return run

    def create_run(
        self,
        automation: Automation,
        run_input: dict[str, Any],
        files: FileInputs,
        *,
        overrides: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        tags: list[str] | None = None,
        version: str | None = None,
        trigger_type: str = "api",
        triggered_by: dict[str, str | None] | None = None,
        previous: RunRecord | None = None,
        idempotency: tuple[str, str, str] | None = None,
    ) -> RunRecord:
        """Creates, stores and queues a run; commits before returning so that the run survives a crash.

        Args:
            automation: What to run.
            run_input: The input without its files.
            files: File inputs by input key.
            overrides: Free-form overrides, kept with the run.
            metadata: Free-form metadata, kept with the run.
            tags: The run's tags (they are set at start only).
            version: The release (workflow) or git ref (agent) asked for; the latest release when not given.
            trigger_type: `api` or `cli`, as the request's `X-Eigenpal-Trigger` says.
            triggered_by: Who started it; the API key's creator when not given.
            previous: The run this one reruns.
            idempotency: (scope, key, fingerprint) to remember for replays.

        Raises:
            InputError: The input does not fit the automation.
            OverCapacity: The runs in flight keep so much that this one would pass the cap.
        """
        issues = automation.validate(run_input, files)
        if issues:
            raise InputError(issues)
        file_bytes = sum(len(file_input.content) for listed in files.values() for file_input in listed)
        weight = start_weight(run_input, overrides, metadata, file_bytes)
        if not self._kept.admits(weight):
            raise OverCapacity(
                f"the runs in flight keep {self._kept.in_flight} bytes; with this one the server would keep more "
                f"than its cap of {self._kept.cap} bytes (max_kept_bytes, --max-kept-bytes): retry once some finish"
            )
        seq = self._next_seq
        self._next_seq += 1
        run = RunRecord(
            id=new_run_id(seq),
            seq=seq,
            target=automation.target,
            run_type=automation.run_type,
            source=automation.source(version),
            created_ms=now_ms(),
            tags=list(dict.fromkeys(tags or [])),
            trigger_type=trigger_type,
            triggered_by=dict(triggered_by or LOCAL_USER),
            overrides=overrides or {},
            metadata=metadata or {},
        )
        public_input = run.input = described_input(self._store, run, run_input, files)
        if previous is not None:
            run.retry_number = previous.retry_number + 1
            run.previous_run_id = previous.id
            previous.next_run_id = run.id
            self._mark(previous)
        self._runs.add(run)
        self._store.put_input(run.id, public_input)
        self.record_event(run, "run.created", status="created")
        self._announce(run, None)
        if idempotency is not None:
            scope, key, fingerprint = idempotency
            record = StoredIdempotencyKey(scope, key, fingerprint, run.id, run.created_ms)
            self._idempotency[(scope, key)] = record
            self._store.put_idempotency_key(record)
        self._enqueue(run)
        self._kept.add(run.id, weight)
        self._store.commit()
        self._forget_excess()
        return run

    def copy_input_files(self, run: RunRecord) -> FileInputs:
        """The file inputs of a run, to start a rerun with."""
        return copy_input_files(self._store, run)

    def cancel(self, run: RunRecord) -> tuple[CancelState, str]:
        """Cancels a run: at once when it has not started, at its next step when it runs. Returns (state, was)."""
        was = run.status
        if run.finished:
            return "already_terminal", was
        if run.status in ("created", "pending"):
            self.record_event(run, "run.cancel_requested", status=run.status)
            self.finish(run, "cancelled", CANCELLED_ERROR)
            return "cancelled", was
        if run.cancel_requested_ms is None:
            run.cancel_requested_ms = now_ms()
            self.record_event(run, "run.cancel_requested", status=run.status)
            self._mark(run)
        run.cancel_event.set()
        for waiter in list(run.sleepers):
            resolve(waiter, False)
        return "requested", was

    # --- internals -----------------------------------------------------------------------------------------------

    def _mark(self, run: RunRecord) -> None:
        if run.id in self._runs:
            self._store.mark_run(run.id, run.snapshot)

    def record_event(
        self,
        run: RunRecord,
        event_type: str,
        *,
        status: str | None = None,
        message: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        event: dict[str, Any] = {"type": event_type, "timestamp": now_ms()}
        if status is not None:
            event["status"] = status
        if message is not None:
            event["message"] = message
        if metadata is not None:
            event["metadata"] = metadata
        run.events.append(event)
        self._store.add_event(run.id, event)
        self._mark(run)

    def _announce(self, run: RunRecord, previous: str | None) -> None:
        if self.on_status is not None:
            try:
                self.on_status(run, previous)
            except Exception:  # a webhook that cannot be scheduled never fails the run
                logger.exception("the webhook of run %s could not be scheduled", run.id)

    def keep_artifact(self, run: RunRecord, artifact: StoredArtifact, content: bytes) -> None:
        """Stores an artifact of the run and lists it on the run."""
        self._store.put_artifact(run.id, artifact, content)
        run.artifacts.append(artifact)

    def set_status(self, run: RunRecord, status: str) -> None:
        """Records a status change of a run in flight, with its event."""
        previous, run.status = run.status, status
        self.record_event(run, f"run.{status}", status=status)
        if previous != status:
            self._announce(run, previous)

    def _enqueue(self, run: RunRecord) -> None:
        self.set_status(run, "pending")
        self._queue.put_nowait(run)

    def finish(self, run: RunRecord, status: str, error: str | None) -> None:
        """Ends the run with a terminal status, waking whoever holds on it."""
        finished_at = now_ms()
        run.completed_ms = finished_at
        for step in run.steps:
            # The step a stop interrupts is cancelled; the steps it never reached are skipped.
            if step["status"] == "running":
                step["status"] = "cancelled" if status == "cancelled" else "failed"
                step["completedAt"] = finished_at
            elif step["status"] == "pending":
                step["status"] = "skipped"
        run.error = error
        if status != "completed":
            run.output = None
        message = error if error is not None else None
        previous, run.status = run.status, status
        self.record_event(run, f"run.{status}", status=status, message=message)
        self._announce(run, previous)
        run.done.set()
        for waiter in list(run.holds):
            wake(waiter)
        self._kept.finish(run.id, run_weight(run))
        self._forget_excess()

    def _forget_excess(self) -> None:
        """Forgets the runs that finished longest ago while the runs kept weigh more than the cap (`_kept`)."""
        for run_id in self._kept.excess():
            if self._runs.remove(run_id) is None:
                continue
            self._store.delete_run(run_id)
            if not self._forgot_any:
                self._forgot_any = True
                logger.warning(
                    "the runs kept passed %s bytes (max_kept_bytes, --max-kept-bytes): the oldest finished runs "
                    "are forgotten from now on",
                    self._kept.cap,
                )

    async def _worker(self) -> None:
        while True:
            run = await self._queue.get()
            if run.status != "pending" or run.id not in self._runs:
                continue
            try:
                await execute(self, run)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.exception("run %s failed inside the server", run.id)
                if not run.finished:
                    self.finish(run, "failed", f"internal error: {type(exc).__name__}: {exc}")
