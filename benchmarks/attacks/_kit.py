"""The attack kit: one hostile case, run in a child process, measured as a user would feel it.

An :class:`Attack` says how to start the hostile server(s) and what the user's call is, sync and async. The runner
(:mod:`benchmarks.attacks.__main__`) runs each attack in its own process (so peak memory is the attack's alone),
against this tree or, with ``--tree``, against another checkout of the client (the same attack, the old code: the
"before" column), and prints one row per attack and flavour: requests sent to the attacker's server, requests to
any other origin, elapsed seconds, peak memory above the baseline, the error raised (type and its first words),
and whether the API key showed up in the error, its notes, its chain or the log.
"""

from __future__ import annotations

import asyncio
import io
import logging
import resource
import time
import traceback
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tests.hostile.server import HostileServer

__all__ = ["API_KEY", "Attack", "Outcome", "measure"]

API_KEY = "sk_live_attack_0123456789abcdef"
"""The key every attacked client is made with: any output that contains it is a leak."""


@dataclass(frozen=True)
class Attack:
    """One hostile case.

    Attributes:
        name: Short, unique: ``retry-after-0/runs.wait``.
        servers: Starts the servers: the first is the one the client is pointed at; the others are "another
            origin" (a redirect's target), whose requests are counted apart.
        sync_call: The user's call with a sync client (``None`` when there is no sync form).
        async_call: The same with an async client.
        timeout: The client's ``timeout`` (the call's deadline).
        client_options: More keyword arguments for the client (``max_response_bytes=...``).
    """

    name: str
    servers: Callable[[], Sequence[HostileServer]]
    sync_call: Callable[[Any, Sequence[HostileServer]], object] | None
    async_call: Callable[[Any, Sequence[HostileServer]], Awaitable[object]] | None
    timeout: float = 2.0
    client_options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """What one attack did to one flavour of the client."""

    requests: int
    elsewhere: int
    elapsed: float
    peak_mb: float
    error: str
    leaked: bool


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def measure(attack: Attack, asynchronous: bool) -> Outcome:
    """Run ``attack`` once in this process and measure it (imports the client only here: ``--tree`` chooses it)."""
    from eigenpal_ext import AsyncEigenpalClient, EigenpalClient

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.DEBUG)
    servers = attack.servers()
    try:
        base = _rss_mb()
        started = time.monotonic()
        error = ""
        text = ""
        try:
            if asynchronous:
                assert attack.async_call is not None

                async def main() -> object:
                    async with AsyncEigenpalClient(
                        api_key=API_KEY, base_url=servers[0].base_url, timeout=attack.timeout, **attack.client_options
                    ) as client:
                        return await attack.async_call(client, servers)  # type: ignore[misc]

                result = asyncio.run(main())
            else:
                assert attack.sync_call is not None
                with EigenpalClient(
                    api_key=API_KEY, base_url=servers[0].base_url, timeout=attack.timeout, **attack.client_options
                ) as client:
                    result = attack.sync_call(client, servers)
            text = repr(result)[:2000]
        except BaseException as exc:
            first = str(exc).splitlines()[0][:60] if str(exc) else ""
            error = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
            text = "".join(traceback.format_exception(exc)) + repr(exc) + repr(getattr(exc, "issues", ""))
        elapsed = time.monotonic() - started
        peak = _rss_mb() - base
    finally:
        for server in servers:
            server.stop()
        logging.getLogger().removeHandler(handler)
    return Outcome(
        requests=len(servers[0].requests),
        elsewhere=sum(len(server.requests) for server in servers[1:]),
        elapsed=elapsed,
        peak_mb=peak,
        error=error or "none",
        leaked=API_KEY in text or API_KEY in log.getvalue(),
    )
