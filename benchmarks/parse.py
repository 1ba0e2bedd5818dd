"""`python -m benchmarks.parse`: what the generated models cost to parse a 50-step run and a full page of 100 runs,
the page against the generated package of an earlier commit (`--before`), in the same process.

Captures both answers from the local server as `scripts/bench` does (`benchmarks.bench.capture_answers`; or reads
them from `--answers DIR`, written there by `--save DIR`), then times, in blocks that alternate:

1. The 50-step run: `json.loads` of the body alone, `Run.from_dict` of the decoded body alone, both, and both with
   every field of the result read afterwards.
2. The page, before and after. The generated package of `--before REV` (default `eca2b1e`, the last commit before
   the models were derived from the published Eigenpal document) is extracted from git into a temporary folder and
   imported as `eigenpal_api_before` (its imports are relative), beside `eigenpal_api`. Each package parses a page
   that it accepts: the new one the captured page; the old one, which refuses the published shapes (`trigger.by` an
   object), the same page in the old shapes of `run_json` in that commit's `tests/unit/clientkit.py` (`trigger.by` a
   string, here the new object's email, and `execution.retry.nextRun` a run id), every other field kept (the old
   models keep a field they do not know in `additional_properties`). Timed: `json.loads` of each body; the old
   `RunList._from_json` (the old client's parse: the whole body checked, nested objects built when first read) and
   `RunList.from_dict`; the new `RunsListResponse.from_dict`; then, on pages parsed outside the timing, reading every
   field of every run (`getattr`, recursively: where the old lazy models did their deferred work) and `to_dict()`.

Prints the medians (and the fastest block) in microseconds with the ratio to `json.loads` of the same body.
`--profile` adds the cProfile of the page's parse by the new package.

The figures include the cyclic GC that the parse sets off: every object allocated counts towards a collection, and
the page's objects, alive while it is parsed, are promoted to the older generations, whose collections traverse the
whole heap and so land in some blocks only: hence the gap between a page's median and its fastest block.
`scripts/bench`'s section 5 measures the whole client call.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import functools
import importlib
import io
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs

from benchmarks._common import ROOT, ServerProcess, machine, machine_line

RUN_FILE, PAGE_FILE = "run-50-steps.json", "page-100-runs.json"
BEFORE = "eca2b1e"
"""The last commit whose generated package came from the hand-written document, with the lazily built models."""
BEFORE_PACKAGE = "eigenpal_api_before"


def _answers(args: argparse.Namespace) -> tuple[bytes, bytes]:
    if args.answers is not None:
        return (args.answers / RUN_FILE).read_bytes(), (args.answers / PAGE_FILE).read_bytes()
    from benchmarks.bench import capture_answers

    with ServerProcess() as server:
        _, run_body, page_body = capture_answers(server.base_url)
    if args.save is not None:
        args.save.mkdir(parents=True, exist_ok=True)
        (args.save / RUN_FILE).write_bytes(run_body)
        (args.save / PAGE_FILE).write_bytes(page_body)
    return run_body, page_body


def read_every_field(value: object) -> None:
    """Read every field of a model, and of every model in it, as code that uses all of a result does."""
    if isinstance(value, list):
        for item in value:
            read_every_field(item)
    elif attrs.has(kind := type(value)):
        for field in attrs.fields(kind):
            read_every_field(getattr(value, field.name))


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Side:
    """One timed operation: `call` once per iteration, given a fresh `prepare()` result each time, made before the
    block's clock starts (a page parsed, for the sides that time reading it); compared with the `json.loads` side
    named by `loads`."""

    call: Callable[[Any], object]
    loads: str
    prepare: Callable[[], object] = _nothing


def _block_us(side: Side, iterations: int) -> float:
    inputs = [side.prepare() for _ in range(iterations)]
    call = side.call
    began = time.perf_counter()
    for value in inputs:
        call(value)
    return (time.perf_counter() - began) / iterations * 1e6


def measure(sides: dict[str, Side], iterations: int, blocks: int) -> dict[str, list[float]]:
    """Microseconds per call of each side, one figure per block, the sides' blocks alternating."""
    figures: dict[str, list[float]] = {name: [] for name in sides}
    for side in sides.values():
        side.call(side.prepare())  # warm: imports and caches are start-up, not per-call cost
    for _ in range(blocks):
        for name, side in sides.items():
            figures[name].append(_block_us(side, iterations))
    return figures


