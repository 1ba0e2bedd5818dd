"""What importing the package and making a client load: nothing of the CLI, the local server, the testing kit,
asyncio or the extras, and no connection pool until the first request.

Each check runs in a fresh interpreter, since this one has long since imported everything. The interpreter is told
that the extras are not installed (a finder that refuses them), as in an install without extras: httpx itself
imports its own command line when rich and click are present, which would hide what this package imports.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import httpx
import pytest

from eigenpal_ext._transport._network import AsyncDeadlineTransport, DeadlineTransport

EXTRAS = ("rich", "click", "starlette", "uvicorn", "multipart", "python_multipart", "pypdf", "pytest", "vcr")
"""Top-level modules that only the extras (cli, server, testing) or the dev tools install."""

NEVER_AT_START = (
    "asyncio",
    "anyio",
    "httpcore",
    "h11",
    "cattrs",
    "eigenpal_ext.cli",
    "eigenpal_local",
    "eigenpal_ext.testing",
    "pytest_eigenpal",
    *EXTRAS,
)

_PLAIN_INSTALL = f"""
import importlib.abc, json, sys

class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {EXTRAS!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, NotInstalled())
"""


def _modules_after(code: str) -> set[str]:
    script = _PLAIN_INSTALL + code + "\nprint(json.dumps(sorted(sys.modules)))\n"
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(json.loads(completed.stdout.splitlines()[-1]))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(
        module for module in modules if any(module == name or module.startswith(f"{name}.") for name in names)
    )


def test_importing_the_package_loads_no_cli_server_testing_kit_asyncio_or_extra() -> None:
    modules = _modules_after("import eigenpal_ext")
    assert _loaded(modules, NEVER_AT_START) == []
    assert _loaded(modules, ("eigenpal_ext._async", "eigenpal_ext._sync")) == []  # the clients load at first use


def test_making_and_closing_a_sync_client_loads_neither_the_async_side_nor_a_pool() -> None:
    modules = _modules_after(
        "import eigenpal_ext\n"
        "client = eigenpal_ext.EigenpalClient(api_key='k', base_url='http://127.0.0.1:9')\n"
        "client.close()\n"
    )
    assert _loaded(modules, NEVER_AT_START) == []
    assert _loaded(modules, ("eigenpal_ext._async",)) == []
    # what only a batch, a wait, a download or output_type needs
    assert (
        _loaded(modules, ("eigenpal_ext._core._batching", "eigenpal_ext._core._waiting._flows", "eigenpal_ext._typed"))
        == []
    )
    assert (
        _loaded(
            modules,
            (
                "eigenpal_ext._transport._download",
                "eigenpal_ext._transport._download_plans",
                "eigenpal_ext._transport._files",
                "eigenpal_ext._transport._fanout",
            ),
        )
        == []
    )
    # No endpoint module loads before the first request (the models package loads whole: the stock generator's
    # models/__init__.py imports every model, and the template fork no longer changes that; see FORK.md).
    assert _loaded(modules, ("eigenpal_api.api",)) == []


def test_the_names_the_package_exports_are_there_without_the_extras() -> None:
    modules = _modules_after(
        "import eigenpal_ext\n"
        "for name in eigenpal_ext.__all__:\n"
        "    getattr(eigenpal_ext, name)\n"
        "eigenpal_ext.AsyncEigenpalClient(api_key='k', base_url='http://127.0.0.1:9')\n"
    )
    assert _loaded(modules, ("eigenpal_ext.cli", "eigenpal_local", "eigenpal_ext.testing", *EXTRAS)) == []


@pytest.mark.parametrize("transport_class", [DeadlineTransport, AsyncDeadlineTransport])
def test_a_transport_opens_one_pool_however_many_threads_send_first(
    transport_class: type[DeadlineTransport] | type[AsyncDeadlineTransport],
) -> None:
    transport = transport_class()
    opener = transport._pool_on_first_use
    assert not opener.opened and not hasattr(transport, "_pool")
    start = threading.Barrier(16)
    pools: list[object] = []

    def first_request() -> None:
        start.wait()
        opener.open(transport)
        pools.append(transport._pool)

    threads = [threading.Thread(target=first_request) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(pools) == 16
    assert len({id(pool) for pool in pools}) == 1
    # the pool's backend is the deadline-bounded one: every connection it opens ends by the call's deadline
    assert type(transport._pool._network_backend).__module__ == "eigenpal_ext._transport._sockets"


def test_closing_a_transport_that_never_sent_opens_nothing() -> None:
    transport = DeadlineTransport()
    transport.close()
    assert not transport._pool_on_first_use.opened
    entered = DeadlineTransport()
    with httpx.Client(transport=entered):  # entering a client enters its transport, which needs the pool
        assert entered._pool_on_first_use.opened
    assert entered._pool.connections == []  # closed with the client: no connection left
