"""The reference site documents the whole public surface, under its public names, and its CLI page is the live help.

The site is built once for the session by ``conftest.py``, as ``scripts/docs`` builds it (mkdocs, strict), or taken
from where ``scripts/test`` built it (``EIGENPAL_BUILT_SITE``); the checks read the HTML. Every documented
object has a heading whose ``id`` is its path (mkdocstrings' anchors), so "documented" means that heading exists,
not that the name occurs somewhere in the text.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

import eigenpal_ext
import eigenpal_ext.testing
import eigenpal_ext.types
from eigenpal_ext import AsyncEigenpalClient, EigenpalClient

ROOT = Path(__file__).resolve().parents[2]
HELP_COLUMNS = "80"  # docs/_tools/hooks.py renders the help at this width


class _Page(HTMLParser):
    """The anchors, headings and code blocks of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.headings: dict[str, str] = {}  # by id; the text includes the labels (``async``, ``property``)
        self.blocks: list[str] = []
        self._heading: list[str] | None = None
        self._heading_id = ""
        self._block: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs).get("id")
        if found:
            self.ids.add(found)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading, self._heading_id = [], found or ""
        elif tag == "pre":
            self._block = []

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings[self._heading_id] = " ".join("".join(self._heading).replace("\N{PILCROW SIGN}", "").split())
            self._heading = None
        elif tag == "pre" and self._block is not None:
            self.blocks.append("".join(self._block))
            self._block = None

    def handle_data(self, data: str) -> None:
        for sink in (self._heading, self._block):
            if sink is not None:
                sink.append(data)


@pytest.fixture(scope="module")
def site(built_site: Path) -> dict[str, _Page]:
    """Every page of the built site (tests/docs/conftest.py builds it), by file name; the guides under guides/."""
    pages = {}
    for path in sorted(built_site.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(built_site).as_posix()] = page
    return pages


def _documented(site: dict[str, _Page]) -> set[str]:
    return set().union(*(page.ids for page in site.values()))


def _public(obj: object) -> Iterator[str]:
    """The public attributes and methods of an object, its instance attributes included."""
    return (name for name in dir(obj) if not name.startswith("_"))


def test_every_exported_name_is_documented_under_its_public_path(site: dict[str, _Page]) -> None:
    documented = _documented(site)
    missing = [f"eigenpal_ext.{name}" for name in eigenpal_ext.__all__ if f"eigenpal_ext.{name}" not in documented]
    missing += [
        f"eigenpal_ext.testing.{name}"
        for name in eigenpal_ext.testing.__all__
        if f"eigenpal_ext.testing.{name}" not in documented
    ]
    assert not missing


def test_every_model_of_eigenpal_ext_types_is_documented_there_or_in_eigenpal_ext(site: dict[str, _Page]) -> None:
    documented = _documented(site)
    missing = [
        f"eigenpal_ext.types.{name}"
        for name in eigenpal_ext.types.__all__
        if not {f"eigenpal_ext.types.{name}", f"eigenpal_ext.{name}"} & documented
    ]
    assert not missing


@pytest.fixture(scope="module")
def clients() -> Iterator[tuple[EigenpalClient, AsyncEigenpalClient]]:
    """One client of each kind (nothing is sent when a client is made)."""
    client = EigenpalClient(api_key="k", base_url="http://127.0.0.1:9")
    async_client = AsyncEigenpalClient(api_key="k", base_url="http://127.0.0.1:9")
    yield client, async_client
    client.close()
    asyncio.run(async_client.close())


def _path(obj: object) -> str:
    return f"{type(obj).__module__}.{type(obj).__qualname__}"


def _surfaces(clients: tuple[EigenpalClient, AsyncEigenpalClient]) -> Iterator[tuple[str, object]]:
    """What users reach from a client, with the anchor of its heading: public names where it has one, else the
    class's own path (``client.runs`` is a ``Runs`` of ``eigenpal_ext._sync._resources``)."""
    client, async_client = clients
    yield "eigenpal_ext.EigenpalClient", client
    yield "eigenpal_ext.AsyncEigenpalClient", async_client
    for reached in (client, async_client):
        yield from ((_path(obj), obj) for obj in (reached.runs, reached.runs.artifacts))
        reviews = reached.runs.reviews
        yield from ((_path(obj), obj) for obj in (reviews, reviews.expected, reviews.expected.file))
        yield from ((_path(obj), obj) for obj in (reached.workflows, reached.workflows.executions))
        yield _path(reached.files), reached.files
    yield "eigenpal_ext.RunHandle", client.runs.handle("run_docs")
    yield "eigenpal_ext.AsyncRunHandle", async_client.runs.handle("run_docs")


def test_every_public_method_of_the_clients_and_their_resources_is_documented(
    site: dict[str, _Page], clients: tuple[EigenpalClient, AsyncEigenpalClient]
) -> None:
    documented = _documented(site)
    missing = []
    for anchor, obj in _surfaces(clients):
        assert anchor in documented, anchor
        missing += [f"{anchor}.{name}" for name in _public(obj) if f"{anchor}.{name}" not in documented]
    assert not missing


