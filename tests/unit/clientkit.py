"""Test kit for the client tests: a fake clock, runs as JSON and as models, a scripted server, and one harness that
drives the sync or the async client.

``Harness.call(lambda client: client.runs.get("r"))`` runs the call on the sync client directly, or on the async
client to completion (the lambda then returns a coroutine), so one test body covers both.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Protocol, TypeVar, overload

import httpx
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_list_item import RunListItem

from eigenpal_ext import AsyncEigenpalClient, AsyncRunHandle, EigenpalClient, RunHandle

API_KEY = "sk_test_secret_key_123"
BASE_URL = "https://api.eigenpal.test"

Handler = Callable[[httpx.Request], httpx.Response]
Client = EigenpalClient | AsyncEigenpalClient
"""The client a ``Harness`` drives: a test's operations are type-checked against both."""
Result = TypeVar("Result")
"""What a ``Harness.call`` operation gives: the sync method's result, or what the async one awaits to."""
Item = TypeVar("Item")
"""An item of the iterator a ``Harness.collect`` operation returns."""


CLOCK_START = 1_000.0
"""Where a ``FakeClock`` starts: far from zero, so an elapsed time mistaken for a reading of the clock shows."""


class FakeClock:
    """A clock whose time moves only when something sleeps on it; every sleep is recorded.

    A negative sleep fails the test: the client must never ask for one. The async sleep yields to the event loop
    once, as a real sleep would, so concurrent tasks take turns.
    """

    def __init__(self, start: float = CLOCK_START) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0, f"asked to sleep {seconds} s: a wait is never negative"
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)
        await asyncio.sleep(0)


def run_json(
    run_id: str = "run_1", status: str = "completed", *, progress: int | None = None, **fields: Any
) -> dict[str, Any]:
    """A run as the server sends it: the one run body every unit test starts from.

    A completed run has the invoice output (``invoiceNumber`` INV-1, ``totalAmount`` 12.5) and no files; a run that
    ended any other way has the error "it broke"; a run still going has neither.

    Args:
        run_id: The run's id.
        status: Its execution status; whether it is finished follows from it.
        progress: How far the run has got, sent as the extra ``progress`` field; absent when None.
        fields: Top-level fields that replace or add to the above (``output=``, ``error=``, ``tags=``, ...).
    """
    finished = status in ("completed", "failed", "cancelled", "rejected")
    body: dict[str, Any] = {
        "id": run_id,
        "type": "workflow",
        "finished": finished,
        "tags": [],
        "timing": {
            "createdAt": "2026-11-21T05:00:00Z",
            "startedAt": None,
            "completedAt": None,
            "durationMs": None,
            "cancelRequestedAt": None,
        },
        "source": {"id": "wf_1", "name": "Extract invoice", "version": None, "slug": "extract-invoice"},
        "sampleRank": 0.5,
        "trigger": {"type": "api", "by": {"id": "user_1", "name": None, "email": "dev@example.com"}},
        "execution": {
            "status": status,
            "schemaValid": None,
            "batchId": None,
            "retry": {"number": 0, "previousRunId": None, "nextRun": None},
        },
    }
    if status == "completed":
        body["output"] = {"invoiceNumber": "INV-1", "totalAmount": 12.5}
        body["files"] = []
    elif finished:
        body["error"] = "it broke"
    if progress is not None:
        body["progress"] = progress
    body.update(fields)
    return body


def list_item_json(run_id: str = "run_1", status: str = "completed", **fields: Any) -> dict[str, Any]:
    """A run as a list sends it: ``run_json`` without output or files."""
    item = run_json(run_id, status, **fields)
    item.pop("output", None)
    item.pop("files", None)
    return item


def make_run(run_id: str = "run_1", status: str = "completed", **fields: Any) -> Run:
    """``run_json`` read into the generated model, for tests below the HTTP layer."""
    return Run.from_dict(run_json(run_id, status, **fields))


def make_item(run_id: str = "run_1", status: str = "completed", **fields: Any) -> RunListItem:
    """``list_item_json`` read into the generated model."""
    return RunListItem.from_dict(list_item_json(run_id, status, **fields))


def error_json(message: str = "bad", *, field: str | None = None, request_id: str = "req_body") -> dict[str, Any]:
    issue: dict[str, Any] = {"field": field or "<root>", "message": message, "code": "invalid", "severity": "error"}
    return {"issues": [issue], "requestId": request_id, "hint": "try again"}


def reply(status: int = 200, body: Any = None, headers: dict[str, str] | None = None) -> httpx.Response:
    """A response; dicts and lists become JSON."""
    if isinstance(body, dict | list):
        return httpx.Response(status, json=body, headers=headers)
    return httpx.Response(status, content=body or b"", headers=headers)


