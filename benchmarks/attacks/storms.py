"""Retry storms (issue 21, item 1): a server that answers ``429``/``503`` with ``Retry-After: 0`` (or ``-0``, or
``Retry-After-Ms: 0``) and so asks to be called again at once, forever.

The cases of the issue, with a 5 s deadline as there: ``runs.wait``, ``run_and_wait`` with a 1 MiB file in its input
(every retried start uploads it again), ``wait_all`` of 50 runs (the list refused, or the list answered and each run's
read refused: the many-runs multiplier), and a plain ``runs.get``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from benchmarks.attacks._kit import Attack
from tests.hostile.server import (
    DEFAULT_RUN_ID,
    ERROR_ENVELOPE,
    HostileServer,
    RecordedRequest,
    Scripted,
    normal_answer,
)

__all__ = ["ATTACKS"]

DEADLINE = 5.0
FIFTY = [f"run_{number}" for number in range(1, 51)]
ONE_MIB = b"%PDF-1.7\n" + b"x" * ((1 << 20) - 9)
TARGET = "workflows.extract-invoice"

HEADERS: Mapping[str, Mapping[str, str]] = {
    "retry-after-0": {"Retry-After": "0"},
    "retry-after--0": {"Retry-After": "-0"},
    "retry-after-ms-0": {"Retry-After-Ms": "0"},
}


def _refusal(status: int, headers: Mapping[str, str]) -> Scripted:
    return Scripted(status, {**headers, "Content-Type": "application/json"}, json.dumps(ERROR_ENVELOPE).encode())


def _server(refuse: Callable[[RecordedRequest], bool], status: int, headers: Mapping[str, str]) -> HostileServer:
    """Refuses the requests ``refuse`` picks with ``status`` and ``headers``; answers the others as the API would."""

    def script(request: RecordedRequest, _number: int) -> Scripted:
        if refuse(request):
            return _refusal(status, headers)
        code, body = normal_answer(request.method, request.path, request.query)
        return Scripted(code, {"Content-Type": "application/json"}, json.dumps(body).encode())

    return HostileServer("scripted", script=script, max_seconds=DEADLINE + 30).start()


def _is_read(request: RecordedRequest) -> bool:
    return request.method == "GET" and request.path.startswith("/v1/runs/")


def _is_list(request: RecordedRequest) -> bool:
    return request.method == "GET" and request.path.rstrip("/") == "/v1/runs"


def _is_start(request: RecordedRequest) -> bool:
    return request.method == "POST" and request.path.rstrip("/") == "/v1/runs"


def _servers(refuse: Callable[[RecordedRequest], bool], status: int, headers: Mapping[str, str]) -> Any:
    return lambda: [_server(refuse, status, headers)]


def _attacks() -> list[Attack]:
    attacks: list[Attack] = []
    for name, headers in HEADERS.items():
        attacks += [
            Attack(
                f"{name}/runs.wait (429 on GET /v1/runs/{{id}})",
                _servers(_is_read, 429, headers),
                lambda client, _s: client.runs.wait(DEFAULT_RUN_ID, timeout_seconds=DEADLINE),
                lambda client, _s: client.runs.wait(DEFAULT_RUN_ID, timeout_seconds=DEADLINE),
                timeout=DEADLINE,
            ),
            Attack(
                f"{name}/run_and_wait 1 MiB (429 on POST /v1/runs)",
                _servers(_is_start, 429, headers),
                lambda client, _s: client.run_and_wait(TARGET, {"document": ONE_MIB}, timeout_seconds=DEADLINE),
                lambda client, _s: client.run_and_wait(TARGET, {"document": ONE_MIB}, timeout_seconds=DEADLINE),
                timeout=DEADLINE,
            ),
        ]
    headers = HEADERS["retry-after-0"]
    attacks += [
        Attack(
            "retry-after-0/run_and_wait 1 MiB (503 on POST /v1/runs)",
            _servers(_is_start, 503, headers),
            lambda client, _s: client.run_and_wait(TARGET, {"document": ONE_MIB}, timeout_seconds=DEADLINE),
            lambda client, _s: client.run_and_wait(TARGET, {"document": ONE_MIB}, timeout_seconds=DEADLINE),
            timeout=DEADLINE,
        ),
        Attack(
            "retry-after-0/wait_all 50 (429 on the list)",
            _servers(_is_list, 429, headers),
            lambda client, _s: client.runs.wait_all(FIFTY, timeout_seconds=DEADLINE),
            lambda client, _s: client.runs.wait_all(FIFTY, timeout_seconds=DEADLINE),
            timeout=DEADLINE,
        ),
        Attack(
            "retry-after-0/wait_all 50 (list answered, 429 on each read)",
            _servers(_is_read, 429, headers),
            lambda client, _s: client.runs.wait_all(FIFTY, timeout_seconds=DEADLINE),
            lambda client, _s: client.runs.wait_all(FIFTY, timeout_seconds=DEADLINE),
            timeout=DEADLINE,
        ),
        Attack(
            "retry-after-ms-0/wait_all 50 (503 on every GET)",
            _servers(lambda request: request.method == "GET", 503, HEADERS["retry-after-ms-0"]),
            lambda client, _s: client.runs.wait_all(FIFTY, timeout_seconds=DEADLINE),
            lambda client, _s: client.runs.wait_all(FIFTY, timeout_seconds=DEADLINE),
            timeout=DEADLINE,
        ),
        Attack(
            "retry-after-0/runs.get (429)",
            _servers(_is_read, 429, headers),
            lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
            lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
            timeout=DEADLINE,
        ),
    ]
    return attacks


ATTACKS: list[Attack] = _attacks()
