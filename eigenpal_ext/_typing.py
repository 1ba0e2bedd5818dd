"""Type aliases that let the async source and its generated sync twin say the same thing.

scripts/unasync turns ``AsyncCall[T]`` into ``SyncCall[T]``: what an awaited call gives back in the async source is
what a plain call returns in the sync twin. ``AsyncEvents[T]`` becomes ``Events[T]`` by the prefix rule: a generator
that can be closed, whose sync form takes three type arguments where the async one takes two.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Generator
from typing import TypeAlias, TypeVar

__all__ = ["AsyncCall", "AsyncEvents", "Events", "SyncCall"]

T = TypeVar("T")

AsyncCall: TypeAlias = Awaitable[T]
"""What calling an async operation gives: something to await for a ``T``."""

SyncCall: TypeAlias = T
"""What calling a sync operation gives: the ``T`` itself."""

AsyncEvents: TypeAlias = AsyncGenerator[T, None]
"""An async generator of ``T`` (``aclose`` stops it)."""

Events: TypeAlias = Generator[T, None, None]
"""A generator of ``T`` (``close`` stops it)."""
