"""mkdocs hooks of the reference site: the command line page shows the live ``eigenpal --help`` of every command.

``docs/cli.md`` holds the marker ``<!-- eigenpal --help -->``; at build time it becomes one section per command,
with the help text that ``eigenpal [COMMAND ...] --help`` prints, so the page cannot fall behind the parser. The
commands are read from the parser itself, so a new one appears without a change here.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
from collections.abc import Iterator
from typing import Any

MARKER = "<!-- eigenpal --help -->"
HELP_COLUMNS = "80"
"""The terminal width the help is rendered for, so the page is the same on every machine."""


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps the subparsers only here
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def commands() -> Iterator[list[str]]:
    """Every command line that has a help of its own: ``[]``, ``["run"]``, ``["runs", "list"]``, ..."""
    from eigenpal_ext.cli._parser import build_parser

    def walk(parser: argparse.ArgumentParser, words: list[str]) -> Iterator[list[str]]:
        yield words
        for name, sub in _subcommands(parser).items():
            yield from walk(sub, [*words, name])

    yield from walk(build_parser(), [])


def help_text(words: list[str]) -> str:
    """What ``eigenpal *words --help`` prints, at :data:`HELP_COLUMNS` columns and without colour."""
    from eigenpal_ext.cli import main

    saved = {name: os.environ.get(name) for name in ("COLUMNS", "NO_COLOR")}
    os.environ.update(COLUMNS=HELP_COLUMNS, NO_COLOR="1")
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main([*words, "--help"])
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return out.getvalue().rstrip() + "\n"


def cli_reference() -> str:
    """The Markdown that replaces :data:`MARKER`: a heading and a text block per command."""
    sections = []
    for words in commands():
        command = " ".join(["eigenpal", *words])
        sections.append(f"## `{command}`\n\n```text\n$ {command} --help\n{help_text(words)}```\n")
    return "\n".join(sections)


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """mkdocs' hook: fill in the command line page."""
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, cli_reference())
