"""README.md renders as its author meant: it is parsed with a CommonMark parser (markdown-it-py, with the GFM table
rule GitHub applies), as GitHub and PyPI render it, not scanned line by line.

An unclosed fence turns the rest of the file into one code block (its tables and headings vanish); a table with a
broken row renders as a paragraph of pipes; a paragraph pasted twice reads as a mistake.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from markdown_it.token import Token

from ._markdown import parse, render_problems

README = Path(__file__).resolve().parents[2] / "README.md"
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return README.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def tokens(lines: list[str]) -> list[Token]:
    return parse("\n".join(lines) + "\n")


def _fences(tokens: list[Token]) -> list[Token]:
    return [token for token in tokens if token.type == "fence" and token.map is not None]


def test_every_fence_is_closed_and_every_table_renders(lines: list[str]) -> None:
    assert render_problems("\n".join(lines) + "\n") == []


def test_what_follows_the_last_fence_is_not_code(lines: list[str], tokens: list[Token]) -> None:
    fences = _fences(tokens)
    assert fences, "README.md has no code block at all"
    last = fences[-1].map
    assert last is not None
    assert last[1] < len(lines), "the last fence runs to the end of the file"
    prose = {"heading_open", "paragraph_open", "table_open", "bullet_list_open"}
    after = [token for token in tokens if token.type in prose and token.map and token.map[0] >= last[1]]
    assert after, "nothing but code after the last fence"


def test_every_table_keeps_all_its_rows(lines: list[str], tokens: list[Token]) -> None:
    tables = [token.map for token in tokens if token.type == "table_open" and token.map]
    assert tables, "README.md has no table: the check would prove nothing"
    # a table's every row is part of it: a row the parser left out (a missing pipe) shows as text below the table
    for _start, after in tables:
        assert after >= len(lines) or not TABLE_ROW.match(lines[after]), f"README.md:{after + 1} left the table"


def test_no_paragraph_appears_twice(tokens: list[Token]) -> None:
    """Nor a sentence of one in another: a paragraph pasted twice and edited once is still pasted twice."""
    paragraphs = [
        " ".join(tokens[index + 1].content.split())
        for index, token in enumerate(tokens)
        if token.type in ("paragraph_open", "list_item_open") and tokens[index + 1].type == "inline"
    ]
    repeated = [text[:80] for text, count in Counter(paragraphs).items() if count > 1 and len(text) > 40]
    assert not repeated
    sentences = Counter(
        sentence
        for paragraph in set(paragraphs)
        for sentence in {part.strip() for part in re.split(r"(?<=[.;:])\s+", paragraph)}
        if len(sentence) > 60
    )
    assert not [sentence for sentence, count in sentences.items() if count > 1]


def test_the_readme_says_what_each_command_costs(lines: list[str]) -> None:
    section = "\n".join(lines[lines.index("## Two commands") : lines.index("## Using the library")])
    for command in ("./scripts/demo", "./scripts/test"):
        assert command in section
    assert re.search(r"first run.{0,200}?\b\d+ (s|seconds|minutes?)\b", section, re.DOTALL), (
        "how long the first run takes"
    )
    assert re.search(r"demo[^.]*\b\d+ (s|seconds)\b", section), "how long the demo takes"
    assert re.search(r"suite[^.]*\b\d+ minutes\b", section), "how long the test suite takes"
