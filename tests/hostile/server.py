"""A hostile HTTP server for deadline tests: raw sockets on 127.0.0.1, one behaviour per server, in a thread.

It speaks just enough HTTP/1.1 to be believed (request line, headers, ``Content-Length`` or chunked request
bodies, keep-alive) and then misbehaves in the way its ``mode`` says::

    with HostileServer("trickle_body") as server:
        client = EigenpalClient(api_key="sk_test_hostile", base_url=server.base_url)
        ...
        assert all(request.received_at < deadline for request in server.requests)

Modes (:data:`MODES`):

``silent``
    Accepts, reads the request, never answers (until stopped or the client hangs up).
``trickle_headers``
    A valid status line (``200`` for a read) and headers, one byte every ``byte_interval`` seconds, forever: the
    last header is an endless ``X-Trickle`` value, so the head never ends.
``trickle_body``
    Complete headers at once (``Content-Length`` of a valid JSON answer), then the body one byte per interval.
``retry_after_huge``
    ``503`` with ``Retry-After: 1000000000`` and the API's error envelope.
``rate_limited_30``
    ``429`` with ``Retry-After: 30`` and the error envelope.
``huge_body`` / ``huge_body_chunked``
    A JSON answer (``200`` for a read) of exactly :data:`HUGE_BODY_BYTES` bytes, with ``Content-Length`` /
    chunked. The usual answer gets a giant string in an unknown top-level field (``padding``), streamed from a
    generator.
``wrong_types``
    A valid answer except for the fields in ``wrong`` (dotted paths to values), replaced wherever an answer has them
    (a run, a list item, a start's ``RunAccepted``, a cancel's answer, a list page). By default (:data:`WRONG_TYPES`)
    fields the client reads: runs say ``"finished": "yes"`` and ``"execution": {"status": 5, ...}``.
``null_output_running``
    Every run is ``running`` (``finished: false``) with ``"output": null``, answered at once, forever.
``null_output_then_completed``
    Like ``null_output_running`` for the first ``running_answers`` requests (2), then the run is ``completed``.
``scripted``
    Each request is answered by ``script(request, number)`` (``number`` counts from 1): a :class:`Scripted` answer
    with a status, headers and a body given whole or in pieces, sent as written (no header is added but
    ``X-Request-Id`` and, for a body given whole, ``Content-Length`` unless the script set one or
    ``Transfer-Encoding``). What each attack needs (a ``Retry-After: 0``, a gzip bomb, a redirect, an echoed key,
    another run's id) is a few lines of script in the test that uses it.

Every path is answered in the same mode. What a well-behaved server would have said is picked from the path, in
the shapes of the published Eigenpal document (``openapi/upstream/``: R1 plus the R3 overlay):
``GET /v1/runs`` (a list; ``?ids=a,b`` gives those items) answers ``{"runs": [...], "nextCursor": null}``;
``POST /v1/runs`` (a start) and ``POST /v1/runs/{id}/rerun`` answer as the API does: ``201`` and a ``RunAccepted``
without a hold (``wait_for_completion`` absent or 0), ``200`` and the ``Run`` when a held start ended, ``202`` and a
``RunAccepted`` when the hold ran out (the server never really holds: it answers at once);
``POST /v1/runs/{id}/cancel`` answers a ``RunCancelResponse``; anything else answers the run in its path.

Bounded by construction: a server stops by itself after ``max_seconds`` and accepts at most ``max_connections``;
every socket operation has a short timeout and every loop checks the stop flag, so :meth:`HostileServer.stop`
closes every socket and joins every thread within a second or so (and raises if one is left).

Stdlib only: it never imports the client it is testing.
"""

from __future__ import annotations

import copy
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType
from typing import Any, Final, Literal, Self, get_args
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "DEFAULT_RUN_ID",
    "ERROR_ENVELOPE",
    "HUGE_BODY_BYTES",
    "MODES",
    "WRONG_TYPES",
    "HostileServer",
    "Mode",
    "RecordedRequest",
    "Script",
    "Scripted",
    "accepted_json",
    "cancel_json",
    "huge_body_pieces",
    "normal_answer",
    "run_json",
]

