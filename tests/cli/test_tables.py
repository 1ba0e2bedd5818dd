"""Tables as a person sees them on terminals of different widths, and as a program reads them through a pipe.

The terminal is rich's own (``TTY_COMPATIBLE=1`` with ``COLUMNS``), in this process; colour is left out
(``NO_COLOR``) so that the text can be read back.
"""

from __future__ import annotations

import re

import pytest

from .conftest import Cli
from .test_commands import start

_ALL = ["id", "status", "created", "duration", "source", "tags", "error"]


def _terminal(columns: int) -> dict[str, str]:
    return {"TTY_COMPATIBLE": "1", "NO_COLOR": "1", "COLUMNS": str(columns)}


def _plain(stdout: str) -> str:
    """The text without rich's styles (bold headers stay under ``NO_COLOR``)."""
    return re.sub(r"\x1b\[[0-9;]*m", "", stdout)


def _headers(stdout: str) -> list[str]:
    header = next(line for line in _plain(stdout).splitlines() if line.strip().startswith("id"))
    return header.split()


@pytest.mark.parametrize(("columns", "at_least"), [(60, 2), (80, 4), (100, 5), (160, 7)])
def test_runs_list_columns_give_way_in_order_as_the_terminal_narrows(
    cli: Cli, tag: str, columns: int, at_least: int
) -> None:
    failed = start(cli, tag, 0.05, "failed", wait=True)

    result = cli("runs", "list", "--tag", tag, env=_terminal(columns))

    assert result.code == 0, result.stderr
    headers = _headers(result.stdout)
    assert headers == _ALL[: len(headers)]  # the error gave way first, then tags, source, duration, time
    assert len(headers) >= at_least
    shown = _plain(result.stdout)
    assert failed in shown  # the id whole, to be copied
    assert shown.split(failed, 1)[1].split()[0] == "failed"  # and its status beside it
    assert all(len(line) <= columns for line in shown.splitlines())


def test_in_a_pipe_runs_list_is_tab_separated_rows_under_a_header_whole_and_plain(cli: Cli, tag: str) -> None:
    failed = start(cli, tag, 0.05, "failed", wait=True)
    done = start(cli, tag, 0.05, wait=True)
    listed = cli("runs", "list", "--tag", tag, "--json").json()["runs"]

    result = cli("runs", "list", "--tag", tag, env={"COLUMNS": "40"})

    assert result.code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == _ALL
    assert [row[0] for row in rows[1:]] == [done, failed]  # newest first
    by_id = {run["id"]: run for run in listed}
    for row in rows[1:]:
        assert len(row) == len(_ALL)
        assert row[1] == by_id[row[0]]["execution"]["status"]
        assert row[6] == (by_id[row[0]].get("error") or "")  # the error whole, however narrow the terminal it runs in
    assert "  " not in result.stdout and "\x1b[" not in result.stdout  # no padding, no colour
    assert "2 runs" in result.stderr
