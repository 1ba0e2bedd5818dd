"""A client used, then forked (issue 21, item 4): gunicorn ``--preload`` and celery's prefork pool do this.

The call warms the client's pool with one request, forks, and then parent and child each ask for 40 runs of their
own at the same time; the server answers each request with the run in its path after 3 ms. The call raises an
``AssertionError`` saying how many answers were wrong (another process's run) or failed, counted over both
processes; it returns quietly when every answer was the run asked for. The requests column counts both processes.
There is no async form: an event loop does not survive a fork.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from typing import Any

from benchmarks.attacks._kit import Attack
from tests.hostile.server import HostileServer, RecordedRequest, Scripted, run_json

__all__ = ["ATTACKS"]

CALLS = 40


def _script(request: RecordedRequest, _number: int) -> Scripted:
    time.sleep(0.003)
    run = run_json(request.path.rsplit("/", 1)[-1])
    return Scripted(200, {"Content-Type": "application/json"}, json.dumps(run).encode())


def _calls(client: Any, who: str) -> tuple[int, int]:
    wrong = failed = 0
    ends = time.monotonic() + 15
    for number in range(CALLS):
        if time.monotonic() > ends:
            failed += CALLS - number
            break
        try:
            if client.runs.get(f"run_{who}_{number}").id != f"run_{who}_{number}":
                wrong += 1
        except Exception:  # the measure: any failure counts
            failed += 1
    return wrong, failed


def _forked(client: Any, _servers: Sequence[HostileServer]) -> object:
    client.runs.get("run_warm")
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            os.write(write, json.dumps(_calls(client, "child")).encode())
        finally:
            os._exit(0)
    os.close(write)
    wrong, failed = _calls(client, "parent")
    with os.fdopen(read, "rb") as pipe:
        child = json.loads(pipe.read() or b"[40, 0]")
    os.waitpid(pid, 0)
    wrong, failed = wrong + child[0], failed + child[1]
    if wrong or failed:
        raise AssertionError(f"{wrong} wrong, {failed} failed of {2 * CALLS}")
    return "every answer right"


ATTACKS: list[Attack] = [
    Attack(
        "fork-after-use/runs.get x40 in parent and child",
        lambda: [HostileServer("scripted", script=_script).start()],
        _forked,
        None,
        timeout=3.0,
    ),
]
