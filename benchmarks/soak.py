"""`scripts/soak`: many runs through a faulty server, and a server SIGKILLed mid-run, and nothing lost.

Against the local server in its own process, on loopback, with fault injection on every /v1 request (500/503,
429 with `Retry-After`, connections dropped before the handler, responses lost after the handler took effect,
latency spikes) and a SQLite database:

1. `--runs` runs (default 1000) with outcomes known in advance (completed, failed, rejected; the completed ones
   echo their index in their output), each awaited one of three ways: `run_and_wait`, `run` then `runs.wait`,
   `run` then one `runs.wait_all` for the group.
2. A tenth as many longer runs, the same three ways; while every one of them is in flight the server is SIGKILLed
   and started again on the same port with the same database.
3. Every run the soak started is then listed on the server by the soak's tag (each run also carries a tag with its
   index), and compared with what the soak started and what the waits returned.

Prints one line per guarantee with its figure and exits 1 if any fails. Bounded: every wait has a deadline and the
whole soak a time limit (`--max-seconds`), and the request count is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from benchmarks._common import (
    API_KEY,
    ROOT,
    WORKFLOW_SLEEP,
    ServerProcess,
    Tally,
    async_http,
    auth_headers,
    machine,
    machine_line,
)

DEFAULT_FAULTS = "5xx=0.2,429=0.1,drop=0.05,lost=0.05,latency=0.05:0.5-2"
OUTCOMES = (("completed", 0.7), ("failed", 0.15), ("rejected", 0.15))
WAYS = ("run_and_wait", "run+wait", "run+wait_all")
WAIT_TIMEOUT_SECONDS = 240.0
MAX_CALLER_REPEATS = 20


@dataclass
class Planned:
    """A run the soak will start: what it asks for and what must come of it."""

    index: int
    phase: str
    seconds: float
    outcome: str
    way: str
    key: str
    run_id: str | None = None
    final_status: str | None = None
    output_index: object = None
    error: str | None = None
    start_retries: int = 0


@dataclass
class Guarantee:
    """One line of the soak's verdict."""

    name: str
    ok: bool
    figure: str

    def line(self) -> str:
        return f"{'ok  ' if self.ok else 'FAIL'} {self.name}: {self.figure}"


@dataclass
class SoakReport:
    """What the soak found."""

    guarantees: list[Guarantee] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(guarantee.ok for guarantee in self.guarantees)


def plan_runs(count: int, phase: str, tag: str, rng: random.Random, low: float, high: float) -> list[Planned]:
    """`count` runs with seeded lengths and outcomes, spread evenly over the three ways of waiting."""
    names = [name for name, _ in OUTCOMES]
    weights = [weight for _, weight in OUTCOMES]
    return [
        Planned(
            index=index,
            phase=phase,
            seconds=round(rng.uniform(low, high), 3),
            outcome=rng.choices(names, weights)[0],
            way=WAYS[index % len(WAYS)],
            key=f"{tag}-{phase}-{index}",
        )
        for index in range(count)
    ]


def _is_transient(error: BaseException) -> bool:
    from eigenpal_ext import APIConnectionError, RateLimitError, ServerError

    return isinstance(error, APIConnectionError | RateLimitError | ServerError)


def _start_gave_up(error: BaseException) -> bool:
    """Whether the client gave up on the start itself, not on a wait, after a transient fault.

    A start is retried only `max_retries` times and while the client-wide retry budget lasts; then the caller
    repeats it with the same idempotency key, which the "no duplicated runs" guarantee proves safe. The start's
    last request is its POST to /v1/runs or, when an earlier POST may have made the run, the look for that run (a
    GET of /v1/runs by the start's correlation tag): either one's transient failure is the start giving up. A wait
    of one run reads /v1/runs/{id}, never the list, so its errors are not taken for a start's.
    """
    url = str(getattr(error, "url", "")).split("?", 1)[0].rstrip("/")
    return _is_transient(error) and getattr(error, "method", "") in {"POST", "GET"} and url.endswith("/v1/runs")


