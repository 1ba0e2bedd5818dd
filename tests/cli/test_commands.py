"""Each ``eigenpal`` command, its ``--json`` document, and each exit code, against a real local server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from eigenpal_local import samples

from .conftest import API_KEY, Cli, cli_env, run_cli


def start(cli: Cli, tag: str, seconds: float = 0.2, outcome: str = "completed", *, wait: bool = False) -> str:
    """Start a sleep run with the command line (and wait for it to end); its id."""
    result = cli(
        "run", "workflows.sleep", "--input", f"seconds={seconds}", "--input", f"outcome={outcome}", "--tag", tag,
        "--json", *(["--wait"] if wait else []),
    )  # fmt: skip
    assert result.code == (1 if wait and outcome != "completed" else 0), result.stderr
    run_id: str = result.json()["id"]
    return run_id


def assert_one_line_error(result: object, code: int) -> str:
    """The command failed with ``code`` and said why in exactly one stderr line, no traceback, no key."""
    assert getattr(result, "code", None) == code, result
    lines: list[str] = getattr(result, "error_lines")  # noqa: B009 - Result is the only kind passed in
    assert len(lines) == 1, lines
    everything = getattr(result, "stdout", "") + getattr(result, "stderr", "")
    assert "Traceback" not in everything
    assert API_KEY not in everything
    return lines[0]


# --- run ---------------------------------------------------------------------------------------------------------


def test_run_without_wait_prints_the_accepted_run(cli: Cli, tag: str) -> None:
    result = cli("run", "workflows.sleep", "--input", "seconds=0.1", "--tag", tag, "--json")

    assert result.code == 0, result.stderr
    accepted = result.json()
    assert accepted["id"].startswith("run_")
    assert accepted["finished"] is False


def test_run_wait_completed_exits_0_with_the_run_as_json(cli: Cli, tag: str) -> None:
    result = cli(
        "run", "workflows.sleep", "-i", "seconds=0.2", "-i", 'output={"note": "hi", "n": 2}', "--tag", tag,
        "--wait", "--json",
    )  # fmt: skip

    assert result.code == 0, result.stderr
    run = result.json()
    assert run["execution"]["status"] == "completed"
    assert run["finished"] is True
    assert run["output"] == {"seconds": 0.2, "steps": 3, "note": "hi", "n": 2}
    assert run["tags"][:1] == [tag]  # then the start's correlation tag


@pytest.mark.parametrize("outcome", ["failed", "rejected"])
def test_run_wait_that_does_not_complete_exits_1(cli: Cli, tag: str, outcome: str) -> None:
    result = cli("run", "workflows.sleep", "-i", "seconds=0.1", "-i", f"outcome={outcome}", "--wait", "--json")

    assert result.code == 1, result.stderr
    run = result.json()
    assert run["execution"]["status"] == outcome
    assert outcome in run["error"]


def test_run_uploads_a_file_and_shows_the_extracted_fields(cli: Cli) -> None:
    document = samples.path("invoice-acme.txt")

    as_json = cli("run", "workflows.extract-invoice", "--file", f"contract_document={document}", "--wait", "--json")
    for_a_person = cli("run", "workflows.extract-invoice", "--file", f"contract_document={document}", "--wait")

    assert as_json.code == 0, as_json.stderr
    output = as_json.json()["output"]
    assert output["invoiceNumber"] == "INV-2024-001"
    assert output["totalAmount"] == 1700.0
    assert for_a_person.code == 0, for_a_person.stderr
    assert "INV-2024-001" in for_a_person.stdout
    assert "vendor.name" in for_a_person.stdout
    assert "ACME Corporation" in for_a_person.stdout
    assert "\x1b[" not in for_a_person.stdout  # a pipe, not a terminal: no colour, no cursor moves


def test_timeout_exits_3_and_the_json_still_names_the_run(cli: Cli, tag: str) -> None:
    result = cli("run", "workflows.sleep", "-i", "seconds=5", "--tag", tag, "--timeout", "0.5", "--json")

    line = assert_one_line_error(result, 3)
    last_seen = result.json()
    assert last_seen["finished"] is False
    assert last_seen["id"] in line
    assert "not finished" in line
    assert line.endswith(f"(wait again with: eigenpal runs wait {last_seen['id']})")  # as Ctrl-C says it
    cli("runs", "cancel", last_seen["id"])


def test_a_timed_out_wait_for_several_runs_names_the_command_that_waits_again(cli: Cli, tag: str) -> None:
    first, second = start(cli, tag, seconds=5), start(cli, tag, seconds=5)

    waited = cli("runs", "wait", first, second, "--timeout", "0.3")

    line = assert_one_line_error(waited, 3)
    assert line.endswith(f"(wait again with: eigenpal runs wait {first} {second})")
    cli("runs", "cancel", first)
    cli("runs", "cancel", second)


def test_timeout_with_cancel_on_timeout_cancels_the_run(cli: Cli, tag: str) -> None:
    run_id = start(cli, tag, seconds=5)

    waited = cli("runs", "wait", run_id, "--timeout", "0.3", "--cancel-on-timeout")
    after = cli("runs", "wait", run_id, "--timeout", "10", "--json")

    assert_one_line_error(waited, 3)
    assert "cancel requested" in waited.stderr
    assert "wait again" not in waited.stderr  # nothing goes on to wait for
    assert after.code == 1
    assert after.json()["execution"]["status"] == "cancelled"


# --- errors and usage --------------------------------------------------------------------------------------------


def test_wrong_key_exits_4_with_one_line_and_never_the_key(cli: Cli) -> None:
    wrong_key = "ep_wrong_key_never_printed"
    # a process: its exit status is what a shell sees, and no key is left in its output
    result = run_cli("runs", "list", "--base-url", cli.base_url, "--api-key", wrong_key, process=True)

    line = assert_one_line_error(result, 4)
    assert "401" in line
    assert "[request " in line
    assert wrong_key not in result.stdout + result.stderr


def test_a_short_wrong_key_does_not_garble_the_message(cli: Cli) -> None:
    result = run_cli("runs", "list", "--base-url", cli.base_url, "--api-key", "wrong")

    line = assert_one_line_error(result, 4)
    assert "***" not in line


def test_unknown_run_exits_4_naming_the_404_and_the_request_id(cli: Cli) -> None:
    result = cli("runs", "get", "run_00000000000000000000")

    line = assert_one_line_error(result, 4)
    assert "404" in line
    assert "[request " in line


def test_unreachable_server_exits_4(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on: bound, never listened, then closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli("runs", "list", "--base-url", f"http://127.0.0.1:{port}", "--api-key", API_KEY)

    line = assert_one_line_error(result, 4)
    assert "Connect" in line


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["runs", "list", "--status", "bogus"], "status"),
        (["runs", "list", "--limit", "0"], "limit"),
        (["runs", "list", "--limit", "101"], "--limit"),  # the real API's pages hold at most 100
        (["runs", "list", "--all", "--limit", "101"], "--limit"),
        (["runs", "list", "--limit", "many"], "--limit"),
        (["runs", "list", "--type", "robot"], "type"),
        (["runs", "list", "--from", "garbage"], "--from"),
        (["runs", "list", "--nope"], "--nope"),
        (["runs", "cancel-many"], "filter"),
        (["runs", "bogus"], "bogus"),
        (["runs", "delete", "run_00000000000000000000"], "delete"),  # the real API has no such route
        (["runs", "tags", "run_00000000000000000000"], "tags"),  # tags are set at start only
        (["run", "workflows.sleep", "--input", "no-equals-sign"], "KEY=VALUE"),
        (["run", "workflows.sleep", "--file", "doc=/no/such/file.pdf"], "no such file"),
        (["run", "workflows.sleep", "--timeout", "-1"], "--timeout"),
        (["runs", "wait"], "RUN_ID"),
    ],
)
def test_bad_usage_exits_2_with_one_line(cli: Cli, args: list[str], mentions: str) -> None:
    result = cli(*args)

    line = assert_one_line_error(result, 2)
    assert mentions in line
    assert result.stdout == ""


def test_missing_key_is_a_usage_error(cli: Cli) -> None:
    result = run_cli("runs", "list", "--base-url", cli.base_url)

    line = assert_one_line_error(result, 2)
    assert "EIGENPAL_API_KEY" in line


def test_key_and_base_url_come_from_the_environment(cli: Cli, tag: str) -> None:
    run_id = start(cli, tag)
    env = {"EIGENPAL_API_KEY": cli.api_key, "EIGENPAL_BASE_URL": cli.base_url}

    result = run_cli("runs", "get", run_id, "--json", env=env)

    assert result.code == 0, result.stderr
    assert result.json()["id"] == run_id


def test_help_lists_the_exit_codes_without_loading_rich_or_the_server() -> None:
    # httpx's own CLI module (httpx._main) imports rich whenever rich and click are installed, and importing httpx
    # runs it; it is blocked here so that the test sees what the command line itself loads.
    probe = (
        "import sys\n"
        "sys.modules['httpx._main'] = None\n"
        "from eigenpal_ext.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0\n"
        "heavy = sorted(name for name in sys.modules if name.startswith(('rich', 'eigenpal_local')))\n"
        "print('LOADED', heavy)\n"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", probe], capture_output=True, text=True, env=cli_env(), check=False, timeout=60
    )

    assert done.returncode == 0, done.stderr
    assert "LOADED []" in done.stdout
    assert "exit codes:" in done.stdout
    for code in ("0 ", "1 ", "2 ", "3 ", "4 "):
        assert f"\n  {code}" in done.stdout


# --- runs --------------------------------------------------------------------------------------------------------


def test_runs_get_as_json_and_as_a_table(cli: Cli, tag: str) -> None:
    run_id = start(cli, tag, 0.1, wait=True)

    as_json = cli("runs", "get", run_id, "--json")
    for_a_person = cli("runs", "get", run_id, "--expand", "usage,execution")

    assert as_json.code == 0
    run = as_json.json()
    assert run["id"] == run_id
    assert [step["status"] for step in run["execution"]["steps"]] == ["completed"] * 3
    assert for_a_person.code == 0
    assert run_id in for_a_person.stdout
    assert "completed" in for_a_person.stdout
    assert "Usage" in for_a_person.stdout
    assert "\x1b[" not in for_a_person.stdout


def test_runs_list_filters_like_the_library(cli: Cli, tag: str) -> None:
    done = start(cli, tag, 0.1, wait=True)
    failed = start(cli, tag, 0.1, "failed", wait=True)

    by_tag = cli("runs", "list", "--tag", tag, "--json")
    by_status = cli("runs", "list", "--tag", tag, "--status", "failed,cancelled", "--from", "now()-1h", "--to", "now()",
                    "--type", "workflow", "--source", "sleep", "--json")  # fmt: skip
    by_ids = cli("runs", "list", "--ids", f"{done},{failed}", "--limit", "1", "--json")
    everything = cli("runs", "list", "--ids", f"{done},{failed}", "--limit", "1", "--all", "--json")
    table = cli("runs", "list", "--tag", tag)

    assert [run["id"] for run in by_tag.json()["runs"]] == [failed, done]  # newest first
    assert [run["id"] for run in by_status.json()["runs"]] == [failed]
    page = by_ids.json()
    assert len(page["runs"]) == 1
    assert page["nextCursor"]
    assert {run["id"] for run in everything.json()["runs"]} == {done, failed}
    assert everything.json()["nextCursor"] is None
    assert done in table.stdout
    assert failed in table.stdout
    assert "2 runs" in table.stderr  # in a pipe stdout holds only the rows


def test_runs_wait_many_exits_1_when_one_fails(cli: Cli, tag: str) -> None:
    ok = start(cli, tag, 0.3)
    bad = start(cli, tag, 0.2, "failed")

    result = cli("runs", "wait", ok, bad, "--timeout", "20", "--json")
    only_ok = cli("runs", "wait", ok, "--json")

    assert result.code == 1, result.stderr
    assert [(run["id"], run["execution"]["status"]) for run in result.json()["runs"]] == [
        (ok, "completed"),
        (bad, "failed"),
    ]
    assert only_ok.code == 0
    assert only_ok.json()["execution"]["status"] == "completed"


def test_runs_cancel_and_cancel_many(cli: Cli, tag: str) -> None:
    first = start(cli, tag, seconds=30)
    second = start(cli, tag, seconds=30)

    cancelled = cli("runs", "cancel", first, "--json")
    again = cli("runs", "cancel", first)
    many = cli("runs", "cancel-many", "--tag", tag, "--status", "created,pending,running", "--json")
    waited = cli("runs", "wait", first, second, "--timeout", "20", "--json")

    assert cancelled.code == 0
    assert cancelled.json()["cancellation"]["state"] in ("cancelled", "requested")
    assert again.code == 0
    assert first in again.stdout
    counts = many.json()
    assert counts["matched"] >= 1
    assert counts["cancelled"] + counts["requested"] >= 1
    assert waited.code == 1
    assert {run["execution"]["status"] for run in waited.json()["runs"]} == {"cancelled"}


def test_runs_rerun_wait(cli: Cli, tag: str) -> None:
    original = start(cli, tag, 0.1, wait=True)

    result = cli("runs", "rerun", original, "--wait", "--json")

    assert result.code == 0, result.stderr
    rerun = result.json()
    assert rerun["id"] != original
    assert rerun["execution"]["retry"]["previousRunId"] == original


def test_runs_get_shows_the_tags_set_at_start(cli: Cli, tag: str) -> None:
    tagged = cli("run", "workflows.sleep", "-i", "seconds=0.1", "--tag", tag, "--tag", "q3", "--json").json()["id"]
    untagged = cli("run", "workflows.sleep", "-i", "seconds=0.1", "--json").json()["id"]

    as_json = cli("runs", "get", tagged, "--json")
    for_a_person = cli("runs", "get", tagged)
    without = cli("runs", "get", untagged)

    assert as_json.code == 0, as_json.stderr
    assert as_json.json()["tags"][:2] == [tag, "q3"]
    assert for_a_person.code == 0, for_a_person.stderr
    # every tag the run has, the start's correlation tag after the caller's (README: the tags you will see)
    assert _detail(for_a_person.stdout, "tags").startswith(f"{tag}, q3, eigenpal-ext:key:")
    assert without.code == 0, without.stderr
    assert _detail(without.stdout, "tags").startswith("eigenpal-ext:key:")


def _detail(stdout: str, name: str) -> str:
    """The value of a ``name  value`` line of a run's details."""
    line = next(line for line in stdout.splitlines() if line.split(None, 1)[:1] == [name])
    return line.split(None, 1)[1].strip()


