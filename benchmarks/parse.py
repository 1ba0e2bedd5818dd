"""`python -m benchmarks.parse`: what the generated models cost to parse a 250-run page and a 50-step run.

Captures both answers from the local server as `scripts/bench` does (`benchmarks.bench.capture_answers`; or reads
them from `--answers DIR`, written there by `--save DIR`), then times, in blocks that alternate, `json.loads` of the
body alone, `from_dict` of the decoded body alone, and both; then the client's parse, `_from_json` (the whole body
checked, nested objects built when first read: openapi/templates/model.py.jinja), alone, after `json.loads`, and
with every field of the result read afterwards, which builds everything; and prints the medians (and the fastest
block) in microseconds with the ratio to `json.loads`. `--profile` adds the cProfile of the page's parse.

The figures include the cyclic GC that the parse sets off: every object allocated counts towards a collection, and
the page's objects, alive while it is parsed, are promoted to the older generations, whose collections traverse the
whole heap (15-20 ms for this process, more in an application's) and so land in some blocks only: hence the gap
between a page's median and its fastest block. `scripts/bench`'s section 5 measures the whole client call.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from benchmarks._common import ServerProcess, machine, machine_line

RUN_FILE, PAGE_FILE = "run-50-steps.json", "page-250-runs.json"


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


def _block_us(call: Callable[[], object], iterations: int) -> float:
    began = time.perf_counter()
    for _ in range(iterations):
        call()
    return (time.perf_counter() - began) / iterations * 1e6


def read_every_field(value: object) -> None:
    """Read every field of a model, and of every model in it, as code that uses all of a result does."""
    if isinstance(value, list):
        for item in value:
            read_every_field(item)
    elif attrs.has(kind := type(value)):
        for field in attrs.fields(kind):
            read_every_field(getattr(value, field.name))


def measure(
    body: bytes, from_dict: Callable[[Any], object], from_json: Callable[[Any], object], iterations: int, blocks: int
) -> dict[str, list[float]]:
    """Microseconds per call of each side, one figure per block, the sides' blocks alternating."""
    decoded = json.loads(body)
    sides: dict[str, Callable[[], object]] = {
        "json.loads": lambda: json.loads(body),
        "from_dict": lambda: from_dict(decoded),
        "json.loads + from_dict": lambda: from_dict(json.loads(body)),
        "_from_json": lambda: from_json(decoded),
        "json.loads + _from_json": lambda: from_json(json.loads(body)),
        "same, every field read": lambda: read_every_field(from_json(json.loads(body))),
        "from_dict, every field read": lambda: read_every_field(from_dict(json.loads(body))),
    }
    figures: dict[str, list[float]] = {name: [] for name in sides}
    for call in sides.values():
        call()  # warm: imports and caches are start-up, not per-call cost
    for _ in range(blocks):
        for name, call in sides.items():
            figures[name].append(_block_us(call, iterations))
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parse", description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, default=30, help="alternating blocks per figure (default: 30)")
    parser.add_argument("--answers", type=Path, help="read the captured answers from this folder")
    parser.add_argument("--save", type=Path, help="write the captured answers to this folder")
    parser.add_argument("--profile", action="store_true", help="print the cProfile of the page's parse")
    args = parser.parse_args(argv)

    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_list import RunList

    run_body, page_body = _answers(args)
    print(machine_line(machine()))
    cases = (
        ("RunList, 250 runs", page_body, RunList.from_dict, RunList._from_json, 20),
        ("Run, 50 steps", run_body, Run.from_dict, Run._from_json, 300),
    )
    for title, body, from_dict, from_json, iterations in cases:
        figures = measure(body, from_dict, from_json, iterations, args.blocks)
        loads = statistics.median(figures["json.loads"])
        print(f"{title} ({len(body):,} bytes; {args.blocks} blocks of {iterations}):")
        for name, values in figures.items():
            median = statistics.median(values)
            fastest = min(values)
            print(f"  {name:28s} {median:9.1f} us  (fastest block {fastest:9.1f} us)  {median / loads:5.2f}x loads")
    if args.profile:
        decoded = json.loads(page_body)
        profile = cProfile.Profile()
        profile.runcall(lambda: [RunList._from_json(decoded) for _ in range(20)])
        shown = io.StringIO()
        pstats.Stats(profile, stream=shown).sort_stats("tottime").print_stats(15)
        print(shown.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
