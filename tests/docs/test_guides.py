"""Every code block of the guides runs: a page's ```python blocks in order, in one namespace, and the ``$ eigenpal``
lines of its ```console and ```sh blocks through the command line (in this process), against a local server.

The environment is what the getting-started guide tells a user to set (``EIGENPAL_BASE_URL`` and ``EIGENPAL_API_KEY``
of the server), and each page runs in a fresh folder, as a user's script would. Blocks of other languages (```bash
install lines, ```text output) are shown, not run.
"""

from __future__ import annotations

import contextlib
import io
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from eigenpal_local import LocalServer

from ._markdown import Fence, fences

GUIDES = Path(__file__).resolve().parents[2] / "docs" / "guides"
API_KEY = "ep_docs_guides_key_0042"
COMMAND_LANGUAGES = ("console", "sh", "shell")
PROMPT = "$ eigenpal "


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, workers=32) as running:
        yield running


def _pages() -> list[Path]:
    return sorted(GUIDES.glob("*.md"))


def _commands(fence: Fence) -> list[list[str]]:
    """The ``eigenpal`` command lines of a console block, without the prompt (output lines are not commands)."""
    return [shlex.split(line[len(PROMPT) :]) for line in fence.code.splitlines() if line.startswith(PROMPT)]


def _run_command(argv: list[str]) -> tuple[int, str]:
    """``eigenpal ARGV`` as the script runs it, in this process; its exit code and what it printed."""
    from eigenpal_ext._core import _redact
    from eigenpal_ext.cli import main

    remembered = dict(_redact._REMEMBERED)  # the command remembers its key for masking: not past this test
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                code = main(argv)
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else 1
    finally:
        _redact._REMEMBERED.clear()
        _redact._REMEMBERED.update(remembered)
    return code, out.getvalue()


def test_there_are_guides_with_code() -> None:
    names = {page.stem for page in _pages()}
    assert {"getting-started", "waiting", "batches", "webhooks", "errors"} <= names
    assert all(any(f.language == "python" for f in fences(GUIDES.joinpath(f"{name}.md").read_text())) for name in (
        "getting-started", "waiting", "batches", "webhooks", "errors"))  # fmt: skip


@pytest.mark.parametrize("page", _pages(), ids=lambda page: page.stem)
def test_every_block_of_the_guide_runs(
    page: Path, server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("EIGENPAL_LOG", "EIGENPAL_DEBUG", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("EIGENPAL_BASE_URL", server.base_url)
    monkeypatch.setenv("EIGENPAL_API_KEY", server.api_key)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__main__"}
    ran = 0
    for fence in fences(page.read_text(encoding="utf-8")):
        where = f"{page.name}, the block at line {fence.line}"
        if fence.language == "python":
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(fence.code, where, "exec"), namespace)  # noqa: S102 - the page's own example
            ran += 1
        elif fence.language in COMMAND_LANGUAGES:
            for argv in _commands(fence):
                code, printed = _run_command(argv)
                assert code == 0, f"{where}: eigenpal {shlex.join(argv)} exited {code}:\n{printed}"
                ran += 1
    if page.stem in ("proxies", "debugging", "testing") and ran == 0:
        pytest.skip(f"{page.name} has no code yet")  # the placeholders of pages other helpers write
    assert ran > 0
