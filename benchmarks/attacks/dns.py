"""A slow DNS server (issue 21, item 9): the client's host name takes 30 s to look up.

``socket.getaddrinfo`` is replaced (in the attack's own process) so that ``slow-dns.test`` answers ``127.0.0.1``
after 30 s; the client's base URL names it (plain http to it: ``allow_insecure_http``). The sync call is one
``runs.get``; the async call is 8 ``runs.get`` at once and then a job of the program's own on the event loop's
default executor, all inside the kit's ``asyncio.run()``, whose end is part of the elapsed time.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from typing import Any

from benchmarks.attacks._kit import Attack
from tests.hostile.server import HostileServer, RecordedRequest, Scripted, normal_answer

__all__ = ["ATTACKS"]

HOST = "slow-dns.test"
LOOKUP_SECONDS = 30.0


def _normal(request: RecordedRequest, _number: int) -> Scripted:
    code, body = normal_answer(request.method, request.path, request.query)
    return Scripted(code, {"Content-Type": "application/json"}, json.dumps(body).encode())


def _servers() -> list[HostileServer]:
    real = socket.getaddrinfo

    def slow(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name == HOST:
            time.sleep(LOOKUP_SECONDS)
            return real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    socket.getaddrinfo = slow
    server = HostileServer("scripted", script=_normal).start()
    server.base_url = server.base_url.replace("127.0.0.1", HOST)
    return [server]


async def _many(client: Any, _servers: Any) -> object:
    outcomes = await asyncio.gather(*(client.runs.get(f"run_{n}") for n in range(8)), return_exceptions=True)
    await asyncio.get_running_loop().run_in_executor(None, time.sleep, 0)  # the program's own job
    errors = [outcome for outcome in outcomes if isinstance(outcome, BaseException)]
    if errors:
        raise errors[0]
    return outcomes


ATTACKS: list[Attack] = [
    Attack(
        "slow-dns/runs.get (30 s lookup)",
        _servers,
        lambda client, _s: client.runs.get("run_1"),
        _many,
        client_options={"allow_insecure_http": True},
    ),
]
