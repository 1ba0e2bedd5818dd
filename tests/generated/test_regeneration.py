"""scripts/regenerate: reproducible wherever the checkout lives, and loud about drift."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_RUFF_STYLE = """\
[tool.ruff]
line-length = 60
[tool.ruff.format]
quote-style = "single"
indent-style = "tab"
[tool.ruff.lint]
select = ["ALL"]
"""


def copy_checkout(destination: Path) -> Path:
    for part in ("openapi", "scripts", "generated"):
        shutil.copytree(ROOT / part, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def regenerate(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Use the tools of the environment running the tests rather than building a second one.
    env = {
        **os.environ,
        "EIGENPAL_SKIP_SYNC": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(  # noqa: S603 - our own script
        [str(checkout / "scripts" / "regenerate"), *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_same_tree(left: Path, right: Path) -> None:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__"])
    pending = [comparison]
    while pending:
        current = pending.pop()
        assert not current.left_only and not current.right_only, (current.left, current.left_only, current.right_only)
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        assert not mismatch and not errors, (current.left, mismatch, errors)
        pending.extend(current.subdirs.values())


def test_regenerating_under_a_foreign_ruff_style_writes_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(HOSTILE_RUFF_STYLE)
    checkout = copy_checkout(tmp_path / "checkout")
    shutil.rmtree(checkout / "generated" / "eigenpal_api")

    first = regenerate(checkout)
    assert first.returncode == 0, first.stderr
    assert_same_tree(ROOT / "generated" / "eigenpal_api", checkout / "generated" / "eigenpal_api")

    second = regenerate(checkout)
    assert second.returncode == 0, second.stderr
    assert_same_tree(ROOT / "generated" / "eigenpal_api", checkout / "generated" / "eigenpal_api")
    assert not (tmp_path / ".ruff_cache").exists()
    assert not (checkout / ".ruff_cache").exists()


def test_check_passes_on_the_committed_tree_and_names_a_new_property(tmp_path: Path) -> None:
    checkout = copy_checkout(tmp_path)
    clean = regenerate(checkout, "--check")
    assert clean.returncode == 0, clean.stderr

    document = checkout / "openapi" / "eigenpal.yaml"
    text = document.read_text()
    anchor = (
        "    TagList:\n      type: object\n      description: A run's tags.\n      required: [tags]\n"
        "      properties:\n"
    )
    assert anchor in text
    document.write_text(text.replace(anchor, anchor + "        colourOfTheDay:\n          type: string\n"))

    drifted = regenerate(checkout, "--check")
    assert drifted.returncode == 1
    assert "generated/eigenpal_api differs" in drifted.stderr
    assert "colour_of_the_day" in drifted.stderr
    assert "tag_list.py" in drifted.stderr
