"""A cassette holds no form of the key the recording sent, however the server sent it back and however it packed
its answer.

Recorded with vcrpy and the kit's settings (:func:`eigenpal_ext.testing._cassettes.configure_vcr`) through a
scripted server that echoes the key, as is, JSON-escaped (``\\/`` and ``\\uXXXX``) and percent-encoded, in its body
and headers, and packs the body as vcrpy cannot undo (``gzip, gzip``, ``GZIP``, ``zstd``). The key is one the
application read from a setting of its own: neither ``EIGENPAL_API_KEY`` nor a key the kit was told about; only
the request's ``Authorization`` header carries it. Then the cassette file's text is searched for every form.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Final
from urllib.parse import quote

import httpx
import pytest
import vcr
import yaml
from hostile.server import DEFAULT_RUN_ID, HostileServer, RecordedRequest, Scripted, run_json

from eigenpal_ext import EigenpalClient, EigenpalError
from eigenpal_ext.testing import _cassettes
from eigenpal_ext.testing._cassettes import configure_vcr
from eigenpal_ext.testing._encodings import UndecodableAnswer

APP_KEY: Final = "sk_live_app_setting/0123456789+abcdef"
"""The application's own key (from its settings, not ``EIGENPAL_API_KEY``)."""
FORMS: Final = (
    APP_KEY,
    APP_KEY.replace("/", "\\/"),
    "".join(f"\\u{ord(char):04x}" for char in APP_KEY),
    quote(APP_KEY, safe=""),
    quote(APP_KEY, safe="").lower(),
    base64.b64encode(APP_KEY.encode()).decode(),
)


def _echo_body() -> bytes:
    # Written by hand: the escaped forms must be stored as the server sent them, not as json.dumps would.
    forms = ", ".join(f'"{form}"' for form in FORMS[:4])
    run = run_json(error=f"echo {APP_KEY}")
    run["status"] = "completed"
    text = json.dumps(run)[:-1] + f', "echoes": [{forms}]}}'
    return text.encode()


def _gzip_twice(body: bytes) -> bytes:
    return gzip.compress(gzip.compress(body))


ENCODINGS: Final[dict[str, tuple[str, Callable[[bytes], bytes]]]] = {
    "gzip, gzip": ("gzip, gzip", _gzip_twice),
    "GZIP": ("GZIP", gzip.compress),
    "Deflate, x-gzip": ("Deflate, x-gzip", lambda body: gzip.compress(zlib.compress(body))),
    "identity": ("identity", lambda body: body),
}


@pytest.fixture(autouse=True)
def _no_key_known_beforehand(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with the kit knowing no key: it must learn the application's from the request itself."""
    monkeypatch.setattr(_cassettes, "_KNOWN", set())


@pytest.fixture
def scripted() -> Iterator[Callable[[Callable[[RecordedRequest, int], Scripted]], HostileServer]]:
    started: list[HostileServer] = []

    def start(script: Callable[[RecordedRequest, int], Scripted]) -> HostileServer:
        server = HostileServer("scripted", script=script).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def _echoing(coding: str, encode: Callable[[bytes], bytes]) -> Callable[[RecordedRequest, int], Scripted]:
    def script(_request: RecordedRequest, _number: int) -> Scripted:
        headers = {
            "Content-Type": "application/json",
            "Content-Encoding": coding,
            "X-Echo": quote(APP_KEY, safe=""),
            "Link": f'</v1/runs?token={APP_KEY.replace("/", "%2f")}>; rel="next"',
        }
        return Scripted(200, headers, encode(_echo_body()))

    return script


def _recorder() -> vcr.VCR:
    recorder = vcr.VCR(record_mode="all")
    configure_vcr(recorder)
    return recorder


def _assert_no_key(cassette: Path) -> None:
    text = cassette.read_text(encoding="utf-8")
    for form in FORMS:
        assert form not in text, f"the cassette holds the key as {form!r}"
    assert "sk_live_app_setting" not in text


def _record_with_httpx(server: HostileServer, cassette: Path) -> None:
    with (
        _recorder().use_cassette(str(cassette)),
        httpx.Client(headers={"Authorization": f"Bearer {APP_KEY}"}) as http,
        # Streamed and left unread: httpx itself would refuse some of these encodings, after the recording.
        http.stream("GET", f"{server.base_url}/v1/runs/{DEFAULT_RUN_ID}"),
    ):
        pass


def _recorded_body(cassette: Path) -> str:
    interactions = yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]
    body: str = interactions[0]["response"]["body"]["string"]
    return body


@pytest.mark.parametrize("name", ENCODINGS)
def test_an_echoed_key_leaves_no_trace_in_a_cassette_however_the_answer_was_packed(
    scripted: Callable[..., HostileServer], tmp_path: Path, name: str
) -> None:
    coding, encode = ENCODINGS[name]
    server = scripted(_echoing(coding, encode))
    cassette = tmp_path / "echo.yaml"
    _record_with_httpx(server, cassette)

    _assert_no_key(cassette)
    assert "content-encoding" not in cassette.read_text(encoding="utf-8").lower()  # stored decoded
    body = json.loads(_recorded_body(cassette))  # readable text, scrubbed in place, still JSON
    assert body["error"] == "echo <redacted>"
    assert body["echoes"] == ["<redacted>"] * 4


def test_a_zstd_answer_is_stored_decoded_and_scrubbed(scripted: Callable[..., HostileServer], tmp_path: Path) -> None:
    zstandard = pytest.importorskip("zstandard", reason="zstandard is not installed: no zstd answer can be made")
    server = scripted(_echoing("zstd", zstandard.ZstdCompressor().compress))
    cassette = tmp_path / "zstd.yaml"
    _record_with_httpx(server, cassette)
    _assert_no_key(cassette)
    assert json.loads(_recorded_body(cassette))["error"] == "echo <redacted>"


def test_an_answer_that_cannot_be_decoded_is_not_recorded(
    scripted: Callable[..., HostileServer], tmp_path: Path
) -> None:
    server = scripted(_echoing("compress", lambda body: body))
    cassette = tmp_path / "unknown.yaml"
    with pytest.raises(UndecodableAnswer, match="compress"):
        _record_with_httpx(server, cassette)
    assert not cassette.exists() or APP_KEY not in cassette.read_text(encoding="utf-8")


def test_the_client_recording_with_its_own_setting_leaves_no_key(
    scripted: Callable[..., HostileServer], tmp_path: Path
) -> None:
    """The whole path a user takes: an EigenpalClient made with the application's key records a GZIP answer and a
    refusal that echo it."""

    def script(request: RecordedRequest, number: int) -> Scripted:
        if number == 1:
            return _echoing("GZIP", gzip.compress)(request, number)
        body = f'{{"issues": [{{"message": "bad key {APP_KEY.replace("/", chr(92) + "/")}", "code": "x"}}]}}'
        return Scripted(401, {"Content-Type": "application/json", "WWW-Authenticate": f"Bearer {APP_KEY}"},
                        body.encode())  # fmt: skip

    server = scripted(script)
    cassette = tmp_path / "client.yaml"
    with (
        _recorder().use_cassette(str(cassette)),
        EigenpalClient(api_key=APP_KEY, base_url=server.base_url, timeout=2, max_retries=0) as client,
    ):
        # Whether a client takes a GZIP answer is its own business; the cassette is the point here.
        with contextlib.suppress(EigenpalError):
            client.runs.get(DEFAULT_RUN_ID)
        with pytest.raises(EigenpalError):
            client.runs.get(DEFAULT_RUN_ID)
    _assert_no_key(cassette)
    assert "<redacted>" in cassette.read_text(encoding="utf-8")
