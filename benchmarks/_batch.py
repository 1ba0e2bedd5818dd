"""One batch measurement in a fresh process: `python -m benchmarks._batch --mode MODE --runs 1000 --base-url URL`.

Runs `--runs` inputs of `workflows.sleep` (1 to 3 s each, seeded) one way and prints one line of JSON: wall time, the
longest run, requests per run (counted at every httpx transport of the process, so the pools `run_many` opens count
too), client CPU per run (`time.process_time`, every thread), peak RSS, and whether every run completed and came
back in input order. A process of its own, so that the CPU and the peak are this mode's alone. Before the clock
starts, one run of 0 s goes through a client of the same flavour (not counted): the imports and first-call caches
are start-up, not per-run cost.

The modes:

- `run_many_async`, `run_many_sync`: `client.run_many(...)` with its defaults (the strategy it chooses).
- `run_many_async_ticks`, `run_many_sync_ticks`: the same call with the list-tick strategy forced, to compare the
  two strategies at one size (through the client's private batch runner; not an API).
- `handwritten_async`, `handwritten_sync`: what a user writes today: every run started with `client.run` (async: one
  `asyncio.gather`; sync: a loop), then `client.runs.wait_all(ids)`.
- `naive_async`: `asyncio.gather` of one `client.run_and_wait` per input, on the one client.
- `naive_sync`: a per-run loop: `client.run` for each input in turn, then `client.runs.wait` for each in turn.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

import attrs
import httpx

from benchmarks._common import API_KEY, WORKFLOW_SLEEP, Tally, peak_rss_mb

MODES = (
    "run_many_async",
    "run_many_async_ticks",
    "handwritten_async",
    "naive_async",
    "run_many_sync",
    "run_many_sync_ticks",
    "handwritten_sync",
    "naive_sync",
)

_TIMEOUT = 600.0


def durations(runs: int, seed: int) -> list[float]:
    """Each run's length: 1 to 3 s, the same for every mode of one seed."""
    rng = random.Random(seed)
    return [round(rng.uniform(1.0, 3.0), 3) for _ in range(runs)]


