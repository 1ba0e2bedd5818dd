"""The rules of waiting, pure: every pause between reads and looks, every hold a request asks for, and a wait's
settings.

The flows of :mod:`._waiting` decide with these, and the transport asks a start's hold of :func:`hold_within`;
nothing here does I/O or reads a clock of its own. Time comes in once, as the public call's
:class:`~eigenpal_ext._core._deadline.Deadline` (:func:`wait_deadline` makes it from ``timeout_seconds``); a
:class:`WaitSettings` says how to wait, never for how long.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
from eigenpal_api.models.run import Run

from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._errors import InvalidArgumentError, RunFailedError
from eigenpal_ext._core._options import DEFAULT_POLL_INTERVAL_SECONDS
from eigenpal_ext._core._retry import server_delay
from eigenpal_ext._core._status import human_review_of, is_failure, is_terminal
from eigenpal_ext._core._validation import check_expand, check_seconds

if TYPE_CHECKING:
    from eigenpal_api.models.run_accepted import RunAccepted
    from eigenpal_api.models.run_list_item import RunListItem

    from eigenpal_ext._core._clock import Clock

__all__ = [
    "ANSWER_MARGIN_SECONDS",
    "DEADLINE_SLACK",
    "FIRST_POLL_SECONDS",
    "HOLD_ROUNDING_SLACK",
    "JITTER",
    "MANY_RUNS_TICK_SECONDS",
    "POLL_GROWTH",
    "WaitSettings",
    "ends_at_start",
    "hold_within",
    "is_new_state",
    "jittered",
    "look_tick",
    "next_tick",
    "poll_after_seconds",
    "poll_delay",
    "poll_interval",
    "settled_start",
    "stops_wait",
    "wait_deadline",
    "wait_settings",
    "whole_seconds",
]

MANY_RUNS_TICK_SECONDS = 0.5
"""The pause between two looks at many runs while they keep finishing (each look costs a request per 100 runs)."""

JITTER = 0.1
"""Poll sleeps vary by this fraction either way, so many clients do not poll in step."""


FIRST_POLL_SECONDS = 0.25
"""The pause after the first read of a run that has not ended; :func:`poll_interval` grows it from there."""

POLL_GROWTH = 1.5
"""How much longer each pause of a poll is than the one before, until it reaches ``poll_interval_seconds``."""

DEADLINE_SLACK = 1e-3
"""Time left below this counts as none: a real sleep may wake a hair early, and a read then would be wasted."""

HOLD_ROUNDING_SLACK = 0.005
"""How far short of a whole second the time left may be and still count as it: a call with 60 s left asks for a
60 s hold, not 59, though microseconds passed between making its deadline and sending. The call still ends at its
deadline: the network bound cuts an answer that comes later."""

ANSWER_MARGIN_SECONDS = 0.5
"""How long before the deadline a hold ends, so that the server's answer (the run id of a start, the last state of a
run) arrives inside the deadline instead of being cut off by it."""


def whole_seconds(seconds: float) -> int:
    """The whole seconds in ``seconds`` (rounded down, within :data:`HOLD_ROUNDING_SLACK`), never below 0."""
    return max(0, math.floor(seconds + HOLD_ROUNDING_SLACK))


def hold_within(time_left: float, longest: float) -> int:
    """The hold to ask for with ``time_left`` seconds until the deadline: whole seconds, at most ``longest``, ending
    :data:`ANSWER_MARGIN_SECONDS` before the deadline; 0 (no hold) when that leaves less than a second."""
    return whole_seconds(min(longest, time_left - ANSWER_MARGIN_SECONDS))


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not value > 0:
        raise InvalidArgumentError(attribute.name, f"must be more than 0, got {value!r}")


def _expand_tokens(tokens: Iterable[str]) -> tuple[str, ...]:
    # A lone string is one token list ("usage,execution"), not a sequence of one-letter tokens.
    if isinstance(tokens, str):
        return tuple(token.strip() for token in tokens.split(",") if token.strip())
    return tuple(tokens)


@attrs.frozen
class WaitSettings:
    """How a wait for runs behaves; how long it may last is its deadline's business (:func:`wait_deadline`).

    Attributes:
        poll_interval_seconds: The longest pause between two reads of a run (they start shorter:
            :func:`poll_interval`).
        cancel_on_timeout: Cancel the run (best effort) when the wait times out; by default it goes on.
        raise_on_failure: Raise ``RunFailedError`` when the run ends failed, cancelled or rejected; by default the
            run is returned like any other.
        expand: The ``expand`` tokens to read finished runs with (``input``, ``usage``, ``execution``, ``debug``).
        stop_on_human_review: End the wait, returning the run as it is, when it is seen waiting on a person
            (:func:`stops_wait`); by default such a run is waited on like any other.
    """

    poll_interval_seconds: float = attrs.field(default=DEFAULT_POLL_INTERVAL_SECONDS, validator=_positive)
    cancel_on_timeout: bool = False
    raise_on_failure: bool = False
    expand: tuple[str, ...] = attrs.field(default=(), converter=_expand_tokens)
    stop_on_human_review: bool = False


def poll_interval(reads: int, poll_interval_seconds: float) -> float:
    """The pause after the ``reads``-th read of a run that has not ended (before jitter); every read sent counts,
    a failed one too (its own retry delay comes first).

    It starts at :data:`FIRST_POLL_SECONDS` and grows by :data:`POLL_GROWTH` each read up to
    ``poll_interval_seconds``: a short run is seen ending soon after it does, and a long one costs one read per
    interval. (The real API holds no read; the official SDKs poll every 2 s from the first read.)
    """
    return min(poll_interval_seconds, FIRST_POLL_SECONDS * POLL_GROWTH ** max(reads - 1, 0))


def look_tick(settings: WaitSettings) -> float:
    """The pause between two looks at many runs while they keep finishing (:func:`next_tick` lengthens it)."""
    return min(settings.poll_interval_seconds, MANY_RUNS_TICK_SECONDS)


def next_tick(tick: float, base: float, ceiling: float, *, progressed: bool) -> float:
    """The pause between two looks at many runs.

    Back to ``base`` when the last look saw a run finish (more are likely soon); otherwise a quarter longer,
    up to ``ceiling``, so a few long runs do not cost a list request every half second.
    """
    if progressed:
        return base
    return min(tick * 1.25, max(ceiling, base))


def jittered(seconds: float, unit_random: float) -> float:
    """``seconds`` moved by up to ``JITTER`` of itself either way; ``unit_random`` is a draw from [0, 1)."""
    return seconds * (1 + JITTER * (2 * unit_random - 1))


def poll_delay(poll_interval_seconds: float, poll_after_seconds: float | None, unit_random: float) -> float:
    """The pause before the next poll: the interval, or the server's hint when it asks for longer (capped), with
    jitter.

    A hint is a delay the server gives, so it follows the one rule of :func:`~._retry.server_delay`: it can lengthen
    the pause, never shorten it (a hint of 0 must not turn the wait into a busy loop; the interval starts at
    :data:`FIRST_POLL_SECONDS`, so a wait polls at most four times a second unless its caller asks for more).

    Args:
        poll_interval_seconds: The pause the wait's own schedule gives (:func:`poll_interval`).
        poll_after_seconds: The server's ``X-Poll-After-Ms`` hint in seconds, or None.
        unit_random: A draw from [0, 1) for the jitter.
    """
    return jittered(server_delay(poll_after_seconds, poll_interval_seconds), unit_random)


def is_new_state(previous: Run | None, current: Run) -> bool:
    """Whether ``current`` is worth showing after ``previous``: a new status, new step progress, a human review's
    counts moving (``confirmedCount``, ``requiredCount``, ``version``), any change."""
    return previous is None or previous != current


def stops_wait(run: Run | RunListItem, settings: WaitSettings) -> bool:
    """Whether a wait ends on this run: it is terminal, or it waits on a person and the wait was told to stop then.

    Waiting on a person is ``waiting`` with a pending ``execution.human_review`` (:func:`~._status.human_review_of`).
    A ``waiting`` run without one is waited on still: nothing says a person holds it, and the deadline is for
    whatever does.
    """
    return is_terminal(run) or (settings.stop_on_human_review and human_review_of(run) is not None)


def wait_deadline(clock: Clock, timeout_seconds: float) -> Deadline:
    """The deadline of a public call that waits, ``timeout_seconds`` from now: made once, when the call begins, and
    the only carrier of time below it.

    Raises:
        InvalidArgumentError: ``timeout_seconds`` is not a number of seconds, 0 or more.
    """
    return Deadline.after(clock, check_seconds(timeout_seconds, "timeout_seconds"))


def wait_settings(
    *,
    poll_interval_seconds: float,
    cancel_on_timeout: bool = False,
    raise_on_failure: bool = False,
    expand: str | Iterable[str] | None = None,
    stop_on_human_review: bool = False,
) -> WaitSettings:
    """The checked settings of a wait."""
    return WaitSettings(
        poll_interval_seconds=check_seconds(poll_interval_seconds, "poll_interval_seconds", positive=True),
        cancel_on_timeout=bool(cancel_on_timeout),
        raise_on_failure=bool(raise_on_failure),
        expand=tuple(check_expand(expand) or ()),
        stop_on_human_review=bool(stop_on_human_review),
    )


def ends_at_start(started: Run | RunAccepted, settings: WaitSettings) -> bool:
    """Whether a start's answer needs no wait: a run that ends the wait (:func:`stops_wait`), unless ``expand``
    sections are wanted (a wait reads it again, and the read of a finished run answers at once)."""
    return isinstance(started, Run) and stops_wait(started, settings) and not settings.expand


def settled_start(
    started: Run | RunAccepted, *, settings: WaitSettings, on_update: Callable[[Run], None] | None
) -> Run | None:
    """The finished run when the start answered with one that needs nothing more, else ``None`` (wait for it).

    A run waiting on a person counts as finished when ``settings.stop_on_human_review`` is set. A run that needs
    ``expand`` sections is read again by the wait, which answers at once for a finished run.

    Raises:
        RunFailedError: When it ended failed, cancelled or rejected and ``settings.raise_on_failure`` is set.
    """
    if not ends_at_start(started, settings) or not isinstance(started, Run):
        return None
    if on_update is not None:
        on_update(started)
    if settings.raise_on_failure and is_failure(started):
        raise RunFailedError(started)
    return started


def poll_after_seconds(headers: Mapping[str, str]) -> float | None:
    """The server's hint for the next poll, from ``X-Poll-After-Ms``; ``None`` when absent or unusable."""
    raw = headers.get("x-poll-after-ms")
    if raw is None:
        return None
    try:
        millis = float(raw)
    except ValueError:
        return None
    return millis / 1000.0 if math.isfinite(millis) and millis >= 0 else None
