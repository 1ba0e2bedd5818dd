"""``eigenpal batch``: run a target once per document of a folder (or a glob) with ``run_many``, resumably.

::

    eigenpal batch workflows.extract-invoice --file contract_document=invoices/ --out results.jsonl

- One ``--file KEY=FOLDER_OR_GLOB`` names the documents: every file in the folder (not its subfolders, no hidden
  files) or every file the glob matches (``**`` included), sorted by path; each is one run's ``KEY``. Other ``--file``
  options name one file each and ``--input`` options give values, the same for every run.
- The results file gets one JSON line per document as its run ends: its index, file, run id, status, and its output
  or error (``results.jsonl``; lines in the order runs ended, ``index`` gives the document's place).
- Resumable: each document's start carries the key ``BATCH:INDEX``, where ``BATCH`` is ``--key`` or a hash of the
  command (target, the documents' sorted paths, the other files and inputs, tags, version). Running the same command
  again skips the documents whose runs ended (their lines stay) and tries the rest; lines for errors are replaced.
  A document whose run was started but had not ended (a kill half-way) is not started again: ``run_many`` finds the
  batch's runs by its correlation tag (``eigenpal-ext:batch:...``) and waits on them, so no document runs twice
  (on a server that keeps no tags, such documents end with an error saying the batch cannot resume safely).
- On a terminal a live bar shows done, failed, in flight and the time left; in a pipe, one plain line per document;
  with ``--json`` only a summary on stdout. Ctrl-C stops starting runs, says how many were left running, and prints
  the command that resumes.
"""

from __future__ import annotations

import argparse
import contextlib
import shlex
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from eigenpal_ext import Batch, BatchItem, EigenpalClient, EigenpalTimeoutError
from eigenpal_ext._core._correlation import batch_tag
from eigenpal_ext._core._options import DEFAULT_BATCH_SECONDS, DEFAULT_MAX_IN_FLIGHT

from ._batch_files import Documents, ResultsFile, batch_key, find_documents, result_line
from ._batch_retry import Plan, latest_runs, plan, try_key
from ._client import CliClient
from ._exit import ExitCode, UsageError
from ._options import api_key_of
from ._output import Output
from ._render import wire_text

__all__ = ["batch"]


def _resume_command(args: argparse.Namespace) -> str:
    """The command that resumes this batch: the same options, never the API key."""
    words = ["eigenpal", "batch", args.target]
    for text in args.file:
        words += ["--file", text]
    for text in args.input:
        words += ["--input", text]
    for tag in args.tag:
        words += ["--tag", tag]
    words += ["--out", args.out]
    for option, value in (
        ("--key", args.key),
        ("--max-in-flight", args.max_in_flight),
        ("--timeout", args.timeout),
        ("--run-version", args.run_version),
        ("--base-url", getattr(args, "base_url", None)),
    ):
        if value is not None:
            words += [option, str(value)]
    for flag, given in (("--cancel-on-timeout", args.cancel_on_timeout), ("--retry-failed", args.retry_failed)):
        if given:
            words.append(flag)
    return shlex.join(words)


@contextlib.contextmanager
def _progress(out: Output, batch: Batch, skipped: int) -> Iterator[Any]:
    """A live bar on a terminal (done, failed, in flight, time left); ``None`` elsewhere."""
    if not out.live:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    class Counts(TextColumn):
        def render(self, task: Any) -> Any:
            from rich.text import Text

            return Text(f"{batch.failed} failed, {batch.in_flight} in flight", style="dim")

    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(bar_width=32),
        MofNCompleteColumn(),
        Counts(""),
        TimeRemainingColumn(),
        console=out.console,
        refresh_per_second=8,
    )
    with progress:
        task = progress.add_task("documents", total=batch.total + skipped, completed=skipped)
        yield lambda: progress.advance(task)


def _client(args: argparse.Namespace) -> EigenpalClient:
    return CliClient(api_key=api_key_of(args), base_url=getattr(args, "base_url", None))


_NAMED_FAILURES = 10
"""How many failed documents the summary names on a terminal; the results file (and ``--json``) has them all."""


def _summary(
    counts: Counter[str],
    total: int,
    skipped: int,
    out_path: Path,
    key: str,
    interrupted: bool,
    failed: list[str],
    reused: int,
    retried: int,
) -> dict[str, Any]:
    return {
        "total": total,
        "skipped": skipped,
        "reused": reused,
        "retried": retried,
        "finished": sum(counts.values()),
        "outcomes": dict(sorted(counts.items())),
        "failed": failed,
        "out": str(out_path),
        "batchKey": key,
        "interrupted": interrupted,
    }


def _failed_documents(results: ResultsFile) -> list[str]:
    """The documents whose lines in the results file say their run did not complete, in the documents' order."""
    return [str(line["file"]) for _, line in sorted(results.lines.items()) if line.get("status") != "completed"]


def _failed_lines(failed: list[str], out_path: Path) -> list[str]:
    """The summary's lines naming failed documents: all of them, or the first few and how many more."""
    if not failed:
        return []
    shown = failed[:_NAMED_FAILURES]
    more = len(failed) - len(shown)
    lines = [f"{len(failed)} document(s) did not complete:", *(f"  {name}" for name in shown)]
    if more:
        lines.append(f"  ... and {more} more (every one is a line of {out_path} whose status is not completed)")
    return lines


