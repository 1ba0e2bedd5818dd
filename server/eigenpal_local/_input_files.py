"""A run's file inputs: kept as input artifacts when it starts, and copied back out when it is rerun.

A file input appears in the run's input by its description (`filename`, `contentType`, `size`, `path`): one
description for a single file, a list of them for several under one key.
"""

from __future__ import annotations

from typing import Any

from ._records import FileInput, FileInputs, RunRecord
from ._store import Store, StoredArtifact


def keep_input_file(store: Store, run: RunRecord, file_input: FileInput) -> dict[str, Any]:
    """Stores a file input as an input artifact; returns how the run's input describes it."""
    artifact = StoredArtifact(
        path=file_input.path,
        name=file_input.filename,
        role="input",
        step_name=None,
        content_type=file_input.content_type,
        size=len(file_input.content),
        sha256=file_input.sha256,
    )
    store.put_artifact(run.id, artifact, file_input.content)
    run.artifacts.append(artifact)
    return {
        "filename": file_input.filename,
        "contentType": file_input.content_type,
        "size": len(file_input.content),
        "path": file_input.path,
    }


def described_input(store: Store, run: RunRecord, run_input: dict[str, Any], files: FileInputs) -> dict[str, Any]:
    """The run's input as it shows it: `run_input` with each file input kept and put in by its description."""
    public_input = dict(run_input)
    for key, file_inputs in files.items():
        described = [keep_input_file(store, run, file_input) for file_input in file_inputs]
        single = len(file_inputs) == 1 and file_inputs[0].index is None
        public_input[key] = described[0] if single else described
    return public_input


def copy_input_files(store: Store, run: RunRecord) -> FileInputs:
    """The file inputs of a run, to start a rerun with."""
    files: FileInputs = {}
    for key, described in run.input.items():
        single = _is_file_description(described)
        listed = isinstance(described, list) and bool(described) and all(map(_is_file_description, described))
        if not single and not listed:
            continue
        copies = []
        for index, item in enumerate([described] if single else described):
            content = store.artifact_content(run.id, str(item["path"]))
            if content is not None:
                position = None if single else index
                copies.append(FileInput(key, str(item["filename"]), str(item["contentType"]), content, position))
        if copies:
            files[key] = copies
    return files


def _is_file_description(value: object) -> bool:
    return isinstance(value, dict) and "path" in value and "filename" in value and "contentType" in value
