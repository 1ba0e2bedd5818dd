"""The request loop: send a generated-layer call, and retry it as :mod:`eigenpal_ext._core._retry` decides, within the
call's deadline.

Each attempt runs inside the network bound of :mod:`eigenpal_ext._transport._network`, so no byte arrives after the
deadline; between attempts the loop only sleeps on the injected clock. The policy (retry counts, the budget, what
a call that runs out of time raises) is :class:`~eigenpal_ext._transport._loop_policy.RequesterBase`'s.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import attrs

from eigenpal_ext._core._calls import (
    GoneAfterLostResponse,
    OutOfTime,
    Plan,
    StartNotProven,
    overran,
    plain_out_of_time,
    unproven,
)
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import EigenpalError
from eigenpal_ext._core._options import RequestOptions
from eigenpal_ext._core._retry import CallSpec, Verdict
from eigenpal_ext._transport._call_context import counting_retries, sending_with
from eigenpal_ext._transport._error_translation import CAUGHT, failure
from eigenpal_ext._transport._loop_policy import RequesterBase
from eigenpal_ext._transport._network import abounded
from eigenpal_ext._typing import AsyncCall

__all__ = ["AsyncRequester"]

T = TypeVar("T")


class AsyncRequester(RequesterBase):
    """Sends generated-layer calls with retries, each attempt bounded by the call's deadline."""

    async def call(
        self,
        fn: Callable[..., AsyncCall[T]],
        plan: Plan,
        deadline: Deadline | None = None,
        *,
        persist: bool = False,
        out_of_time: OutOfTime = plain_out_of_time,
        options: RequestOptions | None = None,
        recover: Callable[[], AsyncCall[T | None]] | None = None,
        look_first: bool = False,
    ) -> T:
        """Call the generated ``fn(client=..., **plan.kwargs)``, retrying as the plan's spec allows.

        Args:
            fn: The generated ``*_detailed`` function.
            plan: Its arguments and retry facts.
            deadline: When the call must be over; by default the client's per-call timeout from now.
            persist: Retry transient failures until the deadline rather than ``max_retries`` times.
            out_of_time: The error to raise when the deadline leaves no time for another try.
            options: The call's ``timeout``, extra headers and query parameters (over the client's defaults).
            recover: For a create: looks for what a lost attempt made; see :meth:`send`.
            look_first: Look before the first attempt; see :meth:`send`.
        """
        merged = self.options(options)
        if plan.headers:
            merged = attrs.evolve(merged, extra_headers={**merged.extra_headers, **plan.headers})
        bound = deadline if deadline is not None else self.deadline_in(merged.timeout)
        return await self.send(
            lambda: fn(client=self.api, **plan.arguments(bound.left())),
            plan.spec,
            bound,
            persist=persist,
            out_of_time=out_of_time,
            options=merged,
            recover=recover,
            look_first=look_first,
        )

    async def delete(
        self, fn: Callable[..., AsyncCall[object]], plan: Plan, options: RequestOptions | None = None
    ) -> None:
        """Call a delete, counting a 404 after a lost answer as done."""
        try:
            await self.call(fn, plan, options=options)
        except GoneAfterLostResponse:
            return

    async def send(
        self,
        attempt: Callable[[], AsyncCall[T]],
        spec: CallSpec,
        deadline: Deadline | None = None,
        *,
        persist: bool = False,
        out_of_time: OutOfTime = plain_out_of_time,
        options: RequestOptions | None = None,
        recover: Callable[[], AsyncCall[T | None]] | None = None,
        look_first: bool = False,
    ) -> T:
        """Run ``attempt`` until it succeeds, the retry rules say stop, or the deadline leaves no time.

        A create (``spec.creates``) whose attempt failed in a way that may have made a run is sent again only
        after ``recover`` looked and found nothing: it returns the result of the lost attempt when it finds one
        (the call then returns it), ``None`` when the lookup proves nothing was made, or raises
        :class:`~eigenpal_ext._core._calls.StartNotProven`. Without ``recover`` such an attempt is not sent again.
        ``look_first``: an earlier call may have made the run already; look before the first attempt. A lookup that
        fails is retried like an attempt, within the same deadline.
        """
        merged = self.options(options)
        bound = deadline if deadline is not None else self.deadline_in(merged.timeout)
        tracker = self.tracker(spec, persist=persist, can_look=recover is not None)
        error: EigenpalError | None = None
        cause: BaseException | None = None
        look = look_first and recover is not None
        delay = 0.0
        with counting_retries() as before_retry, sending_with(merged):
            while True:
                while look and recover is not None:
                    await self.clock.asleep(delay)
                    try:
                        found = await recover()
                    except StartNotProven as why:
                        unproven(error, cause, why)
                    except CAUGHT as exc:  # the lookup failed: look again after a backoff, or end
                        lookup_error, lookup_cause = failure(exc)
                        decision = self.decide_after_lookup(
                            tracker, bound, error or lookup_error, cause or lookup_cause, lookup_error, out_of_time
                        )
                        delay = decision.delay
                        continue
                    if found is not None:
                        tracker.after_success()
                        return found
                    look, delay = False, 0.0
                if delay:
                    await self.clock.asleep(delay)
                if error is not None:
                    before_retry(tracker)
                try:
                    async with abounded(bound.left()):
                        result = await attempt()
                except CAUGHT as exc:
                    error, cause = failure(exc)
                else:
                    # The network ends by the deadline, but decoding and parsing the answer do not: one that came
                    # back late is not returned as if in time.
                    error, cause = overran(spec, bound), None
                    if error is None:
                        tracker.after_success()
                        return result
                decision = self.decide(tracker, bound, error, cause, out_of_time)
                look = decision.verdict is Verdict.LOOK_FIRST and recover is not None
                delay = decision.delay