Mode = Literal[
    "silent",
    "trickle_headers",
    "trickle_body",
    "retry_after_huge",
    "rate_limited_30",
    "huge_body",
    "huge_body_chunked",
    "wrong_types",
    "null_output_running",
    "null_output_then_completed",
    "scripted",
]
MODES: Final[tuple[Mode, ...]] = get_args(Mode)

HUGE_BODY_BYTES: Final = 150_000_000
"""The size of a ``huge_body`` answer, in bytes (after de-chunking)."""

DEFAULT_RUN_ID: Final = "run_1"
"""The id of the run a start creates (reads answer for the id in their path)."""

ERROR_ENVELOPE: Final[dict[str, Any]] = {
    "issues": [{"field": "<root>", "message": "down", "code": "unavailable", "severity": "error"}],
    "requestId": "req_1",
}
"""The error body of ``retry_after_huge`` (``rate_limited_30`` says ``slow down`` / ``rate_limited``)."""

WRONG_TYPES: Final[Mapping[str, Any]] = {"finished": "yes", "execution.status": 5}
"""What ``wrong_types`` puts where, by default: values of the wrong type in fields the client reads."""

_TICK: Final = 0.05
"""How long any socket operation or wait blocks before the stop flag is looked at again."""
_MAX_HEAD_BYTES: Final = 64 * 1024
_MAX_BODY_BYTES: Final = 16 * 1024 * 1024
_MAX_REQUESTS_PER_CONNECTION: Final = 1_000
_PIECE_BYTES: Final = 1 << 20
_JOIN_SECONDS: Final = 5.0


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server read, recorded before it was answered (or not).

    Attributes:
        method: ``GET``, ``POST`` ...
        path: The path, percent-decoded, without the query.
        query: The query parameters (the last value of a repeated key wins).
        headers: The headers, names lower-cased.
        body: The request body.
        received_at: ``time.monotonic()`` when the request head had been read.
    """

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    received_at: float


@dataclass(frozen=True)
class Scripted:
    """What a ``scripted`` server answers to one request.

    Attributes:
        status: The status code (any three digits, known to ``HTTPStatus`` or not).
        headers: The headers, sent in this order and spelling.
        body: The body, whole, or as pieces sent one after another (then no ``Content-Length`` is added: set one, or
            ``Transfer-Encoding: chunked`` and frame the pieces yourself, or let the connection close end it).
        close: Close the connection after this answer.
    """

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes | Iterator[bytes] = b""
    close: bool = False


Script = Callable[[RecordedRequest, int], Scripted]
"""A ``scripted`` server's answers: from the request and its number (from 1), what to send."""


class _Stop(Exception):
    """The server is stopping, or the client went away: end this connection."""


_FINISHED: Final = frozenset({"completed", "failed", "cancelled", "rejected"})


def run_json(run_id: str = DEFAULT_RUN_ID, status: str = "completed", **extra: Any) -> dict[str, Any]:
    """A valid run as the API sends it (the shape of ``tests/unit/clientkit.py``'s ``run_json``)."""
    finished = status in _FINISHED
    body: dict[str, Any] = {
        "id": run_id,
        "type": "workflow",
        "finished": finished,
        "sampleRank": 0.5,
        "tags": ["hostile"],
        "timing": {
            "createdAt": "2026-11-21T05:00:00Z",
            "startedAt": "2026-11-21T05:00:01Z",
            "completedAt": "2026-11-21T05:00:05Z" if finished else None,
            "durationMs": 4000 if finished else None,
            "cancelRequestedAt": None,
        },
        "source": {"id": "wf_1", "name": "Extract invoice", "version": None, "slug": "extract-invoice"},
        "trigger": {"type": "api", "by": {"id": "user_1", "name": None, "email": "dev@example.com"}},
        "execution": {
            "status": status,
            "schemaValid": None,
            "batchId": None,
            "retry": {"number": 0, "previousRunId": None, "nextRun": None},
        },
    }
    if status == "completed":
        body["output"] = {"invoiceNumber": "INV-1", "totalAmount": 12.5}
        body["files"] = []
    elif finished:
        body["error"] = "it broke"
    body.update(extra)
    return body


