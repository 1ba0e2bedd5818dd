"""A run's input, overrides and metadata checked before any request, pure: what JSON can carry (named by its path,
e.g. ``input.items[2]``, when it cannot), how deep it may nest, and which top-level values are files.

The files themselves are opened, measured and put in the request body by :mod:`eigenpal_ext._transport._files`.
"""

from __future__ import annotations

import io
import json
import math
import os
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from ._errors import InvalidArgumentError
from ._validation import check_encodable

__all__ = [
    "FILE_MAPPING_KEYS",
    "MAX_JSON_DEPTH",
    "check_json",
    "check_mapping",
    "dumps_json",
    "is_file_content",
    "is_file_object",
    "sends_once",
]

FILE_MAPPING_KEYS = frozenset({"content", "filename", "mime_type"})
"""The keys of a file input given as a mapping (``{"content": ..., "filename": ..., "mime_type": ...}``)."""
MAX_JSON_DEPTH = 64
"""The most lists and objects ``input``, ``overrides`` or ``metadata`` may nest, the field's own object included.

The local server refuses deeper JSON with a 400 (``eigenpal_local/README.md``), and json.dumps would recurse
long before Python's limit bites; so deeper input is refused here, before any request, naming the value.
"""
_SHOWN_NAME_CHARACTERS = 120


def dumps_json(value: object) -> str:
    """``value`` as compact JSON text, as a multipart start sends its JSON fields."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def check_mapping(value: object, argument: str) -> Mapping[str, object]:
    """``value`` (``None``: empty) checked to be a mapping with non-empty text keys."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(argument, f"must be a mapping (a JSON object), not {type(value).__name__}")
    for key in value:
        if not isinstance(key, str) or not key:
            raise InvalidArgumentError(argument, f"keys must be non-empty strings, not {key!r}")
        check_encodable(key, argument)
    return value


def check_json(value: Any, argument: str, *, depth: int = 1, within: tuple[object, str] | None = None) -> Any:
    """Raise naming the first value under ``value`` that JSON cannot carry; return ``value`` unchanged.

    The walk keeps its own stack, so that no input is too deep to be refused cleanly; json.dumps would recurse.

    Args:
        value: The value to check.
        argument: Its name as the caller wrote it (``overrides``, ``input.items``); the names of values inside it
            are built from it (``input.items[2].name``).
        depth: How many lists and objects deep ``value`` is, counting itself if it is one: ``1`` for a whole field
            (``overrides``), ``2`` for a member of ``input``.
        within: The object that holds ``value`` and its name (the input mapping, ``input``), so that a value holding
            it again is a cycle.

    Raises:
        InvalidArgumentError: For a value JSON cannot carry, more than :data:`MAX_JSON_DEPTH` levels of lists and
            objects, or a list or object that holds itself.
    """
    on_path: dict[int, str] = {} if within is None else {id(within[0]): within[1]}
    # One entry per list or object being walked: its children with their names, its id, how deep it is.
    stack: list[tuple[Iterator[tuple[str, object]], int, int]] = []
    _check_json_item(value, argument, depth, on_path, stack)
    while stack:
        children, container, container_depth = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            del on_path[container]
            continue
        _check_json_item(child[1], child[0], container_depth + 1, on_path, stack)
    return value


def _check_json_item(
    value: object,
    name: str,
    depth: int,
    on_path: dict[int, str],
    stack: list[tuple[Iterator[tuple[str, object]], int, int]],
) -> None:
    """Check one value; a list or object is pushed on ``stack`` for its children to be checked in turn."""
    if isinstance(value, str):
        check_encodable(value, _shown_name(name))
        return
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        _check_int(value, name)
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidArgumentError(_shown_name(name), f"{value} cannot be sent as JSON")
        return
    if isinstance(value, Mapping) and not isinstance(value, dict):
        # json.dumps writes dicts only; any other mapping fails there, after the checks, as a TypeError.
        raise InvalidArgumentError(_shown_name(name), f"a {type(value).__name__} cannot be sent as JSON; pass a dict")
    if isinstance(value, dict | list | tuple):
        if depth > MAX_JSON_DEPTH:
            raise InvalidArgumentError(
                _shown_name(name),
                f"nests deeper than {MAX_JSON_DEPTH} levels of objects and lists, more than the API takes",
            )
        if id(value) in on_path:
            raise InvalidArgumentError(
                _shown_name(name), f"holds itself ({_shown_name(on_path[id(value)])}): a cycle cannot be sent as JSON"
            )
        on_path[id(value)] = name
        stack.append((_children(value, name), id(value), depth))
        return
    if is_file_content(value):
        raise InvalidArgumentError(_shown_name(name), "a file can only be a top-level input field")
    raise InvalidArgumentError(_shown_name(name), f"a {type(value).__name__} cannot be sent as JSON")


def _children(value: dict[Any, object] | list[object] | tuple[object, ...], name: str) -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidArgumentError(_shown_name(name), f"JSON object keys must be strings, not {key!r}")
            check_encodable(key, _shown_name(name))
            yield f"{name}.{key}", item
    else:
        for index, item in enumerate(value):
            yield f"{name}[{index}]", item


def _check_int(value: int, name: str) -> None:
    # Python refuses to write out an int of more digits than this (4,300 by default), json.dumps included.
    digits_limit = sys.get_int_max_str_digits()
    if not digits_limit or value.bit_length() <= 3 * digits_limit:  # 3 bits per digit: far fewer digits than that
        return
    try:
        str(value)
    except ValueError:
        raise InvalidArgumentError(
            _shown_name(name), f"an integer of more than {digits_limit} digits cannot be sent as JSON"
        ) from None


def _shown_name(name: str) -> str:
    """A value's name for a message, cut in the middle when long (a deep value's name is long)."""
    if len(name) <= _SHOWN_NAME_CHARACTERS:
        return name
    half = _SHOWN_NAME_CHARACTERS // 2
    return f"{name[:half]}…{name[-half:]}"


def is_file_content(value: object) -> bool:
    """Whether ``value`` is what a file input holds: bytes, a path or a file object."""
    return isinstance(value, bytes | bytearray | memoryview | os.PathLike) or is_file_object(value)


def is_file_object(value: object) -> bool:
    """Whether ``value`` is a file object: anything with a ``read`` method."""
    return isinstance(value, io.IOBase) or (callable(getattr(value, "read", None)) and not isinstance(value, type))


def sends_once(input: Mapping[str, object] | None) -> bool:
    """Whether a start with this input can be sent only once: one of its files is a stream that cannot be rewound
    (a pipe, a socket), so a second try would send what is left of it."""
    for value in (input or {}).values():
        content: object = value
        if isinstance(value, Mapping) and "content" in value and set(value) <= FILE_MAPPING_KEYS:
            content = value["content"]
        elif isinstance(value, tuple) and len(value) in (2, 3) and isinstance(value[0], str):
            content = value[1]
        if is_file_object(content) and not isinstance(content, bytes | bytearray | memoryview | os.PathLike):
            seekable = getattr(content, "seekable", None)
            if not (callable(seekable) and seekable()):
                return True
    return False
