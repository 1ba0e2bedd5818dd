"""Fixtures of the hostile-server tests: ``hostile(mode)`` starts a :class:`HostileServer`, stopped after the test.

Every test in this folder carries the ``hostile`` marker: ``pytest -m hostile`` runs them, ``-m "not hostile"``
leaves them out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .server import HostileServer, Mode

_HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in item.path.parents:
            item.add_marker(pytest.mark.hostile)


@pytest.fixture
def hostile() -> Iterator[Callable[..., HostileServer]]:
    """Start hostile servers (``hostile("silent", byte_interval=0.1)``); all are stopped, threads joined, after."""
    started: list[HostileServer] = []

    def start(mode: Mode, **options: Any) -> HostileServer:
        server = HostileServer(mode, **options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
