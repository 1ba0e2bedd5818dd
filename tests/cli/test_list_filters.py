"""``eigenpal runs list`` and ``runs cancel-many`` take every filter of the library, as options made from the same
table; the runs the command line starts say ``X-Eigenpal-Trigger: cli``."""

from __future__ import annotations

from eigenpal_ext._core._filters import FILTERS

from .conftest import Cli
from .test_commands import assert_one_line_error, start


def test_runs_list_with_the_new_filters(cli: Cli, tag: str) -> None:
    done = start(cli, tag, 0.1, wait=True)
    failed = start(cli, tag, 0.1, "failed", wait=True)

    recent = cli("runs", "list", "--tag", tag, "--status", "completed,failed", "--created-after", "now()-7d",
                 "--trigger", "cli", "--order", "asc", "--sort", "createdAt", "--json")  # fmt: skip
    completed = cli("runs", "list", "--tag", tag, "--completed-after", "now() - 1h", "--status", "completed", "--json")
    skipped = cli("runs", "list", "--tag", tag, "--offset", "1", "--json")
    by_the_library = cli("runs", "list", "--tag", tag, "--trigger", "api", "--json")
    with_an_example = cli("runs", "list", "--tag", tag, "--has-example", "--json")

    assert recent.code == 0, recent.stderr
    assert [run["id"] for run in recent.json()["runs"]] == [done, failed]  # oldest first
    assert {run["trigger"]["type"] for run in recent.json()["runs"]} == {"cli"}
    assert [run["id"] for run in completed.json()["runs"]] == [done]
    assert [run["id"] for run in skipped.json()["runs"]] == [done]
    assert by_the_library.json()["runs"] == []
    assert with_an_example.json()["runs"] == []  # no local run is linked to a dataset example


def test_a_bad_filter_names_its_option(cli: Cli) -> None:
    bad_time = cli("runs", "list", "--created-after", "yesterday")
    bad_order = cli("runs", "list", "--order", "up")
    bad_rate = cli("runs", "cancel-many", "--sample-rate", "2")
    bad_from = cli("runs", "list", "--from", "now()-7x")

    said = assert_one_line_error(bad_time, 2)
    expected = "must be ISO-8601 (2026-01-31T12:00:00Z), now() or now()-7d (units s m h d w), not 'yesterday'"
    assert said.endswith(f"--created-after: {expected}")
    assert "--order: must be one of asc, desc, not 'up'" in assert_one_line_error(bad_order, 2)
    assert "--sample-rate: must be a number from 0 to 1, not 2.0" in assert_one_line_error(bad_rate, 2)
    assert "--from: must be ISO-8601" in assert_one_line_error(bad_from, 2)


def test_the_help_lists_every_filter(cli: Cli) -> None:
    for verb in ("list", "cancel-many"):
        shown = cli("runs", verb, "--help")

        assert shown.code == 0
        missing = [spec.flag for spec in FILTERS if spec.flag not in shown.stdout]
        assert missing == [], verb
