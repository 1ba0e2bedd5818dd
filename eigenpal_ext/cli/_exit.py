"""Exit codes, and the one line on stderr that says why a command stopped.

Every failure the command line knows ends here: a usage error, a run that did not complete, a wait that ran out of
time, an API or connection error. Each becomes one readable line (with the server's request id when there is one)
and an exit code; never a traceback, and never the API key.
"""

from __future__ import annotations

import enum
import os

from eigenpal_ext._errors import (
    APIConnectionError,
    APIError,
    EigenpalError,
    EigenpalTimeoutError,
    InvalidArgumentError,
    RunFailedError,
)

__all__ = ["DEBUG_ENV", "EXIT_CODES_HELP", "ExitCode", "UsageError", "debug_enabled", "describe_failure"]

DEBUG_ENV = "EIGENPAL_DEBUG"
"""Set to 1 to let an unexpected error show its traceback (for bug reports)."""


class ExitCode(enum.IntEnum):
    """What the exit status of ``eigenpal`` means."""

    OK = 0
    """The command did what it was asked; a run it waited for completed."""
    RUN_FAILED = 1
    """A run the command started or waited for ended failed, cancelled or rejected."""
    USAGE = 2
    """The command line was wrong: an unknown option, a bad filter value, a missing API key. Nothing was sent."""
    TIMED_OUT = 3
    """A wait ran out of time (``--timeout``); the run goes on."""
    API_ERROR = 4
    """The API refused the request (wrong key, unknown run, ...), could not be reached, or a file could not be
    written."""
    INTERRUPTED = 130
    """Ctrl-C."""


EXIT_CODES_HELP = """\
exit codes:
  0    done; a run that was waited for completed
  1    a run that was started or waited for ended failed, cancelled or rejected
  2    usage error: bad option or filter value, missing API key (nothing was sent)
  3    a wait timed out (--timeout); the run goes on
  4    API or connection error: wrong key, unknown run, server unreachable, file not writable
  130  interrupted (Ctrl-C)
"""


class UsageError(Exception):
    """A command line the command refuses before sending anything (exit 2)."""


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
    "target": "TARGET",
}
"""The command line's name for a library argument, where it is not simply ``--`` and the name."""


def _as_option(exc: InvalidArgumentError) -> str:
    """The library's ``limit: must be ...`` said with the option a person typed: ``--limit: must be ...``."""
    text = str(exc)
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
    if isinstance(exc, UsageError):
        code = ExitCode.USAGE
    elif isinstance(exc, EigenpalTimeoutError):
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
