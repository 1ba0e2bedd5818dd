"""The client: one httpx client (made here, or the caller's), one generated ``AuthenticatedClient`` on it, and the
resources built on them. Nothing is sent when a client is made; the API key never shows in ``repr``."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, ClassVar, Self

import attrs
import httpx

from eigenpal_ext._core._clock import Clock, default_clock
from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._core._options import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    NotGiven,
    RequestOptions,
    resolve_multipart_max_bytes,
)
from eigenpal_ext._transport._adoption import Adoption
from eigenpal_ext._transport._settings import ClientSettings, client_settings

from ._batch_methods import AsyncBatchMethods
from ._reader import AsyncApiReader
from ._requester import AsyncRequester
from ._resources import AsyncRuns
from ._run_methods import AsyncRunMethods, AsyncWorkflows
from ._starting import AsyncStarter
from ._waiter import AsyncWaiter

if TYPE_CHECKING:  # loaded at first use: a client that runs no batch never imports the batch machinery
    from ._batch import AsyncBatchRunner
    from ._files_api import AsyncFiles
    from ._raw import AsyncRawClient

__all__ = ["AsyncEigenpalClient"]


@attrs.frozen
class _Parts:
    """What a client is built of, on one requester: its resources, sharing one waiter and one starter."""

    runs: AsyncRuns
    workflows: AsyncWorkflows
    starter: AsyncStarter
    waiter: AsyncWaiter

    @classmethod
    def of(cls, requester: AsyncRequester) -> _Parts:
        waiter = AsyncWaiter(AsyncApiReader(requester), requester.clock)
        starter = AsyncStarter(requester)
        return cls(AsyncRuns(requester, starter, waiter), AsyncWorkflows(starter, waiter), starter, waiter)


class AsyncEigenpalClient(AsyncRunMethods, AsyncBatchMethods):
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
        proxy: The proxy every request goes through (``"http://proxy.corp:3128"`` or an ``httpx.Proxy``); by
            default the ``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` variables say, as for httpx.
        http_client: An ``httpx.AsyncClient`` of your own (certificates, a mock transport). Its base URL
            and ``Authorization`` header are set, and the library's event hooks added, until this client closes
            (then all of it is put back as it was); you close it, and make a new one in a process forked after it
            was used (the library's own client does that itself).
        allow_insecure_http: Allow a plain ``http://`` base URL to a host other than this machine.
        clock: Where waits read the time and sleep; tests pass a fake one.
        max_response_bytes: The largest API answer accepted (default 32 MiB); a larger one raises
            :class:`~eigenpal_ext.ResponseTooLargeError` without being read whole.
        correlation_tags: Tag every start with ``eigenpal-ext:key:<hash of its idempotency key>`` (and the runs of
            a batch with a key with ``eigenpal-ext:batch:<hash>``), so that a start whose answer was lost is found
            instead of being sent again (the real API has no idempotency key). With ``False`` nothing is added, and
            a start is sent again only after a failure that proves it made nothing (no connection, 429).
        multipart_max_bytes: The largest start request that carries its files inside; a start whose files would
            make it larger uploads them through the files API first (streamed, chunk by chunk, inside the call's
            deadline) and names them by ``$fileId``. By default ``EIGENPAL_MULTIPART_MAX_BYTES``, else 4.5 MiB (the
            cloud API's request cap); ``None`` keeps every file in the request.

    Raises:
        InvalidArgumentError: No API key, a base URL that is not safe, a bad timeout, retry count, size limit or
            proxy.

    :meth:`run` starts a run, :meth:`run_and_wait` starts one and waits until it ends; :meth:`run_many` runs many
    inputs of one target in one call, and :meth:`run_many_as_completed` hands on each as it ends.
    """

    base_url: str
    """The base URL the client sends to (the one given, or found in the environment)."""
    runs: AsyncRuns
    """Start, read, list, wait for, cancel and rerun runs."""
    workflows: AsyncWorkflows
    """``workflows.executions.run_and_wait(slug, input)``."""
    _trigger: ClassVar[str] = "api"
    """The provenance starts declare (``X-Eigenpal-Trigger``); the command line's client says ``cli``."""
    _owns_http: bool
    _settings: ClientSettings | None
    _http: httpx.AsyncClient
    _adoption: Adoption | None
    _requester: AsyncRequester
    _batches: AsyncBatchRunner | None

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
        correlation_tags: bool = True,
        multipart_max_bytes: int | NotGiven | None = NOT_GIVEN,
        proxy: str | httpx.Proxy | None = None,
    ) -> None:
        settings = client_settings(
            api_key, base_url, timeout, max_retries, allow_insecure_http, max_response_bytes, proxy,
            adopting=http_client is not None,
        )  # fmt: skip
        self.base_url = settings.base_url
        self._owns_http = http_client is None
        # A batch may open pools like the client's own; never beside a caller's http_client (a mock, a proxy).
        self._settings = settings if http_client is None else None
        self._http = http_client or settings.new_async_http_client()
        self._adoption = None if http_client is None else settings.adopt(http_client)
        api = settings.generated_client().set_async_httpx_client(self._http)
        clock = clock or default_clock()
        requester = AsyncRequester(
            api=api,
            clock=clock,
            max_retries=settings.max_retries,
            call_timeout=settings.timeouts.call_seconds,
            correlation_tags=bool(correlation_tags),
            trigger=self._trigger,
            multipart_max_bytes=resolve_multipart_max_bytes(multipart_max_bytes),
        )
        self._use(requester)

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
        other._owns_http, other._adoption = False, None  # the pool (or the adopted http_client) is this client's
        other._use(requester)
        return other

    def _use(self, requester: AsyncRequester) -> None:
        """Build the resources on ``requester``: at first, and again for each copy :meth:`with_options` makes."""
        parts = _Parts.of(requester)
        self._requester = requester
        self._starter, self._waiter = parts.starter, parts.waiter
        self._batches = None
        self.runs, self.workflows = parts.runs, parts.workflows

    @property
    def files(self) -> AsyncFiles:
        """Files kept by the API: ``upload`` once, start many runs with ``files.ref(file.id)`` as an input value;
        ``get``, ``delete``, ``download``."""
        from ._files_api import AsyncFiles

        return AsyncFiles(self._requester)

    @property
    def with_raw_response(self) -> AsyncRawClient:
        """The same calls, answering a :class:`~eigenpal_ext.RawResponse`: the result (``.parsed``) with the status,
        headers and request id of the HTTP answer it came from."""
        from ._raw import AsyncRawClient

        return AsyncRawClient(self)

    async def close(self) -> None:
        """Close the connection pool; an ``http_client`` you passed in is left open, given back as it was (its base
        URL and headers, the API key's included, restored, and the library's hooks taken off)."""
        if self._owns_http:
            await self._http.aclose()
        elif self._adoption is not None:
            self._adoption.release()

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
