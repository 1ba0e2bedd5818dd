"""Run every attack, sync and async, each in its own process; print a Markdown table.

    python -m benchmarks.attacks                      # this tree
    python -m benchmarks.attacks --tree /tmp/before   # the same attacks against another checkout of the client
    python -m benchmarks.attacks --only storms        # attacks whose name or module contains "storms"

Each child process has a bound (``--give-up``, default 60 s): an attack still running then is reported as
``HUNG``, which is itself the finding.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_CHILD = """
import json, sys, importlib
sys.path.insert(0, {root!r})
import benchmarks.attacks._kit, tests.hostile.server  # this tree's, before --tree is put first
sys.path[0:0] = {paths!r}
from benchmarks.attacks._kit import measure
from dataclasses import asdict
module = importlib.import_module("benchmarks.attacks." + {module!r})
attack = next(a for a in module.ATTACKS if a.name == {name!r})
print("OUTCOME " + json.dumps(asdict(measure(attack, {asynchronous!r}))), flush=True)
"""


def _attacks(only: str | None) -> list[tuple[str, str, bool, bool]]:
    found = []
    package = Path(__file__).parent
    for info in pkgutil.iter_modules([str(package)]):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"benchmarks.attacks.{info.name}")
        for attack in module.ATTACKS:
            if only and only not in attack.name and only != info.name:
                continue
            found.append((info.name, attack.name, attack.sync_call is not None, attack.async_call is not None))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", type=Path, help="a checkout of the client to attack instead of this one")
    parser.add_argument("--only", help="attacks whose name contains this, or a module name")
    parser.add_argument("--give-up", type=float, default=60.0)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    paths = [] if args.tree is None else [str(args.tree.resolve()), str(args.tree.resolve() / "generated")]
    rows = []
    print(f"client: {args.tree or ROOT}")
    print("| attack | flavour | requests | other origin | elapsed s | peak MB | error | key leaked |")
    print("|---|---|---:|---:|---:|---:|---|---|")
    for module, name, has_sync, has_async in _attacks(args.only):
        for asynchronous in (False, True):
            if not (has_async if asynchronous else has_sync):
                continue
            code = _CHILD.format(root=str(ROOT), paths=paths, module=module, name=name, asynchronous=asynchronous)
            flavour = "async" if asynchronous else "sync"
            try:
                done = subprocess.run(  # noqa: S603 - our own interpreter, our own code
                    [sys.executable, "-c", code], capture_output=True, text=True, timeout=args.give_up, cwd=ROOT
                )
            except subprocess.TimeoutExpired:
                row = {"requests": -1, "elsewhere": -1, "elapsed": args.give_up, "peak_mb": -1.0,
                       "error": "HUNG", "leaked": False}  # fmt: skip
            else:
                lines = [line for line in done.stdout.splitlines() if line.startswith("OUTCOME ")]
                if lines:
                    row = json.loads(lines[-1][len("OUTCOME ") :])
                else:
                    tail = (done.stderr.strip().splitlines() or ["?"])[-1][:60]
                    row = {"requests": -1, "elsewhere": -1, "elapsed": 0.0, "peak_mb": -1.0,
                           "error": f"CRASH {tail}", "leaked": False}  # fmt: skip
            rows.append({"attack": name, "flavour": flavour, **row})
            print(
                f"| {name} | {flavour} | {row['requests']} | {row['elsewhere']} | {row['elapsed']:.2f} | "
                f"{row['peak_mb']:.0f} | {row['error'].replace('|', '/')} | {'LEAKED' if row['leaked'] else 'no'} |",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
