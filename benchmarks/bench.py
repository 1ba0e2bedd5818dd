"""`scripts/bench`: how fast the client notices a finished run, how few requests it sends, how it scales.

Every figure is compared with a baseline measured in the same run, on the same machine, against the same local
server (a separate process on loopback):

1. Completion-detection delay: from the server stamping a run terminal (`timing.completedAt`) to `run_and_wait`
   returning, sync and async; baseline: the manual loop of the docs (get, if finished break, sleep 2 s), and the
   floor: one raw httpx start held with `wait_for_completion=60`.
2. Requests per run: the same runs, counted per run at the transport; plus one real 90 s run each way.
3. Scale: 1,000 concurrent runs of 1 to 5 s awaited by the async client with `wait_all` and with `as_completed`,
   each in a fresh process (see `benchmarks._scale`) so that its peak memory is its own.
4. Start-up: `import eigenpal_ext` plus building a client, against `import httpx` (and, for information,
   `import httpx; httpx.Client()`), in fresh processes, alternating; in an environment without extras, as a library
   user has it (see `benchmarks._plain_env`: the target), and in the dev environment.
5. Per-call CPU (of the calling thread): `runs.get` of a 50-step run with `expand=execution` and `runs.list` of a
   full page (100 runs, the API's most), against raw httpx plus `json.loads`: live, both sending the same requests to
   the local server, and replaying the same captured answer through `httpx.MockTransport`.
6. Batches: 1, 10, 100 and 1,000 inputs of 1 to 3 s through `run_many` (async and sync), against the hand-written
   `run` + `wait_all` and the naive per-run ways, each in a fresh process against a fresh server (see
   `benchmarks._batch`); plus both strategies forced at 1,000, and the sync `run_many` with 200 inputs.

Writes `results-<date>.json`, `results-<date>.md` and `latency-<date>.png` under `benchmarks/results/`, and prints
the table.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from benchmarks._common import (
    API_KEY,
    HTTP_TIMEOUT,
    ROOT,
    WORKFLOW_SLEEP,
    ServerProcess,
    Tally,
    async_http,
    auth_headers,
    epoch_seconds,
    machine,
    machine_line,
    requests_of_this_task,
    summary,
    sync_http,
)
from benchmarks._report import render_markdown, render_plot

BASELINE_POLL_SECONDS = 2.0


@dataclass(frozen=True)
class Detection:
    """One awaited run: how late its end was noticed and how many requests that took."""

    seconds: float
    delay_ms: float
    requests: int
    status: str


# --- 1 and 2: detection delay and requests per run ---------------------------------------------------------------


def _raw_start(http: httpx.Client, seconds: float, hold: int | None) -> dict[str, Any]:
    params = {"wait_for_completion": hold} if hold is not None else None
    response = http.post("/v1/runs", params=params, json={"target": WORKFLOW_SLEEP, "input": {"seconds": seconds}})
    response.raise_for_status()
    return dict(response.json())


def baseline_loop(http: httpx.Client, seconds: float) -> Detection:
    """The manual loop of the docs (seeds/001), in raw httpx: start, then get, if finished break, sleep 2 s."""
    with requests_of_this_task() as sent:
        triggered = _raw_start(http, seconds, hold=None)
        while True:
            response = http.get(f"/v1/runs/{triggered['id']}")
            response.raise_for_status()
            run = response.json()
            if run["finished"]:
                break
            time.sleep(BASELINE_POLL_SECONDS)
        returned = time.time()
    delay = returned - epoch_seconds(run["timing"]["completedAt"])
    return Detection(seconds, delay * 1000, sent[0], run["execution"]["status"])


def raw_hold(http: httpx.Client, seconds: float) -> Detection:
    """The floor: one raw start held until the run ends (what the server and loopback cost, without a client)."""
    with requests_of_this_task() as sent:
        run = _raw_start(http, seconds, hold=60)
        returned = time.time()
    delay = returned - epoch_seconds(run["timing"]["completedAt"])
    return Detection(seconds, delay * 1000, sent[0], run["execution"]["status"])


async def raw_hold_async(http: httpx.AsyncClient, seconds: float) -> Detection:
    """The async floor: one raw httpx start held until the run ends."""
    with requests_of_this_task() as sent:
        response = await http.post(
            "/v1/runs",
            params={"wait_for_completion": 60},
            json={"target": WORKFLOW_SLEEP, "input": {"seconds": seconds}},
        )
        returned = time.time()
    response.raise_for_status()
    run = response.json()
    delay = returned - epoch_seconds(run["timing"]["completedAt"])
    return Detection(seconds, delay * 1000, sent[0], run["execution"]["status"])


def _detection(run: Any, returned: float, seconds: float, requests: int) -> Detection:
    delay = returned - epoch_seconds(run.timing.completed_at)
    return Detection(seconds, delay * 1000, requests, str(run.execution.status))


def client_sync(client: Any, seconds: float) -> Detection:
    """`run_and_wait` of the sync client."""
    with requests_of_this_task() as sent:
        run = client.run_and_wait(WORKFLOW_SLEEP, input={"seconds": seconds})
        returned = time.time()
    return _detection(run, returned, seconds, sent[0])


async def client_async(client: Any, seconds: float) -> Detection:
    """`run_and_wait` of the async client."""
    with requests_of_this_task() as sent:
        run = await client.run_and_wait(WORKFLOW_SLEEP, input={"seconds": seconds})
        returned = time.time()
    return _detection(run, returned, seconds, sent[0])


def _threaded(call: Callable[[float], Detection], durations: list[float], threads: int) -> list[Detection]:
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(call, durations))


def _mode_result(detections: list[Detection], tally: Tally, wall: float) -> dict[str, Any]:
    requests = [detection.requests for detection in detections]
    return {
        "delay_ms": summary([detection.delay_ms for detection in detections]),
        "delays_ms": [round(detection.delay_ms, 2) for detection in detections],
        "requests_per_run": {
            "mean": round(sum(requests) / len(requests), 3),
            "max": max(requests),
            "runs_in_one_request": sum(1 for count in requests if count == 1),
        },
        "statuses": dict(sorted(Counter(detection.status for detection in detections).items())),
        "wall_seconds": round(wall, 2),
        "transport": tally.as_dict(),
    }


def measure_detection(base_url: str, durations: list[float], threads: int) -> dict[str, Any]:
    """Section 1 and 2: every mode awaits the same runs, one mode after the other."""
    from eigenpal_ext import AsyncEigenpalClient, EigenpalClient

    results: dict[str, Any] = {}

    def timed_sync(name: str, call: Callable[[httpx.Client], Callable[[float], Detection]]) -> None:
        tally = Tally()
        with sync_http(tally, base_url) as http:
            began = time.monotonic()
            detections = _threaded(call(http), durations, threads)
            results[name] = _mode_result(detections, tally, time.monotonic() - began)
        _progress(f"  {name}: p50 {results[name]['delay_ms']['p50']} ms, p99 {results[name]['delay_ms']['p99']} ms")

    def with_sync_client(http: httpx.Client) -> Callable[[float], Detection]:
        client = EigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http)
        return lambda seconds: client_sync(client, seconds)

    timed_sync("raw_hold", lambda http: lambda seconds: raw_hold(http, seconds))
    timed_sync("client_sync", with_sync_client)

    async def run_async(name: str, raw: bool) -> None:
        tally = Tally()
        async with async_http(tally, base_url) as http:
            client = AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http)
            began = time.monotonic()
            detections = await asyncio.gather(
                *(raw_hold_async(http, seconds) if raw else client_async(client, seconds) for seconds in durations)
            )
            results[name] = _mode_result(list(detections), tally, time.monotonic() - began)
        _progress(f"  {name}: p50 {results[name]['delay_ms']['p50']} ms, p99 {results[name]['delay_ms']['p99']} ms")

    asyncio.run(run_async("raw_hold_async", raw=True))
    asyncio.run(run_async("client_async", raw=False))
    timed_sync("baseline_loop", lambda http: lambda seconds: baseline_loop(http, seconds))
    return results


class LongRuns:
    """One long run awaited by `run_and_wait` and one by the baseline loop, in the background of the other sections."""

    def __init__(self, base_url: str, seconds: float) -> None:
        self._base_url = base_url
        self.seconds = seconds
        self.results: dict[str, Any] = {}
        self._threads = [
            threading.Thread(target=self._client, name="bench-long-client", daemon=True),
            threading.Thread(target=self._baseline, name="bench-long-baseline", daemon=True),
        ]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def join(self) -> dict[str, Any]:
        for thread in self._threads:
            thread.join()
        return {"seconds": self.seconds, **self.results}

    def _record(self, name: str, call: Callable[[httpx.Client], Detection]) -> None:
        tally = Tally()
        try:
            with sync_http(tally, self._base_url) as http:
                detection = call(http)
        except Exception as exc:  # the other sections go on; the report shows what went wrong
            self.results[name] = {"error": f"{type(exc).__name__}: {exc}", "transport": tally.as_dict()}
            return
        self.results[name] = {
            "requests": detection.requests,
            "delay_ms": round(detection.delay_ms, 1),
            "status": detection.status,
            "transport": tally.as_dict(),
        }

    def _client(self) -> None:
        from eigenpal_ext import EigenpalClient

        def call(http: httpx.Client) -> Detection:
            client = EigenpalClient(api_key=API_KEY, base_url=self._base_url, http_client=http)
            return client_sync(client, self.seconds)

        self._record("client", call)

    def _baseline(self) -> None:
        self._record("baseline_loop", lambda http: baseline_loop(http, self.seconds))


# --- 3: scale ---------------------------------------------------------------------------------------------------


def measure_scale(runs: int, seed: int) -> dict[str, Any]:
    """Section 3: each way of waiting in a fresh process, against a fresh server with a worker per run."""
    results: dict[str, Any] = {}
    for mode in ("wait_all", "as_completed", "baseline"):
        with ServerProcess(workers=runs + 16) as server:
            command = [sys.executable, "-m", "benchmarks._scale", "--mode", mode, "--runs", str(runs)]
            command += ["--seed", str(seed), "--base-url", server.base_url]
            completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
        if completed.returncode != 0:
            results[mode] = {"error": completed.stderr.strip()[-2000:]}
            _progress(f"  {mode}: failed\n{completed.stderr[-2000:]}")
            continue
        results[mode] = json.loads(completed.stdout.strip().splitlines()[-1])
        figure = results[mode]
        _progress(
            f"  {mode}: wall {figure['wall_seconds']} s for a longest run of {figure['longest_run_seconds']} s, "
            f"{figure['requests_per_run']} requests per run, peak RSS {figure['peak_rss_mb']} MB"
        )
    return results


# --- 6: batches -------------------------------------------------------------------------------------------------

BATCH_TABLE_MODES = (
    "run_many_async",
    "handwritten_async",
    "naive_async",
    "run_many_sync",
    "handwritten_sync",
    "naive_sync",
)


def _batch_figure(mode: str, runs: int, seed: int) -> dict[str, Any]:
    with ServerProcess(workers=runs + 16) as server:
        command = [sys.executable, "-m", "benchmarks._batch", "--mode", mode, "--runs", str(runs)]
        command += ["--seed", str(seed), "--base-url", server.base_url]
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)  # noqa: S603
    if completed.returncode != 0:
        _progress(f"  {mode} x {runs}: failed\n{completed.stderr[-2000:]}")
        return {"mode": mode, "runs": runs, "error": completed.stderr.strip()[-2000:]}
    figure: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    _progress(
        f"  {mode} x {runs}: wall {figure['wall_seconds']} s (longest run {figure['longest_run_seconds']} s), "
        f"{figure['requests_per_run']} requests and {figure['cpu_ms_per_run']} ms CPU per run, "
        f"peak RSS {figure['peak_rss_mb']} MB, completed in order: {figure['completed_in_order']}"
    )
    return figure


def measure_batch(sizes: list[int], target_runs: int, sync_target_runs: int, repeats: int, seed: int) -> dict[str, Any]:
    """Section 6: every way at every size, one fresh process and server each; the strategies forced at the target
    size; then `run_many` at its target sizes `repeats` times more (the targets are judged on the median wall time,
    the machine being noisy), each repeat again against the hand-written way at the same size."""
    table = [_batch_figure(mode, runs, seed) for runs in sizes for mode in BATCH_TABLE_MODES]
    strategies = [_batch_figure(mode, target_runs, seed) for mode in ("run_many_async_ticks", "run_many_sync_ticks")]
    results: dict[str, Any] = {"sizes": sizes, "table": table, "strategies": strategies}
    for key, mode, baseline, runs in (
        ("target_async", "run_many_async", "handwritten_async", target_runs),
        ("target_sync", "run_many_sync", "handwritten_sync", sync_target_runs),
    ):
        figures, baselines = [], []
        for _ in range(repeats):
            figures.append(_batch_figure(mode, runs, seed))
            baselines.append(_batch_figure(baseline, runs, seed))
        results[key] = {"runs": runs, "mode": mode, "repeats": figures, "baselines": baselines}
    return results


# --- 4: start-up ------------------------------------------------------------------------------------------------

_TIMED = "import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
_CONSTRUCT = "eigenpal_ext.EigenpalClient(api_key='k', base_url='http://127.0.0.1:9')"
STARTUP_CODE = {
    "httpx": "import httpx",
    # httpx 0.28 imports httpcore and h11 only when a client is built: what using httpx at all costs.
    "httpx_client": "import httpx; httpx.Client()",
    "client": f"import eigenpal_ext; {_CONSTRUCT}",
}
"""What each side of the start-up figure runs in a fresh process, timed from inside it."""


def _time_in_fresh_process(python: Path, code: str, environ: dict[str, str] | None) -> tuple[float, float]:
    """(seconds the code measured inside, seconds the whole process took)."""
    began = time.perf_counter()
    completed = subprocess.run(  # noqa: S603
        [str(python), "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, check=True
    )
    return float(completed.stdout.strip()), time.perf_counter() - began


def measure_startup(repetitions: int) -> dict[str, Any]:
    """Section 4, in two environments: one without extras, as a library user has it (the target), and this dev
    environment, every extra and the dev group installed, where `import httpx` also loads httpx's command line."""
    from benchmarks._plain_env import ABSENT, PLAIN_ENV, clean_environ, plain_python

    results: dict[str, Any] = {"repetitions": repetitions}
    try:
        python = plain_python()
    except RuntimeError as exc:  # the other sections go on; the target row says why it was not measured
        results["plain"] = {"error": str(exc)}
        _progress(f"  plain environment: {exc}")
    else:
        results["plain"] = {
            "python": str(python),
            "absent": list(ABSENT),
            **_startup_in(python, clean_environ(), repetitions),
        }
        results["plain"]["slowest_imports"] = _slowest_imports(python, clean_environ())
        _progress(f"  without extras ({PLAIN_ENV}): {_startup_line(results['plain'])}")
    results["dev"] = {"python": sys.executable, **_startup_in(Path(sys.executable), None, repetitions)}
    _progress(f"  dev environment: {_startup_line(results['dev'])}")
    return results


