"""The issue's targets, checked against a benchmark's results: one row per target, with its figure and baseline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Row = dict[str, Any]


def _row(name: str, measured: str, baseline: str, target: str, met: bool) -> Row:
    return {"name": name, "measured": measured, "baseline": baseline, "target": target, "met": bool(met)}


def _information(name: str, measured: str, baseline: str) -> Row:
    """A figure shown beside the targets that is not one: never missed, so it never fails the run."""
    return {**_row(name, measured, baseline, "none: information", met=True), "information": True}


def _safe(build: Callable[[], list[Row]], name: str) -> list[Row]:
    """A section that failed or was not measured is a missed target, not a crash of the report."""
    try:
        return build()
    except (KeyError, TypeError, ValueError, ZeroDivisionError) as exc:
        return [_row(name, f"not measured ({type(exc).__name__}: {exc})", "", "", False)]


def evaluate(results: dict[str, Any]) -> list[Row]:
    """Every target of the issue whose section was run (``--sections``), met or not."""
    sections = results["sections"]
    run = set(str(results.get("settings", {}).get("sections", ",".join(_ALL))).split(","))
    rows: list[Row] = []
    if "detection" in run:
        rows += _safe(lambda: _detection(sections["detection"]), "completion-detection delay")
        rows += _safe(lambda: _requests(sections["detection"], sections["long_run"]), "requests per run")
    if "scale" in run:
        rows += _safe(lambda: _scale(sections["scale"]), "scale")
    if "startup" in run:
        rows += _safe(lambda: _startup(sections["startup"]), "start-up")
    if "overhead" in run:
        rows += _safe(lambda: _overhead(sections["overhead"]), "per-call CPU")
    if "batch" in run:
        rows += _safe(lambda: _batch(sections["batch"]), "batch")
    return rows


_ALL = ("detection", "scale", "startup", "overhead", "batch")


def _batch(batch: dict[str, Any]) -> list[Row]:
    """The issue's bounds for ``run_many`` (async with 1,000 inputs, sync with 200), judged on the median wall time
    of the repeats; the hand-written way measured after each repeat is the baseline."""
    import statistics

    rows = []
    for key, flavour in (("target_async", "async"), ("target_sync", "sync")):
        target = batch[key]
        figures, baselines = target["repeats"], target["baselines"]
        runs, longest = target["runs"], figures[0]["longest_run_seconds"]
        walls = [figure["wall_seconds"] for figure in figures]
        base_walls = [figure["wall_seconds"] for figure in baselines if "error" not in figure]
        in_order = all(figure.get("completed_in_order") for figure in figures)
        bound, goal = longest + 2.5, longest * 1.1 + 1
        median = statistics.median(walls)
        rows.append(
            _row(
                f"{runs} inputs of 1-3 s, {flavour} `run_many`: wall time (median of {len(walls)}), all completed in "
                "input order",
                f"{median} s ({', '.join(map(str, walls))}; longest run {longest} s; in order: {in_order})",
                f"hand-written run + wait_all: {', '.join(map(str, base_walls))} s",
                f"<= {bound:.2f} s (goal {goal:.2f} s: {'met' if median <= goal else 'not met'})",
                median <= bound and in_order,
            )
        )
        per_run = [figure["requests_per_run"] for figure in figures]
        rows.append(
            _row(
                f"... {flavour} `run_many`: requests per run",
                ", ".join(map(str, per_run)),
                "hand-written: "
                + ", ".join(str(figure["requests_per_run"]) for figure in baselines if "error" not in figure),
                "<= 2.05",
                max(per_run) <= 2.05,
            )
        )
        peaks = [figure["peak_rss_mb"] for figure in figures]
        rows.append(
            _row(
                f"... {flavour} `run_many`: client peak RSS",
                f"{max(peaks)} MB (largest of {len(peaks)})",
                f"before the batch: {figures[0]['rss_before_mb']} MB",
                "< 150 MB",
                max(peaks) < 150,
            )
        )
    return rows


ASYNC_MARGIN_MS = 5.0
"""The async client's p99 detection delay may exceed the raw async floor's p99, measured in the same run, by this
much. The floor itself moves between about 29 and 61 ms on two cores, so a fixed bound would judge the machine."""


def _detection(detection: dict[str, Any]) -> list[Row]:
    """Sync: p99 under 20 ms. Async: p99 at most 5 ms above the raw async floor's p99 (`raw_hold_async`): 200
    held requests at once through httpx's async pool, without a client."""
    baseline = detection["baseline_loop"]["delay_ms"]
    base_text = f"manual loop: p50 {baseline['p50']:.0f} ms, p99 {baseline['p99']:.0f} ms"
    rows = []
    sync, floor = detection["client_sync"]["delay_ms"], detection["raw_hold"]["delay_ms"]
    rows.append(
        _row(
            f"detection delay, `run_and_wait` sync ({sync['n']} runs of 0.1-3 s)",
            f"p50 {sync['p50']} ms, p95 {sync['p95']} ms, p99 {sync['p99']} ms",
            f"{base_text}; raw httpx held start: p50 {floor['p50']} ms, p99 {floor['p99']} ms",
            "p99 < 20 ms",
            sync["p99"] < 20,
        )
    )
    delay, floor = detection["client_async"]["delay_ms"], detection["raw_hold_async"]["delay_ms"]
    bound = round(floor["p99"] + ASYNC_MARGIN_MS, 1)
    rows.append(
        _row(
            f"detection delay, `run_and_wait` async ({delay['n']} runs of 0.1-3 s at once)",
            f"p50 {delay['p50']} ms, p95 {delay['p95']} ms, p99 {delay['p99']} ms "
            f"({delay['p99'] - floor['p99']:+.1f} ms on the floor's p99)",
            f"{base_text}; raw httpx async held start (the floor): p50 {floor['p50']} ms, p99 {floor['p99']} ms",
            f"p99 <= floor p99 + {ASYNC_MARGIN_MS:g} ms = {floor['p99']} + {ASYNC_MARGIN_MS:g} = {bound} ms",
            delay["p99"] <= bound,  # both rounded to 0.1 ms: compare like with like
        )
    )
    return rows


