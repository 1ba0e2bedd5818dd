"""Exactly once without a server idempotency key, pure: the tags that name a start, and what a lookup proves.

The real API documents no ``Idempotency-Key`` (REAL-API.md), so a start whose answer was lost cannot simply be
sent again: the first attempt may have made the run. Instead every start carries a *correlation tag* derived from
its key (tags are set at start, and ``GET /runs?tag=`` filters by one, exact and case-sensitive). Before a lost
start is sent again, the client lists the runs with that tag and adopts the one it finds, but only a run whose own
``tags`` hold the tag: a server that ignores the filter must not make the client adopt a stranger's run.

What a lookup can prove (:func:`judge_lookup`):

- a run that holds the tag: the lost attempt made it; adopt it;
- an empty page: no run holds the tag, so none was made (the filter is honoured, or the account has no runs at
  all); send the start again;
- anything else (runs that hold no ``tags`` at all: a server that keeps none; runs without the tag: a server that
  ignores the filter): nothing is proven either way, and the start is not sent again. The caller gets the error,
  with the key to resume by.

A rerun has no body, so it cannot carry a tag. What names it is the source run's ``execution.retry.nextRun``: read
before the first attempt, read again after a lost one (:func:`judge_rerun`).

A batch started with ``idempotency_key=K`` tags each run with its own key ``K:i`` and with the batch's tag, so that
the same batch run again finds every run it started with one list request per 100 (:func:`started_indices`).

The tags users see in the Eigenpal UI: ``eigenpal-ext:key:<32 hex digits>`` on every start and, on the runs of a
batch with a key, ``eigenpal-ext:batch:<32 hex digits>`` (the first 128 bits of the SHA-256 of the key). Clients
made with ``correlation_tags=False`` send neither; then a start is sent again only after a failure that proves it
made nothing (no connection, 429).
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

import attrs

__all__ = [
    "BATCH_TAG_PREFIX",
    "KEY_TAG_PREFIX",
    "Lookup",
    "Verdict",
    "batch_tag",
    "judge_batch",
    "judge_lookup",
    "judge_rerun",
    "key_tag",
    "next_run_of",
    "started_indices",
    "with_correlation",
]

KEY_TAG_PREFIX = "eigenpal-ext:key:"
"""The start of the tag that names one start (its idempotency key, hashed)."""
BATCH_TAG_PREFIX = "eigenpal-ext:batch:"
"""The start of the tag that names a batch started with a key."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def key_tag(idempotency_key: str) -> str:
    """The correlation tag of a start with this key."""
    return KEY_TAG_PREFIX + _digest(idempotency_key)


def batch_tag(idempotency_key: str) -> str:
    """The tag every run of the batch started with this key carries."""
    return BATCH_TAG_PREFIX + _digest(idempotency_key)


def with_correlation(tags: Sequence[str] | None, correlation: Sequence[str]) -> list[str] | None:
    """The caller's tags with the correlation tags after them (none repeated); ``None`` when there are none."""
    merged = list(dict.fromkeys([*(tags or ()), *correlation]))
    return merged or None


class _Tagged(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def tags(self) -> list[str] | None: ...


class Verdict(enum.Enum):
    """What a lookup for a lost start proved."""

    ADOPT = "adopt"
    """A run holds the start's tag: the lost attempt made it."""
    NONE_MADE = "none_made"
    """No run holds the tag and the server's answer shows the filter works: send the start again."""
    UNPROVEN = "unproven"
    """The server keeps no tags or ignores the filter: nothing is proven; do not send the start again."""


@attrs.frozen
class Lookup:
    """The verdict of a lookup, with the run to adopt and why.

    Attributes:
        verdict: What the lookup proved.
        run_id: The run to adopt (``ADOPT`` only).
        reason: For ``UNPROVEN``: what the server did that proves nothing, for the error the caller gets.
    """

    verdict: Verdict
    run_id: str | None = None
    reason: str = ""


def judge_lookup(items: Sequence[_Tagged], tag: str) -> Lookup:
    """What a ``GET /runs?tag=<tag>`` page proves about a start whose answer was lost.

    Args:
        items: The runs of the first page (newest first, as the API lists them).
        tag: The start's correlation tag.
    """
    holding = [item for item in items if isinstance(item.tags, list) and tag in item.tags]
    if holding:
        return Lookup(Verdict.ADOPT, holding[-1].id)  # the oldest of them: the first attempt's run
    if not items:
        return Lookup(Verdict.NONE_MADE)
    if any(not isinstance(item.tags, list) for item in items):
        return Lookup(Verdict.UNPROVEN, reason="the server keeps no tags, so it cannot say whether the run was made")
    return Lookup(
        Verdict.UNPROVEN, reason="the server ignored the tag filter, so it cannot say whether the run was made"
    )


def next_run_of(run: object) -> str | None:
    """The id of the run's ``execution.retry.nextRun`` (the rerun made from it), ``None`` when it has none or the
    answer does not say (a field that drifted from the document reads as none)."""
    retry = getattr(getattr(run, "execution", None), "retry", None)
    next_run = getattr(retry, "next_run", None)
    run_id = getattr(next_run, "id", None)
    return run_id if isinstance(run_id, str) else None


def judge_rerun(next_run_before: str | None, next_run_now: str | None) -> Lookup:
    """What the source run's ``execution.retry.nextRun`` proves about a rerun whose answer was lost.

    Args:
        next_run_before: The source's next run before the first attempt (``None``: it had none).
        next_run_now: The source's next run read after the lost attempt.
    """
    if next_run_now is not None and next_run_now != next_run_before:
        return Lookup(Verdict.ADOPT, next_run_now)
    return Lookup(Verdict.NONE_MADE)


def judge_batch(items: Sequence[_Tagged], tag: str) -> Lookup:
    """Whether a page of runs listed by a batch's tag can be trusted to hold every run of the batch: only when
    every run on it holds the tag (a server that keeps no tags, or ignores the filter, lists others)."""
    for item in items:
        if not isinstance(item.tags, list):
            return Lookup(Verdict.UNPROVEN, reason="the server keeps no tags, so no list says which inputs started")
        if tag not in item.tags:
            return Lookup(Verdict.UNPROVEN, reason="the server ignored the tag filter, so no list says which started")
    return Lookup(Verdict.NONE_MADE)


def started_indices(items: Iterable[_Tagged], key_tags: Mapping[str, int]) -> dict[int, str]:
    """The inputs of a batch that already have a run, from the runs listed by the batch's tag.

    Only runs whose own tags hold an input's key tag count (a server that ignores the filter lists strangers too);
    when two runs hold the same key tag, the first listed wins for now and the later (older) one replaces it, so the
    oldest is kept, as :func:`judge_lookup` does.

    Args:
        items: Every run listed with ``tag=<batch tag>``, over all pages.
        key_tags: Each input's key tag, to its index.

    Returns:
        Index to run id.
    """
    found: dict[int, str] = {}
    for item in items:
        if not isinstance(item.tags, list):
            continue
        for tag in item.tags:
            index = key_tags.get(tag)
            if index is not None:
                found[index] = item.id
    return found
