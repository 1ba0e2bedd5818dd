"""``eigenpal batch --retry-failed``: which run each document's latest is, and which documents start anew.

Each try of a document has its own idempotency key: the first ``BATCH:INDEX``, the n-th retry ``BATCH:retryN:INDEX``
(the key of the batch ``BATCH:retryN``, so each try carries that batch's correlation tag). The runs of every try are
found by those tags, one list per try until a try has no runs, and a document's latest run is the one of its highest
try. A document whose latest run ended failed, cancelled or rejected is retried with the next try's key; every other
document (its latest run completed or still going, or no run yet) is run under its latest try's key, so that
``run_many`` adopts the run it has, or starts the first one. A retry killed half-way and run again finds the retries
it started under their try's tag and adopts them: no document is started twice by the same try.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from eigenpal_ext import EigenpalClient
from eigenpal_ext._core._batching import batch_keys
from eigenpal_ext._core._correlation import batch_tag, key_tag, started_indices
from eigenpal_ext._core._status import FAILURE_STATUSES
from eigenpal_ext._core._validation import MAX_LIMIT

__all__ = ["Latest", "Plan", "latest_runs", "plan", "try_key"]

_FAILED = frozenset(status.value for status in FAILURE_STATUSES)


def try_key(key: str, attempt: int) -> str:
    """The batch key of a try: ``key`` for the first, ``key:retryN`` for the n-th retry."""
    return key if attempt == 0 else f"{key}:retry{attempt}"


@attrs.frozen
class Latest:
    """A document's latest run: its try, id and status (the API's text)."""

    attempt: int
    run_id: str
    status: str


def latest_runs(client: EigenpalClient, key: str, todo: Iterable[int]) -> dict[int, Latest]:
    """The latest run of each document left to do that has one, over every try of the batch ``key``."""
    indices = list(todo)
    found: dict[int, Latest] = {}
    attempt = 0
    while indices:
        batch = try_key(key, attempt)
        # Found as run_many finds a resumed batch's runs: by the batch's tag, each run by its input's key tag.
        keys = batch_keys(batch, indices)
        key_tags = {key_tag(item_key): index for item_key, index in zip(keys, indices, strict=True)}
        listed = list(client.runs.iter(tag=batch_tag(batch), limit=MAX_LIMIT))
        started = started_indices(listed, key_tags)
        if not started:
            return found
        status_of = {item.id: item.execution.status for item in listed}
        found.update({index: Latest(attempt, run_id, str(status_of[run_id])) for index, run_id in started.items()})
        attempt += 1
    return found


@attrs.frozen
class Plan:
    """What each document left to do runs under.

    Attributes:
        tries: Try number to the documents run with that try's key (in the documents' order).
        reused: The documents that take an earlier run as it is (adopted: completed, going, or failed without
            ``--retry-failed``).
        retried: The documents whose latest run failed and that start anew.
    """

    tries: dict[int, list[int]]
    reused: list[int]
    retried: list[int]


def plan(todo: Iterable[int], latest: dict[int, Latest], retry_failed: bool) -> Plan:
    """Each document's try: the next one for a failed latest run when retrying, else its latest (0 for none)."""
    tries: dict[int, list[int]] = {}
    reused: list[int] = []
    retried: list[int] = []
    for index in todo:
        run = latest.get(index)
        if run is None:
            attempt = 0
        elif retry_failed and run.status in _FAILED:
            attempt = run.attempt + 1
            retried.append(index)
        else:
            attempt = run.attempt
            reused.append(index)
        tries.setdefault(attempt, []).append(index)
    return Plan(dict(sorted(tries.items())), reused, retried)
