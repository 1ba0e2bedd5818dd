"""Argument checks, pure and shared by the sync and the async client.

Each check either returns the value in the form the generated layer takes or raises
:class:`~eigenpal_ext.InvalidArgumentError` naming the argument, so bad input is refused before any request.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from eigenpal_api.models.execution_status import ExecutionStatus
from eigenpal_api.models.run_type import RunType

from ._errors import InvalidArgumentError

__all__ = [
    "EXPAND_TOKENS",
    "MAX_CURSOR_LENGTH",
    "MAX_HOLD_START_SECONDS",
    "MAX_IDS",
    "MAX_LIMIT",
    "MAX_TAGS",
    "MAX_TAG_LENGTH",
    "check_artifact_path",
    "check_cursor",
    "check_encodable",
    "check_expand",
    "check_hold",
    "check_idempotency_key",
    "check_ids",
    "check_limit",
    "check_run_id",
    "check_run_type",
    "check_seconds",
    "check_statuses",
    "check_tag",
    "check_tags",
    "check_target",
    "check_text",
    "cursor_problem",
]

# The bounds of the real API (openapi/eigenpal.yaml; tags: the official SDKs and CLI, REAL-API.md).
MAX_LIMIT = 100
MAX_IDS = 100
MAX_TAGS = 100
MAX_TAG_LENGTH = 256
MAX_HOLD_START_SECONDS = 600
MAX_CURSOR_LENGTH = 8192
"""The longest page cursor sent: it goes in the URL, which servers and proxies cap near 8 KiB (httpx refuses past
64 KiB with a bare ``InvalidURL``)."""
_MAX_IDEMPOTENCY_KEY_LENGTH = 255

EXPAND_TOKENS = ("input", "usage", "execution", "debug")
"""The sections ``GET /v1/runs/{id}?expand=`` adds (the document types ``expand`` as text and lists these)."""

# `workflows.<slug>` or `agents.<slug>` (slugs may hold dots), or a bare workflow id such as `wf_abc`. An id is
# taken to be a prefix, an underscore and the rest (a guess from the ids the docs show): a bare `sleep` is refused
# with a hint, rather than sent to become a 404.
_TARGET = re.compile(r"(workflows|agents)\.[A-Za-z0-9][A-Za-z0-9_.-]*|[A-Za-z0-9]+_[A-Za-z0-9_-]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_STATUS_BY_VALUE = {status.value: status for status in ExecutionStatus}
_TYPE_BY_VALUE = {kind.value: kind for kind in RunType}


def check_encodable(value: str, argument: str) -> str:
    """Text that UTF-8 can carry: no lone surrogate (``"\\ud800"``, as a bad decode or a cut emoji leaves).

    httpx encodes JSON and URLs as UTF-8 only when it sends, and its ``UnicodeEncodeError`` would come out of the
    request as if the server's answer were at fault.
    """
    if not value.isascii() and _SURROGATE.search(value) is not None:
        raise InvalidArgumentError(argument, "holds a lone surrogate (a broken character), which UTF-8 cannot carry")
    return value


def check_text(value: object, argument: str, *, max_length: int | None = None) -> str:
    """A non-blank string UTF-8 can carry, at most ``max_length`` characters."""
    if not isinstance(value, str):
        raise InvalidArgumentError(argument, f"must be a string, not {type(value).__name__}")
    if not value.strip():
        raise InvalidArgumentError(argument, "must not be empty or blank")
    if max_length is not None and len(value) > max_length:
        raise InvalidArgumentError(argument, f"must be at most {max_length} characters, not {len(value)}")
    return check_encodable(value, argument)


def _check_segment(value: str, argument: str, what: str) -> str:
    # A path segment of `.` or `..` is removed by URL normalisation (httpx's included), so the request would go to
    # another endpoint: `runs.cancel("..")` would post to `/v1/cancel`.
    if value in (".", ".."):
        raise InvalidArgumentError(argument, f"{value!r} is not {what}: it would change the request's path")
    if _CONTROL.search(value) is not None:
        raise InvalidArgumentError(argument, f"must not hold control characters, as {value!r} does")
    return value


def check_run_id(value: object, argument: str = "run_id") -> str:
    """A run id: a non-blank string that is one URL path segment as it is (no ``/``, ``\\``, ``.`` or ``..``).

    The generated layer quotes a ``/`` as ``%2F``, but servers and proxies that decode it would route the request
    elsewhere; no run id holds one.
    """
    run_id = _check_segment(check_text(value, argument), argument, "a run id")
    if "/" in run_id or "\\" in run_id:
        raise InvalidArgumentError(argument, f"a run id holds no slash or backslash, as {run_id!r} does")
    return run_id


def check_artifact_path(value: object) -> str:
    """An artifact's path as the artifact list gave it: sent as one quoted segment, so ``a/b.json`` is kept, but a
    path that is only ``.`` or ``..`` would leave the artifacts route."""
    return _check_segment(check_text(value, "path"), "path", "an artifact path")


def check_target(value: object) -> str:
    """An automation to run: ``workflows.<slug>``, ``agents.<slug>`` (a slug may hold dots) or a bare workflow id."""
    target = check_text(value, "target")
    if _TARGET.fullmatch(target) is None or target.endswith("."):
        raise InvalidArgumentError(
            "target", f"must be 'workflows.<slug>', 'agents.<slug>' or a workflow id such as 'wf_abc', not {target!r}"
        )
    return target


def _as_list(value: str | Iterable[str], argument: str) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")]
    if isinstance(value, bytes | bytearray) or not isinstance(value, Iterable):
        raise InvalidArgumentError(argument, "must be a string or a list of strings")
    items = list(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidArgumentError(argument, f"must hold strings, not {type(item).__name__}")
    return items


def check_expand(value: str | Iterable[str] | None) -> list[str] | None:
    """Expand tokens (a list, or one comma-separated string) out of ``input``, ``usage``, ``execution``, ``debug``."""
    if value is None:
        return None
    tokens: list[str] = []
    for item in _as_list(value, "expand"):
        if item not in EXPAND_TOKENS:
            raise InvalidArgumentError("expand", f"unknown token {item!r}; known: {', '.join(EXPAND_TOKENS)}")
        if item not in tokens:
            tokens.append(item)
    return tokens or None


def check_statuses(value: str | Iterable[str] | None, argument: str = "status") -> list[ExecutionStatus] | None:
    """Statuses to filter by: one, a comma-separated string, or a list."""
    if value is None:
        return None
    statuses: list[ExecutionStatus] = []
    for item in _as_list(value, argument):
        status = _STATUS_BY_VALUE.get(item)
        if status is None:
            known = ", ".join(_STATUS_BY_VALUE)
            raise InvalidArgumentError(argument, f"unknown status {item!r}; known: {known}")
        if status not in statuses:
            statuses.append(status)
    if not statuses:
        raise InvalidArgumentError(argument, "must name at least one status")
    return statuses


def check_run_type(value: str | None) -> RunType | None:
    """``workflow`` or ``agent``."""
    if value is None:
        return None
    kind = _TYPE_BY_VALUE.get(value) if isinstance(value, str) else None
    if kind is None:
        raise InvalidArgumentError("type", f"must be 'workflow' or 'agent', not {value!r}")
    return kind


def check_limit(value: int | None) -> int | None:
    """A page size from 1 to 100."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError("limit", f"must be a whole number, not {type(value).__name__}")
    if not 1 <= value <= MAX_LIMIT:
        raise InvalidArgumentError("limit", f"must be from 1 to {MAX_LIMIT}, not {value}")
    return value


