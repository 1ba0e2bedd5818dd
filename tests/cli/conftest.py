"""The command line driven as a user drives it: ``python -m eigenpal_ext.cli ...`` in a subprocess, against a real
local server (one per test module), with stdout a pipe unless a test gives it a pseudo-terminal; with ``hide=``, in
an interpreter where an extra's modules cannot be imported, as if they were not installed."""

from __future__ import annotations

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
SERVER_MODULES = ("starlette", "uvicorn", "python_multipart", "multipart", "pypdf")
"""The top-level modules of the ``server`` extra (python-multipart answers to both names)."""

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
) -> Result:
    """``python -m eigenpal_ext.cli ARGS`` with stdout and stderr piped (not a terminal); ``hide``: modules that
    cannot be imported in it; ``cwd``: the folder it runs in."""
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


@attrs.frozen
class Cli:
    """The command line pointed at the module's local server."""

    base_url: str
    api_key: str

    def __call__(
        self, *args: str, env: Mapping[str, str] | None = None, timeout: float = 60, hide: Sequence[str] = ()
    ) -> Result:
        return run_cli(
            *args, "--base-url", self.base_url, "--api-key", self.api_key, env=env, timeout=timeout, hide=hide
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
