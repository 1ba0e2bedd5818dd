"""The route handlers: what each operation does with a checked request, and the answer it gives.

`_params` has already read and checked the request (or answered 400); a handler asks the engine and shapes its answer
with `_views`. Errors are raised as `ApiError` (`fail`) and answered in the envelope by the app. Holds
(`wait_for_completion`, on start and rerun) are futures the run resolves itself, ended early when the client goes
away. A run's artifacts are served by `_artifacts_api`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive

from ._automations import AUTOMATIONS
from ._engine import Engine, IdempotencyConflict, InputError, OverCapacity
from ._errors import ApiError, fail
from ._kept import MAX_KEPT_BYTES
from ._params import encode_cursor, expand_param, idempotency_key, int_param, list_query, trigger_header, version_param
from ._records import Issue, RunRecord, wake
from ._start_body import FileLookup, read_start_body
from ._store import Store
from ._views import (
    event_json,
    json_response,
    run_accepted_json,
    run_json,
    run_list_item_json,
    run_usage,
    step_json,
)
from ._webhooks import WebhookDelivery


def _fingerprint(parts: dict[str, Any]) -> str:
    """What an Idempotency-Key remembers of the request it came with."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


@dataclass(frozen=True)
class Behaviour:
    """What the handlers do where the server can be set to behave otherwise than the real API's default."""

    idempotency_keys: bool = False
    """Honour `Idempotency-Key` on start and rerun (not a feature of the real API)."""
    keep_tags: bool = True
    """Keep the tags a run is started with, show them and filter on them (False: as a server that predates tags)."""


