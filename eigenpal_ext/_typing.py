"""Type aliases that let the async source and its generated sync twin say the same thing.

scripts/unasync turns ``AsyncCall[T]`` into ``SyncCall[T]``: what an awaited call gives back in the async source is
what a plain call returns in the sync twin.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TypeAlias, TypeVar

__all__ = ["AsyncCall", "SyncCall"]

T = TypeVar("T")

AsyncCall: TypeAlias = Awaitable[T]
"""What calling an async operation gives: something to await for a ``T``."""

SyncCall: TypeAlias = T
"""What calling a sync operation gives: the ``T`` itself."""