def _list_item(run: dict[str, Any]) -> dict[str, Any]:
    """A list item: list items never carry output or files."""
    return {key: value for key, value in run.items() if key not in ("output", "files")}


def accepted_json(run: dict[str, Any]) -> dict[str, Any]:
    """The ``RunAccepted`` of a start that did not wait for ``run`` to end (``finished`` is always false)."""
    return {"id": run["id"], "type": run["type"], "finished": False, "source": run["source"]}


def cancel_json(run: dict[str, Any]) -> dict[str, Any]:
    """The ``RunCancelResponse`` of a cancel of ``run``: asked for when it is still going, a no-op once it ended."""
    status = run["execution"]["status"]
    ended = status in _FINISHED
    return {
        "id": run["id"],
        "type": run["type"],
        "finished": ended,
        "execution": {"status": status},
        "cancellation": {"state": "already_terminal" if ended else "requested", "wasStatus": status},
    }


def _with_wrong(body: dict[str, Any], wrong: Mapping[str, Any]) -> dict[str, Any]:
    """``body`` with each field at a dotted path of ``wrong`` replaced by its value, when the body has that field."""
    for path, value in wrong.items():
        *parents, last = path.split(".")
        node: Any = body
        for key in parents:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict) and last in node:
            node[last] = copy.deepcopy(value)
    return body


def _route(method: str, path: str) -> tuple[str, str]:
    """What kind of answer a request expects (``list``, ``start``, ``cancel``, ``run``) and the run id in its path."""
    parts = [part for part in path.split("/") if part]
    if parts[:2] == ["v1", "runs"]:
        if len(parts) == 2:
            return ("start" if method == "POST" else "list"), DEFAULT_RUN_ID
        if len(parts) == 4 and method == "POST" and parts[3] == "rerun":
            return "start", DEFAULT_RUN_ID
        if len(parts) == 4 and method == "POST" and parts[3] == "cancel":
            return "cancel", parts[2]
        return "run", parts[2]
    return "run", DEFAULT_RUN_ID


def _held(query: dict[str, str]) -> bool:
    """Whether a start asked to be held until its run ends (a ``wait_for_completion`` above 0)."""
    try:
        return float(query.get("wait_for_completion") or 0) > 0
    except ValueError:
        return False


def normal_answer(
    method: str,
    path: str,
    query: dict[str, str],
    *,
    status: str = "completed",
    wrong: Mapping[str, Any] | None = None,
) -> tuple[int, dict[str, Any]]:
    """The status code and JSON a well-behaved server would send, with runs in ``status``.

    With ``wrong`` (``wrong_types``), each field at one of its dotted paths is replaced by its value wherever the
    answer has it: every run, list item, ``RunAccepted`` and cancel answer, and the list page itself.
    """
    kind, run_id = _route(method, path)
    spoil = wrong or {}

    def one(run_id: str) -> dict[str, Any]:
        run = run_json(run_id, status)
        if status != "completed":
            run["output"] = None
        return run

    if kind == "list":
        ids = [run_id for run_id in query.get("ids", "").split(",") if run_id] or [DEFAULT_RUN_ID]
        page = {"runs": [_with_wrong(_list_item(one(run_id)), spoil) for run_id in ids], "nextCursor": None}
        return 200, _with_wrong(page, spoil)
    run = one(run_id)
    if kind == "cancel":
        return 200, _with_wrong(cancel_json(run), spoil)
    if kind == "start" and not _held(query):
        return 201, _with_wrong(accepted_json(run), spoil)
    if kind == "start" and not run["finished"]:
        return 202, _with_wrong(accepted_json(run), spoil)  # the hold ran out before the run ended
    return 200, _with_wrong(run, spoil)


