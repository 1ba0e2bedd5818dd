"""Answers about another run, listings that never end, and requests that go astray (issue 21, items 5, 8 and 9).

- ``another-run/*``: every answer is about ``run_2``, whatever run the path names (a cache or a proxy mixing answers
  up); the user reads, cancels or refreshes ``run_1``.
- ``endless-cursors/runs.iter``: every page is empty and brings a fresh cursor; the server gives up after 8 s (the
  issue's measurement window), so an unbounded walk ends there with a connection error.
- ``huge-cursor/runs.iter``: the first page brings a 70 KiB ``nextCursor``.
- ``dot-id/runs.cancel('.')``: ``POST /v1/runs/./cancel`` is normalised to ``POST /v1/runs/cancel``.
- ``lone-surrogate/run``: a start whose input holds ``"\\ud800"``.
- ``second-event-loop``: an ``AsyncEigenpalClient`` used from a second ``asyncio.run()`` (run from the sync slot:
  the kit's async slot is already inside one loop).
- ``http_client-after-close``: a caller's ``httpx.Client`` used by an ``EigenpalClient`` that is then closed; the
  caller's next request of its own is what the server sees (the key in it shows as LEAKED).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

import httpx

from benchmarks.attacks._kit import API_KEY, Attack
from tests.hostile.server import HostileServer, RecordedRequest, Scripted, normal_answer, run_json

__all__ = ["ATTACKS"]

TARGET = "workflows.extract-invoice"
WINDOW = 8.0


def _json(body: dict[str, Any]) -> Scripted:
    return Scripted(200, {"Content-Type": "application/json"}, json.dumps(body).encode())


def _about_run_2(request: RecordedRequest, _number: int) -> Scripted:
    if request.path.endswith("/cancel"):
        return _json({
            "id": "run_2", "type": "workflow", "finished": False, "execution": {"status": "running"},
            "cancellation": {"state": "requested", "wasStatus": "running"},
        })  # fmt: skip
    return _json(run_json("run_2"))


def _empty_pages(_request: RecordedRequest, number: int) -> Scripted:
    return _json({"runs": [], "nextCursor": f"cursor-{number}"})


def _huge_cursor(_request: RecordedRequest, _number: int) -> Scripted:
    return _json({"runs": [run_json("run_1")], "nextCursor": "c" * (70 * 1024)})


def _normal(request: RecordedRequest, _number: int) -> Scripted:
    code, body = normal_answer(request.method, request.path, request.query)
    return Scripted(code, {"Content-Type": "application/json"}, json.dumps(body).encode())


def _server(script: Any, max_seconds: float = 60.0) -> Any:
    return lambda: [HostileServer("scripted", script=script, max_seconds=max_seconds).start()]


def _paths(servers: Sequence[HostileServer]) -> list[str]:
    return [f"{request.method} {request.path}" for request in servers[0].requests]


async def _drain(items: Any) -> list[Any]:
    return [item async for item in items]


def _second_loop(_client: Any, servers: Sequence[HostileServer]) -> object:
    from eigenpal_ext import AsyncEigenpalClient

    client = AsyncEigenpalClient(api_key=API_KEY, base_url=servers[0].base_url, timeout=2.0)
    asyncio.run(client.runs.get("run_1"))
    return asyncio.run(client.runs.get("run_1"))


def _http_client_after_close(_client: Any, servers: Sequence[HostileServer]) -> object:
    from eigenpal_ext import EigenpalClient

    with httpx.Client(base_url=servers[0].base_url) as http:
        EigenpalClient(api_key=API_KEY, base_url=servers[0].base_url, http_client=http).close()
        http.get("/my/own/endpoint")  # the caller's own request, after the library's client closed
    return servers[0].requests[-1].headers


ATTACKS: list[Attack] = [
    Attack(
        "another-run/runs.get",
        _server(_about_run_2),
        lambda client, _s: client.runs.get("run_1").id,
        lambda client, _s: _id(client.runs.get("run_1")),
    ),
    Attack(
        "another-run/runs.cancel",
        _server(_about_run_2),
        lambda client, _s: client.runs.cancel("run_1").id,
        lambda client, _s: _id(client.runs.cancel("run_1")),
    ),
    Attack(
        "another-run/handle.refresh",
        _server(_about_run_2),
        lambda client, _s: client.runs.handle("run_1").refresh().id,
        lambda client, _s: _id(client.runs.handle("run_1").refresh()),
    ),
    Attack(
        "endless-cursors/runs.iter (empty pages, 8 s window)",
        _server(_empty_pages, max_seconds=WINDOW),
        lambda client, _s: list(client.runs.iter()),
        lambda client, _s: _drain(client.runs.iter()),
    ),
    Attack(
        "huge-cursor/runs.iter (70 KiB nextCursor)",
        _server(_huge_cursor),
        lambda client, _s: list(client.runs.iter()),
        lambda client, _s: _drain(client.runs.iter()),
    ),
    Attack(
        "dot-id/runs.cancel('.')",
        _server(_normal),
        lambda client, servers: (client.runs.cancel("."), _paths(servers)),
        lambda client, servers: _with_paths(client.runs.cancel("."), servers),
    ),
    Attack(
        "lone-surrogate/run (input holds '\\ud800')",
        _server(_normal),
        lambda client, _s: client.run(TARGET, input={"name": "caf\ud800"}),
        lambda client, _s: client.run(TARGET, input={"name": "caf\ud800"}),
    ),
    Attack("second-event-loop/AsyncEigenpalClient in asyncio.run twice", _server(_normal), _second_loop, None),
    Attack("http_client-after-close/caller's next request", _server(_normal), _http_client_after_close, None),
]


async def _id(call: Any) -> str:
    return str((await call).id)


async def _with_paths(call: Any, servers: Sequence[HostileServer]) -> object:
    return await call, _paths(servers)