def _print_figures(sides: dict[str, Side], figures: dict[str, list[float]]) -> None:
    width = max(map(len, figures))
    for name, values in figures.items():
        median = statistics.median(values)
        loads = statistics.median(figures[sides[name].loads])
        print(
            f"  {name:{width}s} {median:9.1f} us  (fastest block {min(values):9.1f} us)  {median / loads:5.2f}x "
            f"{sides[name].loads}"
        )


def run_sides(body: bytes) -> dict[str, Side]:
    """The 50-step run, the current package only."""
    from eigenpal_api.models.run import Run

    decoded = json.loads(body)
    return {
        "json.loads": Side(lambda _: json.loads(body), "json.loads"),
        "Run.from_dict": Side(lambda _: Run.from_dict(decoded), "json.loads"),
        "json.loads + Run.from_dict": Side(lambda _: Run.from_dict(json.loads(body)), "json.loads"),
        "same, every field read": Side(lambda _: read_every_field(Run.from_dict(json.loads(body))), "json.loads"),
    }


def old_shaped(page: dict[str, Any]) -> dict[str, Any]:
    """The page in the shapes the old package accepts (`run_json` of eca2b1e's `tests/unit/clientkit.py`):
    `trigger.by` a string (the email of the new `by` object) or null, `execution.retry.nextRun` a run id or null;
    every other field as it was."""
    old = copy.deepcopy(page)
    for run in old["runs"]:
        by = run["trigger"].get("by")
        if isinstance(by, dict):
            run["trigger"]["by"] = by.get("email")
        retry = run["execution"].get("retry")
        if isinstance(retry, dict) and isinstance(retry.get("nextRun"), dict):
            retry["nextRun"] = retry["nextRun"]["id"]
    return old


def _parse(parse: Callable[[Any], object], decoded: Any, _: object) -> object:
    return parse(decoded)


def _to_dict(page: Any) -> object:
    return page.to_dict()


def page_sides(new_body: bytes, old_body: bytes | None, before: ModuleType | None) -> dict[str, Side]:
    """The page: the current package, and when `before` is given (its `models.run_list`) the old one too."""
    from eigenpal_api.models.runs_list_response import RunsListResponse

    new_loads, old_loads = "json.loads, new page", "json.loads, old page"
    sides = {new_loads: Side(lambda _: json.loads(new_body), new_loads)}
    # (the parse's name, its results' name, the parse, the decoded body it is given, its json.loads side)
    parses: list[tuple[str, str, Callable[[Any], object], Any, str]] = []
    if before is not None and old_body is not None:
        sides[old_loads] = Side(lambda _: json.loads(old_body), old_loads)
        old_decoded = json.loads(old_body)
        parses.append(("old RunList._from_json", "old _from_json", before.RunList._from_json, old_decoded, old_loads))
        parses.append(("old RunList.from_dict", "old from_dict", before.RunList.from_dict, old_decoded, old_loads))
    new_parse = RunsListResponse.from_dict
    parses.append(("new RunsListResponse.from_dict", "new from_dict", new_parse, json.loads(new_body), new_loads))
    for name, _results, parse, decoded, loads in parses:
        sides[name] = Side(functools.partial(_parse, parse, decoded), loads)
    for _name, results, parse, decoded, loads in parses:
        parsed = functools.partial(parse, decoded)
        sides[f"{results}, then every field read"] = Side(read_every_field, loads, parsed)
        sides[f"{results}, then to_dict()"] = Side(_to_dict, loads, parsed)
    return sides


