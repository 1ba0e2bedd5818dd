"""Redirects that carry the input or a key away (issue 21, item 3).

The client is pointed at a server that answers every ``/v1/runs`` request with a redirect to a second server on
another port (another origin: the attacker's), which answers as the API would. Its requests are the "other origin"
column.

- ``307/run``, ``308/run_and_wait``: the start is re-posted there, input document and all.
- ``302/run``, ``303/run``: the start turns into a ``GET`` of the other origin's run, reported as started.
- ``302/runs.get + X-Api-Key``: a read with the caller's own extra header ``X-Api-Key`` (its key, as some gateways
  want it); the call returns the headers the other origin received, so a key that crossed shows as LEAKED.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks.attacks._kit import API_KEY, Attack
from tests.hostile.server import HostileServer, RecordedRequest, Scripted, normal_answer

__all__ = ["ATTACKS"]

TARGET = "workflows.extract-invoice"
INPUT = {"invoice": "INV-1", "document": "x" * 1024}


def _normal(request: RecordedRequest, _number: int) -> Scripted:
    code, body = normal_answer(request.method, request.path, request.query)
    return Scripted(code, {"Content-Type": "application/json"}, json.dumps(body).encode())


def _servers(status: int, path: str) -> Callable[[], list[HostileServer]]:
    def start() -> list[HostileServer]:
        other = HostileServer("scripted", script=_normal).start()

        def redirect(request: RecordedRequest, number: int) -> Scripted:
            if request.path.startswith("/v1/runs"):
                return Scripted(status, {"Location": f"{other.base_url}{path}", "Content-Length": "0"})
            return _normal(request, number)

        return [HostileServer("scripted", script=redirect).start(), other]

    return start


def _elsewhere(servers: Sequence[HostileServer]) -> list[dict[str, str]]:
    return [request.headers for request in servers[1].requests]


def _get_with_key(client: Any, servers: Sequence[HostileServer]) -> object:
    run = client.with_options(extra_headers={"X-Api-Key": API_KEY}).runs.get("run_1")
    return run.id, _elsewhere(servers)


async def _aget_with_key(client: Any, servers: Sequence[HostileServer]) -> object:
    run = await client.with_options(extra_headers={"X-Api-Key": API_KEY}).runs.get("run_1")
    return run.id, _elsewhere(servers)


async def _started(call: Any) -> str:
    return repr(await call)


ATTACKS: list[Attack] = [
    Attack(
        "redirect-307/run (re-posted to another origin)",
        _servers(307, "/v1/runs"),
        lambda client, _s: repr(client.run(TARGET, INPUT)),
        lambda client, _s: _started(client.run(TARGET, INPUT)),
    ),
    Attack(
        "redirect-308/run_and_wait (re-posted to another origin)",
        _servers(308, "/v1/runs"),
        lambda client, _s: repr(client.run_and_wait(TARGET, INPUT, timeout_seconds=2)),
        lambda client, _s: _started(client.run_and_wait(TARGET, INPUT, timeout_seconds=2)),
    ),
    Attack(
        "redirect-302/run (start turned into a GET)",
        _servers(302, "/v1/runs/run_evil"),
        lambda client, _s: repr(client.run(TARGET, INPUT)),
        lambda client, _s: _started(client.run(TARGET, INPUT)),
    ),
    Attack(
        "redirect-303/run (start turned into a GET)",
        _servers(303, "/v1/runs/run_evil"),
        lambda client, _s: repr(client.run(TARGET, INPUT)),
        lambda client, _s: _started(client.run(TARGET, INPUT)),
    ),
    Attack(
        "redirect-302/runs.get + extra X-Api-Key header",
        _servers(302, "/v1/runs/run_1"),
        _get_with_key,
        _aget_with_key,
    ),
]
