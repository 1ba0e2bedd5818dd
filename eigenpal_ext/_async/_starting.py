"""Starting runs: ``client.run`` / ``runs.start``, ``runs.rerun``, and the start-then-wait of ``run_and_wait``.

One :class:`AsyncStarter` makes every start: it checks the input, builds the body, picks the ``Idempotency-Key``
(yours or a fresh one, the same on every retry) and puts it on every error it raises, so the caller can resume.
A plain start is bounded by its hold plus the client's timeout; the start inside ``run_and_wait`` is bounded by the
wait's one deadline and retried until it, when its body can be sent again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

from eigenpal_api.types import Response

from eigenpal_ext import _generated as gen
from eigenpal_ext._core import _plans as plans
from eigenpal_ext._core._calls import StartNotProven, plain_out_of_time, unproven
from eigenpal_ext._core._clock import held_by_server
from eigenpal_ext._core._correlation import Verdict, judge_lookup, judge_rerun, key_tag, next_run_of
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import EigenpalError, EigenpalTimeoutError
from eigenpal_ext._core._options import RequestOptions
from eigenpal_ext._core._plans import StartParts
from eigenpal_ext._core._validation import check_text
from eigenpal_ext._core._wait_rules import WaitSettings, settled_start
from eigenpal_ext._transport._error_translation import expect
from eigenpal_ext._typing import AsyncCall

from ._requester import AsyncRequester
from ._waiter import AsyncWaiter

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_accepted import RunAccepted

    from eigenpal_ext.webhooks import RunEvents

__all__ = ["AsyncStarter", "Input", "start_and_wait", "workflow_target"]

Input = Mapping[str, object] | None
"""A run's input (or overrides, or metadata): a JSON object; top-level input values may be files."""


def _started(response: Response[Any], rerun_of: str | None = None) -> Run | RunAccepted:
    # Any 2xx of a start may carry either shape (the published document); R3 sends a Run on 200, RunAccepted else.
    if isinstance(response.parsed, gen.RunAccepted):
        return expect(response, gen.RunAccepted, rerun_of=rerun_of)
    return expect(response, gen.Run, rerun_of=rerun_of)


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


async def _look(recover: Callable[[], AsyncCall[Response[Any] | None]]) -> Response[Any] | None:
    """The run an earlier start with this key made, before anything is uploaded for a new one."""
    try:
        return await recover()
    except StartNotProven as why:
        unproven(None, None, why)


def workflow_target(workflow: str) -> str:
    """The target of a workflow given by slug (``extract-invoice``) or in full (``workflows.extract-invoice``)."""
    slug = check_text(workflow, "workflow")
    return slug if slug.startswith("workflows.") else f"workflows.{slug}"


