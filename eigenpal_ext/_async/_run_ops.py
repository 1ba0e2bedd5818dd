"""What a run did and what it became: ``client.runs.trace``, ``scores``, ``step`` and ``promote``.

:class:`AsyncRunOperations` is a part of ``client.runs`` (``AsyncRuns`` inherits these methods); the requests are
planned in :mod:`eigenpal_ext._core._operation_plans`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from eigenpal_ext import _generated as gen
from eigenpal_ext._core import _operation_plans as run_ops
from eigenpal_ext._core._options import CallOptions, RequestOptions
from eigenpal_ext._transport._error_translation import expect

from ._requester import AsyncRequester

if TYPE_CHECKING:
    from eigenpal_api.models.eval_result import EvalResult
    from eigenpal_api.models.promote_run_response import PromoteRunResponse
    from eigenpal_api.models.run_trace_event import RunTraceEvent

__all__ = ["AsyncRunOperations"]


class AsyncRunOperations:
    """``client.runs``' reads of what a run did (trace, scores, one step) and its promotion to a dataset example."""

    _requester: AsyncRequester

    async def trace(self, run_id: str, **options: Unpack[CallOptions]) -> list[RunTraceEvent]:
        """The run's low-level trace, oldest first: what a failed run did.

        Workflow runs give their execution phases or step records; agent runs their parsed ``trace.jsonl`` events.
        Fields beyond the common ones (``type``, ``phase``, ``step_name``, ``status``, ``started_at``,
        ``completed_at``, ``message``) are in each event's ``additional_properties``.

        Raises:
            NotFoundError: No such run.
        """
        plan = run_ops.plan_run_read(run_id)
        answer = expect(
            await self._requester.call(gen.runs_trace_get.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            gen.RunTraceResponse,
        )
        return answer.events

    async def scores(self, run_id: str, **options: Unpack[CallOptions]) -> list[EvalResult]:
        """The automated evaluators' scores of the run (not human verdicts: those are the review's).

        Raises:
            NotFoundError: No such run.
            APIResponseValidationError: A score about another run.
        """
        plan = run_ops.plan_run_read(run_id)
        answer = expect(
            await self._requester.call(
                gen.runs_scores_list.asyncio_detailed, plan, options=RequestOptions.of(**options)
            ),
            gen.RunScoresResponse,
        )
        return run_ops.check_scores(answer.scores, plan.kwargs["id"])

    async def step(self, run_id: str, step_execution_id: str, **options: Unpack[CallOptions]) -> dict[str, Any]:
        """One step of the run in full, its input and output included (the steps list gives its ``id``).

        The document leaves a step's shape free: it comes as the JSON object the server sent. The step may belong
        to the run or to a child run it invoked.

        Raises:
            InvalidArgumentError: A bad run or step id (nothing is sent).
            NotFoundError: No such run, or no such step in it.
        """
        plan = run_ops.plan_step(run_id, step_execution_id)
        response = await self._requester.call(
            gen.runs_steps_get.asyncio_detailed, plan, options=RequestOptions.of(**options)
        )
        if response.status_code != 200:
            expect(response, dict)  # raises the error the status stands for
        return run_ops.check_step(response.parsed)

    async def promote(
        self, run_id: str, *, name: str | None = None, **options: Unpack[CallOptions]
    ) -> PromoteRunResponse:
        """Make a dataset example of the run: its input, and its output as corrected by its review.

        Args:
            run_id: The run (reviewed, typically).
            name: The example's name (1 to 128 characters): an example of that name is created or updated, and the
                call is retried like any idempotent request. Without it the server names a new example, and the
                call is never sent twice (a retry could make a second example).

        Raises:
            NotFoundError: No such run.
            ConflictError: The server refused the promotion in the run's present state (409).
        """
        plan = run_ops.plan_promote(run_id, name)
        return expect(
            await self._requester.call(gen.runs_promote.asyncio_detailed, plan, options=RequestOptions.of(**options)),
            gen.PromoteRunResponse,
        )