Answer = httpx.Response | Exception | Handler
"""What a scripted server does with one request: send a response, raise an exception, or ask a handler."""


class Script:
    """A mock server that answers from a script, in order, and records every request.

    Each answer serves one request. ``then`` serves every request after them, for a server that goes on answering
    the same way; ``Script.always(answer)`` is a server that never answers any other way. A request past the end of
    a script without ``then`` fails the test, naming the request; ``check`` fails it afterwards too, in case the
    client caught the failure (a best-effort cancel does).
    """

    def __init__(self, *answers: Answer, then: Answer | None = None) -> None:
        self.answers = list(answers)
        self.then = then
        self.requests: list[httpx.Request] = []
        self.unexpected: list[httpx.Request] = []
        self._scripted = len(answers)

    @classmethod
    def always(cls, answer: Answer) -> Script:
        """A server that answers every request with ``answer``."""
        return cls(then=answer)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        if self.answers:
            answer = self.answers.pop(0)
        elif self.then is not None:
            answer = self.then
        else:
            self.unexpected.append(request)
            raise AssertionError(
                f"unexpected request #{len(self.requests)}: {request.method} {request.url} "
                f"(the script has {self._scripted} answer(s) and no then=)"
            )
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return answer
        return answer(request)

    def check(self) -> None:
        """Fail if any request came after the script ran out."""
        if self.unexpected:
            asked = ", ".join(f"{request.method} {request.url}" for request in self.unexpected)
            raise AssertionError(f"requests after the script's {self._scripted} answer(s) ran out: {asked}")


def refuse(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"no request expected, got {request.method} {request.url}")


class MakeHarness(Protocol):
    """The ``make_harness`` fixture: a harness of the test's flavour on ``handler``, with client ``options``."""

    def __call__(self, handler: Handler, **options: Any) -> Harness: ...


class Harness:
    """One client, sync or async, on a mock transport, with a fake clock."""

    def __init__(self, flavour: str, handler: Handler, **options: Any) -> None:
        self.flavour = flavour
        self.handler = handler
        self.clock = FakeClock()
        self.loop = asyncio.new_event_loop() if flavour == "async" else None
        options.setdefault("api_key", API_KEY)
        options.setdefault("base_url", BASE_URL)
        options.setdefault("clock", self.clock)
        self.http: httpx.Client | httpx.AsyncClient
        if flavour == "sync":
            self.http = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
            self.client: Client = EigenpalClient(http_client=self.http, **options)
        else:

            async def async_handler(request: httpx.Request) -> httpx.Response:
                return handler(request)

            self.http = httpx.AsyncClient(transport=httpx.MockTransport(async_handler), follow_redirects=True)
            self.client = AsyncEigenpalClient(http_client=self.http, **options)

    @overload
    def call(
        self, operation: Callable[[Client], RunHandle | AsyncRunHandle | Awaitable[AsyncRunHandle]]
    ) -> RunHandle | AsyncRunHandle: ...
    @overload
    def call(self, operation: Callable[[Client], Awaitable[Result] | Result]) -> Result: ...
    def call(self, operation: Callable[[Client], object]) -> object:
        """Run ``operation(client)``; for the async client, await what it returns.

        mypy checks the operation against both clients. The result is typed as what the sync method returns and the
        async one awaits to (``Run`` for ``runs.get``); a handle, ``RunHandle`` or ``AsyncRunHandle`` by flavour, is
        either. mypy joins a union result (``run`` gives ``Run | RunAccepted``) to ``object``: narrow it with
        ``isinstance``.
        """
        result = operation(self.client)
        if self.loop is not None and inspect.isawaitable(result):
            return self.loop.run_until_complete(result)
        return result

    def collect(self, operation: Callable[[Client], Iterator[Item] | AsyncIterator[Item]]) -> list[Item]:
        """All the items of a sync or async iterator the operation returns."""
        items = operation(self.client)
        if isinstance(items, AsyncIterator):
            assert self.loop is not None, "a sync client returned an async iterator"
            return self.loop.run_until_complete(_drain(items))
        return list(items)

    def check(self) -> None:
        """Fail if the handler is a ``Script`` that was asked more than it had to answer."""
        if isinstance(self.handler, Script):
            self.handler.check()

    def close(self) -> None:
        if isinstance(self.client, EigenpalClient):
            self.client.close()
            assert isinstance(self.http, httpx.Client)
            self.http.close()
        else:
            assert isinstance(self.http, httpx.AsyncClient)
            assert self.loop is not None
            self.loop.run_until_complete(self.client.close())
            self.loop.run_until_complete(self.http.aclose())
            self.loop.close()


async def _drain(items: AsyncIterator[Item]) -> list[Item]:
    return [item async for item in items]


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content)
