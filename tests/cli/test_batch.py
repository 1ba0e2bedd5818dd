"""``eigenpal batch`` against a real local server: results lines, the summary, resuming, and a SIGKILL half-way.

For the kill, a server with one worker reads long invoices (about 0.1 s each), so a batch of 50 takes seconds and
keeps runs going on the server at any moment: long enough to kill it half-way with runs left going.
"""

from __future__ import annotations

import json
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eigenpal_ext import EigenpalClient
from eigenpal_local import LocalServer, samples

from .conftest import API_KEY, Cli, cli_env
from .test_demo import plain, run_in_terminal

TARGET = "workflows.extract-invoice"


@pytest.fixture(scope="module")
def slow_server() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, workers=1) as running:
        yield running


@pytest.fixture(scope="module")
def slow_cli(slow_server: LocalServer) -> Cli:
    return Cli(base_url=slow_server.base_url, api_key=slow_server.api_key)


def documents(folder: Path, count: int, *, filler_lines: int = 0) -> Path:
    """``count`` invoices in ``folder``, each a little different; ``filler_lines`` make them long (slow to read)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = samples.path("invoice-acme.txt").read_text() + "Terms and conditions apply.\n" * filler_lines
    for number in range(count):
        (folder / f"invoice-{number:03}.txt").write_text(f"{text}\nReference: {number}\n")
    return folder


def lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def runs_tagged(server: LocalServer, tag: str) -> list[str]:
    with EigenpalClient(api_key=server.api_key, base_url=server.base_url) as client:
        return [item.id for item in client.runs.iter(tag=tag, limit=100)]


def test_a_folder_gives_one_line_per_document_and_a_json_summary(
    cli: Cli, server: LocalServer, tmp_path: Path, tag: str
) -> None:
    folder = documents(tmp_path / "invoices", 6)
    out = tmp_path / "results.jsonl"

    result = cli("batch", TARGET, "--file", f"contract_document={folder}", "--out", str(out), "--tag", tag, "--json")

    assert result.code == 0, result.stderr
    summary = result.json()
    assert summary["total"] == 6 and summary["outcomes"] == {"completed": 6} and summary["skipped"] == 0
    written = lines(out)
    assert sorted(line["index"] for line in written) == list(range(6))
    for line in written:
        assert line["file"] == str(folder / f"invoice-{line['index']:03}.txt")
        assert line["status"] == "completed"
        assert line["output"]["invoiceNumber"] == "INV-2024-001"
        assert line["idempotencyKey"] == f"{summary['batchKey']}:{line['index']}"
    assert sorted(runs_tagged(server, tag)) == sorted(line["runId"] for line in written)


def test_through_a_pipe_each_document_is_one_plain_line_and_a_glob_names_them(
    cli: Cli, tmp_path: Path, tag: str
) -> None:
    folder = documents(tmp_path / "invoices", 3)
    (folder / "notes.md").write_text("not an invoice")

    result = cli("batch", TARGET, "--file", f"contract_document={folder}/*.txt", "--out", str(tmp_path / "r.jsonl"),
                 "--tag", tag, process=True)  # fmt: skip

    assert result.code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    shown = [line for line in result.stdout.splitlines() if line.startswith("[")]
    assert len(shown) == 3 and all("completed" in line and "in flight" in line for line in shown)
    assert "3 of 3 documents: 3 completed" in result.stdout


def test_documents_that_fail_are_lines_with_their_error_and_exit_1(cli: Cli, tmp_path: Path, tag: str) -> None:
    folder = documents(tmp_path / "invoices", 2)
    out = tmp_path / "r.jsonl"

    result = cli("batch", "workflows.sleep", "--file", f"doc={folder}", "--out", str(out), "--tag", tag, "--json")

    # workflows.sleep takes no files: every start is refused, with the published document's 400 (validation error)
    assert result.code == 1, result.stderr
    assert result.json()["outcomes"] == {"BadRequestError": 2}
    for line in lines(out):
        assert line["runId"] is None and line["status"] is None
        assert line["error"]["type"] == "BadRequestError"
        assert "takes no files" in line["error"]["message"]


def test_a_finished_batch_run_again_sends_nothing_and_another_batch_is_refused(
    cli: Cli, server: LocalServer, tmp_path: Path, tag: str
) -> None:
    folder = documents(tmp_path / "invoices", 3)
    out = tmp_path / "r.jsonl"
    command = ("batch", TARGET, "--file", f"contract_document={folder}", "--out", str(out), "--tag", tag, "--json")
    assert cli(*command).code == 0

    again = cli(*command)

    assert again.code == 0, again.stderr
    assert again.json()["skipped"] == 3
    assert len(lines(out)) == 3
    assert len(runs_tagged(server, tag)) == 3
    documents(folder, 4)  # a new document: another batch, whose results must not mix with these
    refused = cli(*command)
    assert refused.code == 2
    assert "another batch" in refused.stderr


def test_usage_errors_exit_2_before_anything_is_sent(cli: Cli, tmp_path: Path) -> None:
    one = documents(tmp_path / "invoices", 1) / "invoice-000.txt"
    out = str(tmp_path / "r.jsonl")

    assert "must name the documents" in cli("batch", TARGET, "--file", f"doc={one}", "--out", out).stderr
    assert "no file matches" in cli("batch", TARGET, "--file", f"doc={tmp_path}/*.pdf", "--out", out).stderr
    missing = cli("batch", TARGET, "--file", "doc=nowhere/", "--out", out)
    assert missing.code == 2 and "no such file or folder" in missing.stderr
    assert not Path(out).exists()


def test_on_a_terminal_a_live_bar_shows_done_failed_and_in_flight(cli: Cli, tmp_path: Path, tag: str) -> None:
    folder = documents(tmp_path / "invoices", 8)
    args = ["batch", TARGET, "--file", f"contract_document={folder}", "--out", str(tmp_path / "r.jsonl"),
            "--tag", tag, "--base-url", cli.base_url, "--api-key", cli.api_key]  # fmt: skip

    code, drawn = run_in_terminal(args)

    screen = plain(drawn)
    assert code == 0, screen
    assert "━" in drawn  # the bar
    assert "8/8" in screen
    assert "0 failed" in screen and "in flight" in screen
    assert "8 of 8 documents: 8 completed" in screen


def test_killed_half_way_the_same_command_resumes_with_no_run_started_twice(
    slow_cli: Cli, slow_server: LocalServer, tmp_path: Path, tag: str
) -> None:
    folder = documents(tmp_path / "invoices", 50, filler_lines=20_000)
    out = tmp_path / "results.jsonl"
    command = ["batch", TARGET, "--file", f"contract_document={folder}", "--out", str(out), "--tag", tag,
               "--max-in-flight", "4", "--base-url", slow_cli.base_url, "--api-key", slow_cli.api_key]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "eigenpal_ext.cli", *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=cli_env(),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or len(out.read_text().splitlines()) < 20):
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    before = lines(out)
    assert 20 <= len(before) < 50, "the batch was not killed half-way"
    started_before = set(runs_tagged(slow_server, tag))
    going_at_kill = started_before - {line["runId"] for line in before}

    again = slow_cli(*command[:-4], "--json", timeout=120)

    assert again.code == 0, again.stderr
    assert again.json()["skipped"] == len(before)
    after = lines(out)
    assert len(after) == 50
    assert sorted(line["index"] for line in after) == list(range(50))
    on_server = runs_tagged(slow_server, tag)
    assert len(on_server) == 50  # none started twice
    assert {line["runId"] for line in after} == set(on_server)
    assert going_at_kill, "no run was going when the batch was killed"
    assert going_at_kill <= {line["runId"] for line in after}  # the rerun waited on those, it did not start others


def test_ctrl_c_stops_starting_says_what_is_left_and_prints_the_command_that_resumes(
    slow_cli: Cli, slow_server: LocalServer, tmp_path: Path, tag: str
) -> None:
    folder = documents(tmp_path / "invoices", 30, filler_lines=20_000)
    out = tmp_path / "results.jsonl"
    command = ["batch", TARGET, "--file", f"contract_document={folder}", "--out", str(out), "--tag", tag,
               "--max-in-flight", "3", "--base-url", slow_cli.base_url]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "eigenpal_ext.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env({"EIGENPAL_API_KEY": slow_cli.api_key}),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or len(out.read_text().splitlines()) < 8):
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        _stdout, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()

    assert process.returncode == 130, stderr
    assert "run(s) left running on the server" in stderr
    resume = stderr.split("Resume with:", 1)[1].strip().splitlines()[0]
    assert resume.startswith("eigenpal batch ") and slow_cli.api_key not in stderr
    assert len(lines(out)) < 30
    again = subprocess.run(  # noqa: S603 - the command it printed, run as a person would
        [sys.executable, "-m", "eigenpal_ext.cli", *shlex.split(resume)[1:], "--json"],
        capture_output=True, text=True, env=cli_env({"EIGENPAL_API_KEY": slow_cli.api_key}), timeout=120, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert len(lines(out)) == 30
    assert len(runs_tagged(slow_server, tag)) == 30


def _with_an_unreadable_invoice(folder: Path) -> Path:
    """A document the invoice reader cannot read: its run ends failed."""
    bad = folder / "invoice-bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n\xff\xfe not a pdf at all \x00\x01")
    return bad


def test_the_summary_names_the_failed_documents(cli: Cli, tmp_path: Path, tag: str) -> None:
    folder = documents(tmp_path / "invoices", 2)
    bad = _with_an_unreadable_invoice(folder)
    out = tmp_path / "r.jsonl"
    command = ("batch", TARGET, "--file", f"contract_document={folder}", "--out", str(out), "--tag", tag)

    shown = cli(*command[:-2], "--tag", f"{tag}-a")
    as_json = cli(*command, "--out", str(tmp_path / "j.jsonl"), "--key", f"{tag}-json", "--json")

    assert shown.code == 1, shown.stderr
    assert "1 document(s) did not complete:" in shown.stdout
    assert f"  {bad}" in shown.stdout.splitlines()
    assert as_json.json()["failed"] == [str(bad)]


def test_run_again_into_a_new_results_file_it_says_it_reuses_the_earlier_runs(
    cli: Cli, server: LocalServer, tmp_path: Path, tag: str
) -> None:
    folder = documents(tmp_path / "invoices", 2)
    bad = _with_an_unreadable_invoice(folder)
    command = ("batch", TARGET, "--file", f"contract_document={folder}", "--tag", tag)
    first = cli(*command, "--out", str(tmp_path / "first.jsonl"))
    assert first.code == 1, first.stderr
    assert "reuse" not in first.stderr

    again = cli(*command, "--out", str(tmp_path / "second.jsonl"), "--json")

    assert "3 of 3 documents left to run reuse the runs an earlier 'eigenpal batch'" in again.stderr
    assert "pass another --key" in again.stderr
    assert again.json()["reused"] == 3
    assert again.json()["failed"] == [str(bad)]
    assert len(runs_tagged(server, tag)) == 3  # nothing started twice


def _unreadable(folder: Path, count: int) -> list[Path]:
    """``count`` documents the invoice reader cannot read (text that starts like a PDF): their runs end failed."""
    folder.mkdir(parents=True, exist_ok=True)
    bad = [folder / f"unreadable-{number:03}.txt" for number in range(count)]  # sorted after the invoice-NNN
    for path in bad:
        path.write_bytes(b"%PDF-1.4\n\xff\xfe not a pdf at all \x00\x01")
    return bad


def _mend(paths: list[Path], *, filler_lines: int = 0) -> None:
    """The documents fixed, as a person would before retrying: readable invoices (long ones are slow to read)."""
    text = samples.path("invoice-acme.txt").read_text() + "Terms and conditions apply.\n" * filler_lines
    for number, path in enumerate(paths):
        path.write_text(f"{text}\nReference: {number}\n")


def test_retry_failed_starts_each_failed_document_anew_once_and_then_nothing(
    cli: Cli, server: LocalServer, tmp_path: Path, tag: str
) -> None:
    folder = documents(tmp_path / "invoices", 2)
    bad = _unreadable(folder, 1)[0]  # the third document, index 2
    out = tmp_path / "results.jsonl"
    command = ("batch", TARGET, "--file", f"contract_document={folder}", "--out", str(out), "--tag", tag, "--json")
    first = cli(*command)
    assert first.code == 1 and first.json()["failed"] == [str(bad)]
    again = cli(*command[:-1], "--out", str(tmp_path / "other.jsonl"))
    assert "pass --retry-failed" in again.stderr  # the reuse note names the way to retry
    _mend([bad])

    retried = cli(*command, "--retry-failed")
    twice = cli(*command, "--retry-failed")

    assert retried.code == 0, retried.stderr
    assert retried.json()["retried"] == 1 and retried.json()["failed"] == []
    line = next(line for line in lines(out) if line["file"] == str(bad))
    assert line["status"] == "completed" and line["idempotencyKey"].endswith(":retry1:2")
    assert twice.code == 0 and twice.json()["retried"] == 0
    assert len(runs_tagged(server, tag)) == 4  # 3 first runs, 1 retry; the second --retry-failed started nothing
    fresh = cli(*command, "--out", str(tmp_path / "fresh.jsonl"), "--retry-failed")
    assert fresh.json()["reused"] == 3 and fresh.json()["failed"] == []  # each document's latest run: the retry
    assert len(runs_tagged(server, tag)) == 4


def test_retry_failed_killed_half_way_and_run_again_starts_no_document_twice(
    slow_cli: Cli, slow_server: LocalServer, tmp_path: Path, tag: str
) -> None:
    bad = _unreadable(tmp_path / "invoices", 30)
    out = tmp_path / "results.jsonl"
    folder = tmp_path / "invoices"
    command = ["batch", TARGET, "--file", f"contract_document={folder}", "--out", str(out), "--tag", tag,
               "--max-in-flight", "3", "--base-url", slow_cli.base_url, "--api-key", slow_cli.api_key]  # fmt: skip
    assert slow_cli(*command[:-4], "--json", timeout=120).code == 1
    _mend(bad, filler_lines=20_000)
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "eigenpal_ext.cli", *command, "--retry-failed"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=cli_env(),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not out.exists() or _completed(out) < 8):
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert 8 <= _completed(out) < 30, "the retry was not killed half-way"

    again = slow_cli(*command[:-4], "--retry-failed", "--json", timeout=120)

    assert again.code == 0, again.stderr
    assert [line["status"] for line in lines(out)] == ["completed"] * 30
    on_server = runs_tagged(slow_server, tag)
    assert len(on_server) == 60  # each document: its failed run and exactly one retry
    assert {line["runId"] for line in lines(out)} <= set(on_server)


def _completed(path: Path) -> int:
    return sum(1 for line in lines(path) if line.get("status") == "completed")