def _compile_bytecode(python: Path, environ: dict[str, str] | None) -> None:
    """Write the bytecode of every module both sides import, as pip does when it installs a package.

    Without it a fresh process compiles from source whatever has no cache, and with ``PYTHONDONTWRITEBYTECODE`` set
    (as on some machines and CI images) it never gets one: each start-up would include compiling the checkout, and
    any package that uv installed without bytecode, which a user's install does not pay.
    """
    from benchmarks._plain_env import site_packages

    folders = [site_packages(python, environ), ROOT / "eigenpal_ext", ROOT / "generated" / "eigenpal_api"]
    command = [str(python), "-m", "compileall", "-q", "-j", "0", *map(str, folders)]
    subprocess.run(command, env=environ, capture_output=True, check=True)  # noqa: S603


def _startup_line(figures: dict[str, Any]) -> str:
    return (
        f"client {figures['import_client_ms']['p50']} ms, import httpx {figures['import_httpx_ms']['p50']} ms "
        f"({figures['ratio']}x), with httpx.Client() {figures['import_httpx_client_ms']['p50']} ms"
    )


def _startup_in(python: Path, environ: dict[str, str] | None, repetitions: int) -> dict[str, Any]:
    """Alternating fresh processes, so that every side sees the same machine noise; medians."""
    _compile_bytecode(python, environ)
    for code in STARTUP_CODE.values():
        _time_in_fresh_process(python, _TIMED.format(code=code), environ)  # warms the file system caches
    inside: dict[str, list[float]] = {side: [] for side in STARTUP_CODE}
    whole: dict[str, list[float]] = {side: [] for side in STARTUP_CODE}
    for _ in range(repetitions):
        for side, code in STARTUP_CODE.items():
            measured, process = _time_in_fresh_process(python, _TIMED.format(code=code), environ)
            inside[side].append(measured * 1000)
            whole[side].append(process * 1000)
    bare = [_time_in_fresh_process(python, "print(0)", environ)[1] * 1000 for _ in range(max(5, repetitions // 4))]
    client = statistics.median(inside["client"])
    return {
        "import_httpx_ms": summary(inside["httpx"]),
        "import_httpx_client_ms": summary(inside["httpx_client"]),
        "import_client_ms": summary(inside["client"]),
        "ratio": round(client / statistics.median(inside["httpx"]), 2),
        "ratio_to_httpx_client": round(client / statistics.median(inside["httpx_client"]), 2),
        "process_httpx_ms": summary(whole["httpx"]),
        "process_httpx_client_ms": summary(whole["httpx_client"]),
        "process_client_ms": summary(whole["client"]),
        "process_bare_python_ms": summary(bare),
    }


def _slowest_imports(python: Path, environ: dict[str, str] | None, count: int = 12) -> list[dict[str, Any]]:
    """`-X importtime` of the client import: the modules with the largest self time, beyond what httpx imports."""

    def importtime(code: str) -> dict[str, int]:
        completed = subprocess.run(  # noqa: S603
            [str(python), "-X", "importtime", "-c", code],
            cwd=ROOT,
            env=environ,
            capture_output=True,
            text=True,
            check=True,
        )
        selves: dict[str, int] = {}
        for line in completed.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, _cumulative, name = line[len("import time:") :].split("|")
            selves[name.strip()] = int(self_us)
        return selves

    with_httpx = importtime(STARTUP_CODE["httpx"])
    with_client = importtime(STARTUP_CODE["client"])
    extra = {name: self_us for name, self_us in with_client.items() if name not in with_httpx}
    ranked = sorted(extra.items(), key=lambda item: item[1], reverse=True)[:count]
    return [{"module": name, "self_ms": round(self_us / 1000, 2)} for name, self_us in ranked] + [
        {"module": "(all modules beyond httpx's)", "self_ms": round(sum(extra.values()) / 1000, 2)}
    ]


# --- 5: per-call CPU --------------------------------------------------------------------------------------------


def capture_answers(base_url: str) -> tuple[str, bytes, bytes]:
    """A finished 50-step run read with `expand=execution`, and a full page (100 runs), as the server sent them."""
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=70) as http:
        response = http.post(
            "/v1/runs",
            params={"wait_for_completion": 60},
            json={"target": WORKFLOW_SLEEP, "input": {"seconds": 0.05, "steps": 50}},
        )
        run_id = response.json()["id"]
        run = http.get(f"/v1/runs/{run_id}", params={"expand": "execution"})
        listed = len(http.get("/v1/runs", params={"limit": 100}).json()["runs"])
        for _ in range(100 - listed):  # a page must be full; the detection runs usually fill it already
            http.post(
                "/v1/runs", params={"wait_for_completion": 5}, json={"target": WORKFLOW_SLEEP, "input": {"seconds": 0}}
            )
        page = http.get("/v1/runs", params={"limit": 100})
    return run_id, run.content, page.content


def _replaying(run_id: str, run_body: bytes, page_body: bytes) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        body = page_body if request.url.path == "/v1/runs" else run_body
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    return httpx.MockTransport(answer)


def _raw_calls(raw: httpx.Client, run_id: str) -> tuple[Callable[[], Any], Callable[[], Any]]:
    """The baseline's two calls: the requests the client sends for `runs.get` and `runs.list`, `json.loads` only."""

    def raw_get() -> Any:
        return json.loads(raw.get(f"/v1/runs/{run_id}", params={"expand": "execution"}).content)

    def raw_list() -> Any:
        return json.loads(raw.get("/v1/runs", params={"limit": 100}).content)

    return raw_get, raw_list


def _cpu_per_call(call: Callable[[], object], iterations: int) -> float:
    """CPU microseconds per call spent by this thread: the bench's other threads (the long runs awaited in the
    background) and the server's process are not in it."""
    began = time.thread_time()
    for _ in range(iterations):
        call()
    return (time.thread_time() - began) / iterations * 1e6


def measure_overhead(
    base_url: str, run_id: str, run_body: bytes, page_body: bytes, blocks: int, scale: float
) -> dict[str, Any]:
    """Section 5: CPU microseconds per call, the client against raw httpx + `json.loads`, live against the local
    server and on replayed answers."""
    return {
        "live": measure_live_overhead(base_url, run_id, blocks, scale),
        "replayed": measure_replayed_overhead(run_id, run_body, page_body, blocks, scale),
    }


def measure_live_overhead(base_url: str, run_id: str, blocks: int, scale: float) -> dict[str, Any]:
    """The client as a user builds it against a plain `httpx.Client` + `json.loads`, sending the same requests to
    the local server (its own process), blocks interleaved (raw, client, raw, ...); medians.

    Each side keeps one connection alive, and calls once untimed before each block, so every timed call reuses a
    connection: the server closes one idle for 5 s, which the other side's block may well last.
    """
    from eigenpal_ext import EigenpalClient

    raw = httpx.Client(base_url=base_url, headers=auth_headers(), timeout=HTTP_TIMEOUT)
    client = EigenpalClient(api_key=API_KEY, base_url=base_url)

    raw_get, raw_list = _raw_calls(raw, run_id)
    # Fewer calls per block than the replayed section: here every call also waits for the server.
    cases: dict[str, tuple[Callable[[], object], Callable[[], object], int]] = {
        "get_50_steps": (
            raw_get,
            lambda: client.runs.get(run_id, expand=["execution"]),
            max(10, int(60 * scale)),
        ),
        "list_100": (raw_list, lambda: client.runs.list(limit=100), max(5, int(150 * scale))),
    }
    sizes = {
        "get_50_steps": len(raw.get(f"/v1/runs/{run_id}", params={"expand": "execution"}).content),
        "list_100": len(raw.get("/v1/runs", params={"limit": 100}).content),
    }
    results: dict[str, Any] = {}
    for name, (baseline, measured, iterations) in cases.items():
        cpu: dict[str, list[float]] = {"baseline": [], "client": []}
        wall: dict[str, list[float]] = {"baseline": [], "client": []}
        for _ in range(blocks):
            for side, call in (("baseline", baseline), ("client", measured)):
                call()  # warm: the connection, and (the first time) imports and caches
                began = time.perf_counter()
                cpu[side].append(_cpu_per_call(call, iterations))
                wall[side].append((time.perf_counter() - began) / iterations * 1000)
        results[name] = {
            "response_bytes": sizes[name],
            "iterations": iterations,
            "blocks": blocks,
            "baseline_us": round(statistics.median(cpu["baseline"]), 1),
            "client_us": round(statistics.median(cpu["client"]), 1),
            "ratio": round(statistics.median(cpu["client"]) / statistics.median(cpu["baseline"]), 2),
            "baseline_wall_ms": round(statistics.median(wall["baseline"]), 2),
            "client_wall_ms": round(statistics.median(wall["client"]), 2),
        }
        figure = results[name]
        _progress(
            f"  live {name}: client {figure['client_us']} us, raw {figure['baseline_us']} us ({figure['ratio']}x); "
            f"wall per call {figure['client_wall_ms']} ms and {figure['baseline_wall_ms']} ms"
        )
    client.close()
    raw.close()
    return results


def measure_replayed_overhead(
    run_id: str, run_body: bytes, page_body: bytes, blocks: int, scale: float
) -> dict[str, Any]:
    """Both sides replay the same captured answer through one `httpx.MockTransport`, so no network is in the
    figure; blocks alternating; medians.

    A third side, raw httpx + json.loads + the generated models' `from_dict`, splits the client's extra cost into
    building the typed models (the generated layer) and the rest (the client's own request path).
    """
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.runs_list_response import RunsListResponse

    from eigenpal_ext import EigenpalClient

    base = "http://127.0.0.1:9"  # never reached: the MockTransport answers; loopback, so plain http is allowed
    transport = _replaying(run_id, run_body, page_body)
    raw = httpx.Client(base_url=base, transport=transport, headers={"Authorization": f"Bearer {API_KEY}"})
    client = EigenpalClient(
        api_key=API_KEY, base_url=base, http_client=httpx.Client(base_url=base, transport=transport)
    )

    raw_get, raw_list = _raw_calls(raw, run_id)
    Case = tuple[Callable[[], object], Callable[[], object], Callable[[], object], int, int]
    cases: dict[str, Case] = {
        "get_50_steps": (
            raw_get,
            lambda: Run.from_dict(raw_get()),
            lambda: client.runs.get(run_id, expand=["execution"]),
            max(50, int(1000 * scale)),
            len(run_body),
        ),
        "list_100": (
            raw_list,
            lambda: RunsListResponse.from_dict(raw_list()),
            lambda: client.runs.list(limit=100),
            max(10, int(375 * scale)),
            len(page_body),
        ),
    }
    results: dict[str, Any] = {}
    for name, (baseline, modelled, measured, iterations, size) in cases.items():
        for call in (baseline, modelled, measured):
            call()  # warm: first-call imports and caches are start-up, not per-call cost
        baseline_us, modelled_us, client_us = [], [], []
        for _ in range(blocks):
            baseline_us.append(_cpu_per_call(baseline, iterations))
            modelled_us.append(_cpu_per_call(modelled, iterations))
            client_us.append(_cpu_per_call(measured, iterations))
        results[name] = {
            "response_bytes": size,
            "iterations": iterations,
            "blocks": blocks,
            "baseline_us": round(statistics.median(baseline_us), 1),
            "baseline_with_models_us": round(statistics.median(modelled_us), 1),
            "client_us": round(statistics.median(client_us), 1),
            "ratio": round(statistics.median(client_us) / statistics.median(baseline_us), 2),
            "ratio_to_baseline_with_models": round(statistics.median(client_us) / statistics.median(modelled_us), 2),
        }
        figure = results[name]
        _progress(
            f"  replayed {name}: client {figure['client_us']} us, raw {figure['baseline_us']} us, "
            f"raw + generated models {figure['baseline_with_models_us']} us"
        )
    client.close()
    raw.close()
    return results


# --- the command ------------------------------------------------------------------------------------------------


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=200, help="runs per mode for the detection delay (default: 200)")
    parser.add_argument("--threads", type=int, default=50, help="threads awaiting runs in the sync modes (default: 50)")
    parser.add_argument("--scale-runs", type=int, default=1000, help="concurrent runs for the scale figures")
    parser.add_argument("--long-seconds", type=float, default=90.0, help="the long run's length (default: 90 s)")
    parser.add_argument(
        "--startup-repetitions",
        type=int,
        default=9,
        help="fresh processes per side and environment, alternating (default: 9)",
    )
    parser.add_argument(
        "--cpu-blocks", type=int, default=7, help="interleaved blocks per side of each per-call figure (default: 7)"
    )
    parser.add_argument("--seed", type=int, default=20261121, help="seeds the run durations")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where results go (default: benchmarks/results/, with --quick benchmarks/results/tmp/)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: few runs, a 5 s long run; not figures to commit"
    )
    parser.add_argument(
        "--sections",
        default=",".join(SECTIONS),
        help=f"which sections to run, comma-separated (default: all of {','.join(SECTIONS)})",
    )
    parser.add_argument(
        "--batch-sizes", default="1,10,100,1000", help="inputs per batch for the scale table (default: 1,10,100,1000)"
    )
    parser.add_argument("--batch-runs", type=int, default=1000, help="inputs of the async run_many target")
    parser.add_argument("--batch-sync-runs", type=int, default=200, help="inputs of the sync run_many target")
    parser.add_argument("--batch-repeats", type=int, default=3, help="measurements of each run_many target")
    return parser


