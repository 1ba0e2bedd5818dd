"""The server's public names are exactly the documented ones."""

from __future__ import annotations

from pathlib import Path

import pytest

import eigenpal_local
from eigenpal_local import LocalServer, samples


def test_exported_members() -> None:
    assert eigenpal_local.__all__ == ["DEFAULT_API_KEY", "DEFAULT_PORT", "FaultSpec", "LocalServer"]
    assert samples.__all__ == ["list_samples", "path"]


def test_a_server_that_cannot_open_its_database_says_so(tmp_path: Path) -> None:
    server = LocalServer(db=str(tmp_path / "missing-dir" / "runs.sqlite"))
    with pytest.raises(RuntimeError, match="did not start"):
        server.start()
    with pytest.raises(RuntimeError, match="not running"):
        _ = server.base_url
