"""Test your own code against Eigenpal: record once, replay offline, never publish a key.

With ``pip install 'eigenpal-ext[testing]'`` the pytest plugin loads by itself. It offers the fixtures
``eigenpal_server`` (``.base_url``, ``.api_key``), ``eigenpal_client`` and ``async_eigenpal_client``, and the marker
``@pytest.mark.eigenpal_server(faults=..., seed=..., time_scale=...)``, and ``eigenpal_webhooks``: a
:class:`WebhookReceiver` on ``127.0.0.1`` that records the webhook deliveries it gets (``.url``, ``.deliveries``,
``.wait_for(predicate, timeout)``); point a local server at it with
``LocalServer(webhook_url=eigenpal_webhooks.url, webhook_secret="whsec_...")``. Mark a test ``@pytest.mark.vcr`` and:

- recording (``pytest --record-mode=once`` or ``=rewrite``) runs it against a local server started for it, or
  against the API named by ``--eigenpal-base-url URL`` with the key in ``EIGENPAL_API_KEY``;
- replaying (the default, ``--record-mode=none``) starts nothing and needs no key; every client made during the
  test waits, polls and backs off on a :class:`VirtualClock`, so nothing really sleeps;
- no credential reaches a cassette, and requests match across runs and machines (see :func:`vcr_config`).

Names here: :class:`LocalServer` (the local Eigenpal server, needs the ``server`` or ``testing`` extra),
:class:`VirtualClock`, :func:`vcr_config`, :class:`EigenpalServer` (what ``eigenpal_server`` gives),
:class:`WebhookReceiver` and :class:`Delivery` (what ``eigenpal_webhooks`` gives and records) and
:data:`REDACTED`. They are loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eigenpal_local import LocalServer

    from ._cassettes import REDACTED, vcr_config
    from ._clock import VirtualClock
    from ._fixtures import EigenpalServer
    from ._receiver import Delivery, WebhookReceiver

__all__ = ["REDACTED", "Delivery", "EigenpalServer", "LocalServer", "VirtualClock", "WebhookReceiver", "vcr_config"]

_WHERE = {
    "REDACTED": "._cassettes",
    "vcr_config": "._cassettes",
    "VirtualClock": "._clock",
    "EigenpalServer": "._fixtures",
    "Delivery": "._receiver",
    "WebhookReceiver": "._receiver",
}


def __getattr__(name: str) -> Any:
    if name == "LocalServer":
        from eigenpal_local import LocalServer

        return LocalServer
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
