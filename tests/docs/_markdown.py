"""Markdown as a CommonMark parser reads it (markdown-it-py, with GitHub's tables): the fenced blocks of a page, and
what a page would render wrongly, an unclosed fence that swallows the rest of it or a table that stays text.

Shared by the tests of the docs pages and of the README; mkdocs renders with Python-Markdown, whose fences and tables
follow the same rules for everything these pages use.
"""

from __future__ import annotations

import re

import attrs
from markdown_it import MarkdownIt
from markdown_it.token import Token

_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$")
"""A table's delimiter row (``|---|---|``): the line that makes the lines around it a table."""


def parse(text: str) -> list[Token]:
    """The block tokens of ``text``: CommonMark with tables."""
    return MarkdownIt("commonmark").enable("table").parse(text)


_NOTE = re.compile(r"^<!--(.*?)-->\s*$", re.DOTALL)
"""An HTML comment alone in its block (``<!-- expect: fail -->``): not rendered, read by the tests as a note."""


@attrs.frozen
class Fence:
    """One fenced code block: its info string's language, its text, the line it starts on (1-based), and the text of
    the HTML comment right before it (``expect: fail`` for ``<!-- expect: fail -->``; empty when there is none)."""

    language: str
    code: str
    line: int
    note: str = ""


def fences(text: str) -> list[Fence]:
    """The fenced code blocks of ``text``, in order."""
    found = []
    before: Token | None = None
    for token in parse(text):
        if token.type == "fence":
            note = _NOTE.match(before.content.strip()) if before is not None and before.type == "html_block" else None
            language = token.info.split()[0] if token.info.strip() else ""
            line = token.map[0] + 1 if token.map else 0
            found.append(Fence(language, token.content, line, note.group(1).strip() if note else ""))
        before = token
    return found


def render_problems(text: str) -> list[str]:
    """What would not render as written: fences never closed (the rest of the page becomes code), and table rows
    that are not in a rendered table. Empty when the page renders."""
    tokens = parse(text)
    lines = text.splitlines()
    problems = []
    in_code: set[int] = set()  # the lines of closed code blocks: an unclosed fence's table rows are still faults
    for token in tokens:
        if token.type not in ("fence", "code_block") or token.map is None:
            continue
        start, end = token.map
        closing = lines[end - 1].strip() if start < end - 1 < len(lines) else ""
        marker = token.markup[:1]
        if token.type == "fence" and not (closing.startswith(token.markup) and set(closing) <= {marker}):
            problems.append(f"line {start + 1}: the {token.markup}{token.info} fence is never closed")
        else:
            in_code.update(range(start, end))
    in_tables = {line for token in tokens if token.type == "table_open" and token.map for line in range(*token.map)}
    problems += [
        f"line {number + 1}: a table row that renders as text: {line.strip()!r}"
        for number, line in enumerate(lines)
        if _TABLE_RULE.match(line) and number not in in_tables and number not in in_code
    ]
    return problems
