"""When a walk over the pages of a run list stops; pure, shared by ``runs.iter``, ``runs.handles`` and
``runs.cancel_many`` of both clients.

The server's ``nextCursor`` alone cannot be trusted to end a walk: a server that hands out a fresh cursor with every
page, even an empty one, would keep a loop asking forever (14,701 requests in 8 s, and ``cancel_many`` never
returns). So a walk ends at a page without runs, at a cursor it was given before, and raises after
:data:`MAX_PAGES` pages.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from ._errors import APIResponseValidationError

if TYPE_CHECKING:
    from eigenpal_api.models.runs_list_response import RunsListResponse

__all__ = ["MAX_PAGES", "PageWalk"]

MAX_PAGES = 10_000
"""The most pages one walk reads: a million runs at the real API's largest page (100), far more than one loop over
runs should see; narrow the filters (by date, say) to walk further."""


class PageWalk:
    """One walk over a run list: which cursor to follow after each page, if any."""

    __slots__ = ("_max_pages", "_pages", "_seen")

    def __init__(self, max_pages: int | None = None) -> None:
        self._max_pages = MAX_PAGES if max_pages is None else max_pages
        self._pages = 0
        # Digests, not the cursors: a server's cursors may be long, and a walk may see thousands of them.
        self._seen: set[bytes] = set()

    def next_cursor(self, page: RunsListResponse) -> str | None:
        """The cursor to read the next page with, or ``None`` when the walk is over.

        Raises:
            APIResponseValidationError: The walk has read :data:`MAX_PAGES` pages and the server still offers more.
        """
        self._pages += 1
        cursor = page.next_cursor
        if not page.runs or not isinstance(cursor, str) or not cursor:
            return None  # an empty page ends the walk, whatever cursor came with it
        digest = hashlib.blake2b(cursor.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if digest in self._seen:
            return None  # a cursor given before would walk the same pages again, forever
        if self._pages >= self._max_pages:
            raise APIResponseValidationError(
                f"the run list still offered a next page after {self._pages} pages, the most one walk reads; "
                "narrow the filters (from_date, to_date, status, tag) to walk further"
            )
        self._seen.add(digest)
        return cursor
