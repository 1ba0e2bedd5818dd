"""The command line driven as a user drives it, against a real local server (one per test module).

``run_cli`` and ``cli`` run ``main(argv)`` in this process by default, with stdout and stderr captured (neither a
terminal, as through a pipe) and the environment a command would get (:func:`cli_env`): parsing and drawing cost no
interpreter start. ``process=True`` runs ``python -m eigenpal_ext.cli ...`` as a subprocess instead, for what only a
real process shows (its exit status, its pipes); ``hide=`` (implies a process) runs it in an interpreter where an
extra's modules cannot be imported, as if they were not installed. Ctrl-C, a pseudo-terminal and ``serve`` are
driven with ``subprocess.Popen`` by the tests that need them.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs
import pytest

from eigenpal_local import LocalServer

API_KEY = "ep_cli_tests_secret_0042"

# Variables that would change what the command line sees or draws: keys and URLs from the developer's shell, and
# the ones that make rich draw colour without a terminal.
_SCRUBBED = ("EIGENPAL_API_KEY", "EIGENPAL_BASE_URL", "EIGENPAL_DEBUG", "FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE")


def cli_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a command line run: the test's own, without the variables above, wide enough for tables."""
    env = {name: value for name, value in os.environ.items() if name not in _SCRUBBED}
    env["COLUMNS"] = "200"
    env.update(extra or {})
    return env


@attrs.frozen
class Result:
    """What a command line run left: its exit code, stdout and stderr."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        """stdout as the one JSON document ``--json`` prints."""
        return json.loads(self.stdout)

    @property
    def error_lines(self) -> list[str]:
        """The non-empty lines on stderr."""
        return [line for line in self.stderr.splitlines() if line.strip()]


CLI_MODULES = ("rich",)
"""The top-level modules of the ``cli`` extra."""
SERVER_DEPENDENCIES = ("starlette", "uvicorn", "python_multipart", "multipart", "pypdf")
"""The top-level modules the local server's distribution depends on (python-multipart answers to both names)."""
SERVER_MODULES = ("eigenpal_local", *SERVER_DEPENDENCIES)
"""The top-level modules of the ``server`` extra: the local server itself (eigenpal-local) and what it needs."""

_HIDING = """\
import sys

HIDDEN = set(sys.argv[1].split(","))


class NotInstalled:
    \"\"\"A meta path finder, first in line, that finds the hidden modules nowhere: an import of one fails as it
    does when its package is not installed (ModuleNotFoundError naming it), and find_spec does not find it.\"\"\"

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, NotInstalled())
del sys.argv[1]
"""


def hiding(modules: Sequence[str], code: str) -> list[str]:
    """The command that runs Python ``code`` where ``modules`` (top-level names) cannot be imported."""
    return [sys.executable, "-c", _HIDING + code, ",".join(modules)]


def run_cli(
    *args: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
    hide: Sequence[str] = (),
    cwd: str | os.PathLike[str] | None = None,
    process: bool = False,
) -> Result:
    """``eigenpal ARGS`` with stdout and stderr captured (not a terminal): in this process, or with ``process`` (or
    ``hide``: modules that cannot be imported in it) as ``python -m eigenpal_ext.cli`` in a subprocess that ``timeout``
    bounds; ``cwd``: the folder it runs in."""
    if not (process or hide or any(name.startswith("PYTHON") for name in env or {})):
        return _run_in_process(args, env, cwd)  # a PYTHON* variable only takes effect in a new interpreter
    if hide:
        command = hiding(hide, "import runpy\nrunpy.run_module('eigenpal_ext.cli', run_name='__main__')\n")
    else:
        command = [sys.executable, "-m", "eigenpal_ext.cli"]
    done = subprocess.run(  # noqa: S603 - our own interpreter and module, arguments from the tests
        [*command, *args],
        capture_output=True,
        text=True,
        env=cli_env(env),
        timeout=timeout,
        check=False,
        cwd=cwd,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@contextlib.contextmanager
def _environment(env: Mapping[str, str]) -> Iterator[None]:
    """``os.environ`` is ``env`` inside (what the command line reads at run time), as it was after."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _run_in_process(args: Sequence[str], env: Mapping[str, str] | None, cwd: str | os.PathLike[str] | None) -> Result:
    """``main(args)`` as the ``eigenpal`` script runs it, its exit (argparse's ``SystemExit`` too) as the code."""
    from eigenpal_ext._core import _redact
    from eigenpal_ext.cli import main

    remembered = dict(_redact._REMEMBERED)  # the command remembers its keys: they must not mask other tests' output
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        _environment(cli_env(env)),
        contextlib.chdir(cwd or os.getcwd()),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            code = main(list(args))
        except SystemExit as exit:
            if isinstance(exit.code, str):
                print(exit.code, file=sys.stderr)
            code = 1 if isinstance(exit.code, str) else int(exit.code or 0)
        finally:
            _redact._REMEMBERED.clear()
            _redact._REMEMBERED.update(remembered)
    return Result(code, stdout.getvalue(), stderr.getvalue())


@attrs.frozen
class Cli:
    """The command line pointed at the module's local server."""

    base_url: str
    api_key: str

    def __call__(
        self,
        *args: str,
        env: Mapping[str, str] | None = None,
        timeout: float = 60,
        hide: Sequence[str] = (),
        process: bool = False,
    ) -> Result:
        return run_cli(
            *args,
            "--base-url",
            self.base_url,
            "--api-key",
            self.api_key,
            env=env,
            timeout=timeout,
            hide=hide,
            process=process,
        )


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, workers=32) as running:
        yield running


@pytest.fixture(scope="module")
def cli(server: LocalServer) -> Cli:
    return Cli(base_url=server.base_url, api_key=server.api_key)


@pytest.fixture
def tag() -> str:
    """A tag no other test uses, to find this test's runs."""
    return f"t{uuid.uuid4().hex[:12]}"
