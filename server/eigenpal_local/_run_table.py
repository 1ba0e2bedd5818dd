"""The runs the server knows, by id and in creation order: what a list request pages through.

Runs are added in creation order (their `seq` rises), so the order is a sorted list that a page finds its place in by
bisection, newest first or oldest first, without scanning the runs before its cursor.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from ._records import RunFilter, RunRecord


def _seq(run: RunRecord) -> int:
    return run.seq


class RunTable:
    """The runs by id, and in creation order."""

    def __init__(self) -> None:
        self._by_id: dict[str, RunRecord] = {}
        self._order: list[RunRecord] = []

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, run_id: object) -> bool:
        return run_id in self._by_id

    def __iter__(self) -> Iterator[RunRecord]:
        return iter(list(self._by_id.values()))

    def get(self, run_id: str) -> RunRecord | None:
        """The run with this id, or None."""
        return self._by_id.get(run_id)

    def add(self, run: RunRecord) -> None:
        """Adds a run newer than every run in the table."""
        self._by_id[run.id] = run
        self._order.append(run)

    def remove(self, run_id: str) -> RunRecord | None:
        """Forgets a run; returns it, or None when the table did not have it."""
        run = self._by_id.pop(run_id, None)
        if run is not None:
            index = bisect.bisect_left(self._order, run.seq, key=_seq)
            if index < len(self._order) and self._order[index] is run:
                del self._order[index]
        return run

    def page(
        self, run_filter: RunFilter, after_seq: int | None, limit: int, *, ascending: bool = False, offset: int = 0
    ) -> tuple[list[RunRecord], bool]:
        """Up to `limit` runs in creation order (newest first unless `ascending`), past the run numbered `after_seq`
        in that order, the first `offset` of them skipped; and whether more match."""
        page: list[RunRecord] = []
        for run in self._in_order(run_filter, after_seq, ascending):
            if offset:
                offset -= 1
                continue
            if len(page) == limit:
                return page, True
            page.append(run)
        return page, False

    def _in_order(self, run_filter: RunFilter, after_seq: int | None, ascending: bool) -> Iterator[RunRecord]:
        if run_filter.ids is not None:
            candidates: Iterable[RunRecord] = sorted(
                (run for run_id in run_filter.ids if (run := self._by_id.get(run_id)) is not None),
                key=_seq,
                reverse=not ascending,
            )
        elif ascending:
            start = 0 if after_seq is None else bisect.bisect_right(self._order, after_seq, key=_seq)
            candidates = (self._order[index] for index in range(start, len(self._order)))
        else:
            end = len(self._order) if after_seq is None else bisect.bisect_left(self._order, after_seq, key=_seq)
            candidates = (self._order[index] for index in range(end - 1, -1, -1))
        for run in candidates:
            if after_seq is not None and (run.seq <= after_seq if ascending else run.seq >= after_seq):
                continue
            if run_filter.matches(run):
                yield run
