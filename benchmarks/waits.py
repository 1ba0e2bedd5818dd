"""Requests per run and completion-detection delay of ``run_and_wait`` and ``runs.wait`` on runs of 1, 10 and 90 s.

    python -m benchmarks.waits [--durations 1,10,90] [--runs 5]

Against an in-process local server on loopback (which, as the real API, holds only starts). For each duration,
``--runs`` runs go at once through ``run_and_wait`` (a held start, then polls if the hold ends first) and as many
through ``runs.start`` without a hold followed by ``runs.wait`` (polls only). The delay is the wall time from the
server's ``completedAt`` to the call's return; the requests are counted on the client's own httpx client.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import httpx

from eigenpal_ext import EigenpalClient
from eigenpal_local import LocalServer

KEY = "ep_bench_waits"


def _delay_ms(completed_at: str | None, returned: float) -> float:
    assert completed_at is not None
    return (returned - datetime.fromisoformat(completed_at).timestamp()) * 1000


def measure(server: LocalServer, seconds: float, runs: int, way: str) -> tuple[float, float, float]:
    """Median requests per run, median and max delay (ms)."""
    counts: list[int] = []
    delays: list[float] = []
    lock = threading.Lock()

    def one(n: int) -> None:
        sent = 0

        def count(_request: httpx.Request) -> None:
            nonlocal sent
            sent += 1

        http = httpx.Client(event_hooks={"request": [count]})
        with EigenpalClient(api_key=KEY, base_url=server.base_url, http_client=http) as client:
            target, body = "workflows.sleep", {"seconds": seconds, "n": n}
            if way == "run_and_wait":
                run = client.run_and_wait(target, input=body, timeout_seconds=seconds + 120)
            else:
                started = client.run(target, input=body)
                run = client.runs.wait(started.id, timeout_seconds=seconds + 120)
            returned = time.time()
        http.close()
        with lock:
            counts.append(sent)
            delays.append(_delay_ms(run.timing.completed_at, returned))

    with ThreadPoolExecutor(max_workers=runs) as pool:
        list(pool.map(one, range(runs)))
    return statistics.median(counts), statistics.median(delays), max(delays)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--durations", default="1,10,90")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    durations = [float(part) for part in args.durations.split(",")]
    print(f"{'run length':>10} | {'way':<12} | requests/run (median) | delay p50 ms | delay max ms")
    with LocalServer(api_key=KEY, workers=64) as server, ThreadPoolExecutor(max_workers=2 * len(durations)) as pool:
        jobs = {
            (seconds, way): pool.submit(measure, server, seconds, args.runs, way)
            for seconds in durations
            for way in ("run_and_wait", "runs.wait")
        }
        for (seconds, way), job in jobs.items():
            requests, p50, worst = job.result()
            print(f"{seconds:>9.0f}s | {way:<12} | {requests:>20.0f} | {p50:>12.0f} | {worst:>12.0f}")


if __name__ == "__main__":
    main()
