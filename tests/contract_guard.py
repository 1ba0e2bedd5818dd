"""The contract guard: every request that reaches an in-process local server, and every answer it gives, is checked
against the OpenAPI document `openapi/eigenpal.yaml` (derived from the real API's).

`ContractGuard` is an ASGI middleware. The root `tests/conftest.py` puts it around the API app of every local server
the suite builds (through `eigenpal_local._app.APP_WRAPPERS`) and fails the test during whose run it collected a
violation. The checks are schemathesis' (a maintained OpenAPI 3.1 library, already the suite's conformance tool):
it finds the operation, runs its response checks, and its parameter and body validators (jsonschema-rs underneath)
judge the request. openapi-core was the first choice, but no release that reads OpenAPI 3.1 installs beside this
project's pinned openapi-spec-validator 0.9.0 (openapi-core 0.19 to 0.23 need < 0.9; the resolver falls back to
0.14.2, which predates 3.1).

What is a violation:
- An answer to an operation of the document whose status the operation does not document, whose content type it
  does not declare for that status, that lacks a documented header, or whose JSON body does not fit the schema
  (error answers included: their schema is the `ApiErrorEnvelope`).
- A request the document does not allow (an unknown operation or query parameter, a parameter or body out of its
  schema, a missing required one, a body of an undeclared media type) that the server answered 2xx or 3xx: a
  request the document forbids and the server accepted is a fidelity bug, or a client bug. The same request
  answered 4xx is what tests that check the server's refusals send on purpose, and is not flagged.
- An error answer to a route the document does not have whose body is not the `ApiErrorEnvelope`.

Not checked: routes outside `/v1` (`/healthz`), and the storage origin (a separate app the guard is never put
around). A request whose connection was dropped (an injected fault) has no answer to check.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote

import requests
import schemathesis
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import JsonSchemaError
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.utils import compile_path_template, parameter_types, sent_text_is_valid
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DOCUMENT = Path(__file__).resolve().parents[1] / "openapi" / "eigenpal.yaml"

_RESPONSE_CHECKS = [
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Bodies kept for checking; past these the rest passes through unchecked (the server refuses requests over 4.5 MiB,
# and a JSON answer this large would be a finding of its own).
_MAX_KEPT_REQUEST_BYTES = 8 * 1024 * 1024
_MAX_KEPT_RESPONSE_BYTES = 16 * 1024 * 1024
_ORIGIN = "http://local-server"


@dataclass(frozen=True)
class Violation:
    """One exchange that broke the document: the request, the answer's status and what was wrong."""

    method: str
    target: str
    status: int
    problems: tuple[str, ...]

    def __str__(self) -> str:
        lines = "\n".join(f"    - {problem}" for problem in self.problems)
        return f"{self.method} {self.target} -> {self.status}:\n{lines}"


