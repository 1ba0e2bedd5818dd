"""The run table and the worker pool: creating, reading and cancelling runs, and executing them.

What a run is lives in `_records`; what it does (the built-in automations) in `_automations`.

Everything here runs on the server's event loop thread; nothing awaits between reading and changing the run table,
so a check-then-create (an idempotency key) cannot race with another request.

Lifecycle: `created -> pending` when queued, `running` when a worker picks the run up, one step after another
(a cancel request is honoured at the next step boundary and wakes a sleeping step early), `finalizing` while the
outputs are written, then `completed`, `failed`, `cancelled` or `rejected`.
"""

from __future__ import annotations

import asyncio
import bisect
import hashlib
import logging
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from ._automations import AUTOMATIONS, Automation, RunContext, RunFailure, tokens
from ._kept import MAX_KEPT_BYTES, KeptBytes, run_weight, start_weight
from ._records import LOCAL_USER, FileInput, FileInputs, Issue, RunFilter, RunRecord, new_run_id, now_ms, resolve, wake
from ._store import Store, StoredArtifact, StoredIdempotencyKey

logger = logging.getLogger("eigenpal_local")

IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000
CANCELLED_ERROR = "cancelled by request"
COMMIT_INTERVAL_SECONDS = 0.02

CancelState = Literal["cancelled", "requested", "already_terminal"]


