"""The local server is its own distribution (eigenpal-local, server/): the client wheel does not carry it, the
`server` extra installs it, and the two are released at one version."""

from __future__ import annotations

import tomllib
from pathlib import Path

import eigenpal_local
from eigenpal_ext import __version__

ROOT = Path(__file__).resolve().parents[2]


def _project(folder: Path) -> dict[str, object]:
    return tomllib.loads((folder / "pyproject.toml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_client_wheel_does_not_carry_the_server() -> None:
    client = _project(ROOT)
    wheel = client["tool"]["hatch"]["build"]["targets"]["wheel"]  # type: ignore[index]
    sdist = client["tool"]["hatch"]["build"]["targets"]["sdist"]  # type: ignore[index]

    assert not any("eigenpal_local" in package for package in wheel["packages"])
    assert not any("eigenpal_local" in part for part in sdist["include"])
    assert "eigenpal_local" not in {path.name for path in ROOT.iterdir()}


def test_the_server_extra_installs_the_server_at_the_clients_version() -> None:
    client = _project(ROOT)
    server = _project(ROOT / "server")

    assert server["project"]["name"] == "eigenpal-local"  # type: ignore[index]
    assert server["project"]["version"] == __version__  # type: ignore[index]
    for extra in ("server", "testing"):
        assert f"eigenpal-local=={__version__}" in client["project"]["optional-dependencies"][extra]  # type: ignore[index]
    assert client["tool"]["uv"]["sources"]["eigenpal-local"] == {"workspace": True}  # type: ignore[index]


def test_the_installed_server_is_this_repositorys() -> None:
    assert Path(eigenpal_local.__file__).resolve().parent == ROOT / "server" / "eigenpal_local"