class ViolationLog:
    """The violations collected since the last `drain`, from any server thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._violations: list[Violation] = []
        self.checked = 0
        """How many exchanges with an answer the guards writing here have checked (a guard that checks nothing
        would find nothing)."""

    def count(self) -> None:
        with self._lock:
            self.checked += 1

    def add(self, violation: Violation) -> None:
        with self._lock:
            self._violations.append(violation)

    def drain(self) -> list[Violation]:
        """The violations collected so far; the log is empty afterwards."""
        with self._lock:
            found, self._violations = self._violations, []
        return found


VIOLATIONS = ViolationLog()
"""Where every `ContractGuard` records what it finds (the root conftest drains it after each test)."""

# schemathesis' caches are not documented as thread-safe, and each local server checks on its own thread.
_CHECK_LOCK = threading.Lock()


@cache
def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


@cache
def _schema() -> Any:
    return schemathesis.openapi.from_dict(_document())


@cache
def _envelope_validator() -> Draft202012Validator:
    uri = "urn:eigenpal-ext:openapi"
    resource: Resource[Any] = Resource.from_contents(_document(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(uri, resource)
    return Draft202012Validator({"$ref": f"{uri}#/components/schemas/ApiErrorEnvelope"}, registry=registry)


@dataclass
class Exchange:
    """One request and its answer, as they crossed the ASGI boundary."""

    method: str
    raw_path: str
    query_string: str
    request_headers: dict[str, str]
    request_body: bytes
    request_complete: bool
    status: int
    response_headers: dict[str, list[str]]
    response_body: bytes
    response_complete: bool

    @property
    def target(self) -> str:
        return self.raw_path + (f"?{self.query_string}" if self.query_string else "")


class ContractGuard:
    """ASGI middleware that checks each exchange against the document and records violations in a `ViolationLog`."""

    def __init__(self, app: ASGIApp, log: ViolationLog = VIOLATIONS) -> None:
        self._app = app
        self._log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        request_chunks: list[bytes] = []
        request_size = 0
        request_done = False
        answer: dict[str, Any] = {"status": None, "headers": [], "chunks": [], "size": 0, "done": False}

        async def receive_and_keep() -> Message:
            nonlocal request_size, request_done
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                request_size += len(body)
                if request_size <= _MAX_KEPT_REQUEST_BYTES:
                    request_chunks.append(body)
                if not message.get("more_body", False):
                    request_done = True
            return message

        async def send_and_keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
                answer["headers"] = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                body = message.get("body", b"")
                answer["size"] += len(body)
                if answer["size"] <= _MAX_KEPT_RESPONSE_BYTES:
                    answer["chunks"].append(body)
                if not message.get("more_body", False):
                    answer["done"] = True
            await send(message)

        await self._app(scope, receive_and_keep, send_and_keep)
        if answer["status"] is None:  # the connection was dropped (an injected fault): nothing was answered
            return
        exchange = Exchange(
            method=scope["method"],
            raw_path=scope.get("raw_path", scope["path"].encode()).decode("latin-1"),
            query_string=scope.get("query_string", b"").decode("latin-1"),
            request_headers={
                name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope["headers"]
            },
            request_body=b"".join(request_chunks),
            request_complete=request_done and request_size <= _MAX_KEPT_REQUEST_BYTES,
            status=answer["status"],
            response_headers=_header_lists(answer["headers"]),
            response_body=b"".join(answer["chunks"]),
            response_complete=answer["done"] and answer["size"] <= _MAX_KEPT_RESPONSE_BYTES,
        )
        self._log.count()
        try:
            problems = await check_exchange(exchange)
        except Exception as exc:  # the answer has gone out; a guard that fails is reported, never the server's fault
            problems = [f"the contract guard failed on this exchange: {type(exc).__name__}: {exc}"]
        if problems:
            self._log.add(Violation(exchange.method, exchange.target, exchange.status, tuple(problems)))


def _header_lists(headers: Iterable[tuple[bytes, bytes]]) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {}
    for name, value in headers:
        lists.setdefault(name.decode("latin-1").lower(), []).append(value.decode("latin-1"))
    return lists


def _is_api(path: str) -> bool:
    return path == "/v1" or path.startswith("/v1/")


async def check_exchange(exchange: Exchange) -> list[str]:
    """What is wrong with this exchange by the document (empty when nothing is)."""
    if not _is_api(exchange.raw_path.split("?")[0]):
        return []
    form = None
    if 200 <= exchange.status < 400 and _media_type(exchange.request_headers) == "multipart/form-data":
        form = await _read_form(exchange)
    with _CHECK_LOCK:
        operation = _schema().find_operation_by_path(exchange.method, exchange.raw_path)
        if operation is None:
            return _unknown_operation_problems(exchange)
        problems = [f"answer: {problem}" for problem in _response_problems(operation, exchange)]
        if 200 <= exchange.status < 400:
            problems += [f"request accepted: {problem}" for problem in _request_problems(operation, exchange, form)]
    return problems


def _unknown_operation_problems(exchange: Exchange) -> list[str]:
    if exchange.status < 400:
        return [f"the document has no operation {exchange.method} {exchange.raw_path}, yet it was answered 2xx/3xx"]
    body = _json_body(exchange)
    if body is _NOT_JSON:
        return [f"an error answer to a route the document lacks is not the JSON error envelope: {_excerpt(exchange)}"]
    return [
        f"an error answer to a route the document lacks is not the error envelope: "
        f"{'/'.join(map(str, error.absolute_path)) or '<body>'}: {error.message}"
        for error in _envelope_validator().iter_errors(body)
    ]


_NOT_JSON = object()


def _json_body(exchange: Exchange) -> object:
    if "application/json" not in ";".join(exchange.response_headers.get("content-type", [])):
        return _NOT_JSON
    try:
        return json.loads(exchange.response_body)
    except ValueError:
        return _NOT_JSON


def _excerpt(exchange: Exchange) -> str:
    return repr(exchange.response_body[:200])


def _response_problems(operation: Any, exchange: Exchange) -> list[str]:
    if not exchange.response_complete:
        return []  # a body too large to keep (a large artifact): its status and headers are all there is to check
    request = requests.Request(exchange.method, _ORIGIN + exchange.target, headers=exchange.request_headers).prepare()
    response = schemathesis.Response(
        exchange.status, exchange.response_headers, exchange.response_body, request, 0.0, True
    )
    case = operation.Case(path_parameters=_path_values(operation, exchange) or {})
    try:
        case.validate_response(response, checks=_RESPONSE_CHECKS)
    except FailureGroup as group:
        return [_describe(failure) for failure in group.exceptions]
    except AssertionError as failure:
        return [_describe(failure)]
    return []


def _describe(failure: BaseException) -> str:
    if isinstance(failure, JsonSchemaError):
        where = "/".join(map(str, failure.instance_path)) or "<body>"
        return f"{failure.title}: at {where}: {failure.validation_message}"
    title = getattr(failure, "title", type(failure).__name__)
    message = " ".join(str(getattr(failure, "message", failure)).split())
    return f"{title}: {message[:300]}"


def _media_type(headers: Mapping[str, str]) -> str:
    return headers.get("content-type", "").split(";")[0].strip().lower()


async def _read_form(exchange: Exchange) -> dict[str, object] | None:
    """A multipart body as the document's schema sees it: text fields as strings, file parts as (binary) strings, a
    repeated part as a list."""
    if not exchange.request_complete:
        return None
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": exchange.request_body, "more_body": False}

    scope = {
        "type": "http",
        "method": exchange.method,
        "path": exchange.raw_path,
        "query_string": b"",
        "headers": [
            (name.encode("latin-1"), value.encode("latin-1")) for name, value in exchange.request_headers.items()
        ],
    }
    fields: dict[str, object] = {}
    async with Request(scope, replay).form(max_files=1000, max_fields=1000) as form:
        for name, value in form.multi_items():
            text = "<binary>" if isinstance(value, UploadFile) else value
            if name in fields:
                previous = fields[name]
                fields[name] = [*previous, text] if isinstance(previous, list) else [previous, text]
            else:
                fields[name] = text
    return fields


def _request_problems(operation: Any, exchange: Exchange, form: dict[str, object] | None) -> list[str]:
    problems = _path_problems(operation, exchange)
    problems += _query_problems(operation, exchange)
    problems += _header_problems(operation, exchange)
    problems += _body_problems(operation, exchange, form)
    return problems


def _text_fits(parameter: Any, text: str) -> bool:
    try:
        validator = parameter.get_validator()
    except Exception:  # a schema the validator cannot read: nothing to judge by
        return True
    return bool(sent_text_is_valid(text, validator.is_valid, parameter_types(parameter.validation_schema)))


def _path_values(operation: Any, exchange: Exchange) -> dict[str, str] | None:
    """The path parameters as sent (percent-decoded), or None when the path does not match the operation's."""
    template = compile_path_template(operation.path)
    match = template.pattern.fullmatch(exchange.raw_path)
    if match is None:
        return None
    return {name: unquote(value) for name, value in zip(template.names, match.groups(), strict=True)}


