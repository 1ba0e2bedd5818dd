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
import glob
import hashlib
import json
import os
import shlex
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

import attrs
from eigenpal_api.models.json_object import JsonObject

from eigenpal_ext import Batch, BatchItem, EigenpalClient, EigenpalTimeoutError
from eigenpal_ext._core._redact import redact
from eigenpal_ext._core._status import TERMINAL_STATUSES
from eigenpal_ext._transport._config import API_KEY_ENV, DEFAULT_BATCH_SECONDS, DEFAULT_MAX_IN_FLIGHT

from ._client import CliClient
from ._commands import parse_inputs
from ._exit import ExitCode, UsageError
from ._output import Output
from ._render import wire_text

__all__ = ["Documents", "ResultsFile", "batch", "batch_key", "find_documents", "result_line"]

_GLOB_CHARACTERS = frozenset("*?[")
_ENDED = frozenset(status.value for status in TERMINAL_STATUSES)


@attrs.frozen
class Documents:
    """What a batch runs: the documents, the input key they go in, and what every run shares.

    Attributes:
        key: The input field each document is sent as.
        spec: The folder or glob as given (for the command that resumes).
        paths: The documents, sorted by path.
        shared: The input every run has besides its document (other files, ``--input`` values).
    """

    key: str
    spec: str
    paths: list[Path]
    shared: dict[str, object]

    def inputs(self) -> list[dict[str, object]]:
        """Every run's input, in the order of ``paths``."""
        return [{**self.shared, self.key: path} for path in self.paths]


def _many(key: str, text: str) -> list[Path] | None:
    """The files a ``--file`` value names when it is a folder or a glob; ``None`` when it is one file.

    Raises:
        UsageError: A folder or glob that names no file, or a path that is not there.
    """
    path = Path(text).expanduser()
    if _GLOB_CHARACTERS & set(text):
        found = sorted(Path(match) for match in glob.glob(os.path.expanduser(text), recursive=True))
        files = [match for match in found if match.is_file()]
        if not files:
            raise UsageError(f"--file {key}={text}: no file matches")
        return files
    if path.is_dir():
        files = sorted(child for child in path.iterdir() if child.is_file() and not child.name.startswith("."))
        if not files:
            raise UsageError(f"--file {key}={text}: the folder holds no files")
        return files
    if path.is_file():
        return None
    raise UsageError(f"--file {key}: no such file or folder: {text}")


def find_documents(files: list[str], values: list[str]) -> Documents:
    """The documents of ``--file`` options (exactly one a folder or a glob) and what every run shares.

    Raises:
        UsageError: No ``--file`` names many documents, or more than one does; a malformed option.
    """
    many: list[tuple[str, str, list[Path]]] = []
    single: list[str] = []
    for text in files:
        key, sep, value = text.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--file {text!r}: expected KEY=PATH_OR_FOLDER_OR_GLOB")
        found = _many(key.strip(), value)
        if found is None:
            single.append(text)
        else:
            many.append((key.strip(), value, found))
    if len(many) != 1:
        named = "none does" if not many else f"{len(many)} do ({', '.join(key for key, _, _ in many)})"
        raise UsageError(f"one --file must name the documents, as a folder or a glob: {named}")
    key, spec, paths = many[0]
    shared = parse_inputs(values, single)
    if key in shared:
        raise UsageError(f"--file {key}: the key {key!r} is given twice")
    return Documents(key=key, spec=spec, paths=paths, shared=shared)


def batch_key(target: str, documents: Documents, tags: list[str], version: str | None) -> str:
    """The batch's key when ``--key`` is not given: the same command over the same files gives the same key."""
    shared = {name: str(Path(value).resolve()) if isinstance(value, Path) else value
              for name, value in sorted(documents.shared.items())}  # fmt: skip
    command = {
        "target": target,
        "key": documents.key,
        "documents": [str(path.resolve()) for path in documents.paths],
        "shared": shared,
        "tags": tags,
        "version": version,
    }
    digest = hashlib.sha256(json.dumps(command, sort_keys=True, default=str).encode()).hexdigest()
    return f"eigenpal-batch-{digest[:24]}"


