"""``run_many`` against a real local server, live (no cassettes: the sync client's threads send in no fixed order).

Both clients, both strategies (held requests over pools of the batch's own, and list ticks through a caller's
``http_client``), files, resuming with a batch key, and the deadline.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from eigenpal_api.models.run import Run

from eigenpal_ext import (
    AsyncEigenpalClient,
    BadRequestError,
    EigenpalClient,
    EigenpalError,
    EigenpalTimeoutError,
    is_success,
)
from eigenpal_local import LocalServer, samples

API_KEY = "ep_batch_integration_0007"
SLEEP = "workflows.sleep"

Results = list[Run | EigenpalError]


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, workers=128) as running:
        yield running


@pytest.fixture(params=["sync", "async"])
def run_many(request: pytest.FixtureRequest, server: LocalServer) -> Callable[..., Results]:
    """``client.run_many(...)`` on a fresh client of either flavour, run to completion."""

    def call(*args: Any, http: bool = False, **kwargs: Any) -> Results:
        if request.param == "sync":
            http_client = httpx.Client() if http else None
            with EigenpalClient(api_key=API_KEY, base_url=server.base_url, http_client=http_client) as client:
                results = client.run_many(*args, **kwargs)
            if http_client is not None:
                http_client.close()
            return results

        async def main() -> Results:
            http_client = httpx.AsyncClient() if http else None
            async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url, http_client=http_client) as c:
                results = await c.run_many(*args, **kwargs)
            if http_client is not None:
                await http_client.aclose()
            return results

        return asyncio.run(main())

    return call


def tagged(server: LocalServer, tag: str) -> list[Run]:
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as client:
        return [client.runs.get(item.id) for item in client.runs.iter(tag=tag, limit=100)]


def seconds_of(results: Results) -> list[object]:
    return [result.output["seconds"] if isinstance(result, Run) else type(result).__name__ for result in results]  # type: ignore[index]


@pytest.mark.parametrize("http", [False, True], ids=["own pools, held", "caller's http_client, list ticks"])
def test_every_input_ends_in_input_order_and_a_bad_one_stops_nothing(
    run_many: Callable[..., Results], server: LocalServer, http: bool
) -> None:
    tag = f"t{uuid.uuid4().hex[:10]}"
    inputs: list[dict[str, Any]] = [{"seconds": round(0.6 - n * 0.01, 2), "steps": 1} for n in range(40)]
    inputs[7] = {"seconds": "soon"}  # refused by the server: 400

    results = run_many(SLEEP, inputs, tags=[tag], http=http)

    expected: list[object] = [value["seconds"] for value in inputs]
    expected[7] = "BadRequestError"
    assert seconds_of(results) == expected
    refused = results[7]
    assert isinstance(refused, BadRequestError) and refused.idempotency_key
    assert len(tagged(server, tag)) == 39


def test_the_same_batch_again_starts_no_second_run(run_many: Callable[..., Results], server: LocalServer) -> None:
    tag = f"t{uuid.uuid4().hex[:10]}"
    key = f"nightly-{uuid.uuid4().hex[:8]}"
    inputs = [{"seconds": 0.2, "steps": 1, "output": {"n": n}} for n in range(20)]

    first = run_many(SLEEP, inputs, idempotency_key=key, tags=[tag])
    again = run_many(SLEEP, inputs, idempotency_key=key, tags=[tag])

    assert [run.id for run in first if isinstance(run, Run)] == [run.id for run in again if isinstance(run, Run)]
    assert len(first) == 20 and all(isinstance(run, Run) and is_success(run) for run in again)
    assert len(tagged(server, tag)) == 20


def test_files_of_every_kind_go_with_their_inputs(run_many: Callable[..., Results]) -> None:
    names = samples.list_samples()
    inputs = [{"contract_document": samples.path(name)} for name in names]
    inputs.append({"contract_document": ("bytes.txt", samples.path("invoice-acme.txt").read_bytes())})

    results = run_many("workflows.extract-invoice", inputs)

    assert all(isinstance(result, Run) and is_success(result) for result in results), results
    numbers = [result.output["invoiceNumber"] for result in results if isinstance(result, Run)]  # type: ignore[index]
    assert len(set(numbers[: len(names)])) == len(names)  # each sample's own invoice, in order
    assert numbers[-1] == numbers[names.index("invoice-acme.txt")]


def test_the_deadline_ends_what_is_left_and_cancels_it_when_asked(
    run_many: Callable[..., Results], server: LocalServer
) -> None:
    tag = f"t{uuid.uuid4().hex[:10]}"
    inputs = [{"seconds": 30, "steps": 30}, {"seconds": 0.1, "steps": 1}]

    results = run_many(SLEEP, inputs, timeout_seconds=2, cancel_on_timeout=True, tags=[tag])

    late, quick = results
    assert isinstance(quick, Run) and is_success(quick)
    assert isinstance(late, EigenpalTimeoutError) and late.run_id and late.cancelled
    assert 1.5 <= late.waited_seconds <= 4.0
    cancelled = [run for run in tagged(server, tag) if run.id == late.run_id]
    assert cancelled and cancelled[0].timing.cancel_requested_at is not None