def _path_problems(operation: Any, exchange: Exchange) -> list[str]:
    values = _path_values(operation, exchange)
    if values is None:
        return [f"the path does not match {operation.path}"]
    problems = []
    for parameter in operation.path_parameters:
        value = values.get(parameter.name, "")
        if not _text_fits(parameter, value):
            problems.append(f"path parameter {parameter.name}={value!r} does not fit {parameter.validation_schema}")
    return problems


def _query_problems(operation: Any, exchange: Exchange) -> list[str]:
    given: dict[str, list[str]] = {}
    for name, value in parse_qsl(exchange.query_string, keep_blank_values=True):
        given.setdefault(name, []).append(value)
    declared = {parameter.name: parameter for parameter in operation.query}
    problems = [f"query parameter {name!r} is not in the document" for name in given if name not in declared]
    for name, parameter in declared.items():
        values = given.get(name)
        if values is None:
            if parameter.is_required:
                problems.append(f"required query parameter {name!r} is missing")
            continue
        if len(values) > 1 and "array" not in parameter_types(parameter.validation_schema):
            problems.append(f"query parameter {name!r} is given {len(values)} times, but it is not an array")
        problems += [
            f"query parameter {name}={value!r} does not fit {parameter.validation_schema}"
            for value in values
            if not _text_fits(parameter, value)
        ]
    return problems


def _header_problems(operation: Any, exchange: Exchange) -> list[str]:
    problems = []
    for parameter in operation.headers:
        value = exchange.request_headers.get(parameter.name.lower())
        if value is None:
            if parameter.is_required:
                problems.append(f"required header {parameter.name!r} is missing")
        elif not _text_fits(parameter, value):
            problems.append(f"header {parameter.name} does not fit {parameter.validation_schema}")
    return problems


def _body_problems(operation: Any, exchange: Exchange, form: dict[str, object] | None) -> list[str]:
    bodies = list(operation.body)
    has_body = bool(exchange.request_body) or "transfer-encoding" in exchange.request_headers
    if not bodies:
        return ["the operation takes no request body, yet one was sent"] if exchange.request_body else []
    if not has_body:
        return ["the request body is required"] if any(body.is_required for body in bodies) else []
    media_type = _media_type(exchange.request_headers)
    body = operation.get_body_for_media_type(media_type) if media_type else None
    if body is None:
        declared = ", ".join(sorted(item.media_type for item in bodies))
        return [f"the body's media type {media_type or '(none)'!r} is not one the operation takes ({declared})"]
    if not exchange.request_complete:
        return []
    if media_type == "application/octet-stream":
        return []  # raw bytes (an upload chunk): there is no schema beyond "binary" to judge them by
    value: object
    if media_type == "multipart/form-data":
        if form is None:
            return []
        value = form
    else:
        try:
            value = json.loads(exchange.request_body)
        except ValueError:
            return ["the body is not JSON"]
    return [
        f"body at {'/'.join(map(str, error.instance_path)) or '<body>'}: {error.message}"
        for error in body.get_validator().iter_errors(value)
    ]


def install(wrappers: list[Callable[[ASGIApp], ASGIApp]]) -> Callable[[], None]:
    """Puts the guard in a server's list of app wrappers; returns the function that takes it out again."""
    wrappers.append(ContractGuard)

    def uninstall() -> None:
        if ContractGuard in wrappers:
            wrappers.remove(ContractGuard)

    return uninstall