def test_runs_artifacts_and_download(cli: Cli, tag: str, tmp_path: Path) -> None:
    run_id = start(cli, tag, 0.1, wait=True)

    listed = cli("runs", "artifacts", run_id, "--json")
    saved = cli("runs", "download", run_id, "--to", str(tmp_path), "--json")
    named = cli("runs", "download", run_id, "outputs/result.json", "--to", str(tmp_path / "named"))

    assert [item["path"] for item in listed.json()["artifacts"]] == ["outputs/result.json"]
    files = saved.json()["files"]
    assert [item["path"] for item in files] == ["outputs/result.json"]
    assert json.loads(Path(files[0]["savedTo"]).read_text())["seconds"] == 0.1
    assert named.code == 0
    assert (tmp_path / "named" / "outputs" / "result.json").is_file()


def test_runs_steps_events_usage(cli: Cli, tag: str) -> None:
    run_id = start(cli, tag, 0.1, wait=True)

    steps = cli("runs", "steps", run_id, "--json")
    events = cli("runs", "events", run_id, "--json")
    usage = cli("runs", "usage", run_id, "--json")
    steps_table = cli("runs", "steps", run_id)

    assert steps.json()["total"] == 3
    assert events.json()["events"][0]["type"]
    assert "durationMs" in usage.json()["usage"]  # the API's answer as sent: the figures under "usage"
    assert "sleep-3" in steps_table.stdout
