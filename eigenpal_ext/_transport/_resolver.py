"""Host names looked up inside the call's deadline, on a few threads of the library's own.

The standard library's lookup (``socket.getaddrinfo``) cannot be interrupted. httpcore's sync backend calls it in
the caller's thread, so a slow DNS server holds a call past its deadline; its async backend runs it on the event
loop's default executor, so a slow lookup outlives the call that gave up on it, fills that executor's few threads
(anything else the program runs there waits), and holds ``asyncio.run()`` open until it ends, since ``asyncio.run``
waits for the default executor's threads before it returns.

Here each lookup is a job for a small pool of daemon threads that belongs to the library (:data:`MAX_THREADS` at
most, each gone after :data:`IDLE_SECONDS` without work). A caller waits for its answer only until its own time is
up and then gives up on it: a lookup still running finishes on its thread, which no ``asyncio.run`` and no
interpreter exit wait for; at most :data:`MAX_THREADS` can be stuck at once, and lookups behind them wait in line
inside their own deadlines.
"""

from __future__ import annotations

import os
import queue
import socket
import threading
from collections.abc import Sequence
from concurrent.futures import Future

__all__ = ["IDLE_SECONDS", "MAX_THREADS", "Addresses", "resolver"]

MAX_THREADS = 4
"""The most lookups that run at once (and so the most threads a slow DNS server can hold)."""

IDLE_SECONDS = 10.0
"""How long a lookup thread waits for more work before it ends."""

Addresses = list[tuple[socket.AddressFamily, str]]
"""What a lookup finds: each address family and address, in the order to try them, without repeats."""

_Job = tuple["Future[Addresses]", str, int, int]


class _Resolver:
    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._pending = 0  # jobs queued or running

    def lookup(self, host: str, port: int, family: int = socket.AF_UNSPEC) -> Future[Addresses]:
        """Start looking ``host`` up; the future is cancelled by a caller that no longer waits for it."""
        future: Future[Addresses] = Future()
        with self._lock:
            self._jobs.put((future, host, port, family))
            self._pending += 1
            if self._pending > self._threads and self._threads < MAX_THREADS:
                self._threads += 1
                threading.Thread(target=self._work, name="eigenpal-ext-resolver", daemon=True).start()
        return future

    def _work(self) -> None:
        while True:
            try:
                future, host, port, family = self._jobs.get(timeout=IDLE_SECONDS)
            except queue.Empty:
                with self._lock:  # jobs are queued under the lock: none can be left without a thread
                    if self._jobs.empty():
                        self._threads -= 1
                        return
                continue
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        found = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
                    except BaseException as exc:  # handed to the caller, whatever it is
                        future.set_exception(exc)
                    else:
                        future.set_result(_addresses(found))
            finally:
                with self._lock:
                    self._pending -= 1


def _addresses(found: Sequence[tuple[socket.AddressFamily, object, object, object, tuple[object, ...]]]) -> Addresses:
    addresses: Addresses = []
    for family, _, _, _, sockaddr in found:
        address = (family, str(sockaddr[0]))
        if address not in addresses:
            addresses.append(address)
    return addresses


_resolver = _Resolver()


def resolver() -> _Resolver:
    """The process's resolver (a forked child gets a new one: the parent's threads did not come along)."""
    return _resolver


def _after_fork_in_child() -> None:
    global _resolver
    _resolver = _Resolver()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)
