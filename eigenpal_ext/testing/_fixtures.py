"""What the plugin's fixtures do, loaded only when a test asks for one (``pytest_eigenpal`` holds the fixtures)."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from eigenpal_ext._core import _retry
from eigenpal_ext._core._clock import Clock, use_default_clock
from eigenpal_ext._transport._config import API_KEY_ENV

from ._cassettes import remember_secret
from ._clock import VirtualClock

if TYPE_CHECKING:
    from eigenpal_local import LocalServer

__all__ = ["REPLAY_API_KEY", "REPLAY_BASE_URL", "EigenpalServer", "LocalServers", "replaying", "virtual_time"]

REPLAY_BASE_URL = "http://127.0.0.1:9"
"""Where clients point while a cassette replays: nothing listens there, and nothing is sent (the discard port)."""

REPLAY_API_KEY = "replay-needs-no-key"
"""The key clients send while a cassette replays; it is never checked."""


@attrs.frozen
class EigenpalServer:
    """The API a test talks to, as the ``eigenpal_server`` fixture gives it.

    Attributes:
        base_url: Where to send requests.
        api_key: The key to send.
        replaying: Whether the test replays a cassette (then nothing listens at ``base_url``).
        local: The local server the test records against, when it does.
    """

    base_url: str
    api_key: str = attrs.field(repr=False)
    replaying: bool = False
    local: LocalServer | None = attrs.field(default=None, repr=False)


def replaying(cassette: Any) -> bool:
    """Whether pytest-recording's cassette for this test only replays (``record_mode`` none, or once on a cassette
    that exists)."""
    return cassette is not None and bool(getattr(cassette, "write_protected", False))


@attrs.define
class LocalServers:
    """The local servers of a session, one per set of options, started when first asked for."""

    running: dict[tuple[tuple[str, Any], ...], LocalServer] = attrs.field(factory=dict)

    def get(self, options: Mapping[str, Any]) -> LocalServer:
        key = tuple(sorted(options.items()))
        if key not in self.running:
            from eigenpal_local import LocalServer

            server = LocalServer(**options).start()
            self.running[key] = server
        return self.running[key]

    def stop(self) -> None:
        for server in self.running.values():
            server.stop()
        self.running.clear()


def server_for(
    cassette: Any, base_url: str | None, options: Mapping[str, Any], servers: LocalServers
) -> EigenpalServer:
    """The API of one test: nothing while replaying, else ``--eigenpal-base-url`` or a local server."""
    if replaying(cassette):
        return EigenpalServer(REPLAY_BASE_URL, REPLAY_API_KEY, replaying=True)
    if base_url:
        key = os.environ.get(API_KEY_ENV, "").strip()
        if not key:
            raise RuntimeError(f"--eigenpal-base-url {base_url}: set {API_KEY_ENV} to the key to record with")
        remember_secret(key)
        return EigenpalServer(base_url.rstrip("/"), key)
    local = servers.get(options)
    remember_secret(local.api_key)
    return EigenpalServer(local.base_url, local.api_key, local=local)


def virtual_time(cassette: Any, seed: str) -> Iterator[Clock | None]:
    """While a cassette records or replays, clients made without a clock get a :class:`VirtualClock` (sleeping for
    real only while recording) and the jitter of waits and retries is seeded by ``seed``: a recording and its
    replays then make the same requests in the same order. Yields the clock (None without a cassette)."""
    if cassette is None:
        yield None
        return
    clock = VirtualClock(real_sleep=not replaying(cassette))
    previous = use_default_clock(clock)
    real_random = _retry.unit_random
    _retry.unit_random = random.Random(seed).random
    try:
        yield clock
    finally:
        _retry.unit_random = real_random
        use_default_clock(previous)
