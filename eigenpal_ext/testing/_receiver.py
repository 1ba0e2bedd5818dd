"""An in-process webhook receiver for tests: what the ``eigenpal_webhooks`` fixture gives.

A small HTTP server on ``127.0.0.1`` (standard library only, a thread per request) that records every request it
gets, answers each as ``respond`` says (204 by default) and lets a test wait for the deliveries it expects. Point a
local server at it (``LocalServer(webhook_url=receiver.url, webhook_secret=...)``) or any code that posts webhooks.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self

__all__ = ["Delivery", "WebhookReceiver"]


@dataclass(frozen=True)
class Delivery:
    """One request the receiver got: ``headers`` with lower-case names, the raw ``body``, and ``json`` if it parses."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    json: Any = field(default=None)
    status: int = 204
    """What the receiver answered."""


Respond = Callable[[Delivery, int], int]
"""Given a delivery and its number (1 for the first request), the status code to answer."""


class WebhookReceiver:
    """Records webhook deliveries on ``127.0.0.1``; ``url``, ``deliveries``, ``wait_for``.

    ```python
    with WebhookReceiver() as receiver:
        ...  # something posts to receiver.url
        [created] = receiver.wait_for(lambda d: d.json["type"] == "run.created")
    ```
    """

    def __init__(self, respond: Respond | None = None) -> None:
        """Args:
        respond: Chooses each answer's status code (204 for every request when None).
        """
        self.respond = respond
        self.deliveries: list[Delivery] = []
        self._changed = threading.Condition()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT/webhooks`` of the running receiver."""
        if self._server is None:
            raise RuntimeError("the receiver is not running; call start() or use it in a with block")
        return f"http://127.0.0.1:{self._server.server_address[1]}/webhooks"

    def start(self) -> Self:
        """Starts listening on a free port."""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                receiver._record(self)

            do_PUT = do_PATCH = do_GET = do_DELETE = do_POST

            def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read `deliveries`
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="eigenpal-webhooks", daemon=True)
        self._thread.start()
        return self

    def _record(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        try:
            parsed: Any = json.loads(body)
        except ValueError:
            parsed = None
        headers = {name.lower(): value for name, value in handler.headers.items()}
        delivery = Delivery(handler.command, handler.path, headers, body, parsed)
        with self._changed:
            number = len(self.deliveries) + 1
        status = self.respond(delivery, number) if self.respond is not None else 204
        delivery = Delivery(handler.command, handler.path, headers, body, parsed, status)
        with self._changed:  # recorded before it is answered: what the sender saw answered is in the list
            self.deliveries.append(delivery)
            self._changed.notify_all()
        handler.send_response(status)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    def wait_for(self, predicate: Callable[[Delivery], bool], timeout: float = 5.0, count: int = 1) -> list[Delivery]:
        """Waits until at least ``count`` deliveries match ``predicate``; returns the matching ones, in arrival order.

        Raises:
            TimeoutError: Fewer matched within ``timeout`` seconds (the message says how many).
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                matched = [delivery for delivery in self.deliveries if predicate(delivery)]
                remaining = deadline - time.monotonic()
                if len(matched) >= count:
                    return matched
                if remaining <= 0:
                    raise TimeoutError(f"{len(matched)} of {count} expected webhook deliveries within {timeout} s")
                self._changed.wait(remaining)

    def stop(self) -> None:
        """Stops listening (the deliveries stay readable)."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