def _is_coroutine(attribute: object) -> bool:
    """A coroutine function (every call of the clients is a method: ``run_and_wait`` too)."""
    return inspect.iscoroutinefunction(attribute)


def test_the_async_methods_are_labelled_async_and_the_sync_ones_not(
    site: dict[str, _Page], clients: tuple[EigenpalClient, AsyncEigenpalClient]
) -> None:
    headings = {anchor: text for page in site.values() for anchor, text in page.headings.items()}
    labels = {}
    for anchor, obj in _surfaces(clients):
        for name in _public(obj):
            attribute = getattr(obj, name)
            if callable(attribute):
                labels[f"{anchor}.{name}"] = (_is_coroutine(attribute), headings[f"{anchor}.{name}"].endswith(" async"))
    assert sum(is_async for is_async, _ in labels.values()) > 20  # the async surface was found
    assert [anchor for anchor, (is_async, labelled) in labels.items() if is_async != labelled] == []


def test_headings_show_public_names(site: dict[str, _Page]) -> None:
    private = [
        f"{name}: {heading!r}"
        for name, page in site.items()
        for heading in page.headings.values()
        if re.search(r"(^|[\s.])_(?!_version__)", heading)
    ]
    assert not private


def test_the_python_examples_of_the_pages_are_python() -> None:
    examples = {
        f"{page.name} #{number}": code
        for page in sorted((ROOT / "docs").glob("*.md"))
        for number, code in enumerate(re.findall(r"^```python\n(.*?)^```", page.read_text(), re.DOTALL | re.MULTILINE))
    }
    assert len(examples) >= 3
    for name, code in examples.items():
        compile(code, name, "exec", flags=ast.PyCF_ONLY_AST)


def test_the_client_page_shows_each_method_with_its_signature(site: dict[str, _Page]) -> None:
    blocks = "\n".join(site["clients.html"].blocks)
    for signature in ("run(", "run_and_wait(", "close()", "aclose()", "EigenpalClient(", "AsyncEigenpalClient("):
        assert signature in blocks


_HELP_ENV = {"COLUMNS": HELP_COLUMNS, "NO_COLOR": "1"}

# Prints what `eigenpal WORDS --help` prints for each list of words given as JSON, one JSON string a line: the
# same `main` as the `eigenpal` script, in one interpreter rather than one per command (each start costs 0.5 s).
_PRINT_HELPS = """
import contextlib, io, json, sys
from eigenpal_ext.cli import main
for words in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main([*words, "--help"])
    print(json.dumps(out.getvalue()))
"""


def _run(command: list[str]) -> str:
    env = {**os.environ, **_HELP_ENV}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)  # noqa: S603 - our own interpreter, fixed arguments
    assert done.returncode == 0, done.stderr
    return done.stdout


def _live_help(words: list[str]) -> str:
    """What ``eigenpal WORDS --help`` prints, run as a user runs it."""
    return _run([sys.executable, "-m", "eigenpal_ext.cli", *words, "--help"]).rstrip()


def _live_helps(commands: list[str]) -> dict[str, str]:
    """What ``eigenpal COMMAND --help`` prints, for many commands."""
    printed = _run([sys.executable, "-c", _PRINT_HELPS, json.dumps([command.split() for command in commands])])
    return {command: json.loads(line).rstrip() for command, line in zip(commands, printed.splitlines(), strict=True)}


def _listed_commands(help_text: str, section: str) -> list[str]:
    """The command words a help lists under ``section:`` (argparse's subcommand listing, four spaces in)."""
    listing = help_text.split(f"\n{section}:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^ {4}(\S+)", listing, flags=re.MULTILINE)


def test_the_command_line_page_is_the_live_help_of_every_command(site: dict[str, _Page]) -> None:
    shown = {}
    for block in site["cli.html"].blocks:
        first, _, rest = block.partition("\n")
        found = re.fullmatch(r"\$ eigenpal(.*) --help", first)
        if found:
            shown[found[1].strip()] = rest.rstrip()
    top = _live_help([])
    groups = {"runs": _live_help(["runs"]), "webhooks": _live_help(["webhooks"])}  # commands with verbs of their own
    commands = [
        *_listed_commands(top, "commands"),
        *(f"{group} {verb}" for group, text in groups.items() for verb in _listed_commands(text, f"{group} commands")),
    ]
    assert "serve" in commands and "runs list" in commands and "webhooks sign" in commands  # the listings were read
    assert sorted(shown) == sorted(["", *commands])
    live = {"": top, **groups, **_live_helps([command for command in commands if command not in groups])}
    differing = [command for command in shown if shown[command] != live[command]]
    assert not differing, f"the page differs from the live help of: {differing}"
