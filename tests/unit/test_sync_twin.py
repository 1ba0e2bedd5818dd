"""The sync client is generated from the async source (scripts/unasync) and the checked-in twin must match it.

That it matches is the "sync twin" gate of scripts/test (``scripts/unasync --check``), run once there; this file
checks that a drift is caught and named.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own script, from this checkout
        [sys.executable, str(root / "scripts" / "_unasync.py"), "--check"], capture_output=True, text=True, check=False
    )


def test_an_async_change_without_regenerating_fails_with_a_diff_naming_file_and_line(tmp_path: Path) -> None:
    copy = tmp_path / "checkout"
    for part in ("eigenpal_ext/_async", "eigenpal_ext/_sync", "scripts"):
        shutil.copytree(ROOT / part, copy / part)
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    source = copy / "eigenpal_ext" / "_async" / "_handle.py"
    source.write_text(
        source.read_text().replace("read afresh (tags are set at start", "read again (tags are set at start")
    )

    result = _check(copy)

    assert result.returncode == 1
    assert "eigenpal_ext/_sync/_handle.py" in result.stderr
    assert '-        """The run\'s tags, read afresh (tags are set at start' in result.stderr
    assert '+        """The run\'s tags, read again (tags are set at start' in result.stderr
    assert "run scripts/unasync" in result.stderr