def _requests(detection: dict[str, Any], long_run: dict[str, Any]) -> list[Row]:
    rows = []
    baseline = detection["baseline_loop"]["requests_per_run"]
    for mode in ("client_sync", "client_async"):
        counts = detection[mode]["requests_per_run"]
        rows.append(
            _row(
                f"requests per run < 60 s, {mode.removeprefix('client_')}",
                f"max {counts['max']}, mean {counts['mean']} ({counts['runs_in_one_request']} runs in one request)",
                f"manual loop: mean {baseline['mean']}, max {baseline['max']}",
                "1",
                counts["max"] == 1,
            )
        )
    client = long_run["client"]
    base = long_run.get("baseline_loop", {})
    rows.append(
        _row(
            f"requests for a {long_run['seconds']:g} s run",
            f"{client['requests']} ({client['status']}, noticed after {client['delay_ms']} ms)",
            f"manual loop: {base.get('requests', '?')}",
            "<= 3",
            client["requests"] <= 3 and client["status"] == "completed",
        )
    )
    return rows


def _scale(scale: dict[str, Any]) -> list[Row]:
    rows = []
    base = scale.get("baseline", {})
    base_ok = "wall_seconds" in base
    for mode in ("wait_all", "as_completed"):
        figure = scale[mode]
        longest = figure["longest_run_seconds"]
        allowed = longest * 1.1 + 1
        complete = (
            figure["distinct_awaited"] == figure["runs"] and figure["statuses"].get("completed") == figure["runs"]
        )
        rows.append(
            _row(
                f"{figure['runs']} concurrent runs of 1-5 s, async `{mode}`: wall time",
                f"{figure['wall_seconds']} s (starting them: {figure['start_seconds']} s; "
                f"last end to return {figure['last_end_to_return_ms']} ms)",
                f"longest run {longest} s; manual loop: {base['wall_seconds']} s (starting: {base['start_seconds']} s)"
                if base_ok
                else f"longest run {longest} s",
                f"<= {allowed:.2f} s",
                figure["wall_seconds"] <= allowed and complete,
            )
        )
        rows.append(
            _row(
                f"... `{mode}`: requests per run",
                f"{figure['requests_per_run']} ({figure['start_requests']} starts + "
                f"{figure['awaiting_requests']} awaiting)",
                f"manual loop: {base['requests_per_run']}" if base_ok else "",
                "<= 2",
                figure["requests_per_run"] <= 2,
            )
        )
        rows.append(
            _row(
                f"... `{mode}`: client peak RSS",
                f"{figure['peak_rss_mb']} MB",
                f"after imports: {figure['rss_after_import_mb']} MB"
                + (f"; manual loop: {base['peak_rss_mb']} MB" if base_ok else ""),
                "< 150 MB",
                figure["peak_rss_mb"] < 150,
            )
        )
    return rows


