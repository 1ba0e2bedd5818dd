"""The suite's root: every in-process local server is watched by the contract guard (`contract_guard.py`).

Every local server this process builds (`LocalServer`, and so the `eigenpal_server` fixtures of the pytest plugin
and the CLI's in-process demo) has its API app wrapped by `ContractGuard` through the server's `APP_WRAPPERS` hook.
A test during whose run the guard saw a request or an answer that breaks `openapi/eigenpal.yaml` fails at its
teardown, naming each request, its status and what was wrong. Servers in other processes (`eigenpal serve` run as a
command) are not watched.
"""

from __future__ import annotations

import itertools
import os
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


# The tests that take long, by node id prefix, with their seconds on the 2-core CI machine (rounded; measured with
# `pytest -n 4 --junitxml`). Only the order of the run depends on them: pytest-xdist's worksteal gives each worker an
# equal, contiguous share of the collection and lets idle workers take the tail of a busy one's share, so a long test
# collected late makes the whole run wait for it. Each worker's share therefore begins with its part of these
# (longest first, spread so the shares are even) and the short tests follow. A module is kept whole: its
# module-scoped fixtures (mypy over the README's examples, a built site) then run once, not once per worker.
LONG_TESTS: dict[str, float] = {
    "tests/bench/test_soak_short.py": 55,
    "tests/cli/test_batch.py::test_killed_half_way_the_same_command_resumes_with_no_run_started_twice": 30,
    "tests/examples/test_examples.py": 40,
    "tests/cli/test_batch.py::test_ctrl_c_stops_starting_says_what_is_left_and_prints_the_command_that_resumes": 18,
    "tests/generated/test_regeneration.py": 35,
    "tests/testing/test_example_project.py": 16,
    "tests/testing/test_plugin_session.py": 12,
    "tests/docs/test_guides.py": 10,
    "tests/docs/test_reference.py": 10,
    "tests/integration/test_faults.py": 10,
}


def _share_sizes(count: int, workers: int) -> list[int]:
    """How many tests worksteal first gives each worker: what is left, divided by the workers still to serve."""
    sizes = []
    for served in range(workers):
        size = count // (workers - served)
        sizes.append(size)
        count -= size
    return sizes


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist, begin each worker's share with its part of the long tests (see :data:`LONG_TESTS`)."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0"))
    if workers < 2:
        return
    groups: dict[str, list[pytest.Item]] = {prefix: [] for prefix in LONG_TESTS}
    short: list[pytest.Item] = []
    for item in items:
        prefix = next((p for p in LONG_TESTS if item.nodeid == p or item.nodeid.startswith(p + "::")), None)
        (groups[prefix] if prefix is not None else short).append(item)
    shares: list[list[pytest.Item]] = [[] for _ in range(workers)]
    seconds = [0.0] * workers
    for prefix in sorted(groups, key=lambda p: -LONG_TESTS[p]):
        if groups[prefix]:
            lightest = seconds.index(min(seconds))
            shares[lightest] += groups[prefix]
            seconds[lightest] += LONG_TESTS[prefix]
    ordered: list[pytest.Item] = []
    rest = iter(short)
    for share, size in zip(shares, _share_sizes(len(items), workers), strict=True):
        ordered += share
        ordered += itertools.islice(rest, max(0, size - len(share)))
    ordered += list(rest)
    items[:] = ordered
