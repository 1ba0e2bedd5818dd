"""Every code block of the guides runs: a page's ```python blocks in order, in one namespace, and the lines of its
```console and ```sh blocks, against a local server.

The environment is what the getting-started guide tells a user to set (``EIGENPAL_BASE_URL`` and ``EIGENPAL_API_KEY``
of the server), and each page runs in a fresh folder (its current directory, and first on ``sys.path``), as a user's
script would. What a block does:

- ```python: executed. But a ```python or ```toml block whose first line is a comment naming a relative path
  (``# tests/test_service.py``, ``# pyproject.toml``) is a file of the reader's project: it is written there, as
  shown (that first line included), and a later block can import it or a ``pytest`` line run it.
- ```console / ```sh: each ``$ eigenpal ...`` line runs through the command line, in this process, and must exit 0.
  Each ``$ pytest ...`` line (``NAME=value`` assignments before it are its environment) runs as the reader's
  ``pytest`` does: a new interpreter (``-P``: the folder is not on its path unless the page's configuration puts it
  there), in the page's folder, without this session's ``EIGENPAL_*`` and ``PYTEST_*`` variables, and must exit 0.
  Preceded by ``<!-- expect: fail -->`` it must fail instead, and every line of the ```text block after it (the
  output the page shows) must be in what it printed.
- Not run, and why: ```bash blocks (install and ``export`` lines, whose effect the environment above stands for),
  ```text blocks (output, and files' contents shown), and a block preceded by ``<!-- not run: REASON -->``, which
  needs what a test has not (the testing guide's recording against the real API, with a live key).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eigenpal_local import LocalServer

from ._markdown import Fence, fences

GUIDES = Path(__file__).resolve().parents[2] / "docs" / "guides"
API_KEY = "ep_docs_guides_key_0042"
COMMAND_LANGUAGES = ("console", "sh", "shell")
PROMPT = "$ eigenpal "
PYTEST = re.compile(r"^\$ ((?:[A-Z_][A-Z0-9_]*=\S* )*)pytest(?: |$)")
"""A ``$ pytest`` line, the environment assignments before the command included."""
FILE_BLOCK = re.compile(r"\A# ((?:[\w.-]+/)*[\w.-]+\.[a-z]+)[ \t]*\n")
"""The first line of a block that is a file of the page's project: ``# tests/conftest.py``."""
FILE_LANGUAGES = ("python", "toml")


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, workers=32) as running:
        yield running


def _pages() -> list[Path]:
    return sorted(GUIDES.glob("*.md"))


def _commands(fence: Fence) -> list[list[str]]:
    """The ``eigenpal`` command lines of a console block, without the prompt (output lines are not commands)."""
    return [shlex.split(line[len(PROMPT) :]) for line in fence.code.splitlines() if line.startswith(PROMPT)]


def _pytest_lines(fence: Fence) -> list[tuple[dict[str, str], list[str]]]:
    """The ``pytest`` command lines of a console block: the environment each sets, and pytest's arguments."""
    found = []
    for line in fence.code.splitlines():
        if PYTEST.match(line):
            words = shlex.split(line[2:])
            at = words.index("pytest")
            found.append((dict(word.split("=", 1) for word in words[:at]), words[at + 1 :]))
    return found


def _run_pytest(folder: Path, env: dict[str, str], args: list[str]) -> tuple[int, str]:
    """``pytest ARGS`` as the reader runs it in their project; its exit code and what it printed."""
    kept = {name: value for name, value in os.environ.items() if not name.startswith(("EIGENPAL_", "PYTEST_"))}
    done = subprocess.run(  # noqa: S603 - pytest of this interpreter on the page's own project
        [sys.executable, "-P", "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=folder,
        env={**kept, **env},
        capture_output=True,
        text=True,
        timeout=300,  # a recording starts a server and sleeps its runs: generous, it is correctness, not speed
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def _write_file(folder: Path, fence: Fence) -> bool:
    """Write a block that names its file (``# tests/conftest.py`` first) into ``folder``; whether it was one."""
    named = FILE_BLOCK.match(fence.code) if fence.language in FILE_LANGUAGES else None
    if named is None:
        return False
    path = folder / named.group(1)
    assert ".." not in Path(named.group(1)).parts, f"the block at line {fence.line} names a path outside the folder"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(fence.code, encoding="utf-8")
    return True


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
    monkeypatch.syspath_prepend(str(tmp_path))  # the page's own modules (service.py) import as a script's would
    namespace: dict[str, object] = {"__name__": "__main__"}
    page_fences = fences(page.read_text(encoding="utf-8"))
    ran = 0
    try:
        for index, fence in enumerate(page_fences):
            where = f"{page.name}, the block at line {fence.line}"
            if fence.note.startswith("not run:"):
                continue
            if _write_file(tmp_path, fence):
                ran += 1
            elif fence.language == "python":
                with contextlib.redirect_stdout(io.StringIO()):
                    exec(compile(fence.code, where, "exec"), namespace)  # noqa: S102 - the page's own example
                ran += 1
            elif fence.language in COMMAND_LANGUAGES:
                for argv in _commands(fence):
                    code, printed = _run_command(argv)
                    assert code == 0, f"{where}: eigenpal {shlex.join(argv)} exited {code}:\n{printed}"
                    ran += 1
                shown = next((later for later in page_fences[index + 1 :] if later.language == "text"), None)
                for env, args in _pytest_lines(fence):
                    code, printed = _run_pytest(tmp_path, env, args)
                    command = f"pytest {shlex.join(args)}"
                    if fence.note == "expect: fail":
                        assert code != 0, f"{where}: {command} passed, and the page shows it failing:\n{printed}"
                        assert shown is not None, f"{where}: no ```text block shows how {command} fails"
                        missing = [line for line in shown.code.splitlines() if line.strip() not in printed]
                        assert not missing, f"{where}: {command} did not print {missing}; it printed:\n{printed}"
                    else:
                        assert code == 0, f"{where}: {command} exited {code}:\n{printed}"
                    ran += 1
    finally:
        for name, module in list(sys.modules.items()):  # the next page's service.py is not this one's
            if Path(getattr(module, "__file__", None) or "/").is_relative_to(tmp_path):
                del sys.modules[name]
    if page.stem in ("proxies", "debugging") and ran == 0:
        pytest.skip(f"{page.name} has no code yet")  # the placeholders of pages other helpers write
    assert ran > 0