class Api:
    """The route handlers, bound to the engine that the lifespan starts."""

    def __init__(
        self,
        db: str | None,
        workers: int,
        max_request_bytes: int,
        time_scale: float = 1.0,
        *,
        behaviour: Behaviour | None = None,
        max_kept_bytes: int | None = MAX_KEPT_BYTES,
        file_lookup: FileLookup | None = None,
        webhooks: WebhookDelivery | None = None,
    ) -> None:
        """Configures the handlers; the lifespan opens the store and starts the engine.

        Args:
            db: The SQLite file runs are kept in; None keeps them in memory.
            workers: How many runs execute at once.
            max_request_bytes: The largest part a multipart body may have.
            time_scale: Real seconds a step sleeps per second it asks for.
            behaviour: Idempotency keys and tags (the real API's defaults when None).
            max_kept_bytes: What the runs may keep together; past it the oldest finished are forgotten, and a
                start that the runs in flight leave no room for is a 503 (None: no cap).
            file_lookup: Finds the uploaded file a start's `{"$fileId": ...}` names (the files API's pool);
                without it every file id is unknown (404).
            webhooks: Delivers the runs' webhook events (none when None).
        """
        self._time_scale = time_scale
        self._db = db
        self._workers = workers
        self._max_request_bytes = max_request_bytes
        self._behaviour = behaviour or Behaviour()
        self._max_kept_bytes = max_kept_bytes
        self._file_lookup = file_lookup
        self.webhooks = webhooks
        self._engine: Engine | None = None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.active_holds = 0

    @property
    def engine(self) -> Engine:
        """The running engine."""
        if self._engine is None:
            raise RuntimeError("the server has not started")
        return self._engine

    @property
    def started_engine(self) -> Engine | None:
        """The running engine, or None before the lifespan has started it."""
        return self._engine

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        """Opens the store and starts the engine; stops and closes them when the app stops."""
        store = Store(self._db)
        engine = Engine(store, workers=self._workers, time_scale=self._time_scale, max_kept_bytes=self._max_kept_bytes)
        try:
            if self.webhooks is not None:
                engine.on_status = self.webhooks.emit
            await engine.start()
            self._engine = engine
            self.loop = asyncio.get_running_loop()
            yield
        finally:
            await engine.stop()
            if self.webhooks is not None:
                await self.webhooks.close()
            store.close()

    def begin_shutdown(self) -> None:
        """Answers every held request now (called by the server before it stops)."""
        if self._engine is not None:
            self._engine.begin_shutdown()

    def run_of(self, request: Request) -> RunRecord:
        """The run the path's `{id}` names (404 when there is none)."""
        run_id = request.path_params["id"]
        run = self.engine.get(run_id)
        if run is None:
            fail(404, f"no run {run_id!r}", "run_not_found", "id")
        return run

    async def _hold(self, request: Request, run: RunRecord, seconds: int) -> None:
        """Holds until the run is terminal, the time passes, the server stops or the client goes away."""
        waiter = self.engine.hold(run, seconds)
        if waiter is None:
            return
        gone = asyncio.ensure_future(_until_disconnect(request.receive))
        gone.add_done_callback(lambda _: wake(waiter))
        self.active_holds += 1
        try:
            await waiter
        finally:
            self.active_holds -= 1
            waiter.cancel()
            gone.cancel()

    def _run_json(self, run: RunRecord, expand: frozenset[str] = frozenset()) -> dict[str, Any]:
        return run_json(self.engine, run, expand, tags=self._behaviour.keep_tags)

    async def _answer_start(self, request: Request, run: RunRecord, wait_seconds: int | None) -> Response:
        """201 `RunAccepted` without a hold; with one, 200 and the `Run` if it ended in time, else 202 `RunAccepted`.

        A run that has ended (only a replayed Idempotency-Key finds one without a hold) answers 200 with the run.
        """
        if wait_seconds:
            await self._hold(request, run, wait_seconds)
        if run.finished:
            return json_response(200, self._run_json(run))
        status = 201 if wait_seconds is None else 202
        return json_response(status, run_accepted_json(run))

    def _idempotency_key(self, request: Request) -> str | None:
        """The request's `Idempotency-Key` when the server honours them (an option); otherwise the header is ignored,
        as the real API, which documents none, ignores it."""
        return idempotency_key(request) if self._behaviour.idempotency_keys else None

    async def start_run(self, request: Request) -> Response:
        wait_seconds = int_param(request, "wait_for_completion", 0, 600)
        version = version_param(request)
        key = self._idempotency_key(request)
        trigger = trigger_header(request)
        start = await read_start_body(
            request, self._max_request_bytes, tags=self._behaviour.keep_tags, file_lookup=self._file_lookup
        )
        automation = AUTOMATIONS[start.target]  # read_start_body answered 404 for an unknown target
        idempotency = None
        if key is not None:
            fingerprint = _fingerprint(
                {
                    "target": start.target,
                    "input": start.run_input,
                    "files": {
                        k: [[f.filename, f.content_type, f.sha256, f.index] for f in files]
                        for k, files in start.files.items()
                    },
                    "overrides": start.overrides,
                    "metadata": start.metadata,
                    "tags": start.tags,
                    "version": version,
                }
            )
            idempotency = ("start", key, fingerprint)
            existing = self._find_idempotent(idempotency)
            if existing is not None:
                return await self._answer_start(request, existing, wait_seconds)
        try:
            run = self.engine.create_run(
                automation,
                start.run_input,
                start.files,
                overrides=start.overrides,
                metadata=start.metadata,
                tags=start.tags,
                version=version,
                trigger_type=trigger,
                idempotency=idempotency,
            )
        except InputError as exc:
            raise ApiError(400, exc.issues) from exc
        except OverCapacity as exc:
            raise _over_capacity(exc) from exc
        return await self._answer_start(request, run, wait_seconds)

    def _find_idempotent(self, idempotency: tuple[str, str, str]) -> RunRecord | None:
        try:
            return self.engine.find_idempotent(*idempotency)
        except IdempotencyConflict:
            # 400, as Stripe answers a key reused with other parameters: the document has no 409 for a start.
            fail(
                400,
                "this Idempotency-Key was used with a different request",
                "idempotency_key_reused",
                "Idempotency-Key",
            )

    async def rerun_run(self, request: Request) -> Response:
        previous = self.run_of(request)
        wait_seconds = int_param(request, "wait_for_completion", 0, 600)
        # `original` pins the source run's version; no version (or an empty one) is the latest.
        asked = (request.query_params.getlist("version") or [""])[-1] or None
        version = previous.source.get("version") if asked == "original" else asked
        key = self._idempotency_key(request)
        trigger = trigger_header(request)
        automation = AUTOMATIONS.get(previous.target)
        if automation is None:
            fail(404, f"no automation {previous.target!r}", "target_not_found", "target")
        idempotency = None
        if key is not None:
            idempotency = (f"rerun:{previous.id}", key, _fingerprint({"rerun": previous.id, "version": asked}))
            existing = self._find_idempotent(idempotency)
            if existing is not None:
                return await self._answer_start(request, existing, wait_seconds)
        files = self.engine.copy_input_files(previous)
        run_input = {name: value for name, value in previous.input.items() if name not in files}
        try:
            run = self.engine.create_run(
                automation,
                run_input,
                files,
                overrides=previous.overrides,
                metadata=previous.metadata,
                tags=previous.tags,
                version=version,
                trigger_type=trigger,
                previous=previous,
                idempotency=idempotency,
            )
        except InputError as exc:
            raise ApiError(400, exc.issues) from exc
        except OverCapacity as exc:
            raise _over_capacity(exc) from exc
        return await self._answer_start(request, run, wait_seconds)

    async def get_run(self, request: Request) -> Response:
        run = self.run_of(request)
        return json_response(200, self._run_json(run, expand_param(request)))

    async def list_runs(self, request: Request) -> Response:
        query = list_query(request)
        run_filter = query.run_filter
        if not self._behaviour.keep_tags:
            run_filter = replace(run_filter, tag=None)  # a server without tags has no tag to filter on
        page, more = self.engine.list_runs(
            run_filter, query.after_seq, query.limit, ascending=query.ascending, offset=query.offset
        )
        keep_tags = self._behaviour.keep_tags
        return json_response(
            200,
            {
                "runs": [run_list_item_json(self.engine, run, tags=keep_tags) for run in page],
                "nextCursor": encode_cursor(page[-1]) if more and page else None,
            },
        )

    async def cancel_run(self, request: Request) -> Response:
        run = self.run_of(request)
        state, was = self.engine.cancel(run)
        return json_response(
            200,
            {
                "id": run.id,
                "type": run.run_type,
                "finished": run.finished,
                "execution": {"status": run.status},
                "cancellation": {"state": state, "wasStatus": was},
            },
        )

    async def get_usage(self, request: Request) -> Response:
        return json_response(200, {"usage": run_usage(self.run_of(request))})

    async def list_steps(self, request: Request) -> Response:
        run = self.run_of(request)
        return json_response(200, {"steps": [step_json(step) for step in run.steps], "total": len(run.steps)})

    async def get_step(self, request: Request) -> Response:
        run = self.run_of(request)
        step_id = request.path_params["stepExecutionId"]
        step = next((step for step in run.steps if step["id"] == step_id), None)
        if step is None:
            fail(404, f"run {run.id} has no step {step_id!r}", "step_not_found", "stepExecutionId")
        return json_response(200, step_json(step))

    async def list_events(self, request: Request) -> Response:
        run = self.run_of(request)
        return json_response(200, {"events": [event_json(event) for event in run.events]})

    async def health(self, request: Request) -> Response:
        return json_response(200, {"status": "ok", "runs": self.engine.run_count, "holds": self.active_holds})


_RETRY_FULL_SECONDS = "5"
"""`Retry-After` of a start refused because the runs in flight keep too much: they finish and make room."""


def _over_capacity(exc: OverCapacity) -> ApiError:
    # 503 is a status the document lists for starts and reruns; 507 (Insufficient Storage) is not.
    return ApiError(503, [Issue(str(exc), "over_capacity")], headers={"Retry-After": _RETRY_FULL_SECONDS})


async def _until_disconnect(receive: Receive) -> None:
    """Returns when the client has gone away (the request body, if any, was read before)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
