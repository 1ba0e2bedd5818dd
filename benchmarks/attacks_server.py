"""Attacks on the local server (not the client): slow connections, and inputs it keeps.

    python -m benchmarks.attacks_server                      # this tree
    python -m benchmarks.attacks_server --tree /tmp/before   # another checkout, the same attacks

Each attack starts the tree's server as a user would (``python -m eigenpal_local``, default options, its own
key) in a process of its own, with the file limit most systems give a process (1,024):

- ``slow-connections``: N connections each send half a request head and wait; then one normal request
  (``GET /healthz``) is timed. Also counted: the lines the server wrote on stderr meanwhile.
- ``kept-inputs``: M starts of ``agents.echo``, each with a 1 MiB file (multipart), each waited for; then the server's
  resident memory (now and at its peak) and the runs it still keeps.

Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
API_KEY = "attack-key-0123456789"
MIB = 1024 * 1024
_SERVE = (
    "import resource, runpy, sys\n"
    "resource.setrlimit(resource.RLIMIT_NOFILE, (1024, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))\n"
    "sys.argv = ['eigenpal_local', *sys.argv[1:]]\n"
    "runpy.run_module('eigenpal_local', run_name='__main__')\n"
)


class _Server:
    """The tree's server in a child process, its stderr in a file."""

    def __init__(self, tree: Path) -> None:
        self._stderr = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed in stop()
        env = {**os.environ, "PYTHONPATH": f"{tree}{os.pathsep}{tree / 'generated'}", "PYTHONWARNINGS": "ignore"}
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [sys.executable, "-c", _SERVE, "--port", "0", "--api-key", API_KEY],
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            env=env,
            cwd=tree,
        )
        assert self.process.stdout is not None
        self.base_url = self.process.stdout.readline().strip()
        if not self.base_url.startswith("http://"):
            raise RuntimeError(f"the server did not start: {self.base_url!r}")
        self.port = int(self.base_url.rsplit(":", 1)[1])

    def memory_mb(self) -> tuple[float, float]:
        """Resident memory now and at its peak, in MB."""
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines())
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def stderr_lines(self) -> int:
        self._stderr.seek(0)
        return sum(1 for _ in self._stderr)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        assert self.process.stdout is not None
        self.process.stdout.close()
        self._stderr.close()


def slow_connections(tree: Path, count: int, give_up: float) -> dict[str, str]:
    server = _Server(tree)
    slow: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            slow.append(sock)
        started = time.monotonic()
        try:
            answer = f"{httpx.get(f'{server.base_url}/healthz', timeout=give_up).status_code}"
        except httpx.HTTPError as exc:
            answer = type(exc).__name__
        elapsed = time.monotonic() - started
        return {
            "attack": f"{count} slow connections, then GET /healthz",
            "answer": answer,
            "seconds": f"{elapsed:.2f}",
            "server stderr lines": str(server.stderr_lines()),
        }
    finally:
        for sock in slow:
            sock.close()
        server.stop()


def kept_inputs(tree: Path, starts: int, size: int) -> dict[str, str]:
    server = _Server(tree)
    content = os.urandom(size)
    failures: dict[int, int] = {}
    try:
        base, _ = server.memory_mb()
        started = time.monotonic()
        with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}, timeout=60) as http:
            for _ in range(starts):
                answer = http.post(
                    "/v1/runs",
                    data={"target": "agents.echo"},
                    files={"files.doc": ("in.bin", content, "application/octet-stream")},
                    params={"wait_for_completion": 30},
                )
                if answer.status_code != 200:
                    failures[answer.status_code] = failures.get(answer.status_code, 0) + 1
            runs = http.get("/healthz").json()["runs"]
        elapsed = time.monotonic() - started
        now, peak = server.memory_mb()
        return {
            "attack": f"{starts} starts with a {size // MIB} MiB file",
            "answer": ", ".join(f"{n}x {status}" for status, n in failures.items()) or "all 200",
            "seconds": f"{elapsed:.1f}",
            "runs kept": str(runs),
            "RSS MB (start, after, peak)": f"{base:.0f}, {now:.0f}, {peak:.0f}",
        }
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose server is attacked")
    parser.add_argument("--connections", type=int, default=1100)
    parser.add_argument("--starts", type=int, default=800)
    parser.add_argument("--input-bytes", type=int, default=MIB)
    parser.add_argument("--give-up", type=float, default=30.0, help="seconds the normal request may wait")
    args = parser.parse_args()
    rows = [
        slow_connections(args.tree, args.connections, args.give_up),
        kept_inputs(args.tree, args.starts, args.input_bytes),
    ]
    print(f"tree: {args.tree}\n")
    for row in rows:
        print(" | ".join(f"{key}: {value}" for key, value in row.items()))


if __name__ == "__main__":
    main()
