"""A wait replayed from a cassette polls as its recording did: the same reads in the same order, and no real sleep.

The real API holds no read of a run (only a start), so a wait is a run of identical ``GET /v1/runs/{id}`` answered
pending, pending, ..., completed. Recorded here with vcrpy and the kit's settings against a local server, then
replayed with the server gone and ``time.sleep`` / ``asyncio.sleep`` made to fail on any real pause.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import vcr

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient, RunStatus
from eigenpal_ext.testing import VirtualClock
from eigenpal_ext.testing._cassettes import configure_vcr
from eigenpal_ext.testing._fixtures import REPLAY_API_KEY, REPLAY_BASE_URL, virtual_time
from eigenpal_local import LocalServer

KEY = "sk_test_replayed_polls_0001"
RUN = {"seconds": 1.2, "steps": 3}
State = tuple[str, int]  # a run's status and its steps done, as a progress bar shows them


def _state(run: Any) -> State:
    steps = run.execution.steps or []
    return str(run.execution.status), sum(1 for step in steps if step.get("status") == "completed")


def _wait_sync(base_url: str, key: str) -> list[State]:
    with EigenpalClient(api_key=key, base_url=base_url) as client:
        started = client.run("workflows.sleep", input=RUN)
        return [_state(run) for run in client.runs.poll(started.id, expand="execution")]


def _wait_async(base_url: str, key: str) -> list[State]:
    async def main() -> list[State]:
        async with AsyncEigenpalClient(api_key=key, base_url=base_url) as client:
            started = await client.run("workflows.sleep", input=RUN)
            return [_state(run) async for run in client.runs.poll(started.id, expand="execution")]

    return asyncio.run(main())


@contextlib.contextmanager
def _cassette(path: Path, record_mode: str) -> Iterator[tuple[Any, list[float]]]:
    """The cassette, and the sleeps its virtual clock was asked for (the plugin's autouse fixture, by hand)."""
    recorder = vcr.VCR()
    configure_vcr(recorder)
    with (
        recorder.use_cassette(str(path), record_mode=record_mode, allow_playback_repeats=False) as cassette,
        contextlib.contextmanager(virtual_time)(cassette, "the same seed both times") as clock,
    ):
        assert isinstance(clock, VirtualClock)
        yield cassette, clock.sleeps


@pytest.mark.parametrize("wait", [_wait_sync, _wait_async], ids=["sync", "async"])
def test_a_replayed_wait_reads_in_recorded_order_and_never_sleeps(
    wait: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "wait.yaml"
    with LocalServer(api_key=KEY) as server, _cassette(path, "all") as (cassette, recorded_sleeps):
        recorded = wait(server.base_url, KEY)
    assert recorded[-1] == (RunStatus.COMPLETED.value, 3)
    assert len(recorded) >= 3  # the run was seen on its way, not only at its end
    reads = [request for request in cassette.requests if request.method == "GET"]
    assert len(reads) >= 3 and not any(name == "wait_for_completion" for read in reads for name, _ in read.query)
    assert len(recorded_sleeps) >= 2

    real_pauses: list[float] = []
    real_asyncio_sleep = asyncio.sleep
    real_sleep = time.sleep
    test_thread = threading.get_ident()

    def no_real_sleep(seconds: float) -> None:
        if threading.get_ident() != test_thread:  # another thread's sleep (a server still shutting down): not ours
            real_sleep(seconds)
            return
        real_pauses.append(seconds)

    async def no_real_asleep(seconds: float, result: Any = None) -> Any:
        if threading.get_ident() != test_thread:  # another thread's event loop (a server still running): not ours
            return await real_asyncio_sleep(seconds, result)
        if seconds > 0:
            real_pauses.append(seconds)
        return await real_asyncio_sleep(0, result)

    monkeypatch.setattr(time, "sleep", no_real_sleep)
    monkeypatch.setattr(asyncio, "sleep", no_real_asleep)
    for _ in range(2):
        with _cassette(path, "none") as (cassette, replayed_sleeps):
            replayed = wait(REPLAY_BASE_URL, REPLAY_API_KEY)
            assert cassette.all_played  # every recorded read was asked for again, none twice
        assert replayed == recorded
        assert replayed_sleeps == recorded_sleeps
    assert real_pauses == []
