"""A caller's ``http_client``, adopted by a client of this library and given back when that client closes.

Adopting sets the base URL, the API key's ``Authorization`` header and the library's other headers on the caller's
httpx client, and installs the library's event hooks. The caller keeps the httpx client after the library's client
closes, so closing undoes all of it: a key left behind would go with every later request of the caller's, to any
host, and the hooks would go on judging answers for a client that is gone.

Several library clients may adopt one httpx client at the same time (a web application that shares one pool); its
headers are those of the latest one still open, and once the last one closes, what the caller had before comes back.
A header or base URL the caller changed in between is left as the caller set it.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping

import attrs
import httpx

from ._hooks import Hooks

__all__ = ["Adoption", "adopt"]

HttpClient = httpx.Client | httpx.AsyncClient


@attrs.define(eq=False)
class Adoption:
    """One library client's hold on a caller's httpx client; :meth:`release` gives it back (safe to repeat)."""

    http_client: HttpClient
    hooks: Hooks
    headers: Mapping[str, str] = attrs.field(repr=False)  # they hold the key
    base_url: httpx.URL
    released: bool = False

    def release(self) -> None:
        """Take this adoption's hooks off, and put back the headers and base URL of the adoption still open before
        it, or what the caller had when none is left."""
        if self.released:
            return
        self.released = True
        self.hooks.uninstall(self.http_client)
        state = _STATES.get(self.http_client)
        if state is None:
            return
        was_current = state.active[-1] is self
        state.active.remove(self)
        if not was_current:
            return  # a later adoption's headers are on; they stay
        if state.active:
            _apply(self.http_client, state.active[-1], state)
            return
        del _STATES[self.http_client]
        _restore(self.http_client, self, state)


@attrs.define(eq=False)
class _State:
    """What the caller's httpx client had before the first adoption, and the adoptions open on it, oldest first."""

    headers: dict[str, str | None]
    base_url: httpx.URL
    active: list[Adoption] = attrs.field(factory=list)


_STATES: weakref.WeakKeyDictionary[HttpClient, _State] = weakref.WeakKeyDictionary()


def adopt(http_client: HttpClient, base_url: str, headers: Mapping[str, str], hooks: Hooks) -> Adoption:
    """Point a caller's httpx client at the API: base URL, headers (the key among them), and the library's hooks."""
    state = _STATES.get(http_client)
    if state is None:
        before = {name: http_client.headers.get(name) for name in headers}
        state = _STATES[http_client] = _State(headers=before, base_url=http_client.base_url)
    else:
        for name in headers:  # a header only this adoption sets: the caller's value is the one before it
            state.headers.setdefault(name, http_client.headers.get(name))
    adoption = Adoption(http_client, hooks, dict(headers), httpx.URL(base_url))
    state.active.append(adoption)
    _apply(http_client, adoption, state)
    hooks.install(http_client)
    return adoption


def _apply(http_client: HttpClient, adoption: Adoption, state: _State) -> None:
    http_client.base_url = adoption.base_url
    http_client.headers.update(adoption.headers)
    for name in state.headers.keys() - adoption.headers.keys():
        _put(http_client, name, state.headers[name])


def _restore(http_client: HttpClient, last: Adoption, state: _State) -> None:
    current = http_client.headers
    for name, value in last.headers.items():
        if current.get(name) == value:  # the caller did not change it since
            _put(http_client, name, state.headers.get(name))
    if http_client.base_url == last.base_url:
        http_client.base_url = state.base_url


def _put(http_client: HttpClient, name: str, value: str | None) -> None:
    if value is None:
        http_client.headers.pop(name, None)
    else:
        http_client.headers[name] = value
