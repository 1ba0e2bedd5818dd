"""Every page of the site renders as written: no fence left open (the rest of the page would become one code
block), no table left as text. Read with a CommonMark parser (``_markdown``), over docs/ and its subfolders."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._markdown import render_problems

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


def test_the_pages_are_found() -> None:
    assert len(PAGES) >= 15 and DOCS / "guides" / "getting-started.md" in PAGES


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(DOCS).as_posix())
def test_the_page_renders_with_every_fence_closed_and_every_table_a_table(page: Path) -> None:
    assert render_problems(page.read_text(encoding="utf-8")) == []


def test_a_broken_page_is_caught() -> None:
    """The checks see the two faults issue 25 found in the README: a stray fence, and a table after it."""
    broken = "# Page\n\n```bash\nrun it\n\n## Later\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert len(render_problems(broken)) == 2
    assert render_problems(broken.replace("run it\n", "run it\n```\n")) == []
