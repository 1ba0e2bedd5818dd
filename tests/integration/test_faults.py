"""Starts survive a bad patch: under 40 % injected faults every run_and_wait completes, and no run is started twice.

Live, against a local server on loopback that fails 40 % of requests: 500/503 (20 %), 429 (10 %), connections
dropped before the request takes effect (5 %) and answers lost after it did (5 %). The server, like the real API,
deduplicates nothing by Idempotency-Key: the start inside run_and_wait retries until its deadline, and after a
failure that may have made the run it looks for it by its correlation tag before sending again.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator

import pytest

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient, is_success
from eigenpal_local import LocalServer

RUNS = 100
FAULTS = "5xx=0.2,429=0.1,drop=0.05,lost=0.05"


@pytest.fixture
def faulty_server() -> Iterator[LocalServer]:
    with LocalServer(api_key="sk_test_faults", workers=32, faults=FAULTS, seed=40) as server:
        yield server


def test_every_run_and_wait_completes_through_40_percent_faults_with_no_duplicate(
    faulty_server: LocalServer,
) -> None:
    async def one(client: AsyncEigenpalClient, index: int) -> str:
        run = await client.run_and_wait(
            "workflows.sleep", input={"seconds": 0.2, "steps": 1}, tags=[f"fault-{index}"], timeout_seconds=60
        )
        assert is_success(run), run.error
        return run.id

    async def all_of_them() -> list[str]:
        async with AsyncEigenpalClient(api_key=faulty_server.api_key, base_url=faulty_server.base_url) as client:
            return await asyncio.gather(*(one(client, index) for index in range(RUNS)))

    run_ids = asyncio.run(all_of_them())

    assert len(set(run_ids)) == RUNS
    faulty_server.set_faults(None)
    with EigenpalClient(api_key=faulty_server.api_key, base_url=faulty_server.base_url) as client:
        per_tag = Counter(
            tag for item in client.runs.iter(limit=100) for tag in item.tags or [] if tag.startswith("fault-")
        )
    assert sorted(per_tag) == sorted(f"fault-{index}" for index in range(RUNS))
    assert set(per_tag.values()) == {1}, [tag for tag, count in per_tag.items() if count > 1]
