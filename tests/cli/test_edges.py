"""The edges of the command line: a missing extra, ``eigenpal serve`` started, stopped and refused a port, Ctrl-C
during a wait, plain http, and output piped into another program."""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

import pytest

from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._transport._config import resolve_base_url
from eigenpal_ext.cli import ExitCode
from eigenpal_ext.cli._exit import describe_failure
from eigenpal_ext.cli._extras import EXTRAS
from eigenpal_local.__main__ import EXIT_PORT_IN_USE

from .conftest import API_KEY, CLI_MODULES, SERVER_DEPENDENCIES, SERVER_MODULES, Cli, Result, cli_env, hiding, run_cli
from .test_commands import assert_one_line_error, start

_INTERRUPT_AFTER_SECONDS = 3.0
"""Long enough for a command to be waiting, not still importing."""


# --- missing extras ----------------------------------------------------------------------------------------------


def test_the_hidden_modules_are_the_extras_modules() -> None:
    assert set(CLI_MODULES) == set(EXTRAS["cli"])
    assert set(SERVER_MODULES) >= set(EXTRAS["server"])


def test_without_rich_a_table_is_one_line_naming_the_extra_and_nothing_is_sent(cli: Cli, tag: str) -> None:
    started = cli("run", "workflows.sleep", "-i", "seconds=0.1", "--tag", tag, hide=CLI_MODULES)
    listed = cli("runs", "list", "--tag", tag, "--json")

    line = assert_one_line_error(started, ExitCode.USAGE)
    assert "pip install 'eigenpal-ext[cli]'" in line
    assert "--json" in line
    assert "ModuleNotFoundError" not in line
    assert started.stdout == ""
    assert listed.json()["runs"] == []  # refused before the start was sent


def test_without_rich_json_output_works(cli: Cli, tag: str) -> None:
    ran = cli("run", "workflows.sleep", "-i", "seconds=0.1", "--tag", tag, "--wait", "--json", hide=CLI_MODULES)
    listed = cli("--json", "runs", "list", "--tag", tag, hide=CLI_MODULES)
    waited = cli("runs", "wait", ran.json()["id"], "--json", hide=CLI_MODULES)

    assert ran.code == 0, ran.stderr
    assert ran.json()["execution"]["status"] == "completed"
    assert listed.code == 0, listed.stderr
    assert [run["id"] for run in listed.json()["runs"]] == [ran.json()["id"]]
    assert waited.code == 0, waited.stderr


def test_without_rich_help_works() -> None:
    result = run_cli("--help", hide=CLI_MODULES)

    assert result.code == 0, result.stderr
    assert "exit codes:" in result.stdout


@pytest.mark.parametrize(
    ("args", "hidden", "install"),
    [
        (["serve", "--port", "0"], SERVER_MODULES, "pip install 'eigenpal-ext[server]'"),
        (["serve", "--help"], SERVER_MODULES, "pip install 'eigenpal-ext[server]'"),
        (["demo"], SERVER_MODULES, "pip install 'eigenpal-ext[server]'"),
        (["demo"], CLI_MODULES, "pip install 'eigenpal-ext[cli]'"),
        (["demo"], (*CLI_MODULES, *SERVER_MODULES), "pip install 'eigenpal-ext[cli,server]'"),
        (["serve", "--port", "0"], ("uvicorn",), "pip install 'eigenpal-ext[server]'"),
        # The server's own distribution missing, though its dependencies are there (installed for something else).
        (["serve", "--port", "0"], ("eigenpal_local",), "pip install 'eigenpal-ext[server]'"),
        (["demo"], ("eigenpal_local",), "pip install 'eigenpal-ext[server]'"),
    ],
)
def test_a_missing_extra_is_one_line_naming_it(args: list[str], hidden: Sequence[str], install: str) -> None:
    result = run_cli(*args, hide=hidden, timeout=30)

    line = assert_one_line_error(result, ExitCode.USAGE)
    assert install in line
    assert line.startswith("eigenpal: error: ")
    assert "ModuleNotFoundError" not in line


def test_an_extra_that_fails_to_import_after_the_check_is_named_too(
    cli: Cli, tag: str, tmp_path: os.PathLike[str]
) -> None:
    # A half-broken install: rich is found (so the check before sending passes) but cannot be imported.
    stub = os.path.join(tmp_path, "rich")
    os.mkdir(stub)
    with open(os.path.join(stub, "__init__.py"), "w", encoding="utf-8") as module:
        module.write("raise ModuleNotFoundError(\"No module named 'rich.console'\", name='rich.console')\n")
    run_id = start(cli, tag, 0.1)

    result = cli("runs", "get", run_id, env={"PYTHONPATH": os.fspath(tmp_path)}, process=True)

    line = assert_one_line_error(result, ExitCode.USAGE)
    assert "pip install 'eigenpal-ext[cli]'" in line


