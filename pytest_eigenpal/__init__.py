"""The pytest plugin of eigenpal-ext (entry point ``pytest11: eigenpal``): record once, replay offline.

Loading it costs a pytest run nothing: this module imports only pytest, and the kit (``eigenpal_ext.testing``) is
imported when a test asks for one of its fixtures or carries ``@pytest.mark.vcr``. What the fixtures do is in
``eigenpal_ext/testing/_fixtures.py``; the recording settings in ``eigenpal_ext/testing/_cassettes.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from eigenpal_ext import AsyncEigenpalClient, EigenpalClient
    from eigenpal_ext.testing._fixtures import EigenpalServer, LocalServers
    from eigenpal_ext.testing._receiver import WebhookReceiver


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("eigenpal", "eigenpal-ext")
    group.addoption(
        "--eigenpal-base-url",
        default=None,
        metavar="URL",
        help="record cassettes against this Eigenpal API (key from EIGENPAL_API_KEY) instead of a local server",
    )


_ASYNCIO_LOOP_SCOPE = "asyncio_default_fixture_loop_scope"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # The testing extra brings pytest-asyncio (for async_eigenpal_client), whose pytest_configure warns when this
    # setting is unset: a warning on every run, and an INTERNALERROR in a session with `filterwarnings = error`.
    # Unset, it gets the value pytest-asyncio announces as its future default; a value the user set (ini file or
    # `-o`) is kept. tryfirst: pytest-asyncio reads the setting in its own pytest_configure, after this one.
    # pytest offers no public way to give another plugin's setting a default: the value goes in getini's cache,
    # where getini returns it from (tests/testing/test_plugin_session.py fails if a pytest stops reading it there).
    try:
        scope = config.getini(_ASYNCIO_LOOP_SCOPE)
    except ValueError:  # pytest-asyncio not installed, or older than the setting
        scope = "unregistered"
    if not scope:
        config._inicache[_ASYNCIO_LOOP_SCOPE] = "function"
    config.addinivalue_line(
        "markers",
        "eigenpal_server(faults=None, seed=None, time_scale=1.0, workers=64): options of the local server the test "
        "records against (faults as the local server's fault specs; time_scale 0.01 runs a 300 s run in 3 s)",
    )


@pytest.hookimpl(optionalhook=True)
def pytest_recording_configure(config: pytest.Config, vcr: Any) -> None:
    """pytest-recording's hook: the plugin's recording settings become the defaults of every cassette."""
    from eigenpal_ext.testing._cassettes import configure_vcr

    configure_vcr(vcr)


def _replay_failure(error: BaseException | None) -> BaseException | None:
    """vcrpy's error for a request the cassette does not hold, wherever it is in ``error``'s chain (the client
    raises its own error from it)."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if type(error).__name__ == "CannotOverwriteExistingCassetteException" and hasattr(error, "failed_request"):
            return error
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return None