SECTIONS = ("detection", "scale", "startup", "overhead", "batch")
"""The sections `--sections` names; `detection` includes the long runs, `overhead` the answers it captures."""


def main(argv: list[str] | None = None) -> int:
    """Runs every section and writes the JSON, the Markdown and the plot; 0 when every target is met, else 1."""
    args = _parser().parse_args(argv)
    wanted = [name.strip() for name in args.sections.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(SECTIONS))
    if unknown:
        _parser().error(f"unknown sections: {', '.join(unknown)} (choose from {', '.join(SECTIONS)})")
    if args.quick:
        args.runs, args.scale_runs, args.long_seconds = 40, 200, 5.0
        args.startup_repetitions, args.cpu_blocks = 5, 3
        args.batch_sizes, args.batch_runs, args.batch_repeats = "1,10,100", 200, 1
    if args.out is None:
        args.out = ROOT / "benchmarks" / "results" / "tmp" if args.quick else ROOT / "benchmarks" / "results"
    began = time.monotonic()
    now = datetime.now(UTC)
    info = machine()
    _progress(f"eigenpal-ext benchmark on {machine_line(info)}")
    rng = random.Random(args.seed)
    durations = [round(rng.uniform(0.1, 3.0), 3) for _ in range(args.runs)]
    sections: dict[str, Any] = {}
    if set(wanted) & {"detection", "scale", "startup", "overhead"}:
        with ServerProcess(workers=max(256, args.runs + 16)) as server:
            long_runs = LongRuns(server.base_url, args.long_seconds)
            if "detection" in wanted:
                long_runs.start()
                _progress(f"1-2. detection delay and requests, {args.runs} runs of 0.1 to 3 s per mode")
                sections["detection"] = measure_detection(server.base_url, durations, args.threads)
            captured = capture_answers(server.base_url) if "overhead" in wanted else None
            if "scale" in wanted:
                _progress(f"3. scale: {args.scale_runs} concurrent runs of 1 to 5 s (each mode in a fresh process)")
                sections["scale"] = measure_scale(args.scale_runs, args.seed)
            if "startup" in wanted:
                _progress(f"4. start-up, {args.startup_repetitions} fresh processes per side and environment")
                sections["startup"] = measure_startup(args.startup_repetitions)
            if captured is not None:
                _progress(
                    f"5. per-call CPU against raw httpx + json.loads, live and replayed, {args.cpu_blocks} blocks"
                )
                scale = 0.2 if args.quick else 1.0
                sections["overhead"] = measure_overhead(server.base_url, *captured, blocks=args.cpu_blocks, scale=scale)
            if "detection" in wanted:
                _progress(f"   waiting for the {args.long_seconds:g} s runs ...")
                sections["long_run"] = long_runs.join()
    if "batch" in wanted:
        sizes = [int(size) for size in args.batch_sizes.split(",") if size.strip()]
        _progress(f"6. batches of {', '.join(map(str, sizes))} inputs of 1 to 3 s (each in a fresh process and server)")
        sections["batch"] = measure_batch(sizes, args.batch_runs, args.batch_sync_runs, args.batch_repeats, args.seed)
    results: dict[str, Any] = {
        "date": now.isoformat(timespec="seconds"),
        "machine": info,
        "settings": {key: str(value) if isinstance(value, Path) else value for key, value in vars(args).items()},
        "runtime_seconds": round(time.monotonic() - began, 1),
        "sections": sections,
    }
    from benchmarks._targets import evaluate

    results["targets"] = evaluate(results)
    partial = "" if set(wanted) == set(SECTIONS) else "-" + "-".join(name for name in SECTIONS if name in wanted)
    stem = f"results-{now:%Y-%m-%d}{partial}" + ("-quick" if args.quick else "")
    args.out.mkdir(parents=True, exist_ok=True)
    json_path = args.out / f"{stem}.json"
    png_path = args.out / f"latency-{now:%Y-%m-%d}{'-quick' if args.quick else ''}.png"
    json_path.write_text(json.dumps(results, indent=2) + "\n")
    if "detection" in sections:
        render_plot(results, png_path)
    markdown = render_markdown(results, png_path.name)
    (args.out / f"{stem}.md").write_text(markdown)
    print(markdown)
    written = [str(json_path), str(json_path.with_suffix(".md"))] + ([str(png_path)] if "detection" in sections else [])
    _progress(f"wrote {', '.join(written)} in {results['runtime_seconds']} s")
    return 0 if all(target["met"] for target in results["targets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