def _import_in_python(code: str, hidden: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter
        hiding(hidden, code), capture_output=True, text=True, env=cli_env(), check=False, timeout=60
    )


@pytest.mark.parametrize("hidden", [SERVER_DEPENDENCIES, ("uvicorn",), ("starlette",)])
def test_importing_the_local_server_without_its_extra_is_an_import_error_naming_it(hidden: Sequence[str]) -> None:
    probe = (
        "try:\n"
        "    from eigenpal_local import LocalServer\n"
        "except ImportError as exc:\n"
        "    print(type(exc).__name__, '|', exc, '|', type(exc.__cause__).__name__, exc.__cause__.name)\n"
    )

    done = _import_in_python(probe, hidden)

    assert done.returncode == 0, done.stderr
    kind, message, cause = (part.strip() for part in done.stdout.split("|"))
    assert kind == "ImportError"
    assert "pip install 'eigenpal-ext[server]'" in message
    assert cause.split() == ["ModuleNotFoundError", next(name for name in hidden if name in cause)]


def test_a_bug_inside_the_local_server_is_not_called_a_missing_extra() -> None:
    probe = (
        "import sys\n"
        "sys.modules['eigenpal_local._faults'] = None\n"
        "try:\n"
        "    import eigenpal_local\n"
        "except ImportError as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )

    done = _import_in_python(probe, ())

    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ModuleNotFoundError")
    assert "extra" not in done.stdout


# --- eigenpal serve ----------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:  # bound, never listened, then closed: free, as far as anyone can tell
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _read_lines(process: subprocess.Popen[bytes], count: int, seconds: float = 30) -> list[str]:
    """The first ``count`` lines of the process's stdout, read within ``seconds`` (fewer if it ends first)."""
    assert process.stdout is not None
    descriptor = process.stdout.fileno()
    received = b""
    deadline = time.monotonic() + seconds
    while received.count(b"\n") < count and time.monotonic() < deadline:
        ready, _, _ = select.select([descriptor], [], [], 0.2)
        if ready:
            chunk = os.read(descriptor, 65536)  # unbuffered: select sees what is still to read
            if not chunk:
                break
            received += chunk
    return received.decode().splitlines()[:count]


@contextmanager
def serving(*args: str) -> Iterator[tuple[subprocess.Popen[bytes], list[str]]]:
    """``eigenpal serve ARGS`` in a subprocess, and the four lines it printed once it listened."""
    with subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "eigenpal_ext.cli", "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
    ) as server:
        try:
            yield server, _read_lines(server, 4)
        finally:
            if server.poll() is None:
                server.kill()
            server.wait(timeout=15)


def _exports(lines: Sequence[str]) -> dict[str, str]:
    found = (re.fullmatch(r"export (EIGENPAL_[A-Z_]+)=(\S+)", line) for line in lines)
    return {match[1]: match[2] for match in found if match}


def test_serve_prints_the_url_the_key_and_the_exports_that_a_second_shell_needs() -> None:
    port = _free_port()
    with serving("--port", str(port), "--api-key", "k_serve_local") as (_server, lines):
        exports = _exports(lines)
        # A second shell: nothing but the two exported variables.
        result = run_cli("run", "agents.echo", "-i", "text=hello", "--wait", "--json", env=exports)

    assert exports == {"EIGENPAL_BASE_URL": f"http://127.0.0.1:{port}", "EIGENPAL_API_KEY": "k_serve_local"}
    assert f"http://127.0.0.1:{port}" in lines[0]
    assert "k_serve_local" in lines[0]
    assert "Ctrl-C" in lines[0]
    assert result.code == 0, result.stderr
    assert result.json()["output"] == {"text": "hello"}


def test_serve_stops_on_ctrl_c_with_exit_0_and_no_error() -> None:
    with serving("--port", "0") as (server, lines):
        assert _exports(lines), lines
        server.send_signal(signal.SIGINT)
        stdout, stderr = server.communicate(timeout=30)

    assert server.returncode == 0
    assert stderr == b""
    assert b"error" not in stdout


