"""What a client is made of, checked once: the API key, base URL, time limits, retries and size limit, and how
the httpx client and the generated client are set up from them. Shared by both clients."""

from __future__ import annotations

import ssl
from typing import Any

import attrs
import httpx
from eigenpal_api.client import AuthenticatedClient

from ._config import Timeouts, resolve_api_key, resolve_base_url, resolve_byte_limit, resolve_timeout
from ._errors import InvalidArgumentError
from ._http import Hooks
from ._network import AsyncDeadlineTransport, DeadlineTransport
from ._version import __version__

__all__ = ["ClientSettings", "client_settings"]


@attrs.frozen
class ClientSettings:
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

    def _http_options(
        self, *, asynchronous: bool, connections: int | None, ssl_context: ssl.SSLContext | None
    ) -> dict[str, Any]:
        transport: dict[str, Any] = {}
        if connections is not None:
            transport["limits"] = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        if ssl_context is not None:
            transport["verify"] = ssl_context
        return {
            "base_url": self.base_url,
            "headers": self.headers,
            "timeout": self.timeouts.http,
            "follow_redirects": True,  # httpx drops Authorization when a redirect leaves the origin
            "event_hooks": self.hooks.event_hooks(asynchronous=asynchronous),
            "transport": AsyncDeadlineTransport(**transport) if asynchronous else DeadlineTransport(**transport),
        }

    def new_http_client(
        self, *, connections: int | None = None, ssl_context: ssl.SSLContext | None = None
    ) -> httpx.Client:
        """The httpx client a sync client makes for itself.

        Args:
            connections: The most connections its pool opens (default: httpx's 100).
            ssl_context: The TLS settings to use; by default it builds its own (tens of milliseconds and about half a
                megabyte each, which the many pools of a batch share instead).
        """
        return httpx.Client(**self._http_options(asynchronous=False, connections=connections, ssl_context=ssl_context))

    def new_async_http_client(
        self, *, connections: int | None = None, ssl_context: ssl.SSLContext | None = None
    ) -> httpx.AsyncClient:
        """The httpx client an async client makes for itself; the arguments of :meth:`new_http_client`."""
        options = self._http_options(asynchronous=True, connections=connections, ssl_context=ssl_context)
        return httpx.AsyncClient(**options)

    def adopt(self, http_client: httpx.Client | httpx.AsyncClient) -> None:
        """Point a caller's httpx client at the API: base URL, key, and this library's hooks."""
        http_client.base_url = httpx.URL(self.base_url)
        http_client.headers.update(self.headers)
        self.hooks.install(http_client)


def client_settings(
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int,
    allow_insecure_http: bool,
    max_response_bytes: int,
) -> ClientSettings:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or not 0 <= max_retries <= 10:
        raise InvalidArgumentError("max_retries", f"must be a whole number from 0 to 10, not {max_retries!r}")
    return ClientSettings(
        api_key=resolve_api_key(api_key),
        base_url=resolve_base_url(base_url, allow_insecure_http=allow_insecure_http),
        timeouts=resolve_timeout(timeout),
        max_retries=max_retries,
        hooks=Hooks(resolve_byte_limit(max_response_bytes, "max_response_bytes")),
    )
