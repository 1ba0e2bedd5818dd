"""``eigenpal_ext._generated`` hands out, at first use, exactly what its type-checking imports say."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

from eigenpal_ext import _generated


def _typed_imports() -> dict[str, object]:
    """Each name the module imports under ``TYPE_CHECKING``, resolved the ordinary way."""
    tree = ast.parse(inspect.getsource(_generated))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    names: dict[str, object] = {}
    for statement in block.body:
        assert isinstance(statement, ast.ImportFrom) and statement.module is not None
        module = importlib.import_module(statement.module)
        for alias in statement.names:
            names[alias.name] = getattr(module, alias.name, None) or importlib.import_module(
                f"{statement.module}.{alias.name}"
            )
    return names


def test_every_name_resolves_to_what_the_type_checker_was_told() -> None:
    typed = _typed_imports()
    assert sorted(typed) == sorted(_generated.__all__)
    for name, expected in typed.items():
        assert getattr(_generated, name) is expected, name


def test_an_operation_is_its_endpoint_module_with_both_calls() -> None:
    assert callable(_generated.runs_get.sync_detailed) and callable(_generated.runs_get.asyncio_detailed)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'get_runs'"):
        _generated.get_runs  # type: ignore[attr-defined]  # noqa: B018
