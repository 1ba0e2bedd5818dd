"""A 150 MB answer to a get raises an EigenpalError and costs less than 60 MB of peak memory.

Peak RSS only ever grows, so each measurement is taken in a fresh interpreter: the peak after importing the client
and making one, then the peak after ``client.runs.get`` met the huge answer.

On Linux the peak is read from ``VmHWM`` in ``/proc/self/status``, not from ``getrusage().ru_maxrss``: the kernel
carries ``ru_maxrss`` over ``fork`` + ``execve``, so a fresh interpreter started by a pytest process that is already
500 MB large begins with a 500 MB "peak" and no rise below that would ever show (measured: a child of a 600 MB
parent reads ``ru_maxrss`` 613 MB and ``VmHWM`` 13 MB). ``VmHWM`` belongs to the new address space alone.
Elsewhere ``ru_maxrss`` is used, and both are printed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import pytest

from .server import HostileServer

ROOT: Final = Path(__file__).resolve().parents[2]
LIMIT_MB: Final = 60.0

_PROBE: Final = """
import json, resource, sys, time

def maxrss_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux

def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # KiB
    except OSError:
        pass
    return maxrss_mb()

from eigenpal_ext import EigenpalClient, EigenpalError

client = EigenpalClient(api_key="sk_test_hostile", base_url=sys.argv[1])
before, maxrss_before = peak_mb(), maxrss_mb()
began = time.monotonic()
try:
    client.runs.get("run_1")
except EigenpalError as exc:
    outcome, error = "eigenpal_error", f"{type(exc).__name__}: {exc}"[:300]
except BaseException as exc:
    outcome, error = "other_error", f"{type(exc).__name__}: {exc}"[:300]
else:
    outcome, error = "returned", None
elapsed = time.monotonic() - began
print(json.dumps({"before_mb": before, "after_mb": peak_mb(), "outcome": outcome, "error": error,
                  "elapsed": elapsed, "maxrss_before_mb": maxrss_before, "maxrss_after_mb": maxrss_mb()}))
"""


def _probe(server: HostileServer) -> dict[str, Any]:
    """Run the probe against ``server`` in a fresh interpreter; what it saw."""
    probe = subprocess.run(  # noqa: S603 -- our own interpreter, our own probe
        [sys.executable, "-c", _PROBE, server.base_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    seen: dict[str, Any] = json.loads(probe.stdout.strip().splitlines()[-1])
    return seen


@pytest.mark.parametrize("mode", ["huge_body", "huge_body_chunked"], ids=["content-length", "chunked"])
def test_a_huge_answer_raises_without_holding_it_in_memory(
    hostile: Callable[..., HostileServer], request: pytest.FixtureRequest, mode: str
) -> None:
    seen = _probe(hostile(mode))
    rise = seen["after_mb"] - seen["before_mb"]
    said = (
        f"{seen['outcome']} ({seen['error']}) after {seen['elapsed']:.2f}s; peak RSS rose by {rise:.0f} MB"
        f" (ru_maxrss {seen['maxrss_before_mb']:.0f} -> {seen['maxrss_after_mb']:.0f} MB)"
    )
    request.node.user_properties.append(("outcome", said))
    assert seen["outcome"] == "eigenpal_error", said
    assert rise < LIMIT_MB, said


def test_the_probe_itself_costs_little_on_a_small_answer(
    hostile: Callable[..., HostileServer], request: pytest.FixtureRequest
) -> None:
    """The control: a normal answer passes the same bound, so the bound measures the answer, not the first request."""
    seen = _probe(hostile("null_output_then_completed", running_answers=0))
    rise = seen["after_mb"] - seen["before_mb"]
    request.node.user_properties.append(("outcome", f"{seen['outcome']}; peak RSS rose by {rise:.1f} MB"))
    assert seen["outcome"] == "returned", seen
    assert rise < LIMIT_MB / 4, rise
