"""``eigenpal demo``: the main job in one command, against the local server started in this process.

1. Extract an invoice (a bundled sample) with ``workflows.extract-invoice``, watching its status and steps live,
   and show the extracted fields.
2. Download the run's output file into a folder it names.
3. Run a batch of ``workflows.sleep`` runs of mixed length and outcome with ``run_many_as_completed`` (each run
   started held, so it costs one request) with one progress bar, then sum up: how many completed or failed, how many
   HTTP requests that took, and the wall time.

It needs no key, no network and no setup, and ends on its own in a few seconds.
"""

from __future__ import annotations

import argparse
import random
import secrets
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import attrs
import httpx
from eigenpal_api.models.run import Run
from rich.text import Text

from eigenpal_ext import Batch, EigenpalClient, EigenpalError, is_success

from ._client import CliClient
from ._exit import ExitCode, UsageError
from ._output import Output
from ._progress import follow_run, follow_runs, outcome_counts, outcome_text, status_of
from ._render import output_tables, status_text
from ._table import Column, FitTable

__all__ = ["RequestCounter", "SleepRun", "batch_plan", "demo"]

_MAX_RUNS = 200
_WAIT_SECONDS = 60.0
_POLL_SECONDS = 0.25


@attrs.frozen
class SleepRun:
    """One run of the demo's batch: how long it sleeps and how it ends."""

    seconds: float
    outcome: str


def batch_plan(count: int, seed: int) -> list[SleepRun]:
    """``count`` sleep runs of 0.5 to 4 s: about one in five fails and one (in ten or more) is rejected.

    The same seed gives the same batch, so the demo's summary is the same every time.
    """
    rng = random.Random(seed)
    outcomes = ["completed"] * count
    failing = rng.sample(range(count), k=count // 5 + (1 if count >= 10 else 0))
    for index in failing[: count // 5]:
        outcomes[index] = "failed"
    for index in failing[count // 5 :]:
        outcomes[index] = "rejected"
    return [SleepRun(seconds=round(rng.uniform(0.5, 4.0), 1), outcome=outcome) for outcome in outcomes]


class RequestCounter:
    """An httpx request hook that counts every request sent, retries and polls included."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, request: httpx.Request) -> None:
        self.count += 1


def _extract(client: EigenpalClient, out: Output, document: Path) -> Run:
    out.show(f"\n[bold]1. Extract an invoice[/bold]: workflows.extract-invoice on {document.name}", soft_wrap=True)
    started = client.run("workflows.extract-invoice", input={"contract_document": document}, tags=["demo"])
    states = client.runs.poll(
        started.id, timeout_seconds=_WAIT_SECONDS, poll_interval_seconds=_POLL_SECONDS, expand=["execution"]
    )
    last = follow_run(states, out.console, started.id)
    run = last if last is not None else client.runs.get(started.id)
    out.show(Text.assemble(f"   run {run.id} ended ", status_text(run.execution.status)))
    if run.output is not None:
        for table in output_tables(run.output, title="Extracted fields"):
            out.show(table)
    return run


def _download(client: EigenpalClient, out: Output, run: Run, folder: Path) -> None:
    out.show(f"[bold]2. Download the output[/bold] into {folder}", soft_wrap=True)
    for artifact in run.files or []:
        target = client.runs.artifacts.download(run.id, artifact.path, to=folder)
        out.show(f"   {artifact.path} -> {target}", soft_wrap=True)


def _batch(client: EigenpalClient, out: Output, plan: list[SleepRun]) -> tuple[list[Run], dict[str, str], float]:
    """Run the batch with ``run_many``; the runs as they ended, each run's planned outcome, the time it took."""
    planned = outcome_text(Counter(item.outcome for item in plan))
    out.show(f"\n[bold]3. Run a batch of {len(plan)} sleep runs[/bold] of 0.5-4 s (planned: {planned})", soft_wrap=True)
    started = time.monotonic()
    inputs = [{"seconds": item.seconds, "outcome": item.outcome, "steps": 2} for item in plan]
    expected: dict[str, str] = {}

    def ended_runs(batch: Batch) -> Iterator[Run]:
        for item in batch:
            if isinstance(item.outcome, EigenpalError):  # a start refused, or the deadline: not on the demo's server
                raise item.outcome
            expected[item.outcome.id] = plan[item.index].outcome
            yield item.outcome

    with client.run_many_as_completed(
        "workflows.sleep", inputs, tags=["demo"], timeout_seconds=_WAIT_SECONDS, poll_interval_seconds=_POLL_SECONDS
    ) as batch:
        ended = follow_runs(ended_runs(batch), len(inputs), out.console, "runs")
    return ended, expected, time.monotonic() - started


def _summary(ended: list[Run], batch_seconds: float, requests: int, wall_seconds: float) -> FitTable:
    table = FitTable([Column("what", rank=2), Column("count", rank=1, justify="right")], title="Summary", grid=True)
    counts = outcome_counts(ended)
    for status in ("completed", "failed", "rejected", "cancelled"):
        if counts.get(status) or status in ("completed", "failed"):
            table.add_row(Text.assemble("runs ", status_text(status)), str(counts.get(status, 0)))
    table.add_row("batch wall time", f"{batch_seconds:.1f} s")
    table.add_row("HTTP requests made", str(requests))
    table.add_row("total wall time", f"{wall_seconds:.1f} s")
    return table


def demo(args: argparse.Namespace, out: Output) -> int:
    """Run the demo; exit 0 when the invoice was extracted and every batch run ended as planned."""
    started = time.monotonic()
    if not 1 <= args.runs <= _MAX_RUNS:
        raise UsageError(f"--runs {args.runs}: must be from 1 to {_MAX_RUNS}")
    from eigenpal_local import LocalServer, samples  # main checked that the server extra is installed

    try:
        document = samples.path(args.sample)
    except FileNotFoundError as exc:
        raise UsageError(f"--sample {args.sample}: {', '.join(samples.list_samples())} are bundled") from exc
    plan = batch_plan(args.runs, args.seed)
    folder = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="eigenpal-demo-"))
    requests = RequestCounter()
    api_key = "demo_" + secrets.token_hex(8)
    with (
        LocalServer(api_key=api_key, workers=max(16, args.runs)) as server,
        httpx.Client(timeout=30.0, event_hooks={"request": [requests]}) as http,
        CliClient(api_key=server.api_key, base_url=server.base_url, http_client=http) as client,
    ):
        out.show(
            f"[bold]Eigenpal demo[/bold]: a local Eigenpal server is listening at {server.base_url}", soft_wrap=True
        )
        invoice = _extract(client, out, document)
        if not is_success(invoice):
            out.error(f"the invoice run {invoice.id} ended {status_of(invoice)}: {invoice.error}")
            return ExitCode.RUN_FAILED
        _download(client, out, invoice, folder)
        ended, expected, batch_seconds = _batch(client, out, plan)
        out.show(_summary(ended, batch_seconds, requests.count, time.monotonic() - started))
    unexpected = [f"{run.id} {status_of(run)}" for run in ended if status_of(run) != expected[run.id]]
    if unexpected:
        out.error(f"runs that did not end as planned: {', '.join(unexpected)}")
        return ExitCode.RUN_FAILED
    return ExitCode.OK
