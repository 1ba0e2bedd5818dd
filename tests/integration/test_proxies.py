"""The default client goes through the proxy the standard variables name, as httpx's own client does, and trusts the
certificates ``SSL_CERT_FILE`` names; ``proxy=`` overrides the variables. Through a real forward proxy on loopback
(tests/integration/proxy_kit.py), in front of the local server (plain http, or https behind a TLS front).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cassette_kit import API_KEY
from proxy_kit import ForwardProxy, Seen, TlsFront, clear_proxy_environment, self_signed

from eigenpal_ext import APIConnectionError, AsyncEigenpalClient, EigenpalClient, InvalidArgumentError


@pytest.fixture(autouse=True)
def _no_machine_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_environment(monkeypatch)


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    with ForwardProxy() as started:
        yield started


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    made = self_signed(tmp_path_factory.mktemp("tls"))
    if made is None:
        pytest.skip("openssl is needed to make the test's certificate")
    return made


@pytest.fixture
def https_server(local_server: str, certificate: tuple[Path, Path]) -> Iterator[str]:
    with TlsFront(local_server, *certificate) as front:
        yield front.url


def _list_sync(base_url: str, **options: object) -> int:
    with EigenpalClient(api_key=API_KEY, base_url=base_url, max_retries=0, **options) as client:  # type: ignore[arg-type]
        return len(client.runs.list(limit=1).runs)


async def _list_async(base_url: str, **options: object) -> int:
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=base_url, max_retries=0, **options) as client:  # type: ignore[arg-type]
        return len((await client.runs.list(limit=1)).runs)


def _api_requests(proxy: ForwardProxy) -> list[Seen]:
    return [seen for seen in proxy.seen if "/runs" in seen.target]


def _key_only_in_authorization(seen: Seen) -> None:
    assert API_KEY not in seen.target
    for name, value in seen.headers:
        if name.lower() != "authorization":
            assert API_KEY not in value, name


@pytest.mark.parametrize("variable", ["HTTP_PROXY", "ALL_PROXY", "http_proxy"])
def test_the_proxy_variables_send_plain_http_through_the_proxy(
    variable: str, local_server: str, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    _list_sync(local_server)
    [seen] = _api_requests(proxy)
    assert seen.method == "GET"
    assert seen.target.startswith(f"{local_server}/"), "an http proxy gets the absolute URL"
    # The proxy of a plain-http request sees its Authorization header (it sends it on), and the key nowhere else.
    assert dict(seen.headers)["Authorization"] == f"Bearer {API_KEY}"
    _key_only_in_authorization(seen)


@pytest.mark.asyncio
async def test_the_async_client_reads_the_proxy_variables(
    local_server: str, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    await _list_async(local_server)
    [seen] = _api_requests(proxy)
    assert seen.target.startswith(f"{local_server}/")
    _key_only_in_authorization(seen)


@pytest.mark.parametrize("excluded", ["127.0.0.1", "*"])
def test_no_proxy_sends_straight_to_the_server(
    excluded: str, local_server: str, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", excluded)
    _list_sync(local_server)
    assert proxy.seen == []


def test_an_explicit_proxy_beats_the_variables(
    local_server: str, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # the discard port: nothing listens
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # httpx too ignores NO_PROXY for an explicit proxy
    _list_sync(local_server, proxy=proxy.url)
    assert len(_api_requests(proxy)) == 1


@pytest.mark.asyncio
async def test_an_explicit_proxy_on_the_async_client(local_server: str, proxy: ForwardProxy) -> None:
    await _list_async(local_server, proxy=proxy.url)
    assert len(_api_requests(proxy)) == 1


def test_a_proxy_that_is_down_is_a_connection_error_within_the_timeout(
    local_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    with pytest.raises(APIConnectionError):
        _list_sync(local_server, timeout=5)


def test_https_goes_through_the_https_proxy_in_a_tunnel_trusting_ssl_cert_file(
    https_server: str, certificate: tuple[Path, Path], proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    _list_sync(https_server)
    [seen] = proxy.seen
    assert (seen.method, seen.target) == ("CONNECT", https_server.removeprefix("https://"))
    assert API_KEY not in seen.text(), "a tunnel's proxy sees no header of the request inside it"


@pytest.mark.asyncio
async def test_the_async_client_tunnels_through_https_proxy(
    https_server: str, certificate: tuple[Path, Path], proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    await _list_async(https_server)
    assert [seen.method for seen in proxy.seen] == ["CONNECT"]


def test_without_ssl_cert_file_the_test_certificate_is_refused(https_server: str) -> None:
    # What makes the test above mean something: the certificate is trusted only through SSL_CERT_FILE.
    with pytest.raises(APIConnectionError):
        _list_sync(https_server)


def test_a_proxy_with_an_unknown_scheme_is_refused_without_its_password() -> None:
    with pytest.raises(InvalidArgumentError, match="proxy") as caught:
        EigenpalClient(api_key=API_KEY, proxy="ftp://user:s3cr3tpass@proxy.example")
    assert "s3cr3tpass" not in str(caught.value)


def test_a_proxy_and_an_http_client_of_ones_own_do_not_mix() -> None:
    import httpx

    with httpx.Client() as http, pytest.raises(InvalidArgumentError, match="proxy"):
        EigenpalClient(api_key=API_KEY, proxy="http://127.0.0.1:9", http_client=http)
