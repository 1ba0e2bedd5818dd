"""A client used, then forked (gunicorn ``--preload``, celery's prefork pool), never shares a connection between
the two processes (issue 21, item 4).

The parent makes one call, so its pool keeps a connection alive; then it forks, and parent and child each ask for
many runs of their own at the same time. The server answers each request with the run in its path after a short
pause (so that requests of the two processes overlap on the wire), and notes which connection (the server thread
that reads it) each process's requests came on. Every answer must be the run asked for, and the two processes must
have used different connections.

The child runs no pytest: it makes its calls, writes what it saw to a pipe as JSON, and leaves with ``os._exit``.
"""

from __future__ import annotations

import json
import os
import select
import threading
import time
import traceback
import warnings
from collections.abc import Callable
from typing import Any, Final

import pytest

from eigenpal_ext import EigenpalClient, EigenpalError

from .server import HostileServer, RecordedRequest, Scripted, run_json

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")

API_KEY: Final = "sk_test_hostile"
CALLS: Final = 40
"""Calls each process makes after the fork."""
PAUSE: Final = 0.003
"""How long the server waits before each answer."""
BUDGET: Final = 15.0
"""Each process stops calling after this many seconds (a shared socket can leave a call waiting for its answer)."""

Start = Callable[..., HostileServer]


def _calls(client: EigenpalClient, who: str) -> dict[str, Any]:
    """Ask for :data:`CALLS` runs of ``who``'s own; what came back."""
    wrong: list[str] = []
    errors: list[str] = []
    ended = time.monotonic() + BUDGET
    for number in range(CALLS):
        if time.monotonic() > ended:
            errors.append("out of time")
            break
        run_id = f"run_{who}_{number}"
        try:
            run = client.runs.get(run_id, extra_headers={"X-Pid": str(os.getpid())})
        except EigenpalError as exc:  # a wrong run is refused too (item 5), or a read cut by the other process
            errors.append(f"{run_id}: {exc}")
            continue
        if run.id != run_id:
            wrong.append(f"{run_id} answered with {run.id}")
    return {"wrong": wrong, "errors": errors}


def _in_child(client: EigenpalClient, out: int) -> None:
    code = 1
    try:
        os.write(out, json.dumps(_calls(client, "child")).encode())
        code = 0
    except BaseException:
        os.write(out, json.dumps({"wrong": [], "errors": [traceback.format_exc()]}).encode())
    finally:
        os._exit(code)


def _child_result(pid: int, pipe: int) -> dict[str, Any]:
    """What the child wrote, once it ended (killed after the budget and a margin)."""
    chunks: list[bytes] = []
    ends = time.monotonic() + BUDGET + 10
    while time.monotonic() < ends:
        ready, _, _ = select.select([pipe], [], [], 0.1)
        if ready:
            chunk = os.read(pipe, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    else:
        os.kill(pid, 9)
    os.close(pipe)
    _, status = os.waitpid(pid, 0)
    result: dict[str, Any] = json.loads(b"".join(chunks) or b'{"wrong": [], "errors": ["the child wrote nothing"]}')
    result["exit"] = os.waitstatus_to_exitcode(status)
    return result


def test_a_forked_child_never_shares_a_connection_with_its_parent(hostile: Start) -> None:
    connections: dict[str, set[str]] = {}
    lock = threading.Lock()

    def script(request: RecordedRequest, _number: int) -> Scripted:
        with lock:
            connections.setdefault(request.headers.get("x-pid", "?"), set()).add(threading.current_thread().name)
        time.sleep(PAUSE)
        run_id = request.path.rsplit("/", 1)[-1]
        return Scripted(200, {"Content-Type": "application/json"}, json.dumps(run_json(run_id)).encode())

    server = hostile("scripted", script=script)
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url, timeout=3) as client:
        assert client.runs.get("run_warm", extra_headers={"X-Pid": str(os.getpid())}).id == "run_warm"
        assert server.connections == 1  # kept alive in the pool, and inherited by the child
        read, write = os.pipe()
        with warnings.catch_warnings():  # 3.12+ warns that forking a process with threads may deadlock
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            os.close(read)
            _in_child(client, write)
        os.close(write)
        parent = _calls(client, "parent")
        child = _child_result(pid, read)
    assert child["exit"] == 0, child
    assert parent["wrong"] == [] and child["wrong"] == []
    assert parent["errors"] == [] and child["errors"] == []
    parents, childs = connections[str(os.getpid())], connections[str(pid)]
    assert parents and childs and not parents & childs, connections
