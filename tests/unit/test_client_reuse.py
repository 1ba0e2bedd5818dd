"""A client used past its reach: an async client from a second event loop, and a caller's ``http_client`` after the
client that adopted it closed."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from clientkit import API_KEY, BASE_URL, run_json

from eigenpal_ext import AsyncEigenpalClient, ClientUsageError, EigenpalClient, EigenpalError


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=run_json("run_1"))


async def _async_answer(request: httpx.Request) -> httpx.Response:
    return _answer(request)


# --- a second event loop ------------------------------------------------------------------------------------------


def test_an_async_client_used_from_a_second_event_loop_raises_a_clear_error() -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(_async_answer))
    client = AsyncEigenpalClient(api_key=API_KEY, base_url=BASE_URL, http_client=http)
    assert asyncio.run(client.runs.get("run_1")).id == "run_1"
    with pytest.raises(ClientUsageError, match="one client per event loop") as caught:
        asyncio.run(client.runs.get("run_1"))
    assert isinstance(caught.value, EigenpalError)
    assert isinstance(caught.value, RuntimeError)  # what code written against the bare error catches
    asyncio.run(http.aclose())


def test_one_client_per_loop_works() -> None:
    async def once() -> str:
        async with AsyncEigenpalClient(
            api_key=API_KEY,
            base_url=BASE_URL,
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(_async_answer)),
        ) as client:
            return (await client.runs.get("run_1")).id

    assert asyncio.run(once()) == "run_1"
    assert asyncio.run(once()) == "run_1"


def test_a_client_made_outside_any_loop_is_bound_by_its_first_use() -> None:
    http = httpx.AsyncClient(transport=httpx.MockTransport(_async_answer))
    client = AsyncEigenpalClient(api_key=API_KEY, base_url=BASE_URL, http_client=http)

    async def twice() -> list[str]:
        return [(await client.runs.get("run_1")).id, (await client.runs.get("run_1")).id]

    assert asyncio.run(twice()) == ["run_1", "run_1"]
    asyncio.run(http.aclose())


# --- a caller's http_client after close ---------------------------------------------------------------------------


def _caller_hook(request: httpx.Request) -> None:
    pass


async def _async_caller_hook(request: httpx.Request) -> None:
    pass


def _callers(asynchronous: bool) -> httpx.Client | httpx.AsyncClient:
    if asynchronous:
        return httpx.AsyncClient(
            transport=httpx.MockTransport(_async_answer),
            base_url="https://mine.example",
            headers={"User-Agent": "my-app/1"},
            event_hooks={"request": [_async_caller_hook]},
        )
    return httpx.Client(
        transport=httpx.MockTransport(_answer),
        base_url="https://mine.example",
        headers={"User-Agent": "my-app/1"},
        event_hooks={"request": [_caller_hook]},
    )


def _use_and_close(http: httpx.Client | httpx.AsyncClient, api_key: str = API_KEY) -> None:
    if isinstance(http, httpx.AsyncClient):

        async def go() -> None:
            client = AsyncEigenpalClient(api_key=api_key, base_url=BASE_URL, http_client=http)
            await client.runs.get("run_1")
            await client.close()

        asyncio.run(go())
    else:
        with EigenpalClient(api_key=api_key, base_url=BASE_URL, http_client=http) as client:
            client.runs.get("run_1")


def _close(http: httpx.Client | httpx.AsyncClient) -> None:
    if isinstance(http, httpx.AsyncClient):
        asyncio.run(http.aclose())
    else:
        http.close()


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_a_callers_http_client_is_given_back_as_it_was(asynchronous: bool) -> None:
    http = _callers(asynchronous)
    hooks_before = {kind: list(hooks) for kind, hooks in http.event_hooks.items()}
    _use_and_close(http)
    assert "authorization" not in http.headers
    assert all(API_KEY not in value for value in http.headers.values())
    assert http.headers["user-agent"] == "my-app/1"
    assert http.base_url == httpx.URL("https://mine.example")
    assert http.event_hooks == hooks_before
    _close(http)


@pytest.mark.parametrize("asynchronous", [False, True], ids=["sync", "async"])
def test_a_callers_own_authorization_comes_back(asynchronous: bool) -> None:
    http = _callers(asynchronous)
    http.headers["Authorization"] = "Bearer the-callers-own"
    _use_and_close(http)
    assert http.headers["authorization"] == "Bearer the-callers-own"
    _close(http)


def test_the_key_is_on_the_callers_client_while_the_client_is_open() -> None:
    http = _callers(False)
    assert isinstance(http, httpx.Client)
    client = EigenpalClient(api_key=API_KEY, base_url=BASE_URL, http_client=http)
    assert http.headers["authorization"] == f"Bearer {API_KEY}"
    client.with_options(max_retries=0).close()  # closing a copy closes nothing
    assert http.headers["authorization"] == f"Bearer {API_KEY}"
    client.close()
    client.close()  # safe to repeat
    assert "authorization" not in http.headers
    http.close()


def test_clients_sharing_one_http_client_leave_no_key_behind() -> None:
    http = _callers(False)
    assert isinstance(http, httpx.Client)
    first = EigenpalClient(api_key="sk_test_first_key_1", base_url=BASE_URL, http_client=http)
    second = EigenpalClient(api_key="sk_test_second_key_2", base_url=BASE_URL, http_client=http)
    first.close()
    assert http.headers["authorization"] == "Bearer sk_test_second_key_2"  # the one still open keeps working
    assert second.runs.get("run_1").id == "run_1"
    second.close()
    assert "authorization" not in http.headers
    third = EigenpalClient(api_key="sk_test_third_key_3", base_url=BASE_URL, http_client=http)
    fourth = EigenpalClient(api_key="sk_test_fourth_key_4", base_url=BASE_URL, http_client=http)
    fourth.close()
    assert http.headers["authorization"] == "Bearer sk_test_third_key_3"
    third.close()
    assert "authorization" not in http.headers
    assert http.event_hooks["request"] == [_caller_hook]
    http.close()
