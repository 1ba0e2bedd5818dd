"""What a user reads first is true: every ``eigenpal ...`` line of README.md and PYPI.md (the package description)
runs, the description's example runs and type-checks, and no document cites a file that is not in the repository."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import eigenpal_ext.cli
from eigenpal_ext.cli._parser import SERVE_HANDLER, build_parser
from eigenpal_ext.cli._webhooks import SECRET_ENV
from eigenpal_ext.webhooks import sign
from eigenpal_local import samples

from .conftest import Cli, cli_env, run_cli
from .test_commands import start

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ("README.md", "PYPI.md")
"""The documents whose command lines are run."""
CITING = ("README.md", "PYPI.md", "server/eigenpal_local/README.md")
"""The documents whose references to files are checked."""

_PLACEHOLDERS = {"RUN_ID": "a run that completed", "PATH": "outputs/result.json, the output file of that run"}


def _blocks(document: str, language: str) -> list[str]:
    text = (ROOT / document).read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def command_lines(document: str) -> list[str]:
    """The lines of the document's ```bash blocks that run the ``eigenpal`` command."""
    return [
        line.strip()
        for block in _blocks(document, "bash")
        for line in block.splitlines()
        if line.startswith("eigenpal ")
    ]


# Each command once, without its comment: the same command in both documents runs once.
_LINES = sorted(
    {shlex.join(shlex.split(line, comments=True)) for document in DOCUMENTS for line in command_lines(document)}
)


def test_the_documents_show_the_command_line() -> None:
    readme = command_lines("README.md")

    assert len(readme) >= 15
    assert len(command_lines("PYPI.md")) >= 3
    assert "eigenpal runs download RUN_ID PATH --to out/" in " ".join(readme)
    # Every command of the parser is shown at least once.
    words = [shlex.split(line, comments=True)[1:] for line in readme]
    verbs = {argv[1] for argv in words if argv[0] == "runs"}
    assert {"get", "list", "wait", "cancel", "cancel-many", "rerun", "artifacts", "download"} <= verbs
    assert {"steps", "events", "usage"} <= verbs
    assert {argv[0] for argv in words} >= {"demo", "serve", "run", "runs"}


def _parsed(argv: list[str]) -> tuple[str, list[str]]:
    """The handler of a command line, and the words the top parser left to it (the server's options)."""
    args, unknown = build_parser().parse_known_args(argv)  # a line argparse refuses exits, failing the test
    handler: str = getattr(args, "handler", "")
    return handler, unknown


@pytest.mark.parametrize("line", _LINES, ids=_LINES)
def test_every_command_line_of_the_documents_runs(line: str, cli: Cli, tag: str, tmp_path: Path) -> None:
    argv = shlex.split(line, comments=True)[1:]
    handler, unknown = _parsed(argv)
    assert handler, f"{line!r} names no command"
    if handler == SERVE_HANDLER:
        argv.append("--help")  # it would serve until Ctrl-C; tests/cli/test_edges.py serves it for real
    else:
        assert not unknown, unknown
    if "RUN_ID" in argv:
        run_id = start(cli, tag, 0.1, wait=True)
        argv = [run_id if word == "RUN_ID" else word for word in argv]
    argv = ["outputs/result.json" if word == "PATH" else word for word in argv]
    assert not set(argv) & set(_PLACEHOLDERS), argv
    shutil.copyfile(samples.path("invoice-umbrella.pdf"), tmp_path / "invoice.pdf")
    env = {"EIGENPAL_BASE_URL": cli.base_url, "EIGENPAL_API_KEY": cli.api_key, "TMPDIR": str(tmp_path)}
    if argv[0] == "webhooks":  # a captured delivery: its body and the headers it came with
        env[SECRET_ENV] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        (tmp_path / "body.json").write_bytes(b'{"type":"run.created"}')
        headers = sign(b'{"type":"run.created"}', secret=env[SECRET_ENV])
        (tmp_path / "headers.txt").write_text("".join(f"{name}: {value}\n" for name, value in headers.items()))

    result = run_cli(*argv, env=env, cwd=tmp_path, timeout=120)

    # The one line that shows a failed run: it exits 1 by design.
    expected = 1 if "outcome=failed" in argv else 0
    assert result.code == expected, f"{line}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr
    if "download" in argv:
        assert (tmp_path / "out" / "outputs" / "result.json").is_file()