def check_seconds(value: float, argument: str, *, positive: bool = False) -> float:
    """A duration in seconds: a finite number, not negative (or above zero with ``positive``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgumentError(argument, f"must be a number of seconds, not {type(value).__name__}")
    if math.isnan(value) or math.isinf(value):
        raise InvalidArgumentError(argument, f"must be a finite number of seconds, not {value}")
    if value < 0 or (positive and value == 0):
        raise InvalidArgumentError(argument, f"must be {'above' if positive else 'at least'} 0 seconds, not {value}")
    return float(value)


def check_hold(value: float | None, maximum: int, argument: str = "wait_for_completion") -> int | None:
    """A server hold in whole seconds (a fraction rounds up), from 0 to ``maximum``."""
    if value is None:
        return None
    seconds = check_seconds(value, argument)
    if seconds > maximum:
        raise InvalidArgumentError(argument, f"must be from 0 to {maximum} seconds, not {value}")
    return math.ceil(seconds)


def check_tag(value: object, argument: str = "tag") -> str:
    """One tag: 1 to 256 characters (exact and case-sensitive)."""
    if not isinstance(value, str):
        raise InvalidArgumentError(argument, f"must be a string, not {type(value).__name__}")
    if not 1 <= len(value) <= MAX_TAG_LENGTH:
        raise InvalidArgumentError(argument, f"must be 1 to {MAX_TAG_LENGTH} characters, not {len(value)}")
    return check_encodable(value, argument)


def check_tags(value: Sequence[str] | None, argument: str = "tags") -> list[str] | None:
    """A set of tags: at most 100, each 1 to 256 characters; duplicates dropped, order kept."""
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidArgumentError(argument, "must be a list of strings (not one string)")
    tags: list[str] = []
    for index, tag in enumerate(value):
        checked = check_tag(tag, f"{argument}[{index}]")
        if checked not in tags:
            tags.append(checked)
    if len(tags) > MAX_TAGS:
        raise InvalidArgumentError(argument, f"at most {MAX_TAGS} tags, not {len(tags)}")
    return tags


def check_ids(value: Sequence[str] | None, argument: str = "ids") -> list[str] | None:
    """Run ids: 1 to 100 non-blank strings; duplicates dropped, order kept."""
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidArgumentError(argument, "must be a list of run ids (not one string)")
    ids: list[str] = []
    seen: set[str] = set()
    for index, run_id in enumerate(value):
        checked = check_run_id(run_id, f"{argument}[{index}]")
        if checked not in seen:
            seen.add(checked)
            ids.append(checked)
    if not ids:
        raise InvalidArgumentError(argument, "must name at least one run")
    if len(ids) > MAX_IDS:
        raise InvalidArgumentError(argument, f"at most {MAX_IDS} ids per request, not {len(ids)}")
    return ids


def cursor_problem(value: str) -> str | None:
    """What makes a page cursor unfit to send in a URL (too long, control characters, a lone surrogate), or None."""
    if len(value) > MAX_CURSOR_LENGTH:
        return f"is {len(value)} characters long, over the {MAX_CURSOR_LENGTH} a URL can carry"
    if _CONTROL.search(value) is not None or (not value.isascii() and _SURROGATE.search(value) is not None):
        return "holds control characters or a lone surrogate"
    return None


def check_cursor(value: str | None) -> str | None:
    """A page cursor, as ``next_cursor`` gave it."""
    if value is None:
        return None
    cursor = check_text(value, "cursor")
    problem = cursor_problem(cursor)
    if problem is not None:
        raise InvalidArgumentError("cursor", problem)
    return cursor


def check_idempotency_key(value: str | None) -> str | None:
    """A caller's idempotency key: 1 to 255 printable ASCII characters."""
    if value is None:
        return None
    key = check_text(value, "idempotency_key", max_length=_MAX_IDEMPOTENCY_KEY_LENGTH)
    if not key.isascii() or not key.isprintable():
        raise InvalidArgumentError("idempotency_key", "must be printable ASCII")
    return key
