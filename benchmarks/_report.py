"""The benchmark's Markdown table and its latency plot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks._common import machine_line
from benchmarks._targets import ASYNC_MARGIN_MS

_MODES = (
    ("client_sync", "run_and_wait, sync (threads)"),
    ("client_async", "run_and_wait, async (gather)"),
    ("raw_hold", "raw httpx start held, sync (floor)"),
    ("raw_hold_async", "raw httpx start held, async (floor)"),
    ("baseline_loop", "manual loop: get, sleep 2 s"),
)


def render_markdown(results: dict[str, Any], plot_name: str) -> str:
    """The results as Markdown: the machine, the targets table, the delay distributions, notes on method."""
    sections = results["sections"]
    lines = [
        f"# eigenpal-ext benchmark, {results['date'][:10]}",
        "",
        f"Taken {results['date']} on {machine_line(results['machine'])}.",
        f"`scripts/bench` took {results['runtime_seconds']:.0f} s. Local server on loopback, in its own process.",
        "",
        "| figure | measured | baseline (same run) | target | met |",
        "|---|---|---|---|---|",
    ]
    for row in results["targets"]:
        mark = "-" if row.get("information") else "yes" if row["met"] else "**no**"
        lines.append(f"| {row['name']} | {row['measured']} | {row['baseline']} | {row['target']} | {mark} |")
    detection = sections.get("detection", {})
    if detection:
        lines += [
            "",
            "## Completion-detection delay",
            "",
            "From the server's terminal stamp (`timing.completedAt`, millisecond resolution, so each figure may read "
            "up to 1 ms high) to the call returning, both read from the same wall clock (`time.time()`, one machine).",
            "",
            "| mode | runs | p50 ms | p95 ms | p99 ms | max ms | requests per run (mean / max) | wall s |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for key, label in _MODES:
            if key not in detection:
                continue
            mode = detection[key]
            delay, counts = mode["delay_ms"], mode["requests_per_run"]
            lines.append(
                f"| {label} | {delay['n']} | {delay['p50']} | {delay['p95']} | {delay['p99']} | {delay['max']} "
                f"| {counts['mean']} / {counts['max']} | {mode['wall_seconds']} |"
            )
        lines += ["", f"![detection delay]({plot_name})"]
    scale = sections.get("scale", {})
    if scale:
        lines += [
            "",
            "## Scale",
            "",
            "| mode | runs | wall s | longest run s | starting s | requests (starts + awaiting) | peak RSS MB |",
            "|---|---|---|---|---|---|---|",
        ]
        for mode, figure in scale.items():
            if "error" in figure:
                lines.append(f"| {mode} | failed: {figure['error'][-200:]!r} | | | | | |")
                continue
            lines.append(
                f"| {mode} | {figure['runs']} | {figure['wall_seconds']} | {figure['longest_run_seconds']} "
                f"| {figure['start_seconds']} | {figure['requests']} ({figure['start_requests']} + "
                f"{figure['awaiting_requests']}) | {figure['peak_rss_mb']} |"
            )
    startup = sections.get("startup", {})
    if startup:
        lines += _startup_lines(startup)
    overhead = sections.get("overhead", {})
    if overhead:
        lines += _overhead_lines(overhead)
    batch = sections.get("batch", {})
    if batch:
        lines += _batch_lines(batch)
    return "\n".join(lines) + "\n"


_STARTUP_ENVIRONMENTS = (
    ("plain", "without extras (a library user's install; the target)"),
    ("dev", "dev environment (every extra and the dev group)"),
)


def _startup_lines(startup: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "## Start-up",
        "",
        f"Medians of {startup['repetitions']} fresh processes per side, the sides alternating; times measured inside "
        "the process around the import (and the client's construction); the whole process in the last columns. "
        "Without extras means the locked runtime dependencies alone, in a virtual environment of their own "
        f"(`benchmarks/_plain_env.py`) in which {', '.join(startup.get('plain', {}).get('absent', []))} are checked "
        "to be missing. In the dev environment `import httpx` also loads httpx's command line, because rich and "
        "click are installed. httpx 0.28 imports httpcore and h11 only when a client is built, hence the "
        "`httpx.Client()` column, shown for information.",
        "",
        "| environment | `import httpx` ms | `import httpx; httpx.Client()` ms | `import eigenpal_ext` + a client ms "
        "| ratio to httpx / to httpx + Client | whole process ms: httpx / client / bare Python |",
        "|---|---|---|---|---|---|",
    ]
    for key, label in _STARTUP_ENVIRONMENTS:
        figures = startup.get(key)
        if figures is None:
            continue
        if "error" in figures:
            lines.append(f"| {label} | not measured: {figures['error'][-300:]!r} | | | | |")
            continue
        lines.append(
            f"| {label} | {figures['import_httpx_ms']['p50']} | {figures['import_httpx_client_ms']['p50']} "
            f"| {figures['import_client_ms']['p50']} | {figures['ratio']}x / {figures['ratio_to_httpx_client']}x "
            f"| {figures['process_httpx_ms']['p50']} / {figures['process_client_ms']['p50']} / "
            f"{figures['process_bare_python_ms']['p50']} |"
        )
    slowest = startup.get("plain", {}).get("slowest_imports", [])
    if slowest:
        lines += [
            "",
            "Largest self times (`-X importtime`, without extras) of the modules the client imports beyond httpx's:",
            "",
        ]
        lines += [f"- `{entry['module']}`: {entry['self_ms']} ms" for entry in slowest]
    return lines


def _overhead_lines(overhead: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "## Per-call CPU",
        "",
        "CPU time of the calling thread (`time.thread_time`) per call, median of blocks of calls, the sides "
        "alternating block by block; the bench's other threads and the server's process are not in it.",
        "",
        "**Live**: the client as a user builds it (its own connection pool) and a plain `httpx.Client` + "
        "`json.loads` send the same requests to the local server on loopback, each over one kept-alive connection "
        "(one untimed call before each block keeps it open). Wall time per call, mostly the server's, is shown for "
        "context.",
        "",
        "| call | answer bytes | calls per block | client us | httpx + json.loads us | ratio | wall ms per call: "
        "client / raw |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, figure in overhead.get("live", {}).items():
        lines.append(
            f"| {name} | {figure['response_bytes']} | {figure['iterations']} | {figure['client_us']} "
            f"| {figure['baseline_us']} | {figure['ratio']}x | {figure['client_wall_ms']} / "
            f"{figure['baseline_wall_ms']} |"
        )
    lines += [
        "",
        "**Replayed**: both sides replay the same captured answer through one `httpx.MockTransport`, so no network "
        "is in the figure. The middle column adds the generated models' `from_dict` to the raw side: what building "
        "typed models costs by itself.",
        "",
        "| call | answer bytes | calls per block | client us | httpx + json.loads us "
        "| ... + generated `from_dict` us | ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, figure in overhead.get("replayed", {}).items():
        lines.append(
            f"| {name} | {figure['response_bytes']} | {figure['iterations']} | {figure['client_us']} "
            f"| {figure['baseline_us']} | {figure['baseline_with_models_us']} | {figure['ratio']}x |"
        )
    return lines


_BATCH_LABELS = {
    "run_many_async": "async `run_many`",
    "handwritten_async": "async hand-written: `gather(run)` + `wait_all`",
    "naive_async": "async naive: `gather(run_and_wait)`",
    "run_many_sync": "sync `run_many` (threads)",
    "handwritten_sync": "sync hand-written: loop of `run` + `wait_all`",
    "naive_sync": "sync naive: loop of `run`, then loop of `runs.wait`",
    "run_many_async_ticks": "async `run_many`, list ticks forced",
    "run_many_sync_ticks": "sync `run_many`, list ticks forced",
}


def _batch_lines(batch: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "## Batches",
        "",
        "Inputs of 1 to 3 s (`workflows.sleep`, seeded: the same lengths for every way at one size), each way in a "
        "fresh process against a fresh server with a worker per run. Requests counted at every httpx transport of "
        "the process; CPU is `time.process_time` (all threads) over the call; RSS is the process's peak.",
        "",
        "| runs | way | wall s | longest run s | over longest s | requests per run | client CPU ms per run "
        "| peak RSS MB | completed in order |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    rows = [*batch.get("table", []), *batch.get("strategies", [])]
    for key in ("target_async", "target_sync"):
        target = batch.get(key, {})
        for figure, baseline in zip(target.get("repeats", []), target.get("baselines", []), strict=False):
            rows += [figure, baseline]
    for row in rows:
        label = _BATCH_LABELS.get(row["mode"], row["mode"])
        if "error" in row:
            lines.append(f"| {row['runs']} | {label} | failed: {row['error'][-160:]!r} | | | | | | |")
            continue
        lines.append(
            f"| {row['runs']} | {label} | {row['wall_seconds']} | {row['longest_run_seconds']} "
            f"| {row['over_longest_seconds']} | {row['requests_per_run']} | {row['cpu_ms_per_run']} "
            f"| {row['peak_rss_mb']} | {'yes' if row['completed_in_order'] else '**no**'} |"
        )
    return lines


def render_plot(results: dict[str, Any], path: Path) -> None:
    """The delay distributions: every mode's ECDF on a log axis, and the client's delays as histograms."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    detection = results["sections"].get("detection", {})
    figure, (ecdf, histogram) = plt.subplots(1, 2, figsize=(12, 4.5))
    held = [key for key, _ in _MODES if key in detection and key != "baseline_loop"]
    top = max((max(detection[key]["delays_ms"]) for key in held), default=1.0)
    bins = [top * step / 50 for step in range(51)]
    for key, label in _MODES:
        if key not in detection:
            continue
        delays = sorted(max(value, 0.1) for value in detection[key]["delays_ms"])
        shares = [(index + 1) / len(delays) for index in range(len(delays))]
        ecdf.step(delays, shares, where="post", label=label)
        if key in held:
            histogram.hist(detection[key]["delays_ms"], bins=bins, histtype="step", linewidth=1.5, label=label)
    ecdf.axvline(20, color="grey", linestyle="--", linewidth=1, label="sync target: p99 20 ms")
    if "raw_hold_async" in detection:
        bound = detection["raw_hold_async"]["delay_ms"]["p99"] + ASYNC_MARGIN_MS
        ecdf.axvline(
            bound,
            color="grey",
            linestyle=":",
            linewidth=1,
            label=f"async target: floor p99 + {ASYNC_MARGIN_MS:g} ms ({bound:.1f})",
        )
    ecdf.set_xscale("log")
    ecdf.set_xlabel("terminal stamp to return (ms, log)")
    ecdf.set_ylabel("share of runs")
    ecdf.set_title("Completion-detection delay")
    ecdf.legend(fontsize=8, loc="lower right")
    ecdf.grid(alpha=0.3)
    histogram.set_xlabel("terminal stamp to return (ms)")
    histogram.set_ylabel("runs")
    histogram.set_title("Held waits only (the manual loop is off this scale)")
    histogram.legend(fontsize=8)
    histogram.grid(alpha=0.3)
    figure.suptitle(
        f"eigenpal-ext, {results['date'][:10]}: {results['machine']['cpu']}, {results['machine']['cores']} cores",
        fontsize=9,
    )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
