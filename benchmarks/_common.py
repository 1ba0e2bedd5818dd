"""What the benchmark and the soak share: the local server in a child process, request counting, statistics.

The server always runs in its own process (`python -m eigenpal_local`): the client's CPU time, memory and GIL
are then the client's alone, and the soak can SIGKILL it and start it again on the same port and database.
"""

from __future__ import annotations

import contextlib
import contextvars
import math
import os
import platform
import select
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx

API_KEY = "ep_bench_local_key"
ROOT = Path(__file__).resolve().parent.parent
WORKFLOW_SLEEP = "workflows.sleep"
TERMINAL = frozenset({"completed", "failed", "cancelled", "rejected"})


# --- the server --------------------------------------------------------------------------------------------------


class ServerProcess:
    """`python -m eigenpal_local` in a child process: started, SIGKILLed and restarted on the same port and db."""

    def __init__(
        self,
        *,
        workers: int = 256,
        db: str | None = None,
        faults: str | None = None,
        seed: int | None = None,
        log_path: Path | None = None,
    ) -> None:
        """Configures the server; `start()` (or `with`) launches it.

        Args:
            workers: How many runs the server executes at once; more than the runs in flight, so none queue.
            db: A SQLite file, so that runs survive a restart; None keeps them in memory.
            faults: The fault spec (`--faults`), e.g. `5xx=0.2,429=0.1`.
            seed: Seeds the server's fault generator.
            log_path: Where the server's stderr goes (default: discarded).
        """
        self.workers = workers
        self.db = db
        self.faults = faults
        self.seed = seed
        self.port = 0
        self._log_path = log_path
        self._process: subprocess.Popen[bytes] | None = None
        self.base_url = ""
        self.starts = 0

    def _command(self) -> list[str]:
        command = [sys.executable, "-m", "eigenpal_local", "--port", str(self.port), "--api-key", API_KEY]
        command += ["--workers", str(self.workers)]
        if self.db is not None:
            command += ["--db", self.db]
        if self.faults:
            command += ["--faults", self.faults]
        if self.seed is not None:
            # A restarted server draws other faults than the first one did, so the restart does not replay them.
            command += ["--seed", str(self.seed + self.starts)]
        return command

    def start(self, timeout: float = 30.0) -> Self:
        """Launches the server and waits until it prints the URL it listens on.

        Raises:
            RuntimeError: The server exited or did not listen within `timeout` seconds.
        """
        stderr: Any = subprocess.DEVNULL
        if self._log_path is not None:
            self._log_path.parent.mkdir(parents=True, exist_ok=True)
            stderr = self._log_path.open("ab")
        deadline = time.monotonic() + timeout
        while True:
            process = subprocess.Popen(self._command(), stdout=subprocess.PIPE, stderr=stderr, cwd=ROOT)  # noqa: S603
            line = _read_line(process, deadline)
            if line.startswith("http://"):
                break
            process.kill()
            process.wait()
            # The port of a killed server can take a moment to be free again; try again until the deadline.
            if self.port == 0 or time.monotonic() > deadline:
                raise RuntimeError(f"the local server did not start: {' '.join(self._command())}")
            time.sleep(0.2)
        if stderr is not subprocess.DEVNULL:
            stderr.close()
        self._process = process
        self.base_url = line
        self.port = int(line.rsplit(":", 1)[1])
        self.starts += 1
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown, no last commit; held requests see their connection die."""
        process = self._require()
        process.send_signal(signal.SIGKILL)
        process.wait()
        self._close_pipe()

    def restart(self) -> None:
        """Starts the server again on the same port with the same database."""
        self._process = None
        self.start()

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s."""
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._close_pipe()
        self._process = None

    @property
    def pid(self) -> int:
        """The server process's id."""
        return self._require().pid

    def _require(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            raise RuntimeError("the server is not running")
        return self._process

    def _close_pipe(self) -> None:
        if self._process is not None and self._process.stdout is not None:
            self._process.stdout.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()


def _read_line(process: subprocess.Popen[bytes], deadline: float) -> str:
    """The first line the process prints, or "" when it exits or the deadline passes first."""
    assert process.stdout is not None
    buffer = b""
    while not buffer.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return ""
        ready, _, _ = select.select([process.stdout], [], [], min(remaining, 0.5))
        if ready:
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                return ""
            buffer += chunk
        elif process.poll() is not None:
            return ""
    return buffer.decode().strip()


# --- counting requests -------------------------------------------------------------------------------------------

_per_task: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("bench_requests", default=None)


@dataclass
class Tally:
    """Every request a client sent: in total, by kind, by answer, and the transport errors it met."""

    requests: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_status: Counter[int] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def sent(self, request: httpx.Request) -> None:
        kind = request_kind(request)
        with self._lock:
            self.requests += 1
            self.by_kind[kind] += 1
        mine = _per_task.get()
        if mine is not None:
            mine[0] += 1

    def answered(self, status: int) -> None:
        with self._lock:
            self.by_status[status] += 1

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self.errors[type(error).__name__] += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "by_kind": dict(sorted(self.by_kind.items())),
            "by_status": {str(code): count for code, count in sorted(self.by_status.items())},
            "transport_errors": dict(sorted(self.errors.items())),
        }


