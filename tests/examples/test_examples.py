"""Examples are tests: every ```python block of README.md, and the seed's happy path (seed_happy_path.py), pass
`mypy --strict` exactly as written and run against an in-process local server.

Each block is written to a file of its own in a temporary folder that also holds a real invoice as `contract.pdf`
(the examples' `Path("contract.pdf")`), and runs there with EIGENPAL_API_KEY and EIGENPAL_BASE_URL naming the local
server: as a script, or, for a block that defines pytest tests, under pytest recording against that server. A
failure names the block by its line in README.md and the heading it sits under.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from eigenpal_local import LocalServer, samples

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SEED = Path(__file__).with_name("seed_happy_path.py")
SAMPLE_PDF = samples.path("invoice-umbrella.pdf")
# What a printed run showed before optional fields read as None and JsonObject printed as the dict it is.
LEAKS = ("UNSET", "Unset", "JsonObject(", "additional_properties=")


@dataclass(frozen=True)
class Example:
    name: str  # how a failure names it: `README.md:19 (Using the library)`
    file_name: str  # the module it is written to
    code: str

    @property
    def is_pytest(self) -> bool:
        return re.search(r"^def test_", self.code, re.MULTILINE) is not None


def readme_examples() -> list[Example]:
    examples = []
    heading = "top"
    lines = README.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("## "):
            heading = line[3:].strip()
        if line.strip() == "```python":
            start = index + 1
            end = lines.index("```", start)
            code = "\n".join(lines[start:end]) + "\n"
            prefix = "test_" if re.search(r"^def test_", code, re.MULTILINE) else ""
            examples.append(Example(f"README.md:{start} ({heading})", f"{prefix}readme_line_{start}.py", code))
            index = end
        index += 1
    return examples


EXAMPLES = [*readme_examples(), Example("tests/examples/seed_happy_path.py", SEED.name, SEED.read_text())]


def by_name(example: Example) -> str:
    return example.name


def test_the_readme_has_the_blocks_this_file_is_about() -> None:
    headings = [example.name for example in EXAMPLES]
    assert any("(Using the library)" in name for name in headings), headings
    assert any("(Testing your code)" in name for name in headings), headings


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("examples")
    shutil.copyfile(SAMPLE_PDF, folder / "contract.pdf")
    for example in EXAMPLES:
        (folder / example.file_name).write_text(example.code, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mypy_errors(workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """`mypy --strict` over every example at once (one run is much faster than one per block), by file."""
    config = workdir / "mypy.ini"
    config.write_text(f"[mypy]\nstrict = True\ncache_dir = {tmp_path_factory.mktemp('mypy-cache')}\n")
    files = [example.file_name for example in EXAMPLES]
    result = subprocess.run(  # noqa: S603 - mypy of this interpreter on our own files
        [sys.executable, "-m", "mypy", "--config-file", str(config), "--no-error-summary", *files],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stdout + result.stderr  # 2: mypy itself failed
    errors: dict[str, list[str]] = {name: [] for name in files}
    for line in result.stdout.splitlines():
        file_name = line.split(":", 1)[0]
        if file_name in errors and ": error:" in line:
            errors[file_name].append(line)
    assert result.returncode == 0 or any(errors.values()), result.stdout
    return errors


@pytest.mark.parametrize("example", EXAMPLES, ids=by_name)
def test_the_example_passes_mypy_strict_as_written(example: Example, mypy_errors: dict[str, list[str]]) -> None:
    problems = mypy_errors[example.file_name]
    assert not problems, f"{example.name} fails mypy --strict:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def pyright_errors(workdir: Path) -> dict[str, list[str]]:
    """`pyright --strict` over every example at once, by file: what Pylance users see of the README's code."""
    pyright = Path(sys.executable).with_name("pyright")
    if not pyright.exists():
        pytest.skip("pyright is not installed in this environment")
    (workdir / "pyrightconfig.json").write_text(
        json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.11", "extraPaths": sys.path[1:]})
    )
    files = [example.file_name for example in EXAMPLES]
    # pyright asks the first `python` on PATH where the packages are: this interpreter; and no update check.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = {**os.environ, "PATH": path, "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"}
    result = subprocess.run(  # noqa: S603 - the environment's pinned pyright on our own files
        [str(pyright), "--outputjson", *files], cwd=workdir, env=env, capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    report = json.loads(result.stdout)
    errors: dict[str, list[str]] = {name: [] for name in files}
    for diagnostic in report["generalDiagnostics"]:
        name = Path(diagnostic["file"]).name
        if diagnostic["severity"] == "error" and name in errors:
            line = diagnostic["range"]["start"]["line"] + 1
            errors[name].append(f"{name}:{line}: {diagnostic['message']} ({diagnostic.get('rule', '')})")
    assert result.returncode == 0 or any(errors.values()), result.stdout + result.stderr
    return errors


@pytest.mark.parametrize("example", EXAMPLES, ids=by_name)
def test_the_example_passes_pyright_strict_as_written(example: Example, pyright_errors: dict[str, list[str]]) -> None:
    problems = pyright_errors[example.file_name]
    assert not problems, f"{example.name} fails pyright --strict:\n" + "\n".join(problems)


@pytest.mark.parametrize("example", EXAMPLES, ids=by_name)
def test_the_example_imports_nothing_of_the_generated_package(example: Example) -> None:
    """Users import the models from eigenpal_ext (``eigenpal_ext.types``), where the documentation puts them."""
    imported = set()
    for node in ast.walk(ast.parse(example.code)):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert not [name for name in imported if name.split(".")[0] == "eigenpal_api"], example.name


def test_a_readme_example_annotates_with_the_public_models() -> None:
    """What the README shows users for their own annotations: the models, from eigenpal_ext and eigenpal_ext.types."""
    assert any("from eigenpal_ext.types import" in example.code and ": Run" in example.code for example in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=by_name)
def test_the_example_uses_no_isinstance_and_no_sentinel(example: Example) -> None:
    assert "isinstance(" not in example.code, example.name
    assert "Unset" not in example.code, example.name
    assert "UNSET" not in example.code, example.name


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key="sk_test_examples", workers=8) as local:
        yield local


