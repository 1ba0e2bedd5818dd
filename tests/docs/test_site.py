"""What a reader of the built site relies on besides the pages' content: search that finds API names, a note where
search cannot work, and the package metadata that leads to the site."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tokens(text: str, separator: str) -> set[str]:
    """The words the site's search (lunr, in the browser) makes of ``text``: tags dropped, split, lower-cased."""
    plain = re.sub(r"<[^>]+>", " ", text)
    return {token.lower() for token in re.split(separator, plain) if token}


def test_searching_wait_finds_runs_wait_and_run_and_wait(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = index["config"]["separator"]
    found = {doc["location"] for doc in index["docs"] if "wait" in _tokens(doc["title"], separator)}
    assert "runs.html#eigenpal_ext._sync._resources.Runs.wait" in found
    assert "clients.html#eigenpal_ext.EigenpalClient.run_and_wait" in found
    assert any(location.startswith("guides/waiting.html#") and "runs" in location for location in found)
    # The names as users type them split into the words a search for either finds.
    assert {"runs", "wait"} <= _tokens("client.runs.wait(run_id)", separator)
    assert {"run", "and", "wait"} <= _tokens("run_and_wait", separator)
    assert "4.5" in _tokens("4.5 MiB", separator)  # numbers keep their decimal point


def test_where_search_does_not_work_is_said_with_the_command_that_serves_the_site() -> None:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in (index, readme):
        assert "file://" in text
        assert "scripts/docs --serve" in text
        assert "python -m http.server" in text


def test_the_package_metadata_links_the_repository_docs_issues_and_changelog() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    urls = project["urls"]
    assert set(urls) == {"Homepage", "Documentation", "Repository", "Issues", "Changelog"}
    assert all(url.startswith("https://") for url in urls.values())
    assert urls["Issues"].startswith(urls["Repository"]) and urls["Changelog"].endswith("CHANGELOG.md")