def request_kind(request: httpx.Request) -> str:
    """`start`, `get`, `held get`, `list` or `other`: what a request is for, from its method and path."""
    path = request.url.path.rstrip("/")
    if request.method == "POST" and path == "/v1/runs":
        return "start (held)" if b"wait_for_completion" in request.url.query else "start"
    if request.method == "GET" and path == "/v1/runs":
        return "list"
    if request.method == "GET" and path.count("/") == 3 and path.startswith("/v1/runs/"):
        return "get (held)" if b"wait_for_completion" in request.url.query else "get"
    return f"{request.method} other"


class CountingTransport(httpx.BaseTransport):
    """Counts at the transport, so that every attempt on the wire is seen, retries and failed ones included."""

    def __init__(self, tally: Tally, inner: httpx.BaseTransport | None = None) -> None:
        self.tally = tally
        self._inner = inner if inner is not None else httpx.HTTPTransport(limits=_LIMITS)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.tally.sent(request)
        try:
            response = self._inner.handle_request(request)
        except Exception as exc:
            self.tally.failed(exc)
            raise
        self.tally.answered(response.status_code)
        return response

    def close(self) -> None:
        self._inner.close()


class AsyncCountingTransport(httpx.AsyncBaseTransport):
    """The async `CountingTransport`."""

    def __init__(self, tally: Tally, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.tally = tally
        self._inner = inner if inner is not None else httpx.AsyncHTTPTransport(limits=_LIMITS)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.tally.sent(request)
        try:
            response = await self._inner.handle_async_request(request)
        except Exception as exc:
            self.tally.failed(exc)
            raise
        self.tally.answered(response.status_code)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


# Every run in flight holds a connection while the server holds its answer: the pool must not be the bottleneck.
_LIMITS = httpx.Limits(max_connections=2000, max_keepalive_connections=2000)
# Holds last up to 60 s (600 s for a start); the read timeout must outlast them.
HTTP_TIMEOUT = httpx.Timeout(10.0, read=120.0)


def auth_headers() -> dict[str, str]:
    """The headers every /v1 request sends."""
    return {"Authorization": f"Bearer {API_KEY}"}


def sync_http(tally: Tally, base_url: str) -> httpx.Client:
    """An httpx client that counts into `tally`, for the raw baseline and to hand to the client as `http_client`."""
    return httpx.Client(
        base_url=base_url, transport=CountingTransport(tally), timeout=HTTP_TIMEOUT, headers=auth_headers()
    )


def async_http(tally: Tally, base_url: str) -> httpx.AsyncClient:
    """The async `sync_http`."""
    return httpx.AsyncClient(
        base_url=base_url, transport=AsyncCountingTransport(tally), timeout=HTTP_TIMEOUT, headers=auth_headers()
    )


@contextlib.contextmanager
def requests_of_this_task() -> Iterator[list[int]]:
    """Counts the requests sent from this thread or asyncio task inside the block: `[count]`."""
    mine = [0]
    token = _per_task.set(mine)
    try:
        yield mine
    finally:
        _per_task.reset(token)


# --- statistics and time ----------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear between closest ranks (numpy's default)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(values: Sequence[float], digits: int = 1) -> dict[str, float]:
    """n, min, p50, p95, p99, max and mean, rounded."""
    if not values:
        return {"n": 0}
    return {
        "n": len(values),
        "min": round(min(values), digits),
        "p50": round(percentile(values, 50), digits),
        "p95": round(percentile(values, 95), digits),
        "p99": round(percentile(values, 99), digits),
        "max": round(max(values), digits),
        "mean": round(sum(values) / len(values), digits),
    }


def epoch_seconds(timestamp: object) -> float:
    """Seconds since the epoch of an ISO-8601 timestamp string or a datetime (the server stamps milliseconds)."""
    if isinstance(timestamp, datetime):
        return timestamp.timestamp()
    if isinstance(timestamp, str):
        return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()
    raise TypeError(f"not a timestamp: {timestamp!r}")


def peak_rss_mb() -> float:
    """This process's peak resident set size in MiB (Linux reports ru_maxrss in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the machine ------------------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the figures were taken on."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = math.nan
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "httpx": httpx.__version__,
        "eigenpal_ext": _package_version("eigenpal-ext"),
        "commit": _git_commit(),
        "hostname": platform.node(),
    }


def machine_line(info: dict[str, Any]) -> str:
    """The machine in one line, for the Markdown and the console."""
    return (
        f"{info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB RAM, {info['os']}, Python {info['python']}, "
        f"httpx {info['httpx']}, eigenpal-ext {info['eigenpal_ext']} @ {info['commit']}"
    )


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def _git_commit() -> str:
    try:
        completed = subprocess.run(  # noqa: S603 - a fixed command
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH is the point
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return completed.stdout.strip()
