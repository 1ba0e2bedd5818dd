"""The "public types" gate: ``pyright --verifytypes eigenpal_ext`` must score at least 98 %.

The score is the share of the exported names whose types every type checker reads alike: an attribute assigned in
``__init__`` without a declared type, or a callable object where a method belongs, is what IDE users see as
unknown. Types that come from other packages (httpx, rich, the generated ``eigenpal_api``) are left out
(``--ignoreexternal``): this project cannot fix them.

    python scripts/_public_types.py [--minimum 0.98]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "eigenpal_ext"
MINIMUM = 0.98


def verify(minimum: float) -> int:
    """0 when the package's type completeness is at least ``minimum``; else 1, naming what is not typed."""
    beside = Path(sys.executable).parent / "pyright"  # the pinned pyright of the environment running this script
    pyright = str(beside) if beside.exists() else shutil.which("pyright") or "pyright"
    # pyright asks the first `python` on PATH where the installed packages are: make it this interpreter (a
    # --pythonpath to .venv/bin/python is followed to the interpreter it links to, outside the environment). The
    # wrapper would also ask the package index whether a newer pyright exists: CI reaches only what it installs.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"}
    command = [pyright, "--verifytypes", PACKAGE, "--ignoreexternal", "--outputjson"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(done.stdout)
        completeness = report["typeCompleteness"]
        score = float(completeness["completenessScore"])
    except (ValueError, KeyError, TypeError):
        sys.stderr.write(f"pyright gave no report (exit {done.returncode}):\n{done.stdout}{done.stderr}")
        return 1
    counts = completeness["exportedSymbolCounts"]
    print(
        f"{PACKAGE}: type completeness {score:.1%} (at least {minimum:.0%}); exported names "
        f"{counts['withKnownType']} known, {counts['withAmbiguousType']} ambiguous, {counts['withUnknownType']} unknown"
    )
    if score >= minimum:
        return 0
    for symbol in completeness.get("symbols", []):
        for diagnostic in symbol.get("diagnostics", []):
            if diagnostic.get("severity") == "error":
                sys.stderr.write(f"{symbol['name']}: {diagnostic['message']}\n")
    sys.stderr.write("Declare the type of each attribute in its class body, and make callables methods.\n")
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minimum", type=float, default=MINIMUM, help="the lowest score that passes (0 to 1)")
    return verify(parser.parse_args().minimum)


if __name__ == "__main__":
    sys.exit(main())