def test_serve_on_a_busy_port_is_one_line_and_its_own_exit_code() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        served = run_cli("serve", "--port", str(port), timeout=30, process=True)
        module = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "eigenpal_local", "--port", str(port)],
            capture_output=True,
            text=True,
            env=cli_env(),
            check=False,
            timeout=30,
        )

    line = assert_one_line_error(served, ExitCode.PORT_IN_USE)
    assert line.startswith("eigenpal serve: error: ")
    assert f"port {port}" in line
    assert "--port 0" in line
    assert served.stdout == ""
    assert module.returncode == EXIT_PORT_IN_USE
    assert f"port {port}" in module.stderr


def test_the_exit_codes_of_serve_are_the_command_lines() -> None:
    assert int(ExitCode.PORT_IN_USE) == EXIT_PORT_IN_USE
    assert len({int(code) for code in ExitCode}) == len(ExitCode)


def test_serve_help_documents_its_output_and_its_exit_codes() -> None:
    served = run_cli("serve", "--help")
    top = run_cli("--help")

    assert served.code == 0, served.stderr
    assert served.stdout.startswith("usage: eigenpal serve")
    assert "export EIGENPAL_BASE_URL=" in served.stdout
    assert "export EIGENPAL_API_KEY=" in served.stdout
    assert re.search(r"\n  5 +the port is in use", served.stdout)
    assert re.search(r"\n  5 +eigenpal serve: the port is in use", top.stdout)


def test_the_local_server_module_never_prints_its_key() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "eigenpal_local", "--port", "0", "--api-key", "k_module_secret"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    ) as server:
        lines = _read_lines(server, 1)
        server.send_signal(signal.SIGINT)
        stdout, stderr = server.communicate(timeout=30)

    assert lines[0].startswith("http://127.0.0.1:")
    assert server.returncode == 0
    assert "k_module_secret" not in "\n".join(lines) + stdout + stderr


# --- Ctrl-C during a wait ----------------------------------------------------------------------------------------


def _interrupted(args: Sequence[str], env: Mapping[str, str] | None = None, *, terminal: bool = False) -> Result:
    """The command line, sent SIGINT (Ctrl-C) once it waits; stdout a pipe, or a pseudo-terminal (live display)."""
    controller = -1
    if terminal:
        controller, device = os.openpty()
        streams: dict[str, int] = {"stdin": device, "stdout": device}
    else:
        streams = {"stdout": subprocess.PIPE}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "eigenpal_ext.cli", *args],
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env({"TERM": "xterm-256color", **(env or {})}),
        **streams,  # type: ignore[arg-type]
    )
    try:
        if terminal:
            os.close(device)
        time.sleep(_INTERRUPT_AFTER_SECONDS)
        process.send_signal(signal.SIGINT)
        if terminal:
            drawn = _drain(controller, process)
            stderr = process.stderr.read() if process.stderr is not None else ""
            process.wait(timeout=15)
            return Result(process.returncode, drawn, stderr)
        stdout, stderr = process.communicate(timeout=15)
        return Result(process.returncode, stdout, stderr)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if controller >= 0:
            os.close(controller)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _drain(controller: int, process: subprocess.Popen[str], seconds: float = 15) -> str:
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def _assert_names_the_runs_and_how_to_wait_again(result: Result, run_ids: Sequence[str]) -> str:
    line = assert_one_line_error(result, ExitCode.INTERRUPTED)
    assert f"eigenpal runs wait {' '.join(run_ids)}" in line
    assert "goes on" in line or "go on" in line
    return line


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_ctrl_c_during_runs_wait_names_the_run_and_the_command_to_wait_again(
    cli: Cli, tag: str, terminal: bool
) -> None:
    run_id = start(cli, tag, seconds=30)
    connection = ["--base-url", cli.base_url, "--api-key", cli.api_key]

    result = _interrupted(["runs", "wait", run_id, *connection], terminal=terminal)

    _assert_names_the_runs_and_how_to_wait_again(result, [run_id])
    assert cli("runs", "get", run_id, "--json").json()["finished"] is False  # it does go on
    cli("runs", "cancel", run_id)


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_ctrl_c_during_a_wait_for_many_names_those_still_going(cli: Cli, tag: str, terminal: bool) -> None:
    done = start(cli, tag, seconds=0.1, wait=True)
    first, second = start(cli, tag, seconds=30), start(cli, tag, seconds=30)
    connection = ["--base-url", cli.base_url, "--api-key", cli.api_key]

    result = _interrupted(["runs", "wait", done, first, second, *connection], terminal=terminal)

    line = assert_one_line_error(result, ExitCode.INTERRUPTED)
    assert first in line
    assert second in line
    if terminal:  # the live display saw it end; wait_all, in a pipe, does not say which ended
        _assert_names_the_runs_and_how_to_wait_again(result, [first, second])
    cli("runs", "cancel-many", "--tag", tag, "--status", "created,pending,running")