def result_line(item: BatchItem, document: Path, key: str) -> dict[str, Any]:
    """One document's line in the results file."""
    line: dict[str, Any] = {"index": item.index, "file": str(document), "idempotencyKey": key, "runId": item.run_id}
    run = item.run
    if run is not None:
        line["status"] = wire_text(run.execution.status)
        if isinstance(run.output, JsonObject):
            line["output"] = run.output.to_dict()
        if isinstance(run.error, str):
            # What the server said went wrong may quote the key the command runs with: masked, as on stderr.
            line["error"] = {"message": redact(run.error)}
        return line
    error = item.error
    line["status"] = None
    line["error"] = {"type": type(error).__name__, "message": redact(str(error))}
    request_id = getattr(error, "request_id", None)
    if isinstance(request_id, str):
        line["error"]["requestId"] = redact(request_id)
    return line


class ResultsFile:
    """The JSON-lines file of a batch: what earlier runs of the same command finished, and where new lines go.

    Every line is written whole and flushed as its run ends, so a crash loses at most the line being written; a torn
    last line is dropped on the next start.
    """

    def __init__(self, path: Path, keys: list[str], documents: list[Path]) -> None:
        self.path = path
        self._keys = keys
        self._files = [str(document) for document in documents]
        self.done: dict[int, dict[str, Any]] = {}
        self._stream: TextIO | None = None

    def load(self) -> None:
        """Read the lines of earlier runs of this batch; keep the ended ones, drop errors and torn lines.

        Raises:
            UsageError: The file holds lines of another batch (another command or key).
        """
        if not self.path.exists():
            return
        others = 0
        for text in self.path.read_text(encoding="utf-8").splitlines():
            try:
                line = json.loads(text)
                index, key = line["index"], line["idempotencyKey"]
            except (ValueError, KeyError, TypeError):
                continue  # a line torn by a crash
            known = isinstance(index, int) and 0 <= index < len(self._keys)
            if not known or key != self._keys[index] or line.get("file") != self._files[index]:
                others += 1
            elif line.get("status") in _ENDED:
                self.done[index] = line
        if others:
            raise UsageError(
                f"{self.path} holds {others} result line(s) of another batch (other documents, inputs or --key): "
                "pass another --out, or remove the file"
            )

    def open(self) -> None:
        """Rewrite the file with only the ended lines (atomically), then open it to append."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            for index in sorted(self.done):
                out.write(json.dumps(self.done[index], ensure_ascii=False) + "\n")
        os.replace(scratch, self.path)
        self._stream = self.path.open("a", encoding="utf-8")

    def write(self, line: dict[str, Any]) -> None:
        """Append one line and flush it."""
        assert self._stream is not None
        self._stream.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()


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
    if args.cancel_on_timeout:
        words.append("--cancel-on-timeout")
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
    api_key: str | None = getattr(args, "api_key", None)
    if not (api_key if api_key is not None else os.environ.get(API_KEY_ENV, "")).strip():
        raise UsageError(f"no API key: pass --api-key or set {API_KEY_ENV}")
    return CliClient(api_key=api_key, base_url=getattr(args, "base_url", None))


def _summary(
    counts: Counter[str], total: int, skipped: int, out_path: Path, key: str, interrupted: bool
) -> dict[str, Any]:
    return {
        "total": total,
        "skipped": skipped,
        "finished": sum(counts.values()),
        "outcomes": dict(sorted(counts.items())),
        "out": str(out_path),
        "batchKey": key,
        "interrupted": interrupted,
    }


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
    keys = [f"{key}:{index}" for index in range(len(documents.paths))]
    results = ResultsFile(Path(args.out).expanduser(), keys, documents.paths)
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
    try:
        with client:
            interrupted = _run(args, out, client, documents, inputs, todo, key, results, counts, timeout, skipped)
    finally:
        results.close()
    summary = _summary(counts, len(documents.paths), skipped, results.path, key, interrupted)
    if out.json_mode:
        out.json(summary)
    else:
        outcomes = ", ".join(f"{count} {name}" for name, count in counts.most_common()) or "nothing ran"
        out.show(f"{sum(counts.values())} of {len(documents.paths)} documents: {outcomes}; results in {results.path}",
                 soft_wrap=True)  # fmt: skip
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
