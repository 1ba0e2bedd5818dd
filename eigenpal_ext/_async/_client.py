"""The client: one httpx client (made here, or the caller's), one generated ``AuthenticatedClient`` on it, and the
resources built on them. Nothing is sent when a client is made; the API key never shows in ``repr``."""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx

from eigenpal_ext._clock import Clock, default_clock
from eigenpal_ext._config import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT
from eigenpal_ext._settings import client_settings

from ._requester import AsyncRequester
from ._resources import AsyncApiReader, AsyncRuns
from ._starting import AsyncRunAndWait, AsyncStarter, AsyncWorkflows
from ._waiter import AsyncWaiter

__all__ = ["AsyncEigenpalClient"]


class AsyncEigenpalClient:
    """The Eigenpal runs API. The sync and the async client have the same methods; on the async client they are
    coroutines and async iterators.

    Use it in a ``with`` block (or call :meth:`close`) to release its connection pool::

        async with AsyncEigenpalClient() as client:
            final = await client.run_and_wait("workflows.extract-invoice", input={"contract_document": Path("c.pdf")})

    Args:
        api_key: The API key; by default ``EIGENPAL_API_KEY``.
        base_url: The API's base URL; by default ``EIGENPAL_BASE_URL``, else ``https://api.eigenpal.com``.
        timeout: Seconds a plain call (get, list, cancel, tags ...) may take in all, retries and slow answers
            included (default 30). An ``httpx.Timeout`` sets each HTTP phase instead, and the longest of them bounds
            the call; ``None`` turns the bound off. Calls that wait are bounded by their ``timeout_seconds``.
        max_retries: How often a plain call retries a transient failure (connection errors, timeouts, 408, 429,
            5xx), within its timeout. Waits retry transient failures until their deadline instead.
        http_client: An ``httpx.AsyncClient`` of your own (proxies, certificates, a mock transport). Its base URL
            and ``Authorization`` header are set, and the library's event hooks added; you close it.
        allow_insecure_http: Allow a plain ``http://`` base URL to a host other than this machine.
        clock: Where waits read the time and sleep; tests pass a fake one.
        max_response_bytes: The largest API answer accepted (default 32 MiB); a larger one raises
            :class:`~eigenpal_ext.ResponseTooLargeError` without being read whole.

    Raises:
        InvalidArgumentError: No API key, a base URL that is not safe, a bad timeout, retry count or size limit.

    Attributes:
        base_url: The base URL the client sends to (the one given, or found in the environment).
        runs: Start, read, list, wait for, cancel, rerun, tag and delete runs.
        workflows: ``workflows.executions.run_and_wait(slug, input)``.
        run: Start a run (``runs.start``): the run in full when it ended inside ``wait_for_completion``, else a
            ``RunAccepted`` with its id.
        run_and_wait: Start a run and wait until it ends, within one deadline.
    """

    runs: AsyncRuns
    workflows: AsyncWorkflows
    run_and_wait: AsyncRunAndWait

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.AsyncClient | None = None,
        allow_insecure_http: bool = False,
        clock: Clock | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        settings = client_settings(api_key, base_url, timeout, max_retries, allow_insecure_http, max_response_bytes)
        self.base_url = settings.base_url
        self._owns_http = http_client is None
        self._http = http_client or settings.new_async_http_client()
        if http_client is not None:
            settings.adopt(http_client)
        api = settings.generated_client().set_async_httpx_client(self._http)
        clock = clock or default_clock()
        requester = AsyncRequester(
            api=api, clock=clock, max_retries=settings.max_retries, call_timeout=settings.timeouts.call_seconds
        )
        waiter = AsyncWaiter(AsyncApiReader(requester), clock)
        starter = AsyncStarter(requester)
        self._requester = requester
        self.runs = AsyncRuns(requester, starter, waiter)
        self.workflows = AsyncWorkflows(starter, waiter)
        self.run_and_wait = AsyncRunAndWait(starter, waiter)
        self.run = self.runs.start
        """Start a run: :meth:`AsyncRuns.start`."""

    async def close(self) -> None:
        """Close the connection pool (not an ``http_client`` you passed in)."""
        if self._owns_http:
            await self._http.aclose()

    # unasync: async-only
    async def aclose(self) -> None:
        """Close the connection pool; the httpx spelling of :meth:`close`."""
        await self.close()

    # unasync: end

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key='***')"
