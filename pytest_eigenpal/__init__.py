"""The pytest plugin of eigenpal-ext (entry point ``pytest11: eigenpal``): record once, replay offline.

Loading it costs a pytest run nothing: this module imports only pytest, and the kit (``eigenpal_ext.testing``) is
imported when a test asks for one of its fixtures or carries ``@pytest.mark.vcr``. What the fixtures do is in
``eigenpal_ext/testing/_fixtures.py``; the recording settings in ``eigenpal_ext/testing/_cassettes.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from eigenpal_ext import AsyncEigenpalClient, EigenpalClient
    from eigenpal_ext.testing._fixtures import EigenpalServer, LocalServers
    from eigenpal_ext.testing._receiver import WebhookReceiver

_RERECORD = """\
eigenpal: the code under test sent a request this cassette does not hold (named above). If that change is meant,
record the cassette again, against a local server:
    pytest --record-mode=rewrite '{nodeid}'
or against the API (the key stays out of the cassette):
    EIGENPAL_API_KEY=... pytest --record-mode=rewrite --eigenpal-base-url https://api.eigenpal.com '{nodeid}'"""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("eigenpal", "eigenpal-ext")
    group.addoption(
        "--eigenpal-base-url",
        default=None,
        metavar="URL",
        help="record cassettes against this Eigenpal API (key from EIGENPAL_API_KEY) instead of a local server",
    )


def pytest_configure(config: pytest.Config) -> None:
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """A replay that meets a request its cassette does not hold says how to record the cassette again."""
    try:
        return (yield)
    except Exception as exc:
        if type(exc).__name__ == "CannotOverwriteExistingCassetteException":
            exc.add_note(_RERECORD.format(nodeid=item.nodeid))
        raise


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
    return server_for(_cassette(request), base_url, options, _eigenpal_local_servers)


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
