"""The shape of the tree: no hand-written module is longer than a reader can hold (400 lines).

A module past that is doing more than one job: split it by job (``_transport/_hooks.py``, ``_capped_body.py``,
``_error_translation.py`` ... came out of one 830-line ``_http.py``). The sync twin ``eigenpal_ext/_sync`` is written
by ``scripts/unasync`` from ``_async`` (which this test measures), and ``generated/`` by the OpenAPI generator: neither
is counted.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400

# The local server is its own package: at the top of the repository, or in server/ as its own distribution.
HAND_WRITTEN = ("eigenpal_ext", "eigenpal_local", "server/eigenpal_local", "pytest_eigenpal")
GENERATED = (ROOT / "eigenpal_ext" / "_sync", ROOT / "generated")


def _hand_written_modules() -> list[Path]:
    modules: list[Path] = []
    for folder in HAND_WRITTEN:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if not any(path.is_relative_to(generated) for generated in GENERATED):
                modules.append(path)
    return modules


def _line_count(path: Path) -> int:
    with path.open("rb") as source:
        return sum(1 for _ in source)


def test_the_walk_sees_the_packages() -> None:
    # A walk that found nothing (a package moved) would pass the test below without checking anything.
    names = {path.relative_to(ROOT).as_posix() for path in _hand_written_modules()}
    assert "eigenpal_ext/_core/_errors.py" in names
    assert "eigenpal_ext/_async/_client.py" in names
    assert any(name.endswith("eigenpal_local/__init__.py") for name in names)
    assert not any("/_sync/" in name for name in names)


def test_no_hand_written_module_is_over_400_lines() -> None:
    offenders = {
        path.relative_to(ROOT).as_posix(): lines
        for path in _hand_written_modules()
        if (lines := _line_count(path)) > MAX_LINES
    }
    listed = "\n".join(f"  {name}: {lines} lines" for name, lines in sorted(offenders.items(), key=lambda x: -x[1]))
    assert not offenders, f"modules over {MAX_LINES} lines; split each by job:\n{listed}"
