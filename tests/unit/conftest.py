"""Fixtures of the client tests (see clientkit.py): ``flavour`` runs a test on the sync and the async client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from clientkit import Handler, Harness, MakeHarness


@pytest.fixture(params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> str:
    """``sync`` or ``async``: which client the test drives."""
    return str(request.param)


@pytest.fixture
def make_harness(flavour: str) -> Iterator[MakeHarness]:
    """Make clients of the test's flavour on a mock transport; after the test, close them and check their scripts."""
    made: list[Harness] = []

    def make(handler: Handler, **options: Any) -> Harness:
        harness = Harness(flavour, handler, **options)
        made.append(harness)
        return harness

    yield make
    for harness in made:
        harness.close()
    for harness in made:
        harness.check()
