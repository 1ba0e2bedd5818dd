"""The client: one httpx client (made here, or the caller's), one generated ``AuthenticatedClient`` on it, and the
resources built on them. Nothing is sent when a client is made; the API key never shows in ``repr``."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, ClassVar, Self, Unpack

import attrs
import httpx

from eigenpal_ext._core._clock import Clock, default_clock
from eigenpal_ext._core._errors import EigenpalError, InvalidArgumentError
from eigenpal_ext._core._options import (
    DEFAULT_BATCH_SECONDS,
    DEFAULT_MAX_IN_FLIGHT,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_POLL_INTERVAL_SECONDS,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    NotGiven,
    RequestOptions,
    WaitOptions,
    resolve_multipart_max_bytes,
)
from eigenpal_ext._core._plans import StartParts
from eigenpal_ext._core._wait_rules import wait_deadline, wait_settings
from eigenpal_ext._transport._adoption import Adoption
from eigenpal_ext._transport._settings import ClientSettings, client_settings

from ._reader import AsyncApiReader
from ._requester import AsyncRequester
from ._resources import AsyncRuns
from ._run_methods import AsyncRunMethods, AsyncWorkflows
from ._starting import AsyncStarter, Input
from ._waiter import AsyncWaiter

if TYPE_CHECKING:  # loaded at first use: a client that runs no batch never imports the batch machinery
    from eigenpal_api.models.run import Run

    from eigenpal_ext._core._batching import BatchJob

    from ._batch import AsyncBatch, AsyncBatchRunner, OnDone
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


class AsyncEigenpalClient(AsyncRunMethods):
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

    async def run_many(
        self,
        target: str,
        inputs: Iterable[Input],
        *,
        timeout_seconds: float = DEFAULT_BATCH_SECONDS,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        on_done: OnDone = None,
        idempotency_key: str | None = None,
        indices: Sequence[int] | None = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        expand: str | Sequence[str] | None = None,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        cancel_on_timeout: bool = False,
        **options: Unpack[WaitOptions],
    ) -> list[Run | EigenpalError]:
        """Run ``target`` once per input and wait for every run, in one call, with one deadline.

        One input never stops the others: a start the server refuses, or a run the deadline catches, is that input's
        outcome, and the rest go on. Resumable: with ``idempotency_key`` the same call again (after a crash, or a
        deadline) starts no second run for any input and waits on the runs that exist::

            results = await client.run_many(
                "workflows.extract-invoice",
                [{"contract_document": path} for path in sorted(Path("contracts").glob("*.pdf"))],
                idempotency_key="nightly-2026-12-01",
            )

        Args:
            target: ``workflows.<slug>`` or ``agents.<slug>``.
            inputs: The inputs, one run each; values may be files as ``run`` takes them (a ``Path`` is opened only
                when its input starts, so prefer paths to open files for thousands of inputs).
            timeout_seconds: How long the whole batch may take, every start and wait included (default 3600).
            max_in_flight: The most runs going on at once (default 1000); the next input starts as one ends.
            on_done: Called with each input's :class:`~eigenpal_ext.BatchItem` as its outcome is known, in this
                thread.
            idempotency_key: A key for the whole batch: the input at index ``i`` starts with ``f"{key}:{i}"``, and
                every run is tagged with the batch's correlation tag, so the same call with the same key and inputs
                (in the same order) finds the runs it started and resumes instead of starting them again. Without
                it each input gets a fresh key.
            indices: Each input's index in the batch, when this call runs only part of it (the inputs not done in an
                earlier call): its key and its ``BatchItem.index``. By default 0, 1, 2 ...
            tags: Tags to put on every run.
            overrides: Overrides for every run.
            metadata: Metadata to keep with every run.
            version: A release or git ref to run instead of the current one.
            expand: Sections to read each finished run with (each run then costs one more request).
            poll_interval_seconds: The longest pause between two looks at many runs, when they are watched by
                list requests (default 2).
            cancel_on_timeout: Cancel the runs still going at the deadline; by default they go on.
            **options: ``extra_headers`` and ``extra_query`` for every request (:class:`~eigenpal_ext.WaitOptions`).

        Returns:
            One outcome per input, in the order of ``inputs``: the run as it ended (completed, failed, cancelled or
            rejected), or the :class:`~eigenpal_ext.EigenpalError` that kept the input from ending (a refused
            start, an :class:`~eigenpal_ext.EigenpalTimeoutError` at the deadline). Every error carries its
            start's ``idempotency_key``.

        Raises:
            InvalidArgumentError: A bad target, tag, input list, ``max_in_flight``, ``indices`` or key; nothing is
                sent.
        """
        job = self._batch_job(
            target, inputs, timeout_seconds, max_in_flight, idempotency_key, indices, expand,
            poll_interval_seconds, cancel_on_timeout, StartParts(tags, overrides, metadata, version), options,
        )  # fmt: skip
        return await self._batch_runner().run_many(job, on_done)

    def run_many_as_completed(
        self,
        target: str,
        inputs: Iterable[Input],
        *,
        timeout_seconds: float = DEFAULT_BATCH_SECONDS,
        max_in_flight: int = DEFAULT_MAX_IN_FLIGHT,
        idempotency_key: str | None = None,
        indices: Sequence[int] | None = None,
        tags: Sequence[str] | None = None,
        overrides: Input = None,
        metadata: Input = None,
        version: str | None = None,
        expand: str | Sequence[str] | None = None,
        poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
        cancel_on_timeout: bool = False,
        **options: Unpack[WaitOptions],
    ) -> AsyncBatch:
        """:meth:`run_many`, handing on each input's :class:`~eigenpal_ext.BatchItem` (its ``index``, ``input`` and
        ``outcome``) as soon as it is known, in the order they end::

            async with client.run_many_as_completed("workflows.extract-invoice", inputs) as batch:
                async for item in batch:
                    print(item.index, item.run_id, batch.in_flight, "in flight")

        Takes the arguments of :meth:`run_many` (but ``on_done``); its deadline starts now, and nothing is sent
        until the first item is asked for. Leaving early (``close``, or the ``with`` block) starts no more inputs;
        the runs already started go on.

        Raises:
            InvalidArgumentError: As :meth:`run_many`, at once.
        """
        job = self._batch_job(
            target, inputs, timeout_seconds, max_in_flight, idempotency_key, indices, expand,
            poll_interval_seconds, cancel_on_timeout, StartParts(tags, overrides, metadata, version), options,
        )  # fmt: skip
        from ._batch import AsyncBatch

        return AsyncBatch(self._batch_runner(), job)

    def _batch_runner(self) -> AsyncBatchRunner:
        if self._batches is None:
            from ._batch import AsyncBatchRunner

            self._batches = AsyncBatchRunner(self._requester, self._starter, self._waiter, self._settings)
        return self._batches

    def _batch_job(
        self,
        target: str,
        inputs: Iterable[Input],
        timeout_seconds: float,
        max_in_flight: int,
        idempotency_key: str | None,
        indices: Sequence[int] | None,
        expand: str | Sequence[str] | None,
        poll_interval_seconds: float,
        cancel_on_timeout: bool,
        parts: StartParts,
        options: WaitOptions,
    ) -> BatchJob:
        from eigenpal_ext._core._batching import plan_batch

        deadline = wait_deadline(self._requester.clock, timeout_seconds)  # the batch's one deadline starts now
        settings = wait_settings(
            poll_interval_seconds=poll_interval_seconds,
            cancel_on_timeout=cancel_on_timeout,
            expand=expand,
        )
        return plan_batch(
            target,
            inputs,
            settings=settings,
            deadline=deadline,
            max_in_flight=max_in_flight,
            idempotency_key=idempotency_key,
            indices=indices,
            parts=parts,
            options=RequestOptions.of(**options),
            can_spread=self._settings is not None,
            correlation_tags=self._requester.correlation_tags,
        )

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