class Soak:
    """One soak: the server, one async client, the planned runs and what became of them."""

    def __init__(self, server: ServerProcess, client: Any, tag: str) -> None:
        self.server = server
        self.client = client
        self.tag = tag
        self.transient_endings: Counter[str] = Counter()
        self.other_endings: Counter[str] = Counter()
        self.starts_given_up: Counter[str] = Counter()

    def _arguments(self, run: Planned) -> dict[str, Any]:
        return {
            "input": {
                "seconds": run.seconds,
                "outcome": run.outcome,
                "steps": 2,
                "output": {"soak": self.tag, "index": run.index},
            },
            "tags": [self.tag, run.key],
            "metadata": {"soak": self.tag, "phase": run.phase, "index": run.index},
            "idempotency_key": run.key,
        }

    def _settle(self, run: Planned, final: Any) -> None:
        run.run_id = final.id
        run.final_status = str(final.execution.status)
        if final.output is not None:
            run.output_index = final.output.get("index")

    def _ended_by(self, run: Planned, error: BaseException) -> None:
        run.error = f"{type(error).__name__}: {error}"
        if _is_transient(error):
            self.transient_endings[f"{run.way}: {type(error).__name__} on {getattr(error, 'method', '?')}"] += 1
        else:
            self.other_endings[type(error).__name__] += 1

    def _repeat_start(self, run: Planned, error: Exception, *, only_a_start: bool = False) -> bool:
        """Whether to repeat a start the client gave up on. ``only_a_start``: the call was ``client.run``, which
        waits for nothing, so any transient error it raised was its start giving up (its POST, the look for the run
        an earlier POST may have made, or the read of the run that look found)."""
        gave_up = _is_transient(error) if only_a_start else _start_gave_up(error)
        if not gave_up or run.start_retries >= MAX_CALLER_REPEATS:
            return False
        run.start_retries += 1
        self.starts_given_up[f"{run.way}: {type(error).__name__}"] += 1
        return True

    async def _start(self, run: Planned) -> str:
        """`client.run`; when the client gives up on a transient fault, the caller tries again with the same key."""
        while True:
            try:
                accepted = await self.client.run(WORKFLOW_SLEEP, **self._arguments(run))
            except Exception as error:
                if not self._repeat_start(run, error, only_a_start=True):
                    raise
                await asyncio.sleep(1.0)
                continue
            run.run_id = accepted.id
            return str(accepted.id)

    async def _run_and_wait(self, run: Planned) -> None:
        while True:
            try:
                final = await self.client.run_and_wait(
                    WORKFLOW_SLEEP, timeout_seconds=WAIT_TIMEOUT_SECONDS, **self._arguments(run)
                )
            except Exception as error:
                if self._repeat_start(run, error):
                    await asyncio.sleep(1.0)
                    continue
                self._ended_by(run, error)
                return
            self._settle(run, final)
            return

    async def _run_then_wait(self, run: Planned) -> None:
        try:
            run_id = await self._start(run)
            final = await self.client.runs.wait(run_id, timeout_seconds=WAIT_TIMEOUT_SECONDS)
        except Exception as error:
            self._ended_by(run, error)
            return
        self._settle(run, final)

    async def _run_then_wait_all(self, runs: list[Planned]) -> None:
        started: list[Planned] = []

        async def start(run: Planned) -> None:
            try:
                await self._start(run)
            except Exception as error:
                self._ended_by(run, error)
            else:
                started.append(run)

        await asyncio.gather(*(start(run) for run in runs))
        if not started:
            return
        try:
            finals = await self.client.runs.wait_all(
                [run.run_id for run in started], timeout_seconds=WAIT_TIMEOUT_SECONDS
            )
        except Exception as error:
            for run in started:
                self._ended_by(run, error)
            return
        by_id = {final.id: final for final in finals}
        for run in started:
            final = by_id.get(run.run_id)
            if final is None:
                run.error = "wait_all did not return this run"
                self.other_endings["missing from wait_all"] += 1
            else:
                self._settle(run, final)

    def awaiting(self, runs: list[Planned]) -> list[Awaitable[None]]:
        """One awaitable per run (and one for the wait_all group)."""
        jobs: list[Awaitable[None]] = []
        for run in runs:
            if run.way == "run_and_wait":
                jobs.append(self._run_and_wait(run))
            elif run.way == "run+wait":
                jobs.append(self._run_then_wait(run))
        jobs.append(self._run_then_wait_all([run for run in runs if run.way == "run+wait_all"]))
        return jobs


async def _with_retries(call: Callable[[], Awaitable[httpx.Response]]) -> httpx.Response:
    """The soak's own checks read the faulty server too: raw httpx, retried on anything transient."""
    for _ in range(200):
        try:
            response = await call()
        except httpx.TransportError:
            await asyncio.sleep(0.2)
            continue
        if response.status_code == 429 or response.status_code >= 500:
            await asyncio.sleep(0.2)
            continue
        response.raise_for_status()
        return response
    raise RuntimeError("the server never answered the soak's check")


