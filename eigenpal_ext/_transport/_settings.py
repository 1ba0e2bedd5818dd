"""What a client is made of, checked once: the API key, base URL, time limits, retries and size limit, and how
the httpx client and the generated client are set up from them. Shared by both clients."""

from __future__ import annotations

import ssl
from typing import TYPE_CHECKING, Any

import attrs
import httpx
from eigenpal_api.client import AuthenticatedClient

from eigenpal_ext._core._decoding import ACCEPT_ENCODING
from eigenpal_ext._core._errors import InvalidArgumentError
from eigenpal_ext._core._options import resolve_byte_limit
from eigenpal_ext._core._redact import remember_key
from eigenpal_ext._version import __version__

from ._config import Timeouts, resolve_api_key, resolve_base_url, resolve_timeout
from ._hooks import Hooks
from ._http_log import configure_from_environment
from ._network import AsyncDeadlineTransport, DeadlineTransport
from ._proxies import proxy_map, resolve_proxy

if TYPE_CHECKING:
    from ._adoption import Adoption

__all__ = ["ClientSettings", "client_settings"]


@attrs.frozen
class ClientSettings:
    api_key: str = attrs.field(repr=False)
    base_url: str
    timeouts: Timeouts
    max_retries: int
    hooks: Hooks
    proxy: httpx.Proxy | None = None
    """The client's ``proxy=``; ``None``: the proxy environment variables say (:mod:`._proxies`)."""

    @property
    def headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.api_key}",
            "User-Agent": f"eigenpal-ext/{__version__}",
            # Only what the hooks decode themselves, under the size limit (httpx would add br and zstd whenever
            # their packages are installed).
            "Accept-Encoding": ACCEPT_ENCODING,
        }

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
        make = AsyncDeadlineTransport if asynchronous else DeadlineTransport
        # As httpx mounts proxies when it makes its own transport (which it does not, given ours): each proxy gets a
        # deadline transport of its own, and the hosts NO_PROXY names (None) go through the client's transport.
        mounts = {
            pattern: None if proxy is None else make(proxy=proxy, **transport)
            for pattern, proxy in proxy_map(self.proxy).items()
        }
        return {
            "base_url": self.base_url,
            "headers": self.headers,
            "timeout": self.timeouts.http,
            # Only a GET is redirected, to https or this machine, and nothing that may be a credential goes to
            # another origin: the hooks check each redirect before httpx acts on it (_redirects), on a caller's
            # http_client too.
            "follow_redirects": True,
            "event_hooks": self.hooks.event_hooks(asynchronous=asynchronous),
            "transport": make(**transport),
            "mounts": mounts,
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

    def adopt(self, http_client: httpx.Client | httpx.AsyncClient) -> Adoption:
        """Point a caller's httpx client at the API: base URL, key, and this library's hooks, until the returned
        adoption is released (when the library's client closes)."""
        from ._adoption import adopt  # here: only a client given an http_client needs it

        return adopt(http_client, self.base_url, self.headers, self.hooks)


def client_settings(
    api_key: str | None,
    base_url: str | None,
    timeout: float | httpx.Timeout | None,
    max_retries: int,
    allow_insecure_http: bool,
    max_response_bytes: int,
    proxy: str | httpx.Proxy | None = None,
    *,
    adopting: bool = False,
) -> ClientSettings:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or not 0 <= max_retries <= 10:
        raise InvalidArgumentError("max_retries", f"must be a whole number from 0 to 10, not {max_retries!r}")
    if proxy is not None and adopting:
        raise InvalidArgumentError("proxy", "an http_client of your own goes through its own proxy: give it there")
    configure_from_environment()
    key = resolve_api_key(api_key)
    remember_key(key)  # so that no error or log line of the library shows it, whatever the server sends back
    return ClientSettings(
        api_key=key,
        base_url=resolve_base_url(base_url, allow_insecure_http=allow_insecure_http),
        timeouts=resolve_timeout(timeout),
        max_retries=max_retries,
        hooks=Hooks(resolve_byte_limit(max_response_bytes, "max_response_bytes")),
        proxy=resolve_proxy(proxy),
    )
