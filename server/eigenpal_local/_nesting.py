"""How deep a JSON text nests, measured before ``json.loads`` sees it and without recursion.

``json.loads`` descends once per array or object, so a text nested some thousand levels deep raises
``RecursionError``: an answer of 500, which clients retry. The request parsers measure first and refuse deeper JSON
with a 400 (:data:`MAX_JSON_DEPTH`).

The measure drops the string literals (whose brackets are text), keeps only the brackets and takes the deepest
running count, all with regular expressions and C-level iteration: fast enough for a body of the largest size the
server takes. Up to the first place where a text stops being JSON this sees exactly the nesting that ``json.loads``
would descend, and ``json.loads`` stops there; past it, it can only count too much, which refuses a malformed text
as too deep rather than as malformed (a 400 either way).
"""

from __future__ import annotations

import json
import re
from itertools import accumulate

__all__ = ["MAX_JSON_DEPTH", "deepest_member", "nesting_depth"]

MAX_JSON_DEPTH = 64
"""The most arrays and objects a request's JSON value may nest, its own outermost one included.

It holds for each field: ``input``, ``overrides``, ``metadata``, ``tags``, whether sent as members of a JSON body
(which then nests one level more) or as multipart parts. Real inputs nest a handful of levels (an invoice with its
line items: three); 64 leaves plenty of room for generated ones, and stays far below Python's recursion limit of
1,000 that ``json.loads``, ``json.dumps`` and every recursive walk over an input share with their callers' frames.
The client (``eigenpal_ext._transport._files.MAX_JSON_DEPTH``) refuses deeper input before sending it.
"""

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_MAX_FIELD_LENGTH = 64


def nesting_depth(text: str, limit: int | None = None) -> int:
    """How many arrays and objects deep ``text`` nests at its deepest (``0`` for a scalar).

    Args:
        text: A JSON text, valid or not.
        limit: When given, any depth up to it may be answered as ``0`` (a text with no more brackets than that
            cannot nest deeper, and is not measured): the answer only says whether ``limit`` is exceeded.
    """
    if limit is not None and text.count("[") + text.count("{") <= limit:
        return 0
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def deepest_member(text: str, limit: int) -> str | None:
    """The key of the top-level object member inside which ``text`` first nests deeper than ``limit``.

    ``None`` when the top level is not an object, the text is not that deep, or the key is too long to name a field.
    """
    if not text.lstrip().startswith("{"):
        return None
    depth = 0
    last_string = ""
    key = ""
    for match in _TOKEN.finditer(text):
        lexeme = match.group()
        if lexeme.startswith('"'):
            if depth == 1:
                last_string = lexeme  # in an object, the string just before a nested value is its key
            continue
        if lexeme in ("]", "}"):
            depth -= 1
            continue
        if depth == 1:
            key = last_string
        depth += 1
        if depth > limit:
            return _decoded_key(key)
    return None


def _decoded_key(literal: str) -> str | None:
    if not literal or len(literal) > _MAX_FIELD_LENGTH + 2:
        return None
    try:
        key = json.loads(literal)
    except ValueError:
        return None
    return key if isinstance(key, str) and key else None
