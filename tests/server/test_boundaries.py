"""The server and the client stay two parts: neither imports the other (read from the source, nothing is run)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import eigenpal_ext

PACKAGE = Path(eigenpal_ext.__file__).parent
SERVER = PACKAGE / "local"


def _imported_modules(path: Path) -> set[str]:
    """The absolute names of the modules a source file imports, relative imports resolved."""
    parts = ["eigenpal_ext", *path.relative_to(PACKAGE).with_suffix("").parts]
    package = parts[:-1]  # a module's package, or for an __init__.py the package itself
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                names.add(".".join([*base, *([node.module] if node.module else [])]))
            elif node.module is not None:
                names.add(node.module)
    return names


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("path", sorted(SERVER.rglob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_server_never_imports_the_client(path: Path) -> None:
    outside = {
        name
        for name in _imported_modules(path)
        if (_within(name, "eigenpal_ext") and not _within(name, "eigenpal_local")) or _within(name, "eigenpal_api")
    }
    assert not outside


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda path: path.name)
def test_the_client_never_imports_the_server(path: Path) -> None:
    assert not {name for name in _imported_modules(path) if _within(name, "eigenpal_local")}
