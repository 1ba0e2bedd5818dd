"""Which proxy each request goes through: the ``proxy=`` a client was given, else the standard environment variables,
read as httpx reads them.

httpx reads ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` (and their lower-case spellings, and on
macOS and Windows the system settings, through :func:`urllib.request.getproxies`) only when it makes its own
transport; given a ``transport=``, as the library's clients are, it reads none of them (TOOLING.md). So the library
does what httpx would: one transport per proxy, mounted on the URL pattern it serves (``https://``, ``all://``...),
and the client's own transport, unproxied, for the hosts ``NO_PROXY`` names. Each of those transports is the
library's deadline transport (:mod:`._network`), so a proxied request keeps every bound of a direct one: the deadline
on each socket operation, the library's resolver, the size limit, fork safety.

``SSL_CERT_FILE`` and ``SSL_CERT_DIR`` need nothing here: the deadline transports build their TLS settings with
httpx's ``create_ssl_context``, which reads them.
"""

from __future__ import annotations

import importlib.util
import ipaddress
from urllib.request import getproxies

import httpx

from eigenpal_ext._core._errors import InvalidArgumentError

__all__ = ["ProxyMap", "proxy_map", "resolve_proxy"]

ProxyMap = dict[str, httpx.Proxy | None]
"""URL patterns (httpx ``mounts`` keys) to the proxy that serves them; ``None``: straight to the server."""

_SOCKS = ("socks5", "socks5h")


def resolve_proxy(proxy: str | httpx.Proxy | None, where: str = "proxy") -> httpx.Proxy | None:
    """The ``proxy=`` argument of a client, checked: an ``httpx.Proxy``, or ``None`` for the environment's.

    Raises:
        InvalidArgumentError: A proxy URL httpx cannot use (not http, https or socks5), or a SOCKS proxy without
            the ``socksio`` package (httpx's ``socks`` extra).
    """
    if proxy is None:
        return None
    if isinstance(proxy, str):
        try:
            proxy = httpx.Proxy(url=proxy.strip())
        except (ValueError, httpx.InvalidURL):
            # httpx's message quotes the URL, which may hold the proxy's password: say only what is wrong.
            raise InvalidArgumentError(where, "must be an http://, https://, socks5:// or socks5h:// URL") from None
    elif not isinstance(proxy, httpx.Proxy):
        raise InvalidArgumentError(where, "must be a proxy URL, an httpx.Proxy or None")
    if proxy.url.scheme in _SOCKS and importlib.util.find_spec("socksio") is None:
        raise InvalidArgumentError(where, "a SOCKS proxy needs the socksio package: pip install 'httpx[socks]'")
    return proxy


def proxy_map(proxy: httpx.Proxy | None) -> ProxyMap:
    """Where each request goes: through ``proxy`` for every URL when one is given, else as the environment says.

    Raises:
        InvalidArgumentError: A proxy variable holds a URL httpx cannot use.
    """
    if proxy is not None:
        return {"all://": proxy}
    found: ProxyMap = {}
    for pattern, url in _environment_proxies().items():
        found[pattern] = None if url is None else resolve_proxy(url, where=f"the {pattern.rstrip(':/')} proxy variable")
    return found


def _environment_proxies() -> dict[str, str | None]:
    """httpx's ``get_environment_proxies`` (``httpx/_utils.py``, 0.28), which is not public: the same patterns for
    the same variables, so that the library's client goes where ``httpx.Client()`` would."""
    settings = getproxies()
    patterns: dict[str, str | None] = {}
    for scheme in ("http", "https", "all"):
        if settings.get(scheme):
            url = settings[scheme]
            patterns[f"{scheme}://"] = url if "://" in url else f"http://{url}"
    for host in (entry.strip() for entry in settings.get("no", "").split(",")):
        # As curl reads NO_PROXY (CURLOPT_NOPROXY): "*" turns every proxy off; ".example.com" spares the
        # example.com's subdomains, "example.com" also example.com itself.
        if host == "*":
            return {}
        if not host:
            continue
        if "://" in host:
            patterns[host] = None
        elif _is_ip(host, 4):
            patterns[f"all://{host}"] = None
        elif _is_ip(host, 6):
            patterns[f"all://[{host}]"] = None
        elif host.lower() == "localhost":
            patterns[f"all://{host}"] = None
        else:
            patterns[f"all://*{host}"] = None
    return patterns


def _is_ip(host: str, version: int) -> bool:
    try:
        return ipaddress.ip_address(host.split("/")[0]).version == version
    except ValueError:
        return False
