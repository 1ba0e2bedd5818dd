"""One scale measurement in a fresh process: `python -m benchmarks._scale --mode wait_all --runs 1000 --base-url URL`.

Starts the runs concurrently with the async client, awaits them all with `runs.wait_all` or `runs.as_completed`
(or, as the baseline, starts them with raw httpx and awaits each with the manual loop of the docs),
and prints one line of JSON: wall time, the longest run, requests (starts and awaiting apart) and this process's
peak RSS. A process of its own, so that the peak is the client's and not the rest of the benchmark's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from typing import Any

import httpx

from benchmarks._common import (
    API_KEY,
    WORKFLOW_SLEEP,
    Tally,
    async_http,
    epoch_seconds,
    peak_rss_mb,
    summary,
)


class _Final:
    """What the figures need of a finished run, from the client's typed run or the raw JSON."""

    def __init__(self, run_id: str, status: str, created: float, completed: float) -> None:
        self.id, self.status, self.created, self.completed = run_id, status, created, completed

    @classmethod
    def of(cls, run: Any) -> _Final:
        if isinstance(run, dict):
            timing = run["timing"]
            created, completed = epoch_seconds(timing["createdAt"]), epoch_seconds(timing["completedAt"])
            return cls(run["id"], run["execution"]["status"], created, completed)
        created, completed = epoch_seconds(run.timing.created_at), epoch_seconds(run.timing.completed_at)
        return cls(run.id, str(run.execution.status), created, completed)


async def _baseline_wait(http: httpx.AsyncClient, run_id: str) -> dict[str, Any]:
    """The manual loop of the docs, async: get, if finished break, sleep 2 s."""
    while True:
        response = await http.get(f"/v1/runs/{run_id}")
        response.raise_for_status()
        run: dict[str, Any] = response.json()
        if run["finished"]:
            return run
        await asyncio.sleep(2.0)


async def _measure(mode: str, runs: int, seed: int, base_url: str) -> dict[str, Any]:
    from eigenpal_ext import AsyncEigenpalClient

    rss_after_import = peak_rss_mb()
    rng = random.Random(seed)
    durations = [round(rng.uniform(1.0, 5.0), 3) for _ in range(runs)]
    tally = Tally()
    delays_ms: list[float] = []
    async with async_http(tally, base_url) as http:
        client = AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, http_client=http)
        began = time.time()
        if mode == "baseline":

            async def start(seconds: float) -> str:
                response = await http.post("/v1/runs", json={"target": WORKFLOW_SLEEP, "input": {"seconds": seconds}})
                response.raise_for_status()
                return str(response.json()["id"])

            run_ids = list(await asyncio.gather(*(start(seconds) for seconds in durations)))
        else:
            accepted = await asyncio.gather(
                *(client.run(WORKFLOW_SLEEP, input={"seconds": seconds}) for seconds in durations)
            )
            run_ids = [run.id for run in accepted]
        started = time.time()
        starts = tally.requests
        if mode == "baseline":
            finals = [_Final.of(run) for run in await asyncio.gather(*(_baseline_wait(http, i) for i in run_ids))]
        elif mode == "wait_all":
            finals = [_Final.of(run) for run in await client.runs.wait_all(run_ids)]
        else:
            finals = []
            async for run in client.runs.as_completed(run_ids):
                delays_ms.append((time.time() - epoch_seconds(run.timing.completed_at)) * 1000)
                finals.append(_Final.of(run))
        ended = time.time()
    statuses: dict[str, int] = {}
    for final in finals:
        statuses[final.status] = statuses.get(final.status, 0) + 1
    lifetimes = [final.completed - final.created for final in finals]
    last_end = max(final.completed for final in finals)
    result: dict[str, Any] = {
        "mode": mode,
        "runs": runs,
        "awaited": len(finals),
        "distinct_awaited": len({final.id for final in finals} & set(run_ids)),
        "statuses": statuses,
        "wall_seconds": round(ended - began, 3),
        "start_seconds": round(started - began, 3),
        "await_seconds": round(ended - started, 3),
        "longest_run_seconds": max(durations),
        "longest_server_lifetime_seconds": round(max(lifetimes), 3),
        "last_end_to_return_ms": round((ended - last_end) * 1000, 1),
        "requests": tally.requests,
        "start_requests": starts,
        "awaiting_requests": tally.requests - starts,
        "requests_per_run": round(tally.requests / runs, 3),
        "transport": tally.as_dict(),
        "rss_after_import_mb": round(rss_after_import, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    if delays_ms:
        result["as_completed_delay_ms"] = summary(delays_ms)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks._scale")
    parser.add_argument("--mode", choices=("wait_all", "as_completed", "baseline"), required=True)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    print(json.dumps(asyncio.run(_measure(args.mode, args.runs, args.seed, args.base_url))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