@pytest.mark.parametrize("terminal", [False, True], ids=["pipe", "terminal"])
def test_ctrl_c_during_run_wait_names_the_run_it_started(cli: Cli, tag: str, terminal: bool) -> None:
    connection = ["--base-url", cli.base_url, "--api-key", cli.api_key]

    result = _interrupted(
        ["run", "workflows.sleep", "-i", "seconds=30", "--tag", tag, "--wait", *connection], terminal=terminal
    )

    runs = cli("runs", "list", "--tag", tag, "--json").json()["runs"]
    assert len(runs) == 1
    _assert_names_the_runs_and_how_to_wait_again(result, [runs[0]["id"]])
    cli("runs", "cancel", runs[0]["id"])


# --- plain http --------------------------------------------------------------------------------------------------


def test_plain_http_to_another_host_names_the_option_that_allows_it(cli: Cli) -> None:
    port = cli.base_url.rsplit(":", 1)[1]
    # 0.0.0.0 is not a loopback address, yet a connection to it reaches this machine's loopback server.
    elsewhere = f"http://0.0.0.0:{port}"

    refused = run_cli("runs", "list", "--json", "--base-url", elsewhere, "--api-key", API_KEY)
    # processes: the tests' own network guard lets them reach loopback by name only, and 0.0.0.0 is not one
    allowed = ("runs", "list", "--json", "--base-url", elsewhere, "--api-key", API_KEY)
    before = run_cli("--allow-insecure-http", *allowed, process=True)
    after = run_cli(*allowed, "--allow-insecure-http", process=True)

    line = assert_one_line_error(refused, ExitCode.USAGE)
    assert "--allow-insecure-http" in line
    assert "allow_insecure_http=True" not in line
    assert before.code == 0, before.stderr
    assert after.code == 0, after.stderr
    assert "runs" in after.json()


@pytest.mark.parametrize(
    ("base_url", "library_words", "cli_words"),
    [
        ("http://api.example.com", "allow_insecure_http=True", "--allow-insecure-http"),
        ("https://user:secret@api.example.com", "api_key=", "--api-key"),
    ],
)
def test_the_librarys_advice_is_said_with_the_command_lines_options(
    base_url: str, library_words: str, cli_words: str
) -> None:
    with pytest.raises(InvalidArgumentError) as raised:
        resolve_base_url(base_url)
    failure = describe_failure(raised.value)

    assert library_words in str(raised.value)  # the library still says it so: the translation is not dead
    assert failure is not None
    code, line = failure
    assert code == ExitCode.USAGE
    assert line.startswith("--base-url: ")
    assert cli_words in line
    assert library_words not in line


# --- piped output ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [None, "80", "40"])
def test_piped_tables_never_cut_a_value(cli: Cli, tag: str, columns: str | None) -> None:
    long_tags = [f"{tag}-{index:02d}-" + "x" * 40 for index in range(6)]  # 56 characters each, 6 of them
    long_note = "a note far wider than any terminal: " + "lorem ipsum " * 30
    ran = cli(
        "run", "workflows.sleep", "-i", "seconds=0.1", "-i", f'output={{"note": "{long_note}"}}',
        *(option for long_tag in long_tags for option in ("--tag", long_tag)), "--tag", tag, "--wait", "--json",
    )  # fmt: skip
    run_id = ran.json()["id"]
    env = {"COLUMNS": columns} if columns else {}
    if columns is None:
        env = {"COLUMNS": ""}  # no width given at all: rich would take 80

    listed = cli("runs", "list", "--tag", tag, env=env)
    shown = cli("runs", "get", run_id, env=env)

    assert listed.code == 0, listed.stderr
    assert shown.code == 0, shown.stderr
    row = next(line for line in listed.stdout.splitlines() if run_id in line)
    assert ", ".join([*long_tags, tag]) in row
    assert "…" not in listed.stdout + shown.stdout
    assert long_note.strip() in shown.stdout
    assert "\x1b[" not in listed.stdout + shown.stdout
