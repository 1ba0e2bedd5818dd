"""The rules of waiting, pure: how long to hold, how long to pause, when a hold was honoured, and a wait's settings.

:mod:`._polling`'s flows decide with these; nothing here does I/O or reads a clock of its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from eigenpal_ext import _generated as gen
from eigenpal_ext._config import DEFAULT_POLL_INTERVAL_SECONDS, DEFAULT_WAIT_SECONDS, SERVER_MAX_HOLD_SECONDS
from eigenpal_ext._deadline import Deadline, hold_within
from eigenpal_ext._errors import InvalidArgumentError, RunFailedError
from eigenpal_ext._status import is_failure, is_terminal
from eigenpal_ext._validation import check_expand, check_seconds

if TYPE_CHECKING:
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_accepted import RunAccepted

    from eigenpal_ext._clock import Clock

__all__ = [
    "HOLD_HONOURED_AFTER_SECONDS",
    "JITTER",
    "MANY_RUNS_TICK_SECONDS",
    "MIN_POLL_AFTER_SECONDS",
    "WaitSettings",
    "hold_for",
    "hold_was_honoured",
    "is_new_state",
    "jittered",
    "next_tick",
    "pause_after_held_read",
    "poll_after_seconds",
    "poll_delay",
    "settled_start",
    "wait_deadline",
    "wait_settings",
]

MANY_RUNS_TICK_SECONDS = 0.5
"""The pause between two looks at many runs while they keep finishing (each look costs a request per 100 runs)."""

JITTER = 0.1
"""Poll sleeps vary by this fraction either way, so many clients do not poll in step."""

MIN_POLL_AFTER_SECONDS = 0.05
"""The shortest poll interval taken from a server hint: a hint of 0 must not turn the wait into a busy loop."""

HOLD_HONOURED_AFTER_SECONDS = 1.0
"""A held read that comes back unfinished after this long (or half its hold, if that is shorter) was held."""


def _not_negative(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not value >= 0:  # also refuses NaN
        raise InvalidArgumentError(attribute.name, f"must be 0 or more, got {value!r}")


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
    """How a wait for runs behaves.

    Attributes:
        timeout_seconds: How long the wait may last in all; at the end it raises ``EigenpalTimeoutError``. (The
            deadline a wait runs to is made from this when the public call begins.)
        poll_interval_seconds: The pause between reads when the server does not hold reads and sends no hint.
        max_hold_seconds: The longest hold to ask for on one read. The real API holds no read (only a start or a
            rerun waits), so 0: every read answers at once.
        cancel_on_timeout: Cancel the run (best effort) when the wait times out; by default it goes on.
        raise_on_failure: Raise ``RunFailedError`` when the run ends failed, cancelled or rejected; by default the
            run is returned like any other.
        expand: The ``expand`` tokens to read finished runs with (``input``, ``usage``, ``execution``, ``debug``).
    """

    timeout_seconds: float = attrs.field(default=DEFAULT_WAIT_SECONDS, validator=_not_negative)
    poll_interval_seconds: float = attrs.field(default=DEFAULT_POLL_INTERVAL_SECONDS, validator=_positive)
    max_hold_seconds: int = attrs.field(default=0, validator=_not_negative)
    cancel_on_timeout: bool = False
    raise_on_failure: bool = False
    expand: tuple[str, ...] = attrs.field(default=(), converter=_expand_tokens)


def hold_for(time_left: float, max_hold_seconds: float) -> int:
    """How long to ask the server to hold the next read.

    Args:
        time_left: Seconds until the wait's deadline.
        max_hold_seconds: The longest hold the caller allows.

    Returns:
        Whole seconds, ending half a second before the deadline (so the answer arrives inside it), never more than
        the server's limit; 0 means a read without a hold.
    """
    return hold_within(time_left, min(max_hold_seconds, SERVER_MAX_HOLD_SECONDS))


def hold_was_honoured(hold_seconds: int, answered_after: float) -> bool:
    """Whether a held read that came back with the run unfinished was really held by the server.

    A server that ignores holds answers at once; one that honours them answers at the end of the hold (or of
    its own, possibly shorter, limit). Taking ``min(hold / 2, 1 s)`` as the line keeps a server with a lower
    limit of its own on the held path, where the next read goes out at once.

    Args:
        hold_seconds: The hold that was asked for (0 when none was).
        answered_after: Seconds from sending the read to its answer.
    """
    return hold_seconds > 0 and answered_after >= min(hold_seconds / 2, HOLD_HONOURED_AFTER_SECONDS)


def pause_after_held_read(time_left: float, max_hold_seconds: float) -> float:
    """The pause after a read the server held that came back with the run unfinished.

    0 while another hold fits before the deadline: the next held read goes out at once. With under a second
    left, a read without a hold would only repeat the answer just received, so the rest is slept out
    (``math.inf``, which the caller caps at the time left).
    """
    return 0.0 if hold_for(time_left, max_hold_seconds) > 0 else math.inf


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
    """The pause before the next poll: the server's hint when it gave one, else the interval, with jitter.

    Args:
        poll_interval_seconds: The caller's poll interval.
        poll_after_seconds: The server's ``X-Poll-After-Ms`` hint in seconds, or None.
        unit_random: A draw from [0, 1) for the jitter.
    """
    base = poll_interval_seconds if poll_after_seconds is None else max(poll_after_seconds, MIN_POLL_AFTER_SECONDS)
    return jittered(base, unit_random)


def is_new_state(previous: Run | None, current: Run) -> bool:
    """Whether ``current`` is worth showing after ``previous``: a new status, new step progress, any change."""
    return previous is None or previous != current


def wait_deadline(settings: WaitSettings, clock: Clock, deadline: Deadline | None) -> Deadline:
    """The deadline a wait runs to: the one of the public call it is part of, else ``settings.timeout_seconds``
    from now."""
    return deadline if deadline is not None else Deadline.after(clock, settings.timeout_seconds)


def wait_settings(
    *,
    timeout_seconds: float,
    poll_interval_seconds: float,
    cancel_on_timeout: bool = False,
    raise_on_failure: bool = False,
    expand: str | Iterable[str] | None = None,
) -> WaitSettings:
    """The checked settings of a wait."""
    return WaitSettings(
        timeout_seconds=check_seconds(timeout_seconds, "timeout_seconds"),
        poll_interval_seconds=check_seconds(poll_interval_seconds, "poll_interval_seconds", positive=True),
        cancel_on_timeout=bool(cancel_on_timeout),
        raise_on_failure=bool(raise_on_failure),
        expand=tuple(check_expand(expand) or ()),
    )


def settled_start(
    started: Run | RunAccepted, *, settings: WaitSettings, on_update: Callable[[Run], None] | None
) -> Run | None:
    """The finished run when the start answered with one that needs nothing more, else ``None`` (wait for it).

    A run that needs ``expand`` sections is read again by the wait, which answers at once for a finished run.

    Raises:
        RunFailedError: When it ended failed, cancelled or rejected and ``settings.raise_on_failure`` is set.
    """
    if not isinstance(started, gen.Run) or not is_terminal(started) or settings.expand:
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
