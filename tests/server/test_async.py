"""LocalServer serves async tests as well as sync ones: it runs on its own thread and loop."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from eigenpal_local import LocalServer

from .conftest import API_KEY


@pytest.mark.asyncio
async def test_many_holds_from_an_async_client() -> None:
    with LocalServer(api_key=API_KEY) as server:
        async with httpx.AsyncClient(
            base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30
        ) as http:
            responses = await asyncio.gather(
                *(
                    http.post(
                        "/v1/runs",
                        json={"target": "workflows.sleep", "input": {"seconds": 0.3, "steps": 1}},
                        params={"wait_for_completion": 30},
                    )
                    for _ in range(50)
                )
            )
    assert {response.status_code for response in responses} == {200}
    assert len({response.json()["id"] for response in responses}) == 50


def test_stop_answers_held_requests() -> None:
    server = LocalServer(api_key=API_KEY).start()
    results: list[int] = []

    async def hold() -> None:
        async with httpx.AsyncClient(
            base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=30
        ) as http:
            response = await http.post(
                "/v1/runs",
                json={"target": "workflows.sleep", "input": {"seconds": 60}},
                params={"wait_for_completion": 600},
            )
            results.append(response.status_code)

    async def main() -> None:
        task = asyncio.create_task(hold())
        await asyncio.sleep(0.5)
        await asyncio.to_thread(server.stop)
        await asyncio.wait_for(task, 20)

    asyncio.run(main())
    assert results == [202]
