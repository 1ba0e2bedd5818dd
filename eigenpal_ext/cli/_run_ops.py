"""``eigenpal runs trace``, ``scores``, ``step``, ``promote`` and ``download --zip``: a run's other operations.

Each prints the API's object with ``--json``, else a table; rich loads only to draw (``_render``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._exit import ExitCode
from ._output import Output

if TYPE_CHECKING:
    from eigenpal_api.models.eval_result import EvalResult
    from eigenpal_api.models.run_trace_event import RunTraceEvent
    from rich.console import RenderableType

__all__ = ["download_zip", "promote", "scores", "step", "trace"]


def _present(out: Output, document: object, view: Any, answered: str | None = None) -> int:
    if out.json_mode:
        out.answer(answered, document)  # the API's answer as sent; ``document`` when none was noted
    else:
        out.show(view())
    return ExitCode.OK


def trace(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs trace RUN_ID``: what the run did, oldest first (what a failed run did before it failed)."""
    from ._options import client_for

    with client_for(args) as client:
        events = client.runs.trace(args.run_id)
    document = {"events": [event.to_dict() for event in events]}
    return _present(out, document, lambda: _trace_table(events), out.answers.listing("events"))


def scores(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs scores RUN_ID``: the automated evaluators' scores."""
    from ._options import client_for

    with client_for(args) as client:
        results = client.runs.scores(args.run_id)
    document = {"scores": [score.to_dict() for score in results]}
    return _present(out, document, lambda: _scores_view(results), out.answers.listing("scores"))


def step(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs step RUN_ID STEP_ID``: one step in full (its id from ``runs steps``)."""
    from ._options import client_for

    with client_for(args) as client:
        row = client.runs.step(args.run_id, args.step_id)
    return _present(out, row, lambda: json.dumps(row, indent=2, ensure_ascii=False), out.answers.last())


def promote(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs promote RUN_ID [--name NAME]``: a dataset example made of the run."""
    from ._options import client_for

    with client_for(args) as client:
        example = client.runs.promote(args.run_id, name=args.name)
    line = f"run {args.run_id} promoted to example {example.example_id} ({example.name}) of {example.automation_id}"
    return _present(out, example.to_dict(), lambda: line, out.answers.last())


def download_zip(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs download RUN_ID --zip FILE [--review]``: the output files as one ZIP archive."""
    from ._exit import UsageError
    from ._options import client_for

    if args.paths:
        raise UsageError("--zip downloads every output file: leave out the PATHs")
    with client_for(args) as client:
        saved = client.runs.artifacts.download_zip(args.run_id, to=Path(args.zip).expanduser(), review=args.review)
    size = saved.stat().st_size
    return _present(out, {"id": args.run_id, "savedTo": str(saved), "size": size}, lambda: f"{saved} ({size} bytes)")


def _trace_table(events: list[RunTraceEvent]) -> RenderableType:
    from ._render import status_text, wire_text
    from ._table import Column, FitTable

    table = FitTable(
        [
            Column("started", rank=7),
            Column("type", rank=5),
            Column("phase / step", rank=8, cut=True),
            Column("status", rank=9),
            Column("message", rank=2, cut=True),
        ]
    )
    for event in events:
        where = event.step_name if isinstance(event.step_name, str) else event.phase
        table.add_row(
            wire_text(event.started_at) if isinstance(event.started_at, str) else "",
            wire_text(event.type_) if isinstance(event.type_, str) else "",
            wire_text(where) if isinstance(where, str) else "",
            status_text(event.status) if isinstance(event.status, str) else "",
            wire_text(event.message) if isinstance(event.message, str) else "",
        )
    return table


def _scores_view(results: list[EvalResult]) -> RenderableType:
    from ._render import wire_text
    from ._table import Column, FitTable

    if not results:
        return "no scores: no evaluator scored this run"
    table = FitTable(
        [
            Column("evaluator", rank=9, cut=True),
            Column("type", rank=5),
            Column("score", rank=8, justify="right"),
            Column("passed", rank=7),
            Column("label", rank=4, cut=True),
            Column("error", rank=2, cut=True),
        ]
    )
    for score in results:
        passed = "yes" if score.passed is True else "no" if score.passed is False else ""
        table.add_row(
            wire_text(score.evaluator_name),
            wire_text(score.evaluator_type),
            "" if score.score is None else wire_text(score.score),
            passed,
            "" if score.label is None else wire_text(score.label),
            "" if score.error is None else wire_text(score.error),
        )
    return table