def _reuse_note(work: Plan, todo: list[int], key: str, retry_failed: bool) -> str:
    """What the command says when documents left to do take the runs an earlier ``eigenpal batch`` started."""
    taken = "" if retry_failed else ", failed ones included,"
    then = (
        "; to run every document anew pass another --key"
        if retry_failed
        else "; to start the failed ones anew pass --retry-failed, to run every document anew pass another --key"
    )
    return (
        f"{len(work.reused)} of {len(todo)} documents left to run reuse the runs an earlier 'eigenpal batch' "
        f"with this key ({key}) started, found by their tag {batch_tag(key)} (their results{taken} are taken as "
        f"they are){then}"
    )


def _outcome(item: BatchItem) -> str:
    """A word for how a document ended: the run's status, ``timed_out``, or the error's name."""
    if item.run is not None:
        return wire_text(item.run.execution.status)
    return "timed_out" if isinstance(item.error, EigenpalTimeoutError) else type(item.error).__name__


def _exit_code(counts: Mapping[str, int]) -> int:
    if counts.get("timed_out"):
        return ExitCode.TIMED_OUT
    if any(outcome != "completed" for outcome in counts):
        return ExitCode.RUN_FAILED
    return ExitCode.OK


def batch(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal batch TARGET --file KEY=FOLDER_OR_GLOB --out results.jsonl``."""
    documents = find_documents(args.file, args.input)
    if args.max_in_flight is not None and args.max_in_flight < 1:
        raise UsageError(f"--max-in-flight {args.max_in_flight}: must be 1 or more")
    key = args.key or batch_key(args.target, documents, args.tag, args.run_version)
    results = ResultsFile(Path(args.out).expanduser(), key, documents.paths, retry_failed=args.retry_failed)
    results.load()
    todo = [index for index in range(len(documents.paths)) if index not in results.done]
    inputs = documents.inputs()
    counts: Counter[str] = Counter(str(line["status"]) for line in results.done.values())
    skipped = len(results.done)
    if skipped and not out.json_mode:
        out.note(
            f"{skipped} of {len(documents.paths)} documents ended in an earlier run; resuming the other {len(todo)}"
        )
    timeout = DEFAULT_BATCH_SECONDS if args.timeout is None else args.timeout
    if not timeout > 0:
        raise UsageError(f"--timeout {timeout:g}: must be a number of seconds above 0")
    client = _client(args)
    results.open()
    interrupted = False
    work = Plan({}, [], [])
    try:
        with client:
            work = plan(todo, latest_runs(client, key, todo) if todo else {}, args.retry_failed)
            if work.reused:
                out.note(_reuse_note(work, todo, key, args.retry_failed))
            if work.retried and not out.json_mode:
                out.note(f"retrying {len(work.retried)} document(s) whose latest run did not complete")
            ends = time.monotonic() + timeout  # one budget for the whole batch, whatever its tries
            for attempt, indices in work.tries.items():
                left = max(ends - time.monotonic(), 0.001)
                done = sum(counts.values())  # the documents that ended before this try (earlier ones, earlier tries)
                interrupted = _run(args, out, client, documents, inputs, indices, try_key(key, attempt), results,
                                   counts, left, done)  # fmt: skip
                if interrupted:
                    break
    finally:
        results.close()
    failed = _failed_documents(results)
    summary = _summary(counts, len(documents.paths), skipped, results.path, key, interrupted, failed,
                       len(work.reused), len(work.retried))  # fmt: skip
    if out.json_mode:
        out.json(summary)
    else:
        outcomes = ", ".join(f"{count} {name}" for name, count in counts.most_common()) or "nothing ran"
        retried = f" ({len(work.retried)} retried)" if work.retried else ""
        out.show(f"{sum(counts.values())} of {len(documents.paths)} documents{retried}: {outcomes}; results in "
                 f"{results.path}", soft_wrap=True)  # fmt: skip
        for line in _failed_lines(failed, results.path):
            out.show(line, soft_wrap=True)
    if counts.get("timed_out") and not args.cancel_on_timeout:
        out.note(
            f"eigenpal: {counts['timed_out']} document(s) timed out; their runs go on on the server. "
            f"Resume with:\n  {_resume_command(args)}"
        )
    if interrupted:
        return ExitCode.INTERRUPTED
    return _exit_code(counts)


def _run(
    args: argparse.Namespace,
    out: Output,
    client: EigenpalClient,
    documents: Documents,
    inputs: list[dict[str, object]],
    todo: list[int],
    key: str,
    results: ResultsFile,
    counts: Counter[str],
    timeout: float,
    skipped: int,
) -> bool:
    """Run the documents left; whether Ctrl-C stopped it."""
    if not todo:
        return False
    batch = client.run_many_as_completed(
        args.target,
        [inputs[index] for index in todo],
        indices=todo,
        idempotency_key=key,
        timeout_seconds=timeout,
        max_in_flight=args.max_in_flight or DEFAULT_MAX_IN_FLIGHT,
        tags=args.tag or None,
        version=args.run_version,
        cancel_on_timeout=args.cancel_on_timeout,
    )
    total = len(documents.paths)
    width = len(str(total))
    try:
        with batch, _progress(out, batch, skipped) as advance:
            for item in batch:
                document = documents.paths[item.index]
                results.write(result_line(item, document, f"{key}:{item.index}"))
                outcome = _outcome(item)
                counts[outcome] += 1
                if advance is not None:
                    advance()
                elif not out.json_mode:
                    done = skipped + batch.finished
                    run = item.run_id or "-"
                    out.show(f"[{done:>{width}}/{total}] {document} {run} {outcome} ({batch.in_flight} in flight)",
                             soft_wrap=True, )  # fmt: skip
    except KeyboardInterrupt:
        left = batch.in_flight
        out.note(
            f"eigenpal: interrupted: {skipped + batch.finished} of {total} documents done, {left} run(s) left running "
            f"on the server (they go on). Resume with:\n  {_resume_command(args)}"
        )
        return True
    return False
