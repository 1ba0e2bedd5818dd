"""How ``--input`` and ``--file`` become a run's input (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eigenpal_ext.cli._exit import UsageError
from eigenpal_ext.cli._options import parse_inputs

from .conftest import run_cli


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seconds=2", 2),
        ("seconds=0.5", 0.5),
        ("flag=true", True),
        ("nothing=null", None),
        ("items=[1, 2]", [1, 2]),
        ('output={"a": {"b": 1}}', {"a": {"b": 1}}),
        ('quoted="2"', "2"),
        ("name=Acme Corp", "Acme Corp"),
        ("empty=", ""),
        ("equation=a=b", "a=b"),
        ("nan=NaN", "NaN"),  # not JSON, though Python's json reads it
        ("broken={not json", "{not json"),
    ],
)
def test_input_values_are_json_when_they_are_valid_json_else_text(text: str, value: object) -> None:
    key = text.partition("=")[0]

    assert parse_inputs([text], []) == {key: value}


def test_files_become_paths(tmp_path: Path) -> None:
    document = tmp_path / "invoice.pdf"
    document.write_bytes(b"%PDF-1.4")

    assert parse_inputs(["seconds=1"], [f"contract_document={document}"]) == {
        "seconds": 1,
        "contract_document": document,
    }


@pytest.mark.parametrize(
    ("values", "files", "mentions"),
    [
        (["=1"], [], "KEY=VALUE"),
        (["novalue"], [], "KEY=VALUE"),
        (["a=1", "a=2"], [], "twice"),
        (["doc=1"], ["doc=/etc/hostname"], "twice"),
        ([], ["doc=/no/such/file"], "no such file"),
    ],
)
def test_malformed_inputs_are_usage_errors(values: list[str], files: list[str], mentions: str) -> None:
    with pytest.raises(UsageError, match=mentions):
        parse_inputs(values, files)


def test_no_command_is_a_one_line_usage_error() -> None:
    result = run_cli()

    assert result.code == 2
    assert len(result.error_lines) == 1
    assert "name a command" in result.stderr


def test_version() -> None:
    result = run_cli("--version", process=True)  # the module runs as a program and exits 0

    assert result.code == 0
    assert result.stdout.startswith("eigenpal ")
