"""What the command line's options mean: the run input (``--input``, ``--file``), the wait and its one deadline
(``--wait``, ``--timeout``, ``--stop-on-human-review``), the list filters, and the client the API key and base URL
make. Shared by the commands (``_commands``, ``_run_ops``) and ``batch``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eigenpal_ext import EigenpalClient, EigenpalTimeoutError
from eigenpal_ext._core._clock import SYSTEM_CLOCK
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._filters import FILTERS
from eigenpal_ext._core._options import DEFAULT_TIMEOUT, DEFAULT_WAIT_SECONDS
from eigenpal_ext._transport._config import API_KEY_ENV

from ._client import CliClient
from ._exit import Interrupted, TimedOut, UsageError

__all__ = [
    "api_key_of",
    "budget_of",
    "client_for",
    "filters_of",
    "interruptible",
    "parse_inputs",
    "split_list",
    "stops_on_review",
    "timeout_of",
    "waits",
]

_SHORTEST_CALL_SECONDS = 1.0
"""The least time a single call of a waiting command gets, even under a shorter ``--timeout`` (a cancel after it)."""


def _reject_constant(name: str) -> float:
    raise ValueError(name)


def _value(text: str) -> object:
    """``--input`` VALUE: JSON when it is valid JSON (numbers, true, null, lists, objects), else the text itself."""
    try:
        return json.loads(text, parse_constant=_reject_constant)  # NaN and Infinity are not JSON: keep them as text
    except ValueError:
        return text


def _pair(option: str, text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise UsageError(f"{option} {text!r}: expected KEY=VALUE")
    return key, value


def parse_inputs(values: Sequence[str], files: Sequence[str]) -> dict[str, object]:
    """The run input of ``--input KEY=VALUE`` and ``--file KEY=PATH`` options.

    Raises:
        UsageError: A malformed pair, a key given twice, a file that is not there.
    """
    run_input: dict[str, object] = {}
    for option, pairs in (("--input", values), ("--file", files)):
        for text in pairs:
            key, value = _pair(option, text)
            if key in run_input:
                raise UsageError(f"{option} {key}: the key {key!r} is given twice")
            if option == "--file":
                path = Path(value).expanduser()
                if not path.is_file():
                    raise UsageError(f"--file {key}: no such file: {value}")
                run_input[key] = path
            else:
                run_input[key] = _value(value)
    return run_input


def timeout_of(args: argparse.Namespace) -> float:
    timeout: float | None = args.timeout
    if timeout is None:
        return DEFAULT_WAIT_SECONDS
    if not math.isfinite(timeout) or timeout < 0:
        raise UsageError(f"--timeout {timeout:g}: must be a number of seconds, 0 or more")
    return timeout


def waits(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "wait", True)) or args.timeout is not None or stops_on_review(args)


def stops_on_review(args: argparse.Namespace) -> bool:
    """``--stop-on-human-review``: a wait ends when a run waits on a person."""
    return bool(getattr(args, "stop_on_human_review", False))


def split_list(text: str | None) -> list[str] | None:
    return None if text is None else [part.strip() for part in text.split(",") if part.strip()]


def filters_of(args: argparse.Namespace) -> dict[str, Any]:
    """The filters given on the command line, as the library's keyword arguments (``--ids`` split at commas)."""
    given = {spec.name: getattr(args, spec.name) for spec in FILTERS if getattr(args, spec.name) is not None}
    for spec in FILTERS:
        if spec.kind == "list" and spec.name in given:
            given[spec.name] = split_list(given[spec.name])
    return given


def api_key_of(args: argparse.Namespace) -> str | None:
    """``--api-key`` (None: the client reads the environment's).

    Raises:
        UsageError: No key, neither given nor in the environment: nothing is sent.
    """
    api_key: str | None = getattr(args, "api_key", None)
    if not (api_key if api_key is not None else os.environ.get(API_KEY_ENV, "")).strip():
        raise UsageError(f"no API key: pass --api-key or set {API_KEY_ENV}")
    return api_key


@contextmanager
def client_for(args: argparse.Namespace, *, within: float | None = None) -> Iterator[EigenpalClient]:
    """The command's client; ``within``: seconds the whole command may take, which then bounds each call too."""
    api_key = api_key_of(args)
    timeout = DEFAULT_TIMEOUT if within is None else max(min(DEFAULT_TIMEOUT, within), _SHORTEST_CALL_SECONDS)
    with CliClient(
        api_key=api_key,
        base_url=getattr(args, "base_url", None),
        timeout=timeout,
        allow_insecure_http=bool(getattr(args, "allow_insecure_http", False)),
    ) as client:
        yield client


@contextmanager
def interruptible(run_ids: Sequence[str]) -> Iterator[None]:
    """Ctrl-C or a timeout inside the block stops a wait for these runs: either says that they go on (unless a
    timeout cancelled them) and the one command that waits again."""
    try:
        yield
    except Interrupted:
        raise
    except KeyboardInterrupt:
        raise Interrupted.waiting_for(run_ids) from None
    except EigenpalTimeoutError as exc:
        raise TimedOut.waiting_for(exc, run_ids) from exc


def budget_of(args: argparse.Namespace) -> Deadline | None:
    """The one deadline of a command that waits: ``--timeout`` from the command's first request."""
    return Deadline.after(SYSTEM_CLOCK, timeout_of(args)) if waits(args) else None