def _startup(startup: dict[str, Any]) -> list[Row]:
    """The target is taken without extras, as a library user installs the package; the dev environment's figure
    is information: there `import httpx` also loads httpx's command line (rich, click), which inflates it."""
    plain = startup["plain"]
    name = (
        "start-up without extras: `import eigenpal_ext` + a client, vs `import httpx` "
        f"(medians of {startup['repetitions']} alternating)"
    )
    if "error" in plain:
        target = _row(name, f"not measured: {plain['error']}", "", "<= 2.0x", met=False)
    else:
        target = _row(name, *_startup_figures(plain), "<= 2.0x", plain["ratio"] <= 2.0)
    dev = _information(
        "... the same in the dev environment (every extra and the dev group; there `import httpx` loads rich and "
        "click)",
        *_startup_figures(startup["dev"]),
    )
    return [target, dev]


def _startup_figures(figures: dict[str, Any]) -> tuple[str, str]:
    """(measured, baseline) of one environment."""
    client, httpx = figures["import_client_ms"], figures["import_httpx_ms"]
    constructed = figures["import_httpx_client_ms"]
    return (
        f"{figures['ratio']}x ({client['p50']} ms vs {httpx['p50']} ms)",
        f"import httpx: {httpx['p50']} ms; for information, `import httpx; httpx.Client()`: {constructed['p50']} ms "
        f"(the client is {figures['ratio_to_httpx_client']}x that)",
    )


_CALLS = {
    "get_50_steps": "`runs.get` (50 steps, expand=execution)",
    "list_100": "`runs.list(limit=100)`",
}
_LIVE_BOUNDS = {"get_50_steps": 1.2, "list_100": 1.5}
"""The issue's bounds on the client's CPU per call, live, as a multiple of raw httpx + `json.loads`."""
_REPLAYED_BOUND = 1.5


def _overhead(overhead: dict[str, Any]) -> list[Row]:
    """Live: the issue's targets. Replayed: the earlier targets, kept; there no socket work is in either side, so
    the ratio shows the client's own cost (mostly the typed models) at its largest."""
    rows = []
    for name, figure in overhead["live"].items():
        bound = _LIVE_BOUNDS[name]
        rows.append(
            _row(
                f"client CPU per {_CALLS[name]}, live (medians of {figure['blocks']} interleaved blocks)",
                f"{figure['ratio']}x ({figure['client_us']} us)",
                f"httpx + json.loads, same requests: {figure['baseline_us']} us",
                f"<= {bound}x",
                figure["ratio"] <= bound,
            )
        )
    for name, figure in overhead["replayed"].items():
        rows.append(
            _row(
                f"client CPU per {_CALLS[name]}, replayed (MockTransport, medians of {figure['blocks']} blocks)",
                f"{figure['ratio']}x ({figure['client_us']} us)",
                f"httpx + json.loads: {figure['baseline_us']} us; + generated from_dict: "
                f"{figure['baseline_with_models_us']} us",
                f"<= {_REPLAYED_BOUND}x",
                figure["ratio"] <= _REPLAYED_BOUND,
            )
        )
    return rows