class AsyncStarter:
    """Makes the starts and reruns of one client, each exactly once (:mod:`eigenpal_ext._core._correlation`)."""

    def __init__(self, requester: AsyncRequester) -> None:
        self._requester = requester

    async def start(
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
        within: Deadline | None = None,
        options: RequestOptions | None = None,
        correlation: Sequence[str] = (),
        may_exist: bool | None = None,
    ) -> Run | RunAccepted:
        """Start a run (see ``runs.start``); within ``deadline`` when it is part of a wait, retried until it.

        With ``deadline``, ``wait_for_completion`` is 0 (no hold) or None (the longest hold the deadline allows).
        ``within`` is a deadline a plain start (no ``deadline``) must end by too, when it comes before the start's
        own (its hold plus the client's timeout): a batch's. ``correlation``: more tags that name the start (a
        batch's). ``may_exist``: an earlier start with the same key may have made the run, so look for it first;
        by default, when the caller gave the key (a key of one's own is how a start is resumed).
        """
        key = plans.idempotency_key_for(idempotency_key)
        requester = self._requester
        tag = key_tag(key) if requester.correlation_tags else None
        holds: list[int] = []  # what each attempt asked for, to tell a virtual clock how long the server held

        async def start_once(**arguments: Any) -> Response[Any]:
            holds.append(int(arguments.get("wait_for_completion") or 0))
            return await gen.runs_start.asyncio_detailed(**arguments)

        with _carrying(key), ExitStack() as files:
            checked_target, checked_tags = plans.start_args(target, tags)
            all_tags = plans.correlated_tags(checked_tags, [*correlation, *([tag] if tag else [])])
            from eigenpal_ext._transport._files import (
                prepare_start_body,  # here: a client that only reads never loads it
            )

            body = prepare_start_body(
                checked_target, input, overrides=overrides, metadata=metadata, tags=all_tags, files=files,
                multipart_max_bytes=requester.multipart_max_bytes,
            )  # fmt: skip
            if deadline is None:  # a plain start
                hold = plans.check_start_hold(wait_for_completion)
                bound = plans.start_deadline(requester.clock, hold, requester.call_timeout, within=within)
            else:  # the start of run_and_wait: held as long as the wait allows (0: no hold), retried until its deadline
                hold = None if wait_for_completion == 0 else plans.START_HOLD_SECONDS
                bound = deadline
            recover = None if tag is None else functools.partial(self._find_started, tag, bound, options)
            # A key of the caller's may be a resume: look first when the client can (with no tags, nothing to look by).
            look_first = bool(may_exist or (may_exist is None and idempotency_key is not None and recover is not None))
            if look_first and recover is None:
                raise EigenpalError(
                    f"not sent again: an earlier start with key {key!r} may have made the run, and this client adds no "
                    "correlation tag to look for it by (correlation_tags=False)"
                )
            if body.uploads:  # files too large for the request go first, once: a resume looks for its run before
                if look_first and recover is not None:
                    found = await _look(recover)
                    if found is not None:
                        return _started(found)
                    look_first = False
                from ._uploader import upload_inputs

                body = await upload_inputs(
                    requester, body, bound, persist=deadline is not None, options=options,
                    out_of_time=plain_out_of_time if deadline is None else _start_timed_out(deadline),
                )  # fmt: skip
            plan = plans.plan_start(body, hold=hold, version=version, key=key, trigger=requester.trigger)
            if deadline is None:
                response = await requester.call(
                    start_once, plan, bound, options=options, recover=recover, look_first=look_first
                )
            else:
                response = await requester.call(
                    start_once, plan, deadline, persist=True, out_of_time=_start_timed_out(deadline), options=options,
                    recover=recover, look_first=look_first,
                )  # fmt: skip
            started = _started(response)
        if holds and holds[-1] and not started.finished:
            held_by_server(requester.clock, holds[-1])
        return started

    async def _find_started(self, tag: str, deadline: Deadline, options: RequestOptions | None) -> Response[Any] | None:
        """The run a lost start with this correlation tag made (read in full), ``None`` when it made none.

        Raises:
            StartNotProven: The server's answer cannot say (it keeps no tags, or ignores the filter).
        """
        requester = self._requester
        listing = await requester.call(
            gen.runs_list.asyncio_detailed, plans.plan_lookup(tag), deadline, options=options
        )
        lookup = judge_lookup(expect(listing, gen.RunsListResponse).runs, tag)
        if lookup.verdict is Verdict.UNPROVEN:
            raise StartNotProven(lookup.reason)
        if lookup.run_id is None:
            return None
        return await self._read_found(lookup.run_id, deadline, options)

    async def _read_found(self, run_id: str, deadline: Deadline, options: RequestOptions | None) -> Response[Any]:
        """Read the run a lookup found, checked to be that run (the caller takes it as what the start made)."""
        plan = plans.plan_get(run_id)
        response = await self._requester.call(gen.runs_get.asyncio_detailed, plan, deadline, options=options)
        expect(response, gen.Run, run_id=plan.kwargs["id"])
        return response

    async def rerun(
        self,
        run_id: str,
        *,
        wait_for_completion: float | None,
        version: str | None,
        idempotency_key: str | None,
        options: RequestOptions | None = None,
    ) -> Run | RunAccepted:
        """Rerun a run (see ``runs.rerun``).

        A rerun has no body to carry a tag: what names it is the source run's ``execution.retry.nextRun``, read once
        before the first attempt, so that a lost answer can be told from a rerun that was never made.
        """
        key = plans.idempotency_key_for(idempotency_key)
        requester = self._requester
        with _carrying(key):
            hold = plans.check_start_hold(wait_for_completion)
            plan = plans.plan_rerun(run_id, hold=hold, version=version, key=key, trigger=requester.trigger)
            bound = plans.start_deadline(requester.clock, hold, requester.call_timeout)
            recover = None
            if requester.correlation_tags:
                before = next_run_of(await self.read(run_id, bound, options))
                recover = functools.partial(self._find_rerun, run_id, before, bound, options)
            return _started(
                await requester.call(gen.runs_rerun.asyncio_detailed, plan, bound, options=options, recover=recover),
                rerun_of=plan.kwargs["id"],
            )

    async def read(self, run_id: str, deadline: Deadline, options: RequestOptions | None) -> Run:
        """Read a run in full (for a rerun's lookup, and a batch's run started by an earlier call)."""
        plan = plans.plan_get(run_id)
        response = await self._requester.call(gen.runs_get.asyncio_detailed, plan, deadline, options=options)
        return expect(response, gen.Run, run_id=plan.kwargs["id"])

    async def _find_rerun(
        self, run_id: str, before: str | None, deadline: Deadline, options: RequestOptions | None
    ) -> Response[Any] | None:
        """The rerun a lost rerun of ``run_id`` made (read in full), ``None`` when it made none."""
        lookup = judge_rerun(before, next_run_of(await self.read(run_id, deadline, options)))
        if lookup.run_id is None:
            return None
        return await self._read_found(lookup.run_id, deadline, options)


async def start_and_wait(
    starter: AsyncStarter,
    waiter: AsyncWaiter,
    target: str,
    input: Input,
    *,
    settings: WaitSettings,
    deadline: Deadline,
    key: str,
    parts: StartParts,
    on_update: Callable[[Run], None] | None = None,
    options: RequestOptions | None = None,
    may_exist: bool = False,
    events: RunEvents | None = None,
) -> Run:
    """Start a run held as long as ``deadline`` allows (at most 600 s; not held when the wait stops at a human
    review), then wait for it: ``run_and_wait``, and each input of a batch whose runs are waited for one held request
    each. ``may_exist``: look for the run an earlier start with the same key may have made first (a caller's own key;
    a batch finds its runs itself). ``events``: the wait after the start is fed by them (as ``runs.wait``).

    Raises:
        EigenpalError: Whatever kept the run from ending inside the deadline, carrying ``key`` as
            ``idempotency_key``.
    """
    with _carrying(key):
        started = await starter.start(
            target,
            input,
            tags=parts.tags,
            overrides=parts.overrides,
            metadata=parts.metadata,
            version=parts.version,
            # A hold lasts until the run ends, a human review included: a wait that stops at one polls instead.
            wait_for_completion=0 if settings.stop_on_human_review else None,
            idempotency_key=key,
            deadline=deadline,
            options=options,
            correlation=parts.correlation,
            may_exist=may_exist,
        )
        run = settled_start(started, settings=settings, on_update=on_update)
        if run is None:
            run = await waiter.wait(
                started.id, settings, on_update=on_update, deadline=deadline, options=options, events=events
            )
        return run
