"""A virtual environment as a library user has it: the locked runtime dependencies, no extras, no dev group.

The start-up baseline is taken there. In the dev environment `import httpx` is inflated: with `rich` and `click`
installed (the `cli` extra, mkdocs), httpx also loads its own command line, and the ratio against it flatters the
client.

Built once under `.bench/plain-venv` from `uv.lock` (`uv export --no-dev`, then `uv venv` + `uv pip install`) and
rebuilt when `uv.lock`, `pyproject.toml` or the interpreter changes. The checkout's own code is put on its path the
way an editable install does it, by a `.pth` file naming the checkout and `generated/`, so the figures are those of
the code checked out, not of a wheel built from it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks._common import ROOT

PLAIN_ENV = ROOT / ".bench" / "plain-venv"
ABSENT = ("rich", "click", "starlette", "uvicorn")
"""What a user without extras does not have: the `cli` and `server` extras, and click, which the dev group brings."""

_STAMP = "eigenpal-bench-stamp.json"
# The directories an editable install of the project puts on sys.path (pyproject's wheel packages: eigenpal_ext and
# pytest_eigenpal live in the checkout's root, eigenpal_api in generated/).
_PATHS = (ROOT, ROOT / "generated")


def plain_python() -> Path:
    """The interpreter of the plain environment, built or rebuilt first if needed.

    Raises:
        RuntimeError: uv is missing, a build step failed, or the environment is not plain after all.
    """
    python = PLAIN_ENV / "bin" / "python"
    stamp = _stamp()
    stamp_path = PLAIN_ENV / _STAMP
    if not (python.exists() and stamp_path.exists() and json.loads(stamp_path.read_text()) == stamp):
        _build(stamp)
    _check(python)
    return python


def clean_environ() -> dict[str, str]:
    """This process's environment without what would put other packages on the plain interpreter's path."""
    return {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}


def site_packages(python: Path, environ: dict[str, str] | None) -> Path:
    """Where ``python`` installs pure-Python packages."""
    found = subprocess.run(  # noqa: S603
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(found.stdout.strip())


def _stamp() -> dict[str, str]:
    digest = hashlib.sha256()
    for name in ("uv.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return {"inputs": digest.hexdigest(), "python": sys.version, "base_prefix": sys.base_prefix, "root": str(ROOT)}


def _uv() -> str:
    pinned = ROOT / ".tools" / "bin" / "uv"  # what scripts/_env.sh installs
    found = str(pinned) if pinned.exists() else shutil.which("uv")
    if found is None:
        raise RuntimeError("uv not found (neither .tools/bin/uv nor on PATH): run scripts/bench, which installs it")
    return found


def _run(command: list[str]) -> None:
    environ = clean_environ() | {"UV_PYTHON_DOWNLOADS": "never"}
    completed = subprocess.run(command, cwd=ROOT, env=environ, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{completed.stderr.strip()[-2000:]}")


def _build(stamp: dict[str, str]) -> None:
    uv = _uv()
    shutil.rmtree(PLAIN_ENV, ignore_errors=True)
    PLAIN_ENV.parent.mkdir(parents=True, exist_ok=True)
    requirements = PLAIN_ENV.parent / "plain-requirements.txt"
    export = [uv, "export", "--project", str(ROOT), "--frozen", "--no-dev", "--no-emit-project", "--quiet"]
    _run([*export, "--format", "requirements-txt", "--output-file", str(requirements)])
    # sys.executable is the dev environment's python; uv resolves it to the interpreter that environment was made
    # from, so both environments run the same Python.
    _run([uv, "venv", "--quiet", "--python", sys.executable, str(PLAIN_ENV)])
    python = PLAIN_ENV / "bin" / "python"
    _run([uv, "pip", "install", "--quiet", "--python", str(python), "--requirements", str(requirements)])
    checkout = site_packages(python, clean_environ()) / "_eigenpal_ext_checkout.pth"
    checkout.write_text("".join(f"{path}\n" for path in _PATHS))
    # Written last: a build cut short has no stamp and is built again next time.
    (PLAIN_ENV / _STAMP).write_text(json.dumps(stamp))


_CHECK = """
import importlib.util, json, sys
import eigenpal_api, eigenpal_ext
print(json.dumps({
    "present": [name for name in NAMES if importlib.util.find_spec(name) is not None],
    "eigenpal_ext": eigenpal_ext.__file__,
    "eigenpal_api": eigenpal_api.__file__,
    "version": sys.version,
}))
"""


def _check(python: Path) -> None:
    """The environment is what it claims to be: none of `ABSENT`, the checkout's code, the bench's Python."""
    completed = subprocess.run(  # noqa: S603
        [str(python), "-c", _CHECK.replace("NAMES", repr(ABSENT))],
        cwd=PLAIN_ENV,  # not the checkout: the code must come through the .pth file, not the working directory
        env=clean_environ(),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"the plain environment {PLAIN_ENV} is broken:\n{completed.stderr.strip()[-2000:]}")
    found = json.loads(completed.stdout)
    problems = [f"{name} is installed" for name in found["present"]]
    for package, folder in (("eigenpal_ext", ROOT), ("eigenpal_api", ROOT / "generated")):
        if not Path(found[package]).is_relative_to(folder):
            problems.append(f"{package} comes from {found[package]}, not from {folder}")
    if found["version"] != sys.version:
        problems.append(f"it runs Python {found['version']}, the bench {sys.version}")
    if problems:
        raise RuntimeError(f"the plain environment {PLAIN_ENV} is not plain: {'; '.join(problems)}")