def _examples_in(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("eigenpal ")]


def test_the_examples_in_help_and_docstrings_parse() -> None:
    examples = _examples_in(build_parser().epilog or "") + _examples_in(eigenpal_ext.cli.__doc__ or "")

    assert len(examples) >= 8
    for example in examples:
        handler, unknown = _parsed(shlex.split(example, comments=True)[1:])
        assert handler, example
        assert handler == SERVE_HANDLER or not unknown, example


# --- the package description -------------------------------------------------------------------------------------


def test_the_package_description_is_written_for_a_package_index() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    description = (ROOT / project["readme"]).read_text(encoding="utf-8")

    assert project["readme"] == "PYPI.md"
    assert "scripts/" not in description  # the repository's scripts are not in the package
    assert "pip install eigenpal-ext" in description
    for extra in project["optional-dependencies"]:
        assert f"`{extra}`" in description
    # An index shows the page without the repository around it: only absolute links work there.
    for target in re.findall(r"\]\(([^)]+)\)", description):
        assert target.startswith("https://"), target


def test_the_license_is_the_one_the_metadata_names() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")

    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 eigenpal-ext developers" in text


def test_the_package_descriptions_example_runs_and_type_checks(cli: Cli, tmp_path: Path) -> None:
    (example,) = _blocks("PYPI.md", "python")
    shutil.copyfile(samples.path("invoice-umbrella.pdf"), tmp_path / "invoice.pdf")
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    env = cli_env({"EIGENPAL_BASE_URL": cli.base_url, "EIGENPAL_API_KEY": cli.api_key})

    ran = subprocess.run(
        [sys.executable, "example.py"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    checked = subprocess.run(  # noqa: S603 - our own interpreter and mypy, with the project's settings
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), str(tmp_path / "example.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert ran.returncode == 0, ran.stderr
    assert "invoiceNumber" in ran.stdout
    assert (tmp_path / "out" / "outputs" / "extracted.json").is_file()
    assert checked.returncode == 0, checked.stdout + checked.stderr


# --- references --------------------------------------------------------------------------------------------------

_DOCUMENT_NAME = re.compile(r"^[\w.-]+(/[\w.-]+)*\.(md|yaml|yml|toml)$")
"""A document or a description quoted by name (`CONTRACT.md`, `openapi/eigenpal.yaml`); not a run's artifact
(`outputs/result.json`), which is no file of the repository."""


def _cited_files(document: str) -> list[str]:
    """The files a document cites: its relative links, and the documents it quotes by name (`CONTRACT.md`)."""
    text = (ROOT / document).read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL)  # examples name their own files
    links = [target for target in re.findall(r"\]\(([^)#]+)", prose) if "://" not in target]
    quoted = [name for name in re.findall(r"`([^`\s]+)`", prose) if _DOCUMENT_NAME.match(name)]
    return links + quoted


def _exists(document: str, cited: str) -> bool:
    here = (ROOT / document).parent
    return any(
        (base / cited).exists() and (base / cited).resolve().is_relative_to(ROOT) for base in (here, ROOT)
    ) or any(ROOT.glob(f"**/{cited}"))


@pytest.mark.parametrize("document", CITING)
def test_documents_cite_only_files_of_the_repository(document: str) -> None:
    cited = _cited_files(document)
    missing = [name for name in cited if not _exists(document, name)]

    assert not missing


def test_the_citations_are_found() -> None:
    cited = set(_cited_files("README.md"))
    assert {"CHANGELOG.md", "server/eigenpal_local/README.md", "openapi/eigenpal.yaml"} <= cited
    assert "../../openapi/eigenpal.yaml" in _cited_files("server/eigenpal_local/README.md")
