"""A forward proxy and a TLS front for the proxy tests, on loopback, in threads.

:class:`ForwardProxy` is what a corporate proxy does for a client: a plain-http request in absolute form
(``GET http://host/path``) is sent on to its server and the answer handed back; a ``CONNECT host:port`` opens a
tunnel (https). It records the request line and headers of each request it sees.

:class:`TlsFront` serves TLS on a port of its own, with a certificate made for the test by ``openssl``, and passes
the decrypted bytes to a plain-http server: the local server, reached over https.
"""

from __future__ import annotations

import contextlib
import http.client
import shutil
import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
import pytest

_HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-connection", "proxy-authorization", "te", "upgrade"})


@attrs.frozen
class Seen:
    """One request the proxy received: its method, its target as sent (absolute form, or ``host:port`` for
    ``CONNECT``) and its headers."""

    method: str
    target: str
    headers: list[tuple[str, str]]

    def text(self) -> str:
        """All of it as text, to search for a secret."""
        return "\n".join([f"{self.method} {self.target}", *(f"{name}: {value}" for name, value in self.headers)])


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):  # the other direction shut it down already
                sock.shutdown(socket.SHUT_RDWR)


def _tunnel(one: socket.socket, other: socket.socket) -> None:
    """Pass bytes both ways until either side closes; returns when both directions are done."""
    back = threading.Thread(target=_pump, args=(other, one), daemon=True)
    back.start()
    _pump(one, other)
    back.join(10)


class _Handler(BaseHTTPRequestHandler):
    server: _ProxyServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the test reads `seen`
        pass

    def _record(self) -> None:
        self.server.seen.append(Seen(self.command, self.path, list(self.headers.items())))

    def do_CONNECT(self) -> None:
        self._record()
        host, _, port = self.path.rpartition(":")
        upstream = socket.create_connection((host, int(port)), timeout=10)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        _tunnel(self.connection, upstream)
        upstream.close()

    def _forward(self) -> None:
        self._record()
        url = urlsplit(self.path)
        if not url.scheme or not url.hostname:
            self.send_error(400, "a proxy takes absolute-form targets")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {name: value for name, value in self.headers.items() if name.lower() not in _HOP_BY_HOP}
        upstream = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
        try:
            path = url.path + (f"?{url.query}" if url.query else "")
            upstream.request(self.command, path, body=body, headers=headers)
            answer = upstream.getresponse()
            content = answer.read()
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_BY_HOP | {"transfer-encoding", "content-length"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
        finally:
            upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    seen: list[Seen]


class ForwardProxy:
    """An http forward proxy on 127.0.0.1 (CONNECT included); ``url`` to give a client, ``seen`` what it received."""

    def __init__(self) -> None:
        self._server = _ProxyServer(("127.0.0.1", 0), _Handler)
        self._server.seen = []
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def seen(self) -> list[Seen]:
        return self._server.seen

    def __enter__(self) -> ForwardProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)


def self_signed(folder: Path) -> tuple[Path, Path] | None:
    """A certificate for ``127.0.0.1`` and ``localhost`` and its key, made by ``openssl``; None without it."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603 (openssl from PATH, arguments of the test's own)
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


class TlsFront:
    """TLS on 127.0.0.1 (``url``), each connection passed decrypted to the plain-http server at ``backend``."""

    def __init__(self, backend: str, cert: Path, key: Path) -> None:
        target = urlsplit(backend)
        self._backend = (target.hostname or "127.0.0.1", target.port or 80)
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self._listener.getsockname()[1]}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                plain, _ = self._listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._relay, args=(plain,), daemon=True).start()

    def _relay(self, plain: socket.socket) -> None:
        plain.settimeout(30)
        try:
            secure = self._context.wrap_socket(plain, server_side=True)
        except (ssl.SSLError, OSError):  # a client that does not trust the certificate hangs up here
            plain.close()
            return
        upstream = socket.create_connection(self._backend, timeout=30)
        _tunnel(secure, upstream)
        secure.close()
        upstream.close()

    def __enter__(self) -> TlsFront:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join(10)
        self._listener.close()


def clear_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take every proxy and certificate variable out of the test's environment (the machine's own must not count)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