class InputError(Exception):
    """The input does not fit the target (400, each issue naming its field)."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(issue.message for issue in issues))
        self.issues = issues


class IdempotencyConflict(Exception):
    """The idempotency key was used with a different request (a 400)."""


class OverCapacity(Exception):
    """The runs in flight keep so much that a new one would pass the cap (a 503: retry once some have finished)."""


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
        self._runs: dict[str, RunRecord] = {}
        self._order: list[RunRecord] = []
        self._idempotency: dict[tuple[str, str], StoredIdempotencyKey] = {}
        self._queue: asyncio.Queue[RunRecord] = asyncio.Queue()
        self._workers: list[asyncio.Task[None]] = []
        self._next_seq = 1
        self._stopping = False
        self._kept = KeptBytes(max_kept_bytes)
        self._forgot_any = False

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
            self._runs[run.id] = run
            self._order.append(run)
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
        for run in self._runs.values():
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
            self._add_event(run, "run.resumed", message="server restarted; the cancel requested before is honoured")
            self._finish(run, "cancelled", CANCELLED_ERROR)
            return
        if run.target not in AUTOMATIONS:
            self._finish(run, "failed", "the server restarted and no longer knows this run's target")
            return
        self._add_event(run, "run.resumed", status=run.status, message="server restarted; the run starts over")
        self._store.delete_artifacts(run.id, "output")
        run.artifacts = [artifact for artifact in run.artifacts if artifact.role != "output"]
        run.started_ms = None
        run.steps = []
        run.output = None
        run.schema_valid = None
        run.usage = {}
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
        page: list[RunRecord] = []
        for run in self._in_order(run_filter, after_seq, ascending):
            if offset:
                offset -= 1
                continue
            if len(page) == limit:
                return page, True
            page.append(run)
        return page, False

    def _in_order(self, run_filter: RunFilter, after_seq: int | None, ascending: bool) -> Iterator[RunRecord]:
        if run_filter.ids is not None:
            candidates: Iterable[RunRecord] = sorted(
                (run for run_id in run_filter.ids if (run := self._runs.get(run_id)) is not None),
                key=lambda run: run.seq,
                reverse=not ascending,
            )
        elif ascending:
            start = 0 if after_seq is None else bisect.bisect_right(self._order, after_seq, key=lambda run: run.seq)
            candidates = (self._order[index] for index in range(start, len(self._order)))
        else:
            end = len(self._order)
            if after_seq is not None:
                end = bisect.bisect_left(self._order, after_seq, key=lambda run: run.seq)
            candidates = (self._order[index] for index in range(end - 1, -1, -1))
        for run in candidates:
            if after_seq is not None and (run.seq <= after_seq if ascending else run.seq >= after_seq):
                continue
            if run_filter.matches(run):
                yield run

    def artifact_content(self, run: RunRecord, path: str) -> bytes | None:
        """An artifact's bytes, or None when the run has no artifact at that path."""
        if not any(artifact.path == path for artifact in run.artifacts):
            return None
        return self._store.artifact_content(run.id, path)

    def usage(self, run: RunRecord) -> dict[str, Any] | None:
        """What the run has used so far (`RunUsage`), or None for a run that never started: it has no telemetry.

        `llmCallCount` and `ocrPagesProcessed` are workflow figures; an agent reports `agentTurns` instead.
        """
        if run.started_ms is None:
            return None
        usage: dict[str, Any] = {"tokens": tokens(0, 0), "creditsCharged": 0.0}
        if run.run_type == "workflow":
            usage.update(llmCallCount=0, ocrPagesProcessed=0)
        else:
            usage["agentTurns"] = 0
        usage.update(run.usage)
        usage["durationMs"] = max(0, (run.completed_ms or now_ms()) - run.started_ms)
        return usage

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

    async def wait_until_terminal(self, run: RunRecord, timeout_seconds: float) -> None:
        """Holds until the run is terminal (woken by the run itself), the time passes or the server stops."""
        waiter = self.hold(run, timeout_seconds)
        if waiter is not None:
            try:
                await waiter
            finally:
                waiter.cancel()

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
        public_input = dict(run_input)
        for key, file_inputs in files.items():
            described = [self._keep_input_file(run, file_input) for file_input in file_inputs]
            single = len(file_inputs) == 1 and file_inputs[0].index is None
            public_input[key] = described[0] if single else described
        run.input = public_input
        if previous is not None:
            run.retry_number = previous.retry_number + 1
            run.previous_run_id = previous.id
            previous.next_run_id = run.id
            self._mark(previous)
        self._runs[run.id] = run
        self._order.append(run)
        self._store.put_input(run.id, public_input)
        self._add_event(run, "run.created", status="created")
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

    def _keep_input_file(self, run: RunRecord, file_input: FileInput) -> dict[str, Any]:
        """Stores a file input as an input artifact; returns how the run's input describes it."""
        artifact = StoredArtifact(
            path=file_input.path,
            name=file_input.filename,
            role="input",
            step_name=None,
            content_type=file_input.content_type,
            size=len(file_input.content),
            sha256=file_input.sha256,
        )
        self._store.put_artifact(run.id, artifact, file_input.content)
        run.artifacts.append(artifact)
        return {
            "filename": file_input.filename,
            "contentType": file_input.content_type,
            "size": len(file_input.content),
            "path": file_input.path,
        }

    def copy_input_files(self, run: RunRecord) -> FileInputs:
        """The file inputs of a run, to start a rerun with."""
        files: FileInputs = {}
        for key, described in run.input.items():
            single = _is_file_description(described)
            listed = isinstance(described, list) and bool(described) and all(map(_is_file_description, described))
            if not single and not listed:
                continue
            copies = []
            for index, item in enumerate([described] if single else described):
                content = self._store.artifact_content(run.id, str(item["path"]))
                if content is not None:
                    position = None if single else index
                    copies.append(FileInput(key, str(item["filename"]), str(item["contentType"]), content, position))
            if copies:
                files[key] = copies
        return files

    def cancel(self, run: RunRecord) -> tuple[CancelState, str]:
        """Cancels a run: at once when it has not started, at its next step when it runs. Returns (state, was)."""
        was = run.status
        if run.finished:
            return "already_terminal", was
        if run.status in ("created", "pending"):
            self._add_event(run, "run.cancel_requested", status=run.status)
            self._finish(run, "cancelled", CANCELLED_ERROR)
            return "cancelled", was
        if run.cancel_requested_ms is None:
            run.cancel_requested_ms = now_ms()
            self._add_event(run, "run.cancel_requested", status=run.status)
            self._mark(run)
        run.cancel_event.set()
        for waiter in list(run.sleepers):
            resolve(waiter, False)
        return "requested", was

    # --- internals -----------------------------------------------------------------------------------------------

    def _mark(self, run: RunRecord) -> None:
        if run.id in self._runs:
            self._store.mark_run(run.id, run.snapshot)

    def _add_event(
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

    def set_status(self, run: RunRecord, status: str) -> None:
        """Records a status change of a run in flight, with its event."""
        self._set_status(run, status)

    def _set_status(self, run: RunRecord, status: str) -> None:
        run.status = status
        self._add_event(run, f"run.{status}", status=status)

    def _enqueue(self, run: RunRecord) -> None:
        self._set_status(run, "pending")
        self._queue.put_nowait(run)

    def _finish(self, run: RunRecord, status: str, error: str | None) -> None:
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
        run.status = status
        self._add_event(run, f"run.{status}", status=status, message=message)
        run.done.set()
        for waiter in list(run.holds):
            wake(waiter)
        self._kept.finish(run.id, run_weight(run))
        self._forget_excess()

    def _forget_excess(self) -> None:
        """Forgets the runs that finished longest ago while the runs kept weigh more than the cap (`_kept`)."""
        for run_id in self._kept.excess():
            run = self._runs.pop(run_id, None)
            if run is None:
                continue
            index = bisect.bisect_left(self._order, run.seq, key=lambda kept: kept.seq)
            if index < len(self._order) and self._order[index] is run:
                del self._order[index]
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
                await self._execute(run)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.exception("run %s failed inside the server", run.id)
                if not run.finished:
                    self._finish(run, "failed", f"internal error: {type(exc).__name__}: {exc}")

    async def _execute(self, run: RunRecord) -> None:
        automation = AUTOMATIONS[run.target]
        plans = automation.plan(run.input)
        run.attempts += 1
        run.started_ms = now_ms()
        run.steps = [
            {
                "id": f"step_{run.id[4:]}_{order}",
                "name": plan.name,
                "type": plan.type,
                "status": "pending",
                "order": order,
                "startedAt": None,
                "completedAt": None,
            }
            for order, plan in enumerate(plans)
        ]
        self._set_status(run, "running")
        ctx = RunContext(self, run)
        for plan, step in zip(plans, run.steps, strict=True):
            if run.cancel_event.is_set():
                self._finish(run, "cancelled", CANCELLED_ERROR)
                return
            step["status"] = "running"
            step["startedAt"] = now_ms()
            self._add_event(run, "step.started", status="running", metadata={"step": plan.name})
            try:
                await plan.run(ctx)
            except RunFailure as failure:
                step["status"] = "failed"
                step["completedAt"] = now_ms()
                step["error"] = failure.message
                self._add_event(run, "step.failed", status="failed", metadata={"step": plan.name})
                run.usage = automation.usage(ctx)
                self._finish(run, failure.status, failure.message)
                return
            if ctx.interrupted:
                self._finish(run, "cancelled", CANCELLED_ERROR)
                return
            step["status"] = "completed"
            step["completedAt"] = now_ms()
            self._add_event(run, "step.completed", status="completed", metadata={"step": plan.name})
        if run.cancel_event.is_set():
            self._finish(run, "cancelled", CANCELLED_ERROR)
            return
        self._set_status(run, "finalizing")
        for name, content_type, content, step_name in ctx.output_files:
            artifact = StoredArtifact(
                path=f"outputs/{name}",
                name=name,
                role="output",
                step_name=step_name,
                content_type=content_type,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
            )
            self._store.put_artifact(run.id, artifact, content)
            run.artifacts.append(artifact)
        run.output = ctx.output
        if run.schema_valid is None:
            run.schema_valid = True
        run.usage = automation.usage(ctx)
        self._finish(run, "completed", None)


def _is_file_description(value: object) -> bool:
    return isinstance(value, dict) and "path" in value and "filename" in value and "contentType" in value