@contextmanager
def package_before(rev: str) -> Iterator[ModuleType]:
    """`generated/eigenpal_api` of `rev`, imported as `eigenpal_api_before` from a temporary folder, which lives as
    long as the context (a model may import another when first called); yields its `models.run_list` module.

    Raises:
        RuntimeError: git could not archive the package at `rev`, or the package imported the current one.
    """
    with tempfile.TemporaryDirectory(prefix="eigenpal-api-before-") as folder:
        if rev.startswith("-"):  # git would read it as an option
            raise RuntimeError(f"not a revision: {rev}")
        archived = subprocess.run(  # noqa: S603 - the revision is the caller's, and cannot be an option
            ["git", "archive", rev, "generated/eigenpal_api"],  # noqa: S607 - git from PATH is the point
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        if archived.returncode != 0:
            raise RuntimeError(f"git archive {rev} generated/eigenpal_api: {archived.stderr.decode().strip()}")
        subprocess.run(["tar", "-x", "-C", folder], input=archived.stdout, check=True)  # noqa: S603, S607 - as above
        (Path(folder) / "generated" / "eigenpal_api").rename(Path(folder) / BEFORE_PACKAGE)
        loaded = set(sys.modules)
        sys.path.insert(0, folder)
        try:
            run_list = importlib.import_module(f"{BEFORE_PACKAGE}.models.run_list")
        finally:
            sys.path.remove(folder)
        # Its imports are relative, so nothing of it may come from anywhere else (the current package above all).
        for name in set(sys.modules) - loaded:
            where = getattr(sys.modules[name], "__file__", None) or ""
            if name.split(".")[0] in (BEFORE_PACKAGE, "eigenpal_api") and not where.startswith(folder):
                raise RuntimeError(f"{BEFORE_PACKAGE} of {rev} imported {name} from {where or 'nowhere'}")
        yield run_list


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, default=30, help="alternating blocks per figure (default: 30)")
    parser.add_argument(
        "--before",
        default=BEFORE,
        metavar="REV",
        help=f"compare the page's parse with the generated package of this commit (default: {BEFORE}); none: don't",
    )
    parser.add_argument("--answers", type=Path, help="read the captured answers from this folder")
    parser.add_argument("--save", type=Path, help="write the captured answers to this folder")
    parser.add_argument("--profile", action="store_true", help="print the cProfile of the page's parse")
    args = parser.parse_args(argv)

    from eigenpal_api.models.runs_list_response import RunsListResponse

    run_body, page_body = _answers(args)
    print(machine_line(machine()))

    iterations = 300
    print(f"Run, 50 steps ({len(run_body):,} bytes; {args.blocks} blocks of {iterations}):")
    sides = run_sides(run_body)
    _print_figures(sides, measure(sides, iterations, args.blocks))

    page = json.loads(page_body)
    iterations = 50
    with package_before(args.before) if args.before != "none" else _no_package() as before:
        old_body = json.dumps(old_shaped(page), separators=(",", ":")).encode() if before is not None else None
        print(f"RunsListResponse, {len(page['runs'])} runs ({len(page_body):,} bytes", end="")
        if old_body is not None:
            print(f"; in the old shapes {len(old_body):,} bytes; old package: {args.before}", end="")
        print(f"; {args.blocks} blocks of {iterations}):")
        sides = page_sides(page_body, old_body, before)
        figures = measure(sides, iterations, args.blocks)
        _print_figures(sides, figures)
        _print_summary(figures)

    if args.profile:
        decoded = json.loads(page_body)
        profile = cProfile.Profile()
        profile.runcall(lambda: [RunsListResponse.from_dict(decoded) for _ in range(20)])
        shown = io.StringIO()
        pstats.Stats(profile, stream=shown).sort_stats("tottime").print_stats(15)
        print(shown.getvalue())
    return 0


@contextmanager
def _no_package() -> Iterator[None]:
    yield None


def _print_summary(figures: dict[str, list[float]]) -> None:
    """Parse plus reading every field, per path (sums of medians), and the new path against the old ones."""
    if "old RunList._from_json" not in figures:
        return

    def median(name: str) -> float:
        return statistics.median(figures[name])

    totals = {
        "old _from_json": median("old RunList._from_json") + median("old _from_json, then every field read"),
        "old from_dict": median("old RunList.from_dict") + median("old from_dict, then every field read"),
        "new from_dict": median("new RunsListResponse.from_dict") + median("new from_dict, then every field read"),
    }
    print("  parse + every field read (sums of medians): " + ", ".join(f"{k} {v:.1f} us" for k, v in totals.items()))
    new_parse = median("new RunsListResponse.from_dict")
    print(
        f"  new from_dict / old _from_json: parse {new_parse / median('old RunList._from_json'):.2f}x, "
        f"parse + every field read {totals['new from_dict'] / totals['old _from_json']:.2f}x; "
        f"new from_dict / old from_dict: parse {new_parse / median('old RunList.from_dict'):.2f}x, "
        f"parse + every field read {totals['new from_dict'] / totals['old from_dict']:.2f}x"
    )


if __name__ == "__main__":
    sys.exit(main())