def _environment(server: LocalServer) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("EIGENPAL_", "PYTEST_"))}
    env["EIGENPAL_API_KEY"] = server.api_key
    env["EIGENPAL_BASE_URL"] = server.base_url
    return env


def run_example(example: Example, workdir: Path, server: LocalServer) -> subprocess.CompletedProcess[str]:
    if example.is_pytest:
        command = [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", example.file_name),
            *("--record-mode=rewrite", f"--eigenpal-base-url={server.base_url}"),
        ]
    else:
        command = [sys.executable, example.file_name]
    return subprocess.run(  # noqa: S603 - this interpreter on our own examples
        command, cwd=workdir, env=_environment(server), capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=by_name)
def test_the_example_runs_against_a_local_server(example: Example, workdir: Path, server: LocalServer) -> None:
    result = run_example(example, workdir, server)
    assert result.returncode == 0, f"{example.name} failed:\n{result.stdout}\n{result.stderr}"
    if example.is_pytest:
        assert " passed" in result.stdout and "failed" not in result.stdout, result.stdout
    for leak in LEAKS:
        assert leak not in result.stdout, f"{example.name} printed {leak!r}:\n{result.stdout}"


def test_using_the_library_prints_the_output_as_plain_values(workdir: Path, server: LocalServer) -> None:
    example = next(example for example in EXAMPLES if "(Using the library)" in example.name)  # the first one
    result = run_example(example, workdir, server)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"run_\w+ completed", lines[0]), lines  # if is_success(done): print(done.id, ...)
    # print(final.output["totalAmount"], dict(final.output), [f.path for f in final.files or []])
    assert re.fullmatch(r"[\d.]+ \{'invoiceNumber': .*\} \['outputs/extracted\.json'\]", lines[1]), lines[1]
    assert "completed" in lines[2:], lines


def test_the_seed_happy_path_prints_plain_values(workdir: Path, server: LocalServer) -> None:
    result = run_example(EXAMPLES[-1], workdir, server)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"total [\d.]+", lines[0]), lines
    assert "file outputs/extracted.json" in lines, lines
    assert "completed None" in lines, lines  # print(run.execution.status, run.error)
    assert any(line.startswith("output {'invoiceNumber': ") for line in lines), lines
    assert re.fullmatch(r"completed \{'invoiceNumber': .*\} None", lines[-1]), lines  # the manual loop
