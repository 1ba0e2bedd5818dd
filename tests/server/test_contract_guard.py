"""The contract guard (tests/contract_guard.py) catches what breaks the document, and only that.

Each case puts the guard around a stand-in app that answers as told, with a log of its own (the suite-wide log is
what the root conftest drains after every test).
"""

from __future__ import annotations

import asyncio
import json

import contract_guard
import httpx
import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from eigenpal_local import LocalServer, _app

from .conftest import API_KEY

AUTH = {"Authorization": "Bearer k"}
ACCEPTED = {"id": "run_1", "type": "workflow", "finished": False}
ENVELOPE = {"issues": [{"field": "<root>", "message": "no", "code": "bad", "severity": "error"}], "requestId": "r"}


def _answering(status: int, body: object, headers: dict[str, str] | None = None) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        while (await receive()).get("more_body"):
            pass
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        content_type = b"application/octet-stream" if isinstance(body, bytes) else b"application/json"
        raw = [(b"content-type", content_type), *((k.encode(), v.encode()) for k, v in (headers or {}).items())]
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": content})

    return app


def _exchange(
    status: int, body: object, method: str, url: str, answer_headers: dict[str, str] | None = None, **request: object
) -> list[contract_guard.Violation]:
    log = contract_guard.ViolationLog()
    guarded = contract_guard.ContractGuard(_answering(status, body, answer_headers), log)

    async def send() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=guarded), base_url="http://server") as client:
            await client.request(method, url, **request)  # type: ignore[arg-type]

    asyncio.run(send())
    return log.drain()


def _problems(violations: list[contract_guard.Violation]) -> str:
    return "\n".join(str(violation) for violation in violations)


def test_a_fitting_exchange_passes() -> None:
    assert _exchange(201, ACCEPTED, "POST", "/v1/runs", json={"target": "agents.echo"}, headers=AUTH) == []
    assert _exchange(400, ENVELOPE, "GET", "/v1/runs/run_1", params={"expand": "x"}, headers=AUTH) == []


@pytest.mark.parametrize(
    ("status", "body", "method", "url", "request_options", "expected"),
    [
        (201, {"id": 1}, "POST", "/v1/runs", {"json": {"target": "x"}}, "Response violates schema"),
        (418, ENVELOPE, "GET", "/v1/runs", {}, "Undocumented status code"),
        (404, {"error": "gone"}, "GET", "/v1/runs/run_1", {}, "issues"),
        (200, {"runs": []}, "GET", "/v1/runs", {"params": {"nope": "1"}}, "'nope' is not in the document"),
        (200, {"runs": []}, "GET", "/v1/runs", {"params": {"limit": "500"}}, "limit='500'"),
        (201, ACCEPTED, "POST", "/v1/runs", {"json": {"target": ""}}, "body at target"),
        (
            201,
            ACCEPTED,
            "POST",
            "/v1/runs",
            {"content": b"x", "headers": {**AUTH, "Content-Type": "text/plain"}},
            "media",
        ),
        (201, ACCEPTED, "POST", "/v1/runs/run_1/rerun", {"json": {"extra": 1}}, "takes no request body"),
        (200, {}, "DELETE", "/v1/runs/run_1", {}, "no operation DELETE"),
        (404, {"detail": "nope"}, "GET", "/v1/nowhere", {}, "not the error envelope"),
        (200, {"runs": []}, "GET", "/v1/runs", {"headers": {}}, "'Authorization' is missing"),
        (302, b"", "GET", "/v1/runs/r/artifacts/a%2Fb", {"params": {"x": "1"}}, "'x' is not in the document"),
    ],
)
def test_a_violation_is_caught(
    status: int, body: object, method: str, url: str, request_options: dict[str, object], expected: str
) -> None:
    headers = request_options.pop("headers", AUTH)
    found = _exchange(status, body, method, url, headers=headers, **request_options)
    assert expected in _problems(found), _problems(found)


def test_a_refused_bad_request_is_not_a_violation() -> None:
    # Tests that check the server's 4xx send requests the document forbids; a documented refusal is fine.
    assert _exchange(400, ENVELOPE, "GET", "/v1/runs", params={"limit": "500"}, headers=AUTH) == []
    assert _exchange(401, ENVELOPE, "GET", "/v1/runs") == []
    assert _exchange(405, ENVELOPE, "DELETE", "/v1/runs/run_1", headers=AUTH) == []


def test_routes_outside_the_api_are_not_checked() -> None:
    assert _exchange(200, {"status": "ok"}, "GET", "/healthz") == []
    assert _exchange(299, b"anything", "GET", "/objects/run_1/a.txt") == []


def test_a_multipart_start_is_checked_part_by_part() -> None:
    files = {"files.doc": ("a.txt", b"a", "text/plain")}
    assert _exchange(201, ACCEPTED, "POST", "/v1/runs", data={"target": "x"}, files=files, headers=AUTH) == []
    found = _exchange(201, ACCEPTED, "POST", "/v1/runs", data={"input": "{}"}, files=files, headers=AUTH)
    assert "target" in _problems(found)


def test_every_local_server_is_guarded() -> None:
    # The root conftest put the guard in the servers' hook; a server built now has it around its API app.
    assert contract_guard.ContractGuard in _app.APP_WRAPPERS
    with LocalServer(api_key=API_KEY) as server:
        app = server._app
        assert app is not None
        assert isinstance(app.asgi.__dict__.get("_app"), contract_guard.ContractGuard)  # inside TransportMiddleware
        with httpx.Client(base_url=server.base_url, headers={"Authorization": f"Bearer {API_KEY}"}) as http:
            assert http.get("/v1/runs", params={"limit": 500}).status_code == 400
    # That refusal was a documented one: nothing collected.
    assert contract_guard.VIOLATIONS.drain() == []
