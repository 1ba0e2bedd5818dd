"""The benchmark's verdicts: each target row is met exactly up to its bound, and information rows never fail a run.

Pure: hand-made results go through `benchmarks._targets.evaluate` and `benchmarks._report.render_markdown`.
"""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks._report import render_markdown
from benchmarks._targets import evaluate

MACHINE = {
    "cpu": "test",
    "cores": 2,
    "memory_gb": 1.0,
    "os": "Linux",
    "python": "3.11",
    "httpx": "0.28.1",
    "eigenpal_ext": "0",
    "commit": "0",
}


def delays(p99: float) -> dict[str, Any]:
    return {"n": 200, "p50": 1.0, "p95": 2.0, "p99": p99, "max": p99}


def detection(*, sync_p99: float = 5.0, async_p99: float, floor_p99: float) -> dict[str, Any]:
    def mode(p99: float) -> dict[str, Any]:
        return {
            "delay_ms": delays(p99),
            "delays_ms": [1.0, p99],
            "requests_per_run": {"mean": 1.0, "max": 1, "runs_in_one_request": 200},
            "wall_seconds": 3.0,
        }

    return {
        "client_sync": mode(sync_p99),
        "client_async": mode(async_p99),
        "raw_hold": mode(3.0),
        "raw_hold_async": mode(floor_p99),
        "baseline_loop": mode(1900.0),
    }


def environment(client_ms: float, httpx_ms: float) -> dict[str, Any]:
    def median(value: float) -> dict[str, Any]:
        return {"n": 9, "p50": value}

    return {
        "import_httpx_ms": median(httpx_ms),
        "import_httpx_client_ms": median(httpx_ms * 1.5),
        "import_client_ms": median(client_ms),
        "ratio": round(client_ms / httpx_ms, 2),
        "ratio_to_httpx_client": round(client_ms / (httpx_ms * 1.5), 2),
        "process_httpx_ms": median(httpx_ms + 20),
        "process_httpx_client_ms": median(httpx_ms * 1.5 + 20),
        "process_client_ms": median(client_ms + 20),
        "process_bare_python_ms": median(15.0),
    }


def cpu(client_us: float, baseline_us: float) -> dict[str, Any]:
    return {
        "response_bytes": 1000,
        "iterations": 10,
        "blocks": 7,
        "client_us": client_us,
        "baseline_us": baseline_us,
        "baseline_with_models_us": baseline_us,
        "ratio": round(client_us / baseline_us, 2),
        "client_wall_ms": 1.0,
        "baseline_wall_ms": 1.0,
    }


def results(sections: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": "2026-12-02T00:00:00+00:00",
        "machine": MACHINE,
        "runtime_seconds": 1.0,
        "settings": {"sections": ",".join(sections)},
        "sections": sections,
    }


def met(sections: dict[str, Any], *words: str) -> bool:
    """The verdict of the one row whose name has every word."""
    [row] = [row for row in evaluate(results(sections)) if all(word in row["name"] for word in words)]
    return bool(row["met"])


@pytest.mark.parametrize(
    ("async_p99", "met"),
    [(29.2, True), (34.2, True), (34.3, False)],
)
def test_async_detection_is_judged_against_the_floor_of_the_same_run(async_p99: float, met: bool) -> None:
    rows = evaluate(results({"detection": detection(async_p99=async_p99, floor_p99=29.2)}))
    [row] = [row for row in rows if "detection delay" in row["name"] and "async" in row["name"]]

    assert row["met"] is met
    assert "29.2 + 5 = 34.2 ms" in row["target"]
    assert f"p99 {async_p99} ms" in row["measured"]


def test_the_sync_detection_bound_stays_20_ms() -> None:
    assert met({"detection": detection(sync_p99=19.9, async_p99=1.0, floor_p99=60.0)}, "`run_and_wait` sync")
    assert not met({"detection": detection(sync_p99=20.0, async_p99=1.0, floor_p99=60.0)}, "`run_and_wait` sync")


@pytest.mark.parametrize(("client_ms", "met"), [(200.0, True), (201.0, False)])
def test_start_up_is_judged_without_extras_and_the_dev_figure_is_information(client_ms: float, met: bool) -> None:
    startup = {"repetitions": 9, "plain": environment(client_ms, 100.0), "dev": environment(900.0, 100.0)}
    target, dev = evaluate(results({"startup": startup}))

    assert target["name"].startswith("start-up without extras") and "medians of 9" in target["name"]
    assert target["met"] is met and target["target"] == "<= 2.0x"
    assert dev.get("information") is True and dev["met"] is True  # 9x, and still no miss
    assert "httpx.Client()" in target["baseline"]


def test_start_up_that_could_not_be_measured_without_extras_is_a_miss() -> None:
    startup = {"repetitions": 9, "plain": {"error": "uv not found"}, "dev": environment(150.0, 100.0)}
    target, _dev = evaluate(results({"startup": startup}))

    assert not target["met"] and "uv not found" in target["measured"]


@pytest.mark.parametrize(
    ("get_us", "list_us", "expected"),
    [
        (120.0, 150.0, (True, True)),
        (121.0, 150.0, (False, True)),
        (120.0, 151.0, (True, False)),
    ],
)
def test_live_per_call_cpu_bounds(get_us: float, list_us: float, expected: tuple[bool, bool]) -> None:
    overhead = {
        "live": {"get_50_steps": cpu(get_us, 100.0), "list_100": cpu(list_us, 100.0)},
        "replayed": {"get_50_steps": cpu(140.0, 100.0), "list_100": cpu(400.0, 100.0)},
    }
    sections = {"overhead": overhead}

    assert (met(sections, "get", "live"), met(sections, "list", "live")) == expected
    # 1.4x and 4x: the replayed rows keep their 1.5x targets
    assert met(sections, "get", "replayed") and not met(sections, "list", "replayed")


def test_the_report_shows_both_start_up_environments_and_both_cpu_sections() -> None:
    sections = {
        "startup": {"repetitions": 9, "plain": environment(150.0, 100.0), "dev": environment(300.0, 250.0)},
        "overhead": {
            "live": {"get_50_steps": cpu(110.0, 100.0), "list_100": cpu(140.0, 100.0)},
            "replayed": {"get_50_steps": cpu(140.0, 100.0), "list_100": cpu(400.0, 100.0)},
        },
    }
    report = results(sections)
    report["targets"] = evaluate(report)
    markdown = render_markdown(report, "plot.png")

    assert "| without extras (a library user's install; the target) | 100.0 | 150.0 | 150.0 | 1.5x / 1.0x |" in markdown
    assert "| dev environment (every extra and the dev group) | 250.0 |" in markdown
    assert "**Live**" in markdown and "**Replayed**" in markdown
    dev_row = next(line for line in markdown.splitlines() if line.startswith("| ... the same in the dev environment"))
    assert dev_row.endswith("| none: information | - |")
