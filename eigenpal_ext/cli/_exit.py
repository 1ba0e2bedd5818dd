"""Exit codes, and the one line on stderr that says why a command stopped.

Every failure the command line knows ends here: a usage error, a run that did not complete, a wait that ran out of
time, an API or connection error. Each becomes one readable line (with the server's request id when there is one)
and an exit code; never a traceback, and never the API key.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Sequence

from eigenpal_ext._core._errors import (
    APIConnectionError,
    APIError,
    EigenpalError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    RunFailedError,
)

from ._extras import extra_of, needs_line

__all__ = [
    "DEBUG_ENV",
    "EXIT_CODES_HELP",
    "ExitCode",
    "Interrupted",
    "TimedOut",
    "UsageError",
    "debug_enabled",
    "describe_failure",
]

DEBUG_ENV = "EIGENPAL_DEBUG"
"""Set to 1 to let an unexpected error show its traceback (for bug reports)."""


class ExitCode(enum.IntEnum):
    """What the exit status of ``eigenpal`` means."""

    OK = 0
    """The command did what it was asked; a run it waited for completed."""
    RUN_FAILED = 1
    """A run the command started or waited for ended failed, cancelled or rejected."""
    USAGE = 2
    """The command line was wrong: an unknown option, a bad filter value, a missing API key or extra. Nothing was
    sent."""
    TIMED_OUT = 3
    """A wait ran out of time (``--timeout``); the run goes on."""
    API_ERROR = 4
    """The API refused the request (wrong key, unknown run, ...), could not be reached, or a file could not be
    written."""
    PORT_IN_USE = 5
    """``eigenpal serve``: another process listens on the port."""
    WAITING_ON_REVIEW = 6
    """``--stop-on-human-review``: a run waits on a person (a human review task), none failed; the runs go on."""
    WEBHOOK_REFUSED = 7
    """``eigenpal webhooks verify``: the delivery was refused (a missing header, a stale timestamp, no matching
    signature); the error line says which check failed."""
    INTERRUPTED = 130
    """Ctrl-C (``eigenpal serve`` stops with 0: that is how it is stopped)."""


EXIT_CODES_HELP = """\
exit codes:
  0    done; a run that was waited for completed
  1    a run that was started or waited for ended failed, cancelled or rejected
  2    usage error: bad option or filter value, missing API key or extra (nothing was sent)
  3    a wait timed out (--timeout); the run goes on
  4    API or connection error: wrong key, unknown run, server unreachable, file not writable
  5    eigenpal serve: the port is in use (pick another with --port, or --port 0)
  6    --stop-on-human-review: a run waits on a person (a human review task); it goes on
  7    eigenpal webhooks verify: the delivery was refused (the line says which check failed)
  130  interrupted (Ctrl-C); a run being waited for goes on, and the line says how to wait again
"""


class UsageError(Exception):
    """A command line the command refuses before sending anything (exit 2)."""


def wait_again(run_ids: Sequence[str]) -> str:
    """The command that waits again for runs a stopped wait leaves going on (Ctrl-C and timeouts say it alike)."""
    return f"eigenpal runs wait {' '.join(run_ids)}"


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, said with what goes on regardless and how to pick it up again (exit 130)."""

    @classmethod
    def waiting_for(cls, run_ids: Sequence[str]) -> Interrupted:
        """Ctrl-C during a wait: the runs go on, and ``eigenpal runs wait`` waits for them again."""
        if len(run_ids) == 1:
            going_on = f"the wait stopped, not the run: {run_ids[0]} goes on"
        else:
            going_on = f"the wait stopped, not the runs: {', '.join(run_ids)} go on"
        return cls(f"interrupted; {going_on} (wait again with: {wait_again(run_ids)})")


class TimedOut(Exception):
    """A wait that ran out of time (exit 3), said as Ctrl-C says it: with the command that waits again, unless the
    runs were cancelled (``--cancel-on-timeout``).

    Attributes:
        timeout: The library's error (what was last seen).
        resume: The command that picks the wait up again, or ``None`` when nothing goes on.
    """

    def __init__(self, timeout: EigenpalTimeoutError, resume: str | None) -> None:
        self.timeout = timeout
        self.resume = resume
        text = str(timeout)
        super().__init__(text if resume is None else f"{text} (wait again with: {resume})")

    @classmethod
    def waiting_for(cls, timeout: EigenpalTimeoutError, run_ids: Sequence[str]) -> TimedOut:
        """A timed-out wait for these runs: ``eigenpal runs wait`` waits for them again (if they were not cancelled)."""
        return cls(timeout, None if timeout.cancelled or not run_ids else wait_again(run_ids))


_OPTIONS = {
    "api_key": "--api-key",
    "base_url": "--base-url",
    "from_date": "--from",
    "to_date": "--to",
    "timeout_seconds": "--timeout",
    "version": "--run-version",
    "tags": "--tag",
    "run_id": "RUN_ID",
    "run_ids": "RUN_ID",
    "step_execution_id": "STEP_ID",
    "target": "TARGET",
}
"""The command line's name for a library argument, where it is not simply ``--`` and the name."""

_LIBRARY_ADVICE = {
    "pass allow_insecure_http=True": "pass --allow-insecure-http",
    "pass the key as api_key=": "pass the key with --api-key",
}
"""Advice in the library's error messages, said for the command line (a test checks each one still occurs)."""


def _as_option(exc: InvalidArgumentError) -> str:
    """The library's ``limit: must be ...`` said with the option a person typed: ``--limit: must be ...``."""
    text = str(exc)
    for library_words, cli_words in _LIBRARY_ADVICE.items():
        text = text.replace(library_words, cli_words)
    argument = exc.argument
    prefix = f"{argument}: "
    if not text.startswith(prefix):
        return text
    if argument.startswith("input."):
        option = f"--input {argument.removeprefix('input.')}"
    else:
        option = _OPTIONS.get(argument, f"--{argument.replace('_', '-')}")
    return f"{option}: {text.removeprefix(prefix)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def describe_failure(exc: BaseException) -> tuple[ExitCode, str] | None:
    """The exit code and the stderr line for an error, or None for one the command line does not know."""
    code: ExitCode
    if isinstance(exc, InvalidArgumentError):
        return ExitCode.USAGE, _one_line(_as_option(exc))
    extra = extra_of(exc)
    if extra is not None:
        return ExitCode.USAGE, needs_line([extra])
    if isinstance(exc, Interrupted):
        return ExitCode.INTERRUPTED, _one_line(str(exc))
    if isinstance(exc, UsageError):
        code = ExitCode.USAGE
    elif isinstance(exc, EigenpalTimeoutError | TimedOut):
        code = ExitCode.TIMED_OUT
    elif isinstance(exc, RunFailedError):
        code = ExitCode.RUN_FAILED
    elif isinstance(exc, APIError | APIConnectionError | EigenpalError):
        code = ExitCode.API_ERROR
    elif isinstance(exc, OSError):
        code = ExitCode.API_ERROR
        exc_text = f"{exc.strerror or type(exc).__name__}: {exc.filename}" if exc.filename else str(exc)
        return code, _one_line(exc_text)
    elif isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED, "interrupted"
    else:
        return None
    return code, _one_line(str(exc) or type(exc).__name__)


def debug_enabled() -> bool:
    """Whether ``EIGENPAL_DEBUG`` asks for tracebacks of unexpected errors."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")
