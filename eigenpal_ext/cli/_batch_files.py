"""What ``eigenpal batch`` reads and writes: the documents a ``--file`` folder or glob names, the batch's key, and the
results file (one JSON line per document, kept across runs of the same command so that a batch resumes).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any, TextIO

import attrs
from eigenpal_api.models.json_object import JsonObject

from eigenpal_ext import BatchItem
from eigenpal_ext._core._redact import redact
from eigenpal_ext._core._status import TERMINAL_STATUSES

from ._exit import UsageError
from ._options import parse_inputs
from ._render import wire_text

__all__ = ["Documents", "ResultsFile", "batch_key", "find_documents", "result_line"]

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

    def __init__(self, path: Path, key: str, documents: list[Path], *, retry_failed: bool = False) -> None:
        self.path = path
        self._key = key
        self._files = [str(document) for document in documents]
        self._retry_failed = retry_failed
        self.done: dict[int, dict[str, Any]] = {}
        self.lines: dict[int, dict[str, Any]] = {}
        """Every document's latest line: the ended ones read at the start, then each one written."""
        self._stream: TextIO | None = None

    def load(self) -> None:
        """Read the lines of earlier runs of this batch; keep the ended ones (the completed ones only when retrying
        failed documents), drop errors and torn lines.

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
            known = isinstance(index, int) and 0 <= index < len(self._files)
            if not known or not self._ours(key, index) or line.get("file") != self._files[index]:
                others += 1
            elif line.get("status") in _ENDED and not (self._retry_failed and line["status"] != "completed"):
                self.done[index] = line
                self.lines[index] = line
        if others:
            raise UsageError(
                f"{self.path} holds {others} result line(s) of another batch (other documents, inputs or --key): "
                "pass another --out, or remove the file"
            )

    def _ours(self, key: object, index: int) -> bool:
        """Whether a line's key is this batch's for the document: its first try's, or a retry's (``:retryN:``)."""
        pattern = rf"{re.escape(self._key)}(:retry[1-9][0-9]*)?:{index}"
        return isinstance(key, str) and re.fullmatch(pattern, key) is not None

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
        self.lines[int(line["index"])] = line
        self._stream.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
        self._stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