def huge_body_pieces(normal: bytes, total: int = HUGE_BODY_BYTES) -> Iterator[bytes]:
    """``normal`` (a JSON object) with a ``padding`` string in front that makes it ``total`` bytes long, in pieces."""
    if not (normal.startswith(b"{") and len(normal) > 2):
        raise ValueError("the answer to pad must be a non-empty JSON object")
    prefix = b'{"padding":"'
    suffix = b'",' + normal[1:]
    left = total - len(prefix) - len(suffix)
    if left < 0:
        raise ValueError(f"{total} bytes is too small to hold the answer")
    yield prefix
    piece = b"a" * _PIECE_BYTES
    while left > 0:
        size = min(left, _PIECE_BYTES)
        yield piece if size == _PIECE_BYTES else piece[:size]
        left -= size
    yield suffix


@dataclass
class _Counter:
    value: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next(self) -> int:
        with self.lock:
            self.value += 1
            return self.value


class HostileServer:
    """A misbehaving HTTP server on ``127.0.0.1`` (see the module docstring for the modes).

    Args:
        mode: How to misbehave.
        byte_interval: The pause between two bytes of the trickle modes, in seconds.
        running_answers: How many running answers ``null_output_then_completed`` gives before the completed one.
        wrong: What ``wrong_types`` puts where (dotted paths to values); :data:`WRONG_TYPES` by default.
        huge_bytes: The size of a ``huge_body`` answer.
        max_seconds: The server stops by itself after this long.
        max_connections: Connections accepted after this many are closed at once.
        script: How a ``scripted`` server answers (required in that mode, refused in the others).

    Attributes:
        base_url: ``http://127.0.0.1:<port>``, valid once started.
    """

    def __init__(
        self,
        mode: Mode,
        *,
        byte_interval: float = 0.2,
        running_answers: int = 2,
        wrong: Mapping[str, Any] | None = None,
        huge_bytes: int = HUGE_BODY_BYTES,
        max_seconds: float = 60.0,
        max_connections: int = 256,
        script: Script | None = None,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
        if (mode == "scripted") != (script is not None):
            raise ValueError("a script is given with mode='scripted', and only then")
        self.script = script
        self.mode: Mode = mode
        self.byte_interval = byte_interval
        self.running_answers = running_answers
        self.wrong: Mapping[str, Any] = WRONG_TYPES if wrong is None else dict(wrong)
        self.huge_bytes = huge_bytes
        self.max_seconds = max_seconds
        self.max_connections = max_connections
        self.base_url = ""
        self._halt = threading.Event()
        self._ends_at = 0.0
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._threads: list[threading.Thread] = []
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._request_ids = _Counter()
        self._run_answers = _Counter()
        self._connections = 0

    # --- lifecycle ---------------------------------------------------------------------------------------------

    def start(self) -> Self:
        """Listen on a free port of 127.0.0.1 and serve in background threads."""
        if self._listener is not None:
            raise RuntimeError("already started")
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        listener.settimeout(_TICK)
        self._listener = listener
        self._ends_at = time.monotonic() + self.max_seconds
        self.base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        self._acceptor = threading.Thread(target=self._accept_loop, name=f"hostile-{self.mode}-accept", daemon=True)
        self._acceptor.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every socket and join every thread (safe to repeat).

        Raises:
            RuntimeError: A thread of the server did not end in time.
        """
        self._halt.set()
        if self._acceptor is not None:
            self._acceptor.join(_JOIN_SECONDS)
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            threads = [self._acceptor, *self._threads] if self._acceptor is not None else list(self._threads)
        for thread in threads:
            thread.join(_JOIN_SECONDS)
        alive = [thread.name for thread in threads if thread.is_alive()]
        if alive:
            raise RuntimeError(f"hostile server threads still running after stop: {alive}")

    @property
    def stopped(self) -> bool:
        """Whether the server has stopped (asked to, or out of time)."""
        return self._halt.is_set() or time.monotonic() >= self._ends_at

    def threads_alive(self) -> list[str]:
        """The names of the server's threads that still run."""
        with self._lock:
            threads = [self._acceptor, *self._threads] if self._acceptor is not None else list(self._threads)
        return [thread.name for thread in threads if thread.is_alive()]

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    # --- what was asked ----------------------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests read so far, in order of arrival."""
        with self._lock:
            return list(self._requests)

    @property
    def connections(self) -> int:
        """How many connections were accepted."""
        with self._lock:
            return self._connections

    # --- serving -----------------------------------------------------------------------------------------------

    def _time_left(self) -> float:
        return self._ends_at - time.monotonic()

    def _pause(self, seconds: float) -> None:
        """Sleep ``seconds``, or less if the server stops meanwhile; raise :class:`_Stop` when it has."""
        self._halt.wait(max(0.0, min(seconds, self._time_left())))
        if self.stopped:
            raise _Stop

    def _accept_loop(self) -> None:
        listener = self._listener
        assert listener is not None
        # Once out of time, refuse connections outright instead of leaving them in the kernel's backlog unanswered.
        with listener:
            self._accept(listener)

    def _accept(self, listener: socket.socket) -> None:
        while not self.stopped:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._connections += 1
                number = self._connections
            if number > self.max_connections:
                conn.close()
                continue
            conn.settimeout(_TICK)
            thread = threading.Thread(
                target=self._serve, args=(conn,), name=f"hostile-{self.mode}-conn-{number}", daemon=True
            )
            with self._lock:
                self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        buffer = bytearray()
        with conn:
            try:
                for _ in range(_MAX_REQUESTS_PER_CONNECTION):
                    request = self._read_request(conn, buffer)
                    with self._lock:
                        self._requests.append(request)
                    self._answer(conn, request)
            except (_Stop, OSError):
                return

    def _recv(self, conn: socket.socket) -> bytes:
        """Some bytes from the client; :class:`_Stop` when it hung up or the server stops."""
        while not self.stopped:
            try:
                data = conn.recv(65536)
            except TimeoutError:
                continue
            if not data:
                raise _Stop
            return data
        raise _Stop

    def _send(self, conn: socket.socket, data: bytes) -> None:
        """All of ``data``; :class:`_Stop` when the server stops first (``OSError`` when the client hung up)."""
        view = memoryview(data)
        while view:
            if self.stopped:
                raise _Stop
            try:
                sent = conn.send(view)
            except TimeoutError:
                continue
            view = view[sent:]

    def _read_request(self, conn: socket.socket, buffer: bytearray) -> RecordedRequest:
        while b"\r\n\r\n" not in buffer:
            if len(buffer) > _MAX_HEAD_BYTES:
                raise _Stop
            buffer += self._recv(conn)
        end = buffer.index(b"\r\n\r\n")
        head = bytes(buffer[:end]).decode("latin-1")
        del buffer[: end + 4]
        received_at = time.monotonic()
        request_line, *header_lines = head.split("\r\n")
        method, target, _version = request_line.split(" ", 2)
        headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked(conn, buffer)
        else:
            body = self._read_exactly(conn, buffer, int(headers.get("content-length", "0") or 0))
        url = urlsplit(target)
        return RecordedRequest(
            method=method.upper(),
            path=unquote(url.path),
            query=dict(parse_qsl(url.query, keep_blank_values=True)),
            headers=headers,
            body=body,
            received_at=received_at,
        )

    def _read_exactly(self, conn: socket.socket, buffer: bytearray, size: int) -> bytes:
        if size > _MAX_BODY_BYTES:
            raise _Stop
        while len(buffer) < size:
            buffer += self._recv(conn)
        body = bytes(buffer[:size])
        del buffer[:size]
        return body

    def _read_chunked(self, conn: socket.socket, buffer: bytearray) -> bytes:
        body = bytearray()
        while True:
            while b"\r\n" not in buffer:
                buffer += self._recv(conn)
            line_end = buffer.index(b"\r\n")
            size = int(bytes(buffer[:line_end]).split(b";")[0], 16)
            del buffer[: line_end + 2]
            if size == 0:
                self._read_exactly(conn, buffer, 2)  # the blank line after the last chunk (no trailers sent)
                return bytes(body)
            if len(body) + size > _MAX_BODY_BYTES:
                raise _Stop
            body += self._read_exactly(conn, buffer, size)
            self._read_exactly(conn, buffer, 2)

    # --- answers -----------------------------------------------------------------------------------------------

    def _head(self, status: int, reason: str, headers: dict[str, str]) -> bytes:
        lines = [
            f"HTTP/1.1 {status} {reason}",
            f"X-Request-Id: req_{self._request_ids.next()}",
            *(f"{name}: {value}" for name, value in headers.items()),
        ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _answer(self, conn: socket.socket, request: RecordedRequest) -> None:
        mode = self.mode
        if mode == "scripted":
            assert self.script is not None
            self._answer_scripted(conn, self.script(request, self._run_answers.next()))
            return
        if mode == "silent":
            while True:  # ends when the client hangs up (_Stop) or the server stops
                self._recv(conn)
        if mode in ("retry_after_huge", "rate_limited_30"):
            self._answer_error(conn, mode)
            return
        status = "completed"
        if mode == "null_output_running" or (
            mode == "null_output_then_completed" and self._run_answers.next() <= self.running_answers
        ):
            status = "running"
        code, answer = normal_answer(
            request.method,
            request.path,
            request.query,
            status=status,
            wrong=self.wrong if mode == "wrong_types" else None,
        )
        body = json.dumps(answer, separators=(",", ":")).encode()
        reason = HTTPStatus(code).phrase
        if mode == "trickle_headers":
            head = self._head(code, reason, {"Content-Type": "application/json", "Content-Length": str(len(body))})
            # The head never ends: after the real headers comes one endless header value.
            self._trickle(conn, itertools.chain(head[:-2], b"X-Trickle: ", itertools.repeat(ord("a"))))
        elif mode == "trickle_body":
            self._send(
                conn, self._head(code, reason, {"Content-Type": "application/json", "Content-Length": str(len(body))})
            )
            self._trickle(conn, iter(body))
        elif mode == "huge_body":
            self._send(
                conn,
                self._head(code, reason, {"Content-Type": "application/json", "Content-Length": str(self.huge_bytes)}),
            )
            for piece in huge_body_pieces(body, self.huge_bytes):
                self._send(conn, piece)
        elif mode == "huge_body_chunked":
            self._send(
                conn, self._head(code, reason, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
            )
            for piece in huge_body_pieces(body, self.huge_bytes):
                self._send(conn, b"%x\r\n" % len(piece) + piece + b"\r\n")
            self._send(conn, b"0\r\n\r\n")
        else:  # wrong_types, null_output_running, null_output_then_completed: a prompt, complete answer
            self._send(
                conn,
                self._head(code, reason, {"Content-Type": "application/json", "Content-Length": str(len(body))}) + body,
            )

    def _answer_scripted(self, conn: socket.socket, answer: Scripted) -> None:
        headers = dict(answer.headers)
        names = {name.lower() for name in headers}
        whole = isinstance(answer.body, bytes)
        if whole and "content-length" not in names and "transfer-encoding" not in names:
            headers["Content-Length"] = str(len(answer.body))  # type: ignore[arg-type]
        try:
            reason = HTTPStatus(answer.status).phrase
        except ValueError:
            reason = "Unknown"
        self._send(conn, self._head(answer.status, reason, headers))
        pieces = [answer.body] if isinstance(answer.body, bytes) else answer.body
        for piece in pieces:
            self._send(conn, piece)
        if answer.close:
            raise _Stop

    def _answer_error(self, conn: socket.socket, mode: Mode) -> None:
        if mode == "retry_after_huge":
            status, reason, retry_after, envelope = 503, "Service Unavailable", "1000000000", ERROR_ENVELOPE
        else:
            status, reason, retry_after = 429, "Too Many Requests", "30"
            envelope = {
                "issues": [{"field": "<root>", "message": "slow down", "code": "rate_limited", "severity": "error"}],
                "requestId": "req_1",
            }
        body = json.dumps(envelope).encode()
        headers = {"Content-Type": "application/json", "Content-Length": str(len(body)), "Retry-After": retry_after}
        self._send(conn, self._head(status, reason, headers) + body)

    def _trickle(self, conn: socket.socket, data: Iterator[int]) -> None:
        """Send ``data`` one byte per ``byte_interval``, until it runs out or the server stops."""
        for byte in data:
            self._send(conn, bytes((byte,)))
            self._pause(self.byte_interval)
