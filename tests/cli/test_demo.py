"""``eigenpal demo`` on a terminal (a pseudo-terminal: live progress is drawn) and through a pipe (plain text)."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from eigenpal_ext.cli._demo import batch_plan

from .conftest import cli_env, run_cli

_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_OUTPUT_LIMIT = 4 * 1024 * 1024
_DEMO_SECONDS = 60.0


def run_in_terminal(args: list[str], seconds: float = _DEMO_SECONDS) -> tuple[int, str]:
    """Run the command line with a pseudo-terminal as stdout and stderr; its exit code and everything it drew."""
    controller, terminal = os.openpty()
    env = cli_env({"COLUMNS": "100", "LINES": "40", "TERM": "xterm-256color"})
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "eigenpal_ext.cli", *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        close_fds=True,
    )
    os.close(terminal)
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and size < _OUTPUT_LIMIT:
            ready, _, _ = select.select([controller], [], [], 0.2)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the child closed the terminal (Linux)
                break
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        code = process.wait(timeout=max(deadline - time.monotonic(), 1))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(controller)
    return code, b"".join(chunks).decode("utf-8", "replace")


def plain(text: str) -> str:
    """What a terminal shows, roughly: escape sequences removed, each line as its last redraw left it."""
    lines = []
    for line in _ESCAPE.sub("", text).replace("\r\n", "\n").split("\n"):
        lines.append(line.rsplit("\r", 1)[-1])
    return "\n".join(lines)


def test_demo_on_a_terminal_draws_progress_and_ends_with_the_summary(tmp_path: Path) -> None:
    code, drawn = run_in_terminal(["demo", "--out", str(tmp_path)])
    screen = plain(drawn)

    assert code == 0, screen
    assert "\x1b[2K" in drawn or "\x1b[1A" in drawn  # the live display erased and redrew its line
    assert "━" in drawn  # the progress bar
    assert "20/20" in screen
    assert "steps" in screen
    summary = screen[screen.rindex("Summary") :]
    assert re.search(r"runs completed\s+15", summary)
    assert re.search(r"runs failed\s+4", summary)
    assert re.search(r"runs rejected\s+1", summary)
    assert "HTTP requests made" in summary
    assert "total wall time" in summary
    assert "INV-2024-001" in screen
    assert (tmp_path / "outputs" / "extracted.json").is_file()


def test_demo_through_a_pipe_prints_plain_text(tmp_path: Path) -> None:
    result = run_cli("demo", "--out", str(tmp_path), "--runs", "5", timeout=_DEMO_SECONDS, process=True)

    assert result.code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    assert "\x1b[" not in result.stderr
    for field in ("invoiceNumber", "INV-2024-001", "vendor.name", "ACME Corporation", "1,700.00"):
        assert field in result.stdout
    assert "[5/5]" in result.stdout
    assert "Summary" in result.stdout
    assert re.search(r"HTTP requests made\s+\d+", result.stdout)


def test_demo_refuses_a_bad_sample() -> None:
    result = run_cli("demo", "--sample", "nope.pdf")

    assert result.code == 2
    assert "invoice-acme.txt" in result.stderr


def test_batch_plan_mixes_lengths_and_outcomes_the_same_way_each_time() -> None:
    plan = batch_plan(20, seed=7)

    assert plan == batch_plan(20, seed=7)
    assert Counter(item.outcome for item in plan) == {"completed": 15, "failed": 4, "rejected": 1}
    assert all(0.5 <= item.seconds <= 4.0 for item in plan)
    assert len({item.seconds for item in plan}) > 5
    assert Counter(item.outcome for item in batch_plan(3, seed=1)) == {"completed": 3}
