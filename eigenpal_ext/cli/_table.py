"""Tables that fit where they are drawn.

On a terminal, a table keeps the columns that fit its width and lets the others give way in a set order: free text
(an error, a message, tags) is cut with an ellipsis first and dropped first, ids and statuses last, so that at 80
columns (or 60) a list still says which run is which and how it stands. Anywhere else (a pipe, a file) a table is
plain tab-separated rows under a header row: every column, every value whole, no padding and no colour, for ``cut``,
``awk`` and spreadsheets (a tab or a line break inside a value becomes a space). ``--json`` stays the machine format.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

import attrs
from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

__all__ = ["Column", "FitTable"]

_CUT_MIN = 12
"""The narrowest a free-text column is cut to before it is dropped instead."""
_UNBOUNDED = 1_000_000


@attrs.frozen
class Column:
    """A column of a :class:`FitTable`.

    Attributes:
        heading: Its header.
        rank: When it gives way on a narrow terminal: the lowest rank first (among equal ranks, the rightmost).
        cut: Free text, cut with an ellipsis to make room before it is dropped (else the column stays whole or goes).
        wrap: Long values wrap onto more lines instead (a run's output fields).
        justify: ``left`` or ``right`` (amounts).
    """

    heading: str
    rank: int
    cut: bool = False
    wrap: bool = False
    justify: Literal["left", "right"] = "left"


def _plain(cell: RenderableType) -> str:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return " ".join(text.replace("\t", " ").splitlines()) if ("\t" in text or "\n" in text) else text


class FitTable:
    """Rows under headings, drawn to fit a terminal, or as tab-separated text anywhere else.

    Args:
        columns: The columns, in the order they are shown.
        title: A line above the table.
        grid: Name and value rows with no header or rules (on a terminal every column shows, values wrap).
    """

    def __init__(self, columns: Sequence[Column], *, title: str | None = None, grid: bool = False) -> None:
        self.columns = list(columns)
        self.title = title
        self.grid = grid
        self.rows: list[tuple[RenderableType, ...]] = []

    def add_row(self, *cells: RenderableType) -> None:
        """One row, a cell per column (text or rich ``Text``)."""
        self.rows.append(cells)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType | Segment]:
        if not console.is_terminal:
            yield from self._tab_separated()
            return
        shown = self.shown(console, options)
        yield self._drawn(console, options, shown, cuts=None if self.grid else self._cuts(console, options, shown))

    def shown(self, console: Console, options: ConsoleOptions) -> list[int]:
        """The positions of the columns that fit ``options.max_width`` on ``console``."""
        kept = list(range(len(self.columns)))
        if self.grid:
            return kept
        order = sorted(kept, key=lambda index: (self.columns[index].rank, -index))
        for dropped in range(len(order)):
            candidate = [index for index in kept if index not in order[:dropped]]
            if self._width(console, options, candidate, {}) <= options.max_width:
                return candidate
        return [order[-1]]

    def _width(self, console: Console, options: ConsoleOptions, shown: list[int], cuts: dict[int, int]) -> int:
        """How wide the table is with these columns, its free-text columns cut to ``cuts`` (else to the least)."""
        unbounded = options.update(max_width=_UNBOUNDED)  # a measure is clamped to the width it is given
        return Measurement.get(console, unbounded, self._drawn(console, options, shown, cuts=cuts)).maximum

    def _cuts(self, console: Console, options: ConsoleOptions, shown: list[int]) -> dict[int, int]:
        """The width of each free-text column: the room left is shared out, the higher-ranked columns first (rich
        would otherwise take it from every column alike, an id and a status too)."""
        room = options.max_width - self._width(console, options, shown, {})
        cuts: dict[int, int] = {}
        for index in sorted(shown, key=lambda index: -self.columns[index].rank):
            column = self.columns[index]
            if column.cut or column.wrap:
                floor = min(self._natural(index), _CUT_MIN)
                extra = max(0, min(self._natural(index) - floor, room))
                cuts[index] = floor + extra
                room -= extra
        return cuts

    def _natural(self, index: int) -> int:
        widths = [cell_len(_plain(row[index])) for row in self.rows]
        return max([cell_len(self.columns[index].heading), *widths])

    def _drawn(
        self, console: Console, options: ConsoleOptions, shown: list[int], *, cuts: dict[int, int] | None
    ) -> Table:
        """The rich table of the ``shown`` columns; ``cuts``: the width of each free-text column (one not named is
        at its narrowest); ``None``: let them be as wide as they are (a grid)."""
        if self.grid:
            table = Table.grid(padding=(0, 2))
            table.title, table.title_justify = self.title, "left"
        else:
            table = Table(title=self.title, box=box.SIMPLE_HEAVY, title_justify="left")
        for index in shown:
            column = self.columns[index]
            natural = self._natural(index)
            justify = column.justify
            style = "bold" if self.grid and index == 0 else None
            if cuts is None:
                table.add_column(column.heading, justify=justify, style=style)
            elif column.wrap or column.cut:
                width = cuts.get(index, min(natural, _CUT_MIN))
                overflow: Literal["fold", "ellipsis"] = "fold" if column.wrap else "ellipsis"
                table.add_column(
                    column.heading, justify=justify, no_wrap=not column.wrap, overflow=overflow, width=width
                )
            else:  # an id, a status, a time: whole, or not at all (an id cut short cannot be copied)
                table.add_column(column.heading, justify=justify, no_wrap=True, min_width=natural)
        for row in self.rows:
            table.add_row(*(row[index] for index in shown))
        return table

    def _tab_separated(self) -> Iterator[Segment]:
        if self.title:
            yield Segment(self.title)
            yield Segment.line()
        lines = [] if self.grid else [[column.heading for column in self.columns]]
        lines.extend([_plain(cell) for cell in row] for row in self.rows)
        for cells in lines:
            yield Segment("\t".join(cells))
            yield Segment.line()
