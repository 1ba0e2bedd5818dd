"""The site built once for every test of tests/docs (a build takes about 15 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILT_SITE_ENV = "EIGENPAL_BUILT_SITE"
"""Where ``scripts/test`` built the site (its "docs" gate, strict) before the tests: read there, not built twice."""


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the built site, as ``scripts/docs --strict`` builds it."""
    built = os.environ.get(BUILT_SITE_ENV)
    if built and (Path(built) / "index.html").is_file():
        return Path(built)
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)]
    done = subprocess.run(  # noqa: S603 - our own interpreter and mkdocs, fixed arguments
        build, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return out