async def server_runs(base_url: str, tag: str) -> list[dict[str, Any]]:
    """Every run on the server carrying the tag, paged through by cursor."""
    found: list[dict[str, Any]] = []
    async with httpx.AsyncClient(base_url=base_url, headers=auth_headers(), timeout=30) as http:
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"tag": tag, "limit": 100}
            if cursor is not None:
                params["cursor"] = cursor
            page = (await _with_retries(functools.partial(http.get, "/v1/runs", params=params))).json()
            found.extend(page["runs"])
            cursor = page.get("nextCursor")
            if not cursor:
                return found


async def resumed_runs(base_url: str, run_ids: list[str]) -> int:
    """How many of the runs the server resumed after its restart (a `run.resumed` event)."""
    async with httpx.AsyncClient(base_url=base_url, headers=auth_headers(), timeout=30) as http:

        async def resumed(run_id: str) -> bool:
            response = await _with_retries(lambda: http.get(f"/v1/runs/{run_id}/events"))
            return any(event["type"] == "run.resumed" for event in response.json()["events"])

        flags = await asyncio.gather(*(resumed(run_id) for run_id in run_ids))
    return sum(flags)


async def soak(runs: int, seed: int, faults: str, max_seconds: float, workdir: Path) -> SoakReport:
    """The whole soak; returns the guarantees and the facts behind them."""
    from eigenpal_ext import AsyncEigenpalClient

    rng = random.Random(seed)
    tag = f"soak-{seed}-{int(time.time())}"
    main_runs = plan_runs(runs, "faults", tag, rng, 0.2, 3.0)
    restart_runs = plan_runs(max(6, runs // 10), "restart", tag, rng, 3.0, 6.0)
    report = SoakReport()
    tally = Tally()
    server = ServerProcess(
        workers=len(main_runs) + len(restart_runs) + 64,
        db=str(workdir / "soak.sqlite"),
        faults=faults,
        seed=seed,
        log_path=workdir / "server.log",
    )
    began = time.monotonic()
    with server:
        async with async_http(tally, server.base_url) as http:
            client = AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, http_client=http)
            state = Soak(server, client, tag)
            async with asyncio.timeout(max_seconds):
                await asyncio.gather(*state.awaiting(main_runs))
                faults_phase = time.monotonic() - began
                restart_began = time.monotonic()
                waits = asyncio.gather(*state.awaiting(restart_runs))
                await asyncio.sleep(1.5)  # every run started and running, every wait holding or polling
                killed_at = time.monotonic() - restart_began
                await asyncio.to_thread(_kill_and_restart, server)
                down = time.monotonic() - restart_began - killed_at
                await waits
                restart_phase = time.monotonic() - restart_began
            listed = await server_runs(server.base_url, tag)
            in_flight = await resumed_runs(server.base_url, [run.run_id for run in restart_runs if run.run_id])
    planned = main_runs + restart_runs
    report.facts += [
        f"faults: {faults} (seed {seed}); {len(main_runs)} runs in {faults_phase:.1f} s, then {len(restart_runs)} "
        f"runs of 3-6 s in {restart_phase:.1f} s with the server SIGKILLed at {killed_at:.1f} s and back "
        f"{down:.1f} s later",
        f"requests: {tally.requests} ({', '.join(f'{k} {v}' for k, v in sorted(tally.by_kind.items()))}); "
        f"answers {dict(sorted(tally.by_status.items()))}; transport errors {dict(sorted(tally.errors.items()))}",
        f"starts the client gave up on after a transient fault (max_retries=2, client-wide retry budget), "
        f"repeated by the caller with the same idempotency key: {sum(run.start_retries for run in planned)} times "
        f"for {sum(1 for run in planned if run.start_retries)} of {len(planned)} runs "
        f"{dict(sorted(state.starts_given_up.items()))}",
    ]
    report.guarantees = _verdict(planned, restart_runs, listed, state, tag, in_flight)
    return report


def _kill_and_restart(server: ServerProcess) -> None:
    server.kill()
    time.sleep(1.0)
    server.restart()


def _verdict(
    planned: list[Planned],
    restart_runs: list[Planned],
    listed: list[dict[str, Any]],
    state: Soak,
    tag: str,
    in_flight: int,
) -> list[Guarantee]:
    total = len(planned)
    settled = [run for run in planned if run.final_status is not None]
    per_key = Counter(next((t for t in item["tags"] if t != tag), "?") for item in listed)
    duplicated = {key: count for key, count in per_key.items() if count > 1}
    started_ids = {run.run_id for run in planned if run.run_id}
    listed_ids = {item["id"] for item in listed}
    unknown = listed_ids - started_ids
    missing = started_ids - listed_ids
    right = [
        run
        for run in settled
        if run.final_status == run.outcome and (run.outcome != "completed" or run.output_index == run.index)
    ]
    wrong = [run for run in settled if run not in right]
    outcomes = Counter(run.outcome for run in planned)
    restart_right = [run for run in restart_runs if run in right]
    first_problems = "; ".join(
        f"{run.key}: {run.error or f'{run.final_status} (wanted {run.outcome}, output index {run.output_index})'}"
        for run in [*(run for run in planned if run.final_status is None), *wrong][:3]
    )
    suffix = f" - e.g. {first_problems}" if first_problems else ""
    return [
        Guarantee(
            "every run accounted for",
            len(settled) == total and not missing,
            f"{len(settled)}/{total} awaited to a final state; {len(listed_ids)} on the server, "
            f"{len(missing)} started but not on the server{suffix}",
        ),
        Guarantee(
            "no duplicated runs",
            not duplicated and not unknown and len(listed) == total,
            f"{len(listed)} runs on the server for {total} started; {len(duplicated)} index tags on more than "
            f"one run; {len(unknown)} runs the soak never saw",
        ),
        Guarantee(
            "no wait ended by a transient fault",
            not state.transient_endings,
            f"{sum(state.transient_endings.values())} of {total} "
            f"{dict(state.transient_endings) if state.transient_endings else ''}; other errors: "
            f"{dict(state.other_endings) if state.other_endings else 'none'}",
        ),
        Guarantee(
            "every final status right",
            len(right) == total,
            f"{len(right)}/{total} (wanted completed {outcomes['completed']}, failed {outcomes['failed']}, "
            f"rejected {outcomes['rejected']}; completed ones return their own output)",
        ),
        Guarantee(
            "SIGKILL and restart mid-run, every wait ends right",
            len(restart_right) == len(restart_runs) and in_flight > 0,
            f"{len(restart_right)}/{len(restart_runs)} right; {in_flight} of them were running at the kill and "
            "were resumed by the restarted server",
        ),
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/soak", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=1000, help="runs through the faulty server (default: 1000)")
    parser.add_argument("--seed", type=int, default=7, help="seeds run lengths, outcomes and the server's faults")
    parser.add_argument("--faults", default=DEFAULT_FAULTS, help="the server's fault spec (default: %(default)s)")
    parser.add_argument("--max-seconds", type=float, default=540.0, help="the soak's time limit (default: 540)")
    parser.add_argument(
        "--out",
        default=None,
        help="where to write the verdict with the date and machine "
        "(default: benchmarks/results/soak-<date>.md; - for nowhere)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs the soak, prints a line per guarantee; 0 when all hold, 1 otherwise."""
    args = _parser().parse_args(argv)
    if args.runs < 3:
        print("--runs must be at least 3", file=sys.stderr)
        return 2
    began = time.monotonic()
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="eigenpal-soak-") as workdir:
        try:
            report = asyncio.run(soak(args.runs, args.seed, args.faults, args.max_seconds, Path(workdir)))
        except TimeoutError:
            print(f"FAIL the soak did not finish within {args.max_seconds:g} s")
            return 1
    lines = [f"     {fact}" for fact in report.facts]
    lines += [guarantee.line() for guarantee in report.guarantees]
    lines.append(f"     soak took {time.monotonic() - began:.1f} s")
    print("\n".join(lines))
    if args.out != "-":
        out = Path(args.out) if args.out else ROOT / "benchmarks" / "results" / f"soak-{now:%Y-%m-%d}.md"
        _write(out, now, args, lines)
    return 0 if report.ok else 1


def _write(out: Path, now: datetime, args: argparse.Namespace, lines: list[str]) -> None:
    """The verdict as Markdown, with the date, the machine and the command that produced it."""
    command = f"scripts/soak --runs {args.runs} --seed {args.seed}"
    if args.faults != DEFAULT_FAULTS:
        command += f" --faults {args.faults}"
    text = [
        f"# eigenpal-ext soak, {now:%Y-%m-%d}",
        "",
        f"Taken {now.isoformat(timespec='seconds')} on {machine_line(machine())}, with `{command}`.",
        "",
        "```",
        *lines,
        "```",
        "",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(text))


if __name__ == "__main__":
    sys.exit(main())