def count_every_request(tally: Tally) -> None:
    """Count every request any httpx transport of this process sends, at the transport (retries included)."""
    sync_send = httpx.HTTPTransport.handle_request
    async_send = httpx.AsyncHTTPTransport.handle_async_request

    def counted(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        tally.sent(request)
        return sync_send(self, request)

    async def async_counted(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        tally.sent(request)
        return await async_send(self, request)

    httpx.HTTPTransport.handle_request = counted  # type: ignore[method-assign]
    httpx.AsyncHTTPTransport.handle_async_request = async_counted  # type: ignore[method-assign]


def _forced_ticks(client: Any, inputs: list[dict[str, Any]]) -> Any:
    """The job `run_many` would run, with the list-tick strategy instead of the one it chose."""
    from eigenpal_ext._core._batching import START_WORKERS, Strategy
    from eigenpal_ext._core._plans import StartParts

    job = client._batch_job(WORKFLOW_SLEEP, inputs, _TIMEOUT, 1000, None, None, None, 2.0, False, StartParts(), {})
    ticks = Strategy(held=False, workers=START_WORKERS, lanes=1, in_flight=job.strategy.in_flight)
    return attrs.evolve(job, strategy=ticks)


def _async_mode(mode: str, base_url: str) -> Callable[[list[dict[str, Any]]], Coroutine[Any, Any, list[Any]]]:
    from eigenpal_ext import AsyncEigenpalClient

    async def call(inputs: list[dict[str, Any]]) -> list[Any]:
        async with AsyncEigenpalClient(api_key=API_KEY, base_url=base_url) as client:
            if mode == "run_many_async":
                return await client.run_many(WORKFLOW_SLEEP, inputs, timeout_seconds=_TIMEOUT)
            if mode == "run_many_async_ticks":
                return await client._batch_runner().run_many(_forced_ticks(client, inputs), None)
            if mode == "handwritten_async":
                started = await asyncio.gather(*(client.run(WORKFLOW_SLEEP, input=value) for value in inputs))
                return await client.runs.wait_all([run.id for run in started], timeout_seconds=_TIMEOUT)
            assert mode == "naive_async"
            waits = (client.run_and_wait(WORKFLOW_SLEEP, value, timeout_seconds=_TIMEOUT) for value in inputs)
            return list(await asyncio.gather(*waits))

    return call


def _sync_mode(mode: str, base_url: str) -> Callable[[list[dict[str, Any]]], list[Any]]:
    from eigenpal_ext import EigenpalClient

    def call(inputs: list[dict[str, Any]]) -> list[Any]:
        with EigenpalClient(api_key=API_KEY, base_url=base_url) as client:
            if mode == "run_many_sync":
                return client.run_many(WORKFLOW_SLEEP, inputs, timeout_seconds=_TIMEOUT)
            if mode == "run_many_sync_ticks":
                return list(client._batch_runner().run_many(_forced_ticks(client, inputs), None))
            ids = [client.run(WORKFLOW_SLEEP, input=value).id for value in inputs]
            if mode == "handwritten_sync":
                return client.runs.wait_all(ids, timeout_seconds=_TIMEOUT)
            assert mode == "naive_sync"
            return [client.runs.wait(run_id, timeout_seconds=_TIMEOUT) for run_id in ids]

    return call


def _warm_up(mode: str, base_url: str) -> None:
    """One short run through a client of the mode's flavour, every request path the batch will take imported."""
    from eigenpal_ext import AsyncEigenpalClient, EigenpalClient

    if "_async" in mode:

        async def warm() -> None:
            async with AsyncEigenpalClient(api_key=API_KEY, base_url=base_url) as client:
                await client.run_many(WORKFLOW_SLEEP, [{"seconds": 0}])
                accepted = await client.run(WORKFLOW_SLEEP, input={"seconds": 0})
                await client.runs.wait_all([accepted.id])

        asyncio.run(warm())
        return
    with EigenpalClient(api_key=API_KEY, base_url=base_url) as client:
        client.run_many(WORKFLOW_SLEEP, [{"seconds": 0}])
        client.runs.wait_all([client.run(WORKFLOW_SLEEP, input={"seconds": 0}).id])


def measure(mode: str, runs: int, seed: int, base_url: str) -> dict[str, Any]:
    """Run the batch one way; its figures."""
    _warm_up(mode, base_url)
    tally = Tally()
    count_every_request(tally)
    lengths = durations(runs, seed)
    inputs = [{"seconds": seconds} for seconds in lengths]
    rss_before = peak_rss_mb()
    threads_before = threading.active_count()
    began, cpu_began = time.monotonic(), time.process_time()
    results: list[Any]
    if "_async" in mode:
        results = asyncio.run(_async_mode(mode, base_url)(inputs))
    else:
        results = _sync_mode(mode, base_url)(inputs)
    wall, cpu = time.monotonic() - began, time.process_time() - cpu_began
    in_order = len(results) == runs and all(
        getattr(result, "output", None) is not None and result.output["seconds"] == seconds
        for result, seconds in zip(results, lengths, strict=False)
    )
    statuses: dict[str, int] = {}
    for result in results:
        status = str(getattr(getattr(result, "execution", None), "status", type(result).__name__))
        statuses[status] = statuses.get(status, 0) + 1
    longest = max(lengths)
    return {
        "mode": mode,
        "runs": runs,
        "statuses": statuses,
        "completed_in_order": in_order and statuses.get("completed") == runs,
        "wall_seconds": round(wall, 3),
        "longest_run_seconds": longest,
        "over_longest_seconds": round(wall - longest, 3),
        "requests": tally.requests,
        "requests_by_kind": dict(sorted(tally.by_kind.items())),
        "requests_per_run": round(tally.requests / runs, 3),
        "cpu_ms_per_run": round(cpu / runs * 1000, 3),
        "cpu_seconds": round(cpu, 3),
        "rss_before_mb": round(rss_before, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "threads_before": threads_before,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks._batch")
    parser.add_argument("--mode", choices=MODES, required=True)
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.mode, args.runs, args.seed, args.base_url)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
