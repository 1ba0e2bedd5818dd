"""The key sent back (issue 21, item 7): a server that echoes the client's API key, to see whether it reaches the
error a user catches (its message, repr, traceback with notes and causes, ``issues``) or a log line.

The cases, each with default client settings: a refusal whose envelope quotes the key in an issue, the hint and
``X-Request-Id``; a 503 that does the same and is retried (the retry log line); a failed run whose error quotes it
(``raise_on_failure=True``); a 2xx answer with the key in a field of the wrong type (the parser's message); a
redirect whose ``Location`` carries the key in its path; a plain-text 500 page that quotes it. The runner's
``key leaked`` column is the finding.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import quote

from benchmarks.attacks._kit import API_KEY, Attack
from tests.hostile.server import DEFAULT_RUN_ID, HostileServer, RecordedRequest, Scripted, run_json

__all__ = ["ATTACKS"]

Script = Callable[[RecordedRequest, int], Scripted]


def _envelope(status: int) -> Scripted:
    body = {
        "issues": [{"field": "<root>", "message": f"key {API_KEY} is not allowed", "code": "bad_key",
                    "severity": "error"}],
        "hint": f"send {API_KEY} again",
        "requestId": "req_1",
    }  # fmt: skip
    headers = {"Content-Type": "application/json", "X-Request-Id": f"req {API_KEY}"}
    return Scripted(status, headers, json.dumps(body).encode())


def _json(body: object) -> Scripted:
    return Scripted(200, {"Content-Type": "application/json"}, json.dumps(body).encode())


def _refused(_request: RecordedRequest, _number: int) -> Scripted:
    return _envelope(422)


def _unavailable_once(_request: RecordedRequest, number: int) -> Scripted:
    return _envelope(503) if number == 1 else _json(run_json())


def _failed_run(_request: RecordedRequest, _number: int) -> Scripted:
    return _json(run_json(status="failed", error=f"the provider refused key {API_KEY}"))


def _wrong_type(_request: RecordedRequest, _number: int) -> Scripted:
    return _json(run_json(finished=API_KEY))


def _redirect(request: RecordedRequest, _number: int) -> Scripted:
    if request.path.endswith(DEFAULT_RUN_ID):
        return Scripted(302, {"Location": f"/v1/runs/{quote(API_KEY)}", "Content-Length": "0"})
    return Scripted(404, {"Content-Type": "application/json"}, b'{"issues": []}')


def _text_page(_request: RecordedRequest, _number: int) -> Scripted:
    return Scripted(500, {"Content-Type": "text/plain"}, f"upstream rejected Authorization: Bearer {API_KEY}".encode())


def _servers(script: Script) -> Callable[[], list[HostileServer]]:
    return lambda: [HostileServer("scripted", script=script, max_seconds=30).start()]


def _get(script: Script, name: str) -> Attack:
    return Attack(
        f"key-echo/{name}",
        _servers(script),
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
        lambda client, _s: client.runs.get(DEFAULT_RUN_ID),
    )


ATTACKS: list[Attack] = [
    _get(_refused, "422 envelope: issue, hint, X-Request-Id (runs.get)"),
    _get(_unavailable_once, "503 then 200: the retry log line (runs.get)"),
    Attack(
        "key-echo/failed run's error (runs.wait, raise_on_failure)",
        _servers(_failed_run),
        lambda client, _s: client.runs.wait(DEFAULT_RUN_ID, raise_on_failure=True),
        lambda client, _s: client.runs.wait(DEFAULT_RUN_ID, raise_on_failure=True),
    ),
    _get(_wrong_type, "2xx field of the wrong type (runs.get)"),
    _get(_redirect, "302 Location with the key in its path (runs.get)"),
    _get(_text_page, "500 plain-text page (runs.get)"),
]
