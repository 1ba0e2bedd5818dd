"""A small service built on eigenpal-ext: the application code its tests exercise."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eigenpal_api.models import WorkflowRunExecution

from eigenpal_ext import EigenpalClient, EigenpalTimeoutError, is_success


def extract_invoice(client: EigenpalClient, document: Path) -> dict[str, Any]:
    """The fields of an invoice, extracted by the workflow."""
    run = client.run_and_wait("workflows.extract-invoice", input={"contract_document": document}, timeout_seconds=60)
    if not is_success(run) or run.output is None:
        raise RuntimeError(f"extraction failed: {run.error}")
    return dict(run.output)


def final_status(client: EigenpalClient, run_id: str) -> str:
    """How a run ended, waited for by polling it (at once, then at pauses growing to 2 s)."""
    return str(client.runs.wait(run_id, timeout_seconds=30).execution.status)


def progress(client: EigenpalClient, run_id: str) -> list[str]:
    """Each state a progress bar would show: the status and the steps done."""
    states = []
    for run in client.runs.poll(run_id, poll_interval_seconds=0.5, expand="execution"):
        execution = run.execution  # a workflow's has its steps: free-form rows, each with a status
        steps = execution.steps if isinstance(execution, WorkflowRunExecution) else []
        done = sum(1 for step in steps if step.get("status") == "completed")
        states.append(f"{run.execution.status} {done}/{len(steps)}")
    return states


def finish_order(client: EigenpalClient, run_ids: Sequence[str]) -> list[str]:
    """The runs in the order they finish."""
    return [run.id for run in client.runs.as_completed(run_ids)]


def sleep_or_give_up(client: EigenpalClient, seconds: float, patience: float) -> str:
    """Run a job of ``seconds``, but give up waiting after ``patience`` seconds (the run goes on)."""
    try:
        run = client.run_and_wait("workflows.sleep", input={"seconds": seconds}, timeout_seconds=patience)
    except EigenpalTimeoutError as exc:
        return f"gave up on {exc.run_id} after {exc.waited_seconds:.0f}s"
    return str(run.execution.status)
