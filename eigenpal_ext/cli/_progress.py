"""Watching runs: a live line for one run (status, steps done of total) and one bar for many.

A run waiting on a person shows ``waiting for review 1/2`` (confirmed of required) for its status.

On a terminal these are rich progress displays; elsewhere (a pipe, a file, CI logs) each change is one plain line,
so logs stay readable and hold no escape codes.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator

from eigenpal_api.models.run import Run
from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from eigenpal_ext import is_success

from ._render import review_progress, run_status_text, step_rows, wire_text

__all__ = ["follow_run", "follow_runs", "outcome_counts", "outcome_text", "status_of", "steps_done"]


def status_of(run: Run) -> str:
    """A run's status as its wire text."""
    return wire_text(run.execution.status)


def _shown_status(run: Run) -> str:
    """A run's status as a line shows it: its wire text, or ``waiting for review 1/2``."""
    return review_progress(run) or status_of(run)


_STEP_DONE = "completed"
_STEP_RUNNING = "running"


def steps_done(run: Run) -> tuple[int, int | None]:
    """How many of a run's steps have completed, and how many it has (None before the server lists them).

    Steps are free-form rows: one without a ``status`` counts as not done.
    """
    steps = step_rows(run)
    if not steps:
        return 0, None
    done = sum(1 for step in steps if step.get("status") == _STEP_DONE)
    return done, len(steps)


def _current_step(run: Run) -> str:
    """The name (or id) of the first running step, or nothing."""
    for step in step_rows(run):
        if step.get("status") == _STEP_RUNNING:
            name = step.get("name", step.get("id"))
            return str(name) if name is not None else ""
    return ""


class _MarkColumn(SpinnerColumn):
    """A spinner while the run goes on, then a mark for how it ended (``task.fields["mark"]``)."""

    def render(self, task: Task) -> RenderableType:
        mark = task.fields.get("mark")
        return mark if isinstance(mark, Text) else super().render(task)


class _FieldColumn(ProgressColumn):
    """A task field that holds a styled ``Text`` (a ``TextColumn`` would format it to plain text)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def render(self, task: Task) -> RenderableType:
        value = task.fields.get(self.name, "")
        return value if isinstance(value, Text) else Text(str(value))


def _ended_mark(run: Run) -> Text:
    return Text("✓", style="green") if is_success(run) else Text("✗", style="red")


def follow_run(states: Iterable[Run], console: Console, label: str) -> Run | None:
    """Show each state of one run as it comes (from ``client.runs.poll``); the last state seen.

    Args:
        states: The run's successive states, the terminal one last.
        console: Where to draw; a live line on a terminal, one plain line per state elsewhere.
        label: What the run is, for the display.
    """
    last: Run | None = None
    if not console.is_terminal:
        for run in states:
            done, total = steps_done(run)
            step = _current_step(run)
            shown = _shown_status(run)
            console.print(f"  {label}: {shown}, steps {done}/{total or '?'}" + (f" ({step})" if step else ""))
            last = run
        return last
    progress = Progress(
        _MarkColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(bar_width=24),
        MofNCompleteColumn(),
        TextColumn("steps"),
        _FieldColumn("status"),
        TimeElapsedColumn(),
        console=console,
    )
    with progress:
        task = progress.add_task(label, total=None, status=Text("starting"), mark=None)
        for run in states:
            done, total = steps_done(run)
            step = _current_step(run)
            status = run_status_text(run) + (f" · {step}" if step else "")
            mark = _ended_mark(run) if run.finished else None
            progress.update(task, completed=done, total=total, status=status, mark=mark)
            last = run
    return last


def outcome_counts(runs: Iterable[Run]) -> Counter[str]:
    """How many runs ended in each status."""
    return Counter(status_of(run) for run in runs)


def outcome_text(counts: Counter[str]) -> str:
    """``16 completed, 3 failed, 1 rejected``: most first."""
    return ", ".join(f"{count} {status}" for status, count in counts.most_common())


def follow_runs(finished: Iterator[Run], total: int, console: Console, label: str) -> list[Run]:
    """Show many runs ending (from ``client.runs.as_completed``) with one bar; the runs in the order they ended.

    Args:
        finished: The runs, each as it ends.
        total: How many runs there are.
        console: Where to draw; one bar on a terminal, one plain line per run elsewhere.
        label: What the runs are, for the display.
    """
    ended: list[Run] = []
    started = time.monotonic()
    if not console.is_terminal:
        for run in finished:
            ended.append(run)
            elapsed = time.monotonic() - started
            shown = _shown_status(run)
            console.print(f"  [{len(ended):>{len(str(total))}}/{total}] {run.id} {shown} at {elapsed:.1f} s")
        return ended
    progress = Progress(
        SpinnerColumn(finished_text="[green]✓"),
        TextColumn("[bold]{task.description}"),
        BarColumn(bar_width=32),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeElapsedColumn(),
        console=console,
    )
    with progress:
        task = progress.add_task(label, total=total, counts="")
        for run in finished:
            ended.append(run)
            progress.update(task, advance=1, counts=outcome_text(outcome_counts(ended)))
    return ended
