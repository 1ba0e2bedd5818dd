"""Where a command's results go: one JSON document on stdout (``--json``), or tables and colour for a person.

rich is imported only when something is drawn for a person, and its console is left to detect the terminal
(``force_terminal=None``): piped into a file or another program, the output is plain text with no escape codes, and
as wide as its values: nothing is wrapped or cut at 80 columns (or ``$COLUMNS``), so an id, a cursor or an error
message reaches ``grep`` and ``cut`` whole.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any, TextIO

from eigenpal_ext._core._redact import redact, remember_key
from eigenpal_ext._transport._config import API_KEY_ENV

from ._answers import Answers

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

__all__ = ["Output", "keys_in_use"]


def keys_in_use(args: argparse.Namespace) -> tuple[str, ...]:
    """The API keys a command may send, wherever they came from (``--api-key``, ``EIGENPAL_API_KEY``): never to be
    printed. Each is also remembered by the library, so that its errors mask it from the start."""
    given: str | None = getattr(args, "api_key", None)
    keys = tuple(dict.fromkeys(key.strip() for key in (given, os.environ.get(API_KEY_ENV)) if key and key.strip()))
    for key in keys:
        remember_key(key)
    return keys


_PIPE_WIDTH = 1_000_000
"""The width of output that is not drawn on a terminal: wide enough for any value, since no one reads it at a width.
Tables take only the width their cells need, so lines are no longer than their content."""


class Output:
    """A command's stdout (results) and stderr (the error line, notes).

    Args:
        json_mode: Print results as one JSON document instead of drawing them.
        stdout: Where results go (default: ``sys.stdout``).
        stderr: Where errors and notes go (default: ``sys.stderr``).
        secrets: Strings never to print (the API key).
    """

    def __init__(
        self,
        *,
        json_mode: bool = False,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        secrets: tuple[str, ...] = (),
    ) -> None:
        self.json_mode = json_mode
        self._stdout = stdout
        self._stderr = stderr
        self.secrets = secrets
        self.answers = Answers([])
        """The API's answers of the command (``main`` notes them with ``--json``), for :meth:`answer`."""

    @cached_property
    def console(self) -> Console:
        """The rich console on stdout; it draws colour and progress only on a terminal."""
        from rich.console import Console

        # highlight=False: rich would otherwise colour every number and quote in plain sentences. emoji=False: the
        # API's values are shown as they are (rich would draw a tag such as "eigenpal-ext:key:..." with a key emoji).
        console = Console(file=self._stdout or sys.stdout, force_terminal=None, highlight=False, emoji=False)
        if not console.is_terminal:
            console.width = _PIPE_WIDTH
        return console

    @property
    def live(self) -> bool:
        """Whether to draw live progress: a person is watching (stdout is a terminal) and no JSON was asked for."""
        return not self.json_mode and self.console.is_terminal

    def json(self, document: Any) -> None:
        """Print one JSON document on stdout."""
        stream = self._stdout or sys.stdout
        stream.write(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")
        stream.flush()

    def answer(self, body: str | None, fallback: Any) -> None:
        """Print the API's answer as the server sent it (``body``); ``fallback``, as JSON, when there was none.

        Args:
            body: The body of the answer the result was read from (from :attr:`answers`).
            fallback: The document to print when no answer was noted (a call that sent nothing).
        """
        if body is None:
            self.json(fallback)
            return
        stream = self._stdout or sys.stdout
        stream.write(body if body.endswith("\n") else body + "\n")
        stream.flush()

    def show(self, *renderables: RenderableType, soft_wrap: bool = False) -> None:
        """Draw renderables (text with rich markup, tables) for a person.

        Args:
            renderables: What to draw.
            soft_wrap: Leave long lines whole (a cursor, a path to copy) rather than break them at the width.
        """
        self.console.print(*renderables, soft_wrap=soft_wrap)

    def line(self, text: str) -> None:
        """One plain line on stdout, as given: drawn by nothing (so it needs no extra) and not masked (the local
        server's own key, which ``eigenpal serve`` shows on purpose)."""
        stream = self._stdout or sys.stdout
        stream.write(text + "\n")
        stream.flush()

    def note(self, text: str) -> None:
        """One line on stderr that is not a result (so ``--json`` stdout stays one document)."""
        stream = self._stderr or sys.stderr
        stream.write(self.masked(text) + "\n")
        stream.flush()

    def error(self, text: str) -> None:
        """The one error line on stderr: ``eigenpal: error: ...``."""
        self.note(f"eigenpal: error: {text}")

    def masked(self, text: str) -> str:
        """``text`` with the keys in :attr:`secrets` (and every key the library knows) replaced by ``***``, in any
        form a server may have sent them back in (JSON-escaped, percent-encoded, base64). A short "key" (a typo,
        "wrong") is left alone: it is a common word, and masking it would garble the message around it."""
        return redact(text, self.secrets)
