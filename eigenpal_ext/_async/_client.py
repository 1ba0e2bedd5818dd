"""The client: one httpx client (made here, or the caller's), one generated ``AuthenticatedClient`` on it, and the
resources built on them. Nothing is sent when a client is made; the API key never shows in ``repr``."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from types import TracebackType
from typing import Self

import attrs
import httpx

from eigenpal_ext._clock import Clock, default_clock
from eigenpal_ext._config import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, NOT_GIVEN, NotGiven, RequestOptions
from eigenpal_ext._errors import InvalidArgumentError
from eigenpal_ext._settings import client_settings

from ._raw import AsyncRawClient
from ._reader import AsyncApiReader
from ._requester import AsyncRequester
from ._resources import AsyncRuns
from ._starting import AsyncRunAndWait, AsyncStarter, AsyncWorkflows
from ._waiter import AsyncWaiter

__all__ = ["AsyncEigenpalClient"]


@attrs.frozen
class _Parts:
    """What a client is built of, on one requester: its resources, sharing one waiter and one starter."""

    runs: AsyncRuns
    workflows: AsyncWorkflows
    run_and_wait: AsyncRunAndWait

    @classmethod
    def of(cls, requester: AsyncRequester) -> _Parts:
        waiter = AsyncWaiter(AsyncApiReader(requester), requester.clock)
        starter = AsyncStarter(requester)
        return cls(
            AsyncRuns(requester, starter, waiter), AsyncWorkflows(starter, waiter), AsyncRunAndWait(starter, waiter)
        )


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
        parts = _Parts.of(requester)
        self._requester = requester
        self.runs = parts.runs
        self.workflows = parts.workflows
        self.run_and_wait = parts.run_and_wait
        self.run = self.runs.start
        """Start a run: ``runs.start``."""

    def with_options(
        self,
        *,
        timeout: float | NotGiven | None = NOT_GIVEN,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, str] | None = None,
        max_retries: int | None = None,
    ) -> Self:
        """A client with other defaults for every call, sharing this one's connection pool (closing it closes
        nothing: close this one).

        Args:
            timeout: Seconds each plain call may take in all (``None``: no bound); by default this client's.
            extra_headers: Headers added to every request (on top of this client's extra headers).
            extra_query: Query parameters added to every request.
            max_retries: Retries of a plain call; by default this client's.

        Raises:
            InvalidArgumentError: A bad timeout, header, query parameter or retry count.
        """
        if max_retries is not None and (isinstance(max_retries, bool) or not 0 <= max_retries <= 10):
            raise InvalidArgumentError("max_retries", f"must be a whole number from 0 to 10, not {max_retries!r}")
        defaults = RequestOptions.of(timeout, extra_headers, extra_query).over(self._requester.defaults)
        requester = attrs.evolve(
            self._requester,
            defaults=defaults,
            max_retries=self._requester.max_retries if max_retries is None else max_retries,
        )
        other = copy.copy(self)
        other._owns_http = False  # the pool is this client's to close
        parts = _Parts.of(requester)
        other._requester = requester
        other.runs, other.workflows, other.run_and_wait = parts.runs, parts.workflows, parts.run_and_wait
        other.run = other.runs.start
        return other

    @property
    def with_raw_response(self) -> AsyncRawClient:
        """The same calls, answering a :class:`~eigenpal_ext.RawResponse`: the result (``.parsed``) with the status,
        headers and request id of the HTTP answer it came from."""
        return AsyncRawClient(self)

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