def _sent_from(item: pytest.Item, excinfo: pytest.ExceptionInfo[BaseException]) -> str | None:
    """The last line of the user's own code on the way to the request (not this kit's, nor an installed package's)."""
    import eigenpal_ext

    ours = Path(eigenpal_ext.__file__).parent.parent
    found = None
    for entry in excinfo.traceback:
        path = Path(entry.path)
        if "site-packages" in path.parts or path.is_relative_to(ours / "eigenpal_ext"):
            continue
        if path.is_relative_to(ours / "pytest_eigenpal") or path.is_relative_to(ours / "generated"):
            continue
        try:
            found = f"{path.relative_to(item.config.rootpath)}:{entry.lineno + 1}"
        except ValueError:
            continue
    return found


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A replay that meets a request its cassette does not hold fails in a few lines: the test, the request and what
    changed in it, and the one command that records the cassette again (instead of vcrpy's page of advice)."""
    report = yield
    excinfo = call.excinfo
    if report.failed and excinfo is not None:
        error = _replay_failure(excinfo.value)
        if error is not None:
            from eigenpal_ext.testing._mismatch import explain_replay_failure

            report.longrepr = explain_replay_failure(error, item.nodeid, _sent_from(item, excinfo))
    return report


def _cassette(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue("vcr") if request.node.get_closest_marker("vcr") is not None else None


@pytest.fixture(autouse=True)
def _eigenpal_virtual_time(request: pytest.FixtureRequest) -> Iterator[None]:
    """While a cassette records or replays, clients made without a clock wait on a virtual one (replays never
    really sleep) and jitter is seeded, so a replay makes the requests its recording made."""
    if request.node.get_closest_marker("vcr") is None:  # nothing to do, nothing imported
        yield
        return
    from eigenpal_ext.testing._fixtures import virtual_time

    for _clock in virtual_time(_cassette(request), request.node.nodeid):
        yield


@pytest.fixture(scope="session")
def _eigenpal_local_servers() -> Iterator[LocalServers]:
    from eigenpal_ext.testing._fixtures import LocalServers

    servers = LocalServers()
    yield servers
    servers.stop()


@pytest.fixture
def eigenpal_server(request: pytest.FixtureRequest, _eigenpal_local_servers: LocalServers) -> EigenpalServer:
    """The API the test talks to (``.base_url``, ``.api_key``).

    Replaying a cassette: nothing runs and no key is needed. Recording, or without a cassette: the API named by
    ``--eigenpal-base-url`` (key from ``EIGENPAL_API_KEY``), else a local server started for the session, with the
    options of the test's ``@pytest.mark.eigenpal_server(...)``.
    """
    from eigenpal_ext.testing._fixtures import server_for

    marker = request.node.get_closest_marker("eigenpal_server")
    options = dict(marker.kwargs) if marker is not None else {}
    base_url = request.config.getoption("eigenpal_base_url")
    cassette = _cassette(request)
    if cassette is None and _network_blocked(request, base_url):
        from eigenpal_ext.testing._mismatch import missing_marker

        used = next(name for name in _KIT_FIXTURES if name in request.node.fixturenames)  # the one the test named
        pytest.fail(missing_marker(request.node.nodeid, used), pytrace=False)
    return server_for(cassette, base_url, options, _eigenpal_local_servers)


_KIT_FIXTURES = ("eigenpal_client", "async_eigenpal_client", "eigenpal_server")


def _network_blocked(request: pytest.FixtureRequest, base_url: str | None) -> bool:
    """Whether pytest-recording blocks the server this test would talk to (``--block-network`` or the
    ``block_network`` marker, and the host not in the allowed hosts), as its ``block_network`` fixture decides."""
    config = request.config
    if not (request.node.get_closest_marker("block_network") or config.getoption("block_network", default=False)):
        return False
    from urllib.parse import urlsplit

    from pytest_recording.network import is_host_in_allowed_hosts

    host = urlsplit(base_url).hostname if base_url else "127.0.0.1"  # a local server listens on loopback
    return not is_host_in_allowed_hosts(host or "", request.getfixturevalue("allowed_hosts"))


@pytest.fixture
def eigenpal_webhooks() -> Iterator[WebhookReceiver]:
    """A webhook receiver on ``127.0.0.1`` for the test (``.url``, ``.deliveries``, ``.wait_for(predicate)``).

    It answers 204 to every request (set ``.respond`` to choose otherwise) and records each: method, headers, raw
    body, parsed JSON. Deliver a local server's events to it with
    ``LocalServer(webhook_url=eigenpal_webhooks.url, webhook_secret="whsec_...")``.
    """
    from eigenpal_ext.testing._receiver import WebhookReceiver

    with WebhookReceiver() as receiver:
        yield receiver


@pytest.fixture
def eigenpal_client(eigenpal_server: EigenpalServer) -> Iterator[EigenpalClient]:
    """An ``EigenpalClient`` for ``eigenpal_server``, closed after the test."""
    from eigenpal_ext import EigenpalClient

    with EigenpalClient(api_key=eigenpal_server.api_key, base_url=eigenpal_server.base_url) as client:
        yield client


def _async_fixture(function: Any) -> Any:
    """pytest-asyncio's fixture decorator; without pytest-asyncio, a fixture that says it is needed."""
    try:
        import pytest_asyncio
    except ImportError:  # the testing extra brings pytest-asyncio

        def missing() -> None:
            pytest.fail("async_eigenpal_client needs pytest-asyncio: pip install 'eigenpal-ext[testing]'")

        missing.__name__ = function.__name__
        missing.__doc__ = function.__doc__
        return pytest.fixture(name=function.__name__)(missing)
    return pytest_asyncio.fixture(function)


@_async_fixture
async def async_eigenpal_client(eigenpal_server: EigenpalServer) -> AsyncIterator[AsyncEigenpalClient]:
    """An ``AsyncEigenpalClient`` for ``eigenpal_server``, closed after the test."""
    from eigenpal_ext import AsyncEigenpalClient

    async with AsyncEigenpalClient(api_key=eigenpal_server.api_key, base_url=eigenpal_server.base_url) as client:
        yield client
