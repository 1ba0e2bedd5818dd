"""The clients: :class:`EigenpalClient` and :class:`AsyncEigenpalClient`.

Each owns one httpx client (or borrows the caller's), wrapped in one generated ``AuthenticatedClient``, and the
resources built on it. Nothing is sent when a client is made; the API key never shows in ``repr``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Self

import attrs
import httpx
from eigenpal_api.client import AuthenticatedClient
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted

from ._clock import SYSTEM_CLOCK, Clock
from ._config import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    Timeouts,
    resolve_api_key,
    resolve_base_url,
    resolve_byte_limit,
    resolve_timeout,
)
from ._errors import InvalidArgumentError
from ._http import AsyncTransport, Hooks, SyncTransport
from ._network import AsyncDeadlineTransport, DeadlineTransport
from ._resources import AsyncRunAndWait, AsyncRuns, AsyncWorkflows, Input, RunAndWait, Runs, Workflows
from ._version import __version__

__all__ = ["AsyncEigenpalClient", "EigenpalClient"]


@attrs.frozen
class _Settings:
    api_key: str = attrs.field(repr=False)
    base_url: str
    timeouts: Timeouts
    max_retries: int
    hooks: Hooks

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}", "User-Agent": f"eigenpal-ext/{__version__}"}

    def generated_client(self) -> AuthenticatedClient:
        return AuthenticatedClient(base_url=self.base_url, token=self.api_key, timeout=self.timeouts.http)

    def http_options(self, *, asynchronous: bool) -> dict[str, Any]:
        """Keyword arguments for the httpx client the library makes itself."""
        return {
            "base_url": self.base_url,
            "headers": self.headers,
            "timeout": self.timeouts.http,
            "follow_redirects": True,  # httpx drops Authorization when a redirect leaves the origin
            "event_hooks": self.hooks.event_hooks(asynchronous=asynchronous),
            "transport": AsyncDeadlineTransport() if asynchronous else DeadlineTransport(),
        }

    def adopt(self, http_client: httpx.Client | httpx.AsyncClient) -> None:
        """Point a caller's httpx client at the API: base URL, key, and this library's hooks."""
        http_client.base_url = httpx.URL(self.base_url)
        http_client.headers.update(self.headers)
        self.hooks.install(http_client)


def _settings(
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int,
    allow_insecure_http: bool,
    max_response_bytes: int,
) -> _Settings:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or not 0 <= max_retries <= 10:
        raise InvalidArgumentError("max_retries", f"must be a whole number from 0 to 10, not {max_retries!r}")
    return _Settings(
        api_key=resolve_api_key(api_key),
        base_url=resolve_base_url(base_url, allow_insecure_http=allow_insecure_http),
        timeouts=resolve_timeout(timeout),
        max_retries=max_retries,
        hooks=Hooks(resolve_byte_limit(max_response_bytes, "max_response_bytes")),
    )


class EigenpalClient:
    """The Eigenpal runs API, synchronous.

    Use it in a ``with`` block (or call :meth:`close`) to release its connection pool::

        with EigenpalClient() as client:
            final = client.run_and_wait("workflows.extract-invoice", input={"contract_document": Path("c.pdf")})

    Args:
        api_key: The API key; by default ``EIGENPAL_API_KEY``.
        base_url: The API's base URL; by default ``EIGENPAL_BASE_URL``, else ``https://api.eigenpal.com``.
        timeout: Seconds a plain call (get, list, cancel, tags ...) may take in all, retries and slow answers
            included (default 30). An ``httpx.Timeout`` sets each HTTP phase instead, and the longest of them bounds
            the call; ``None`` turns the bound off. Calls that wait are bounded by their ``timeout_seconds``.
        max_retries: How often a plain call retries a transient failure (connection errors, timeouts, 408, 429,
            5xx), within its timeout. Waits retry transient failures until their deadline instead.
        http_client: An ``httpx.Client`` of your own (proxies, certificates, a mock transport). Its base URL and
            ``Authorization`` header are set, and the library's event hooks added; you close it.
        allow_insecure_http: Allow a plain ``http://`` base URL to a host other than this machine.
        clock: Where waits read the time and sleep; tests pass a fake one.
        max_response_bytes: The largest API answer accepted (default 32 MiB); a larger one raises
            :class:`ResponseTooLargeError` without being read whole.

    Raises:
        InvalidArgumentError: No API key, a base URL that is not safe, a bad timeout, retry count or size limit.

    Attributes:
        runs: Read, list, wait for, cancel, rerun, tag and delete runs.
        workflows: ``workflows.executions.run_and_wait(slug, input)``.
        run_and_wait: Start a run and wait until it ends; see :class:`~eigenpal_ext._resources.RunAndWait`.
    """

    runs: Runs
    workflows: Workflows
    run_and_wait: RunAndWait

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        *,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        http_client: httpx.Client | None = None,
        allow_insecure_http: bool = False,
        clock: Clock | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        settings = _settings(api_key, base_url, timeout, max_retries, allow_insecure_http, max_response_bytes)
        self.base_url = settings.base_url
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(**settings.http_options(asynchronous=False))
        if http_client is not None:
            settings.adopt(http_client)
        api = settings.generated_client().set_httpx_client(self._http)
        self._transport = SyncTransport(
            api=api,
            clock=clock or SYSTEM_CLOCK,
            max_retries=settings.max_retries,
            call_timeout=settings.timeouts.call_seconds,
        )
        self.runs = Runs(self._transport, clock or SYSTEM_CLOCK)
        self.workflows = Workflows(self.runs)
        self.run_and_wait = RunAndWait(self.runs)

    def run(
        self,
        target: str,
        input: Input = None,
        *,
        tags: Sequence[str] | None = None,
        overrides: Mapping[str, object] | None = None,
        metadata: Mapping[str, object] | None = None,
        version: str | None = None,
        wait_for_completion: float | None = None,
        idempotency_key: str | None = None,
    ) -> Run | RunAccepted:
        """Start a run.

        Args:
            target: ``workflows.<slug>`` or ``agents.<slug>``.
            input: The run's input; top-level values may be files: a ``Path``, a binary file, ``bytes``, a
                ``(filename, content[, mime_type])`` tuple or ``{"content", "filename", "mime_type"}``. Files go out
                as multipart, streamed.
            tags: Tags to put on the run (at most 20, each 1 to 64 characters).
            overrides: Overrides for the automation.
            metadata: Metadata to keep with the run.
            version: A release or git ref to run instead of the current one.
            wait_for_completion: Hold the request up to this many seconds (0 to 600) for the run to end.
            idempotency_key: A key of your own; by default a fresh one, reused by every retry of this call, so a
                lost answer never starts a second run.

        Returns:
            The run in full when it ended inside the hold, else a :class:`RunAccepted` with its id.

        Raises:
            InvalidArgumentError: A bad target, input, tag or hold, or a file that does not exist.
            NotFoundError: No such target.
            UnprocessableEntityError: The input does not fit the target.
        """
        return self.runs._start(
            target,
            input,
            tags=tags,
            overrides=overrides,
            metadata=metadata,
            version=version,
            wait_for_completion=wait_for_completion,
            idempotency_key=idempotency_key,
        )

    def close(self) -> None:
        """Close the connection pool (not an ``http_client`` you passed in)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key='***')"


