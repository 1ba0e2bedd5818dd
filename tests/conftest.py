"""The suite's root: every in-process local server is watched by the contract guard (`contract_guard.py`).

Every local server this process builds (`LocalServer`, and so the `eigenpal_server` fixtures of the pytest plugin
and the CLI's in-process demo) has its API app wrapped by `ContractGuard` through the server's `APP_WRAPPERS` hook.
A test during whose run the guard saw a request or an answer that breaks `openapi/eigenpal.yaml` fails at its
teardown, naming each request, its status and what was wrong. Servers in other processes (`eigenpal serve` run as a
command) are not watched.
"""

from __future__ import annotations

from collections.abc import Iterator

import contract_guard
import pytest


@pytest.fixture(scope="session", autouse=True)
def _contract_guard_on_local_servers() -> Iterator[None]:
    """Wraps the API app of every local server built during the session in the contract guard."""
    try:
        from eigenpal_local import _app
    except ImportError:  # without the server extra there is no local server to watch
        yield
        return
    uninstall = contract_guard.install(_app.APP_WRAPPERS)
    try:
        yield
    finally:
        uninstall()


@pytest.fixture(autouse=True)
def _no_contract_violations() -> Iterator[None]:
    """Fails the test during whose run a local server saw a request or gave an answer that breaks the document."""
    contract_guard.VIOLATIONS.drain()  # what a server saw between tests belongs to no test
    yield
    found = contract_guard.VIOLATIONS.drain()
    if found:
        report = "\n".join(str(violation) for violation in found)
        pytest.fail(f"{len(found)} exchange(s) broke openapi/eigenpal.yaml:\n{report}", pytrace=False)