class AsyncEigenpalClient:
    """The Eigenpal runs API, asynchronous: the methods of :class:`EigenpalClient` as coroutines and async iterators.

    Use it in an ``async with`` block (or await :meth:`close`). Takes the arguments of :class:`EigenpalClient`, with
    an ``httpx.AsyncClient`` as ``http_client``.
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
        settings = _settings(api_key, base_url, timeout, max_retries, allow_insecure_http, max_response_bytes)
        self.base_url = settings.base_url
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(**settings.http_options(asynchronous=True))
        if http_client is not None:
            settings.adopt(http_client)
        api = settings.generated_client().set_async_httpx_client(self._http)
        self._transport = AsyncTransport(
            api=api,
            clock=clock or SYSTEM_CLOCK,
            max_retries=settings.max_retries,
            call_timeout=settings.timeouts.call_seconds,
        )
        self.runs = AsyncRuns(self._transport, clock or SYSTEM_CLOCK)
        self.workflows = AsyncWorkflows(self.runs)
        self.run_and_wait = AsyncRunAndWait(self.runs)

    async def run(
        self,
        target: str,
        input: Input = None,
        *,
        tags: Sequence[str] | None = None,
        overrides: Mapping[str, object] | None = None,
        metadata: Mapping[str, object] | None = None,
        version: str | None = None,
        wait_for_completion: float | None = None,
        idempotency_key: str | None = None,
    ) -> Run | RunAccepted:
        """Start a run; see :meth:`EigenpalClient.run`."""
        return await self.runs._start(
            target,
            input,
            tags=tags,
            overrides=overrides,
            metadata=metadata,
            version=version,
            wait_for_completion=wait_for_completion,
            idempotency_key=idempotency_key,
        )

    async def close(self) -> None:
        """Close the connection pool (not an ``http_client`` you passed in)."""
        if self._owns_http:
            await self._http.aclose()

    aclose = close

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key='***')"
