"""Whatever R1 or R3 allows parses, and what a client must tolerate is kept (corpus.py makes the bodies).

Each body goes through the real generated call path: the operation's `sync_detailed`, an `AuthenticatedClient` and an
httpx.MockTransport answering the body with the answer's status code.

The written-back rule: `parsed.to_dict()` equals the body, except that a key whose value is null is left out where the
model's field is optional. A response model's optional field is `X | None = None`, so an explicit null and an absent
key read the same, and `to_dict` writes neither; a required field keeps its null. A `format: date-time` value is
written back as `datetime.isoformat()` writes the same instant with the same offset, to the microsecond
(`...05:00:00Z` comes back as `...05:00:00+00:00`). Numbers compare by value (`1` and `1.0` are equal, `true` and `1`
are not).
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import io
import re
import typing
from collections.abc import Callable
from typing import Any

import attrs
import eigenpal_api.models
import httpx
import pytest
from eigenpal_api.client import AuthenticatedClient
from eigenpal_api.models import (
    CreateFileMultipartRequest,
    CreateFileUploadSessionRequest,
    PresignFileUploadPartRequest,
    PromoteRunRequest,
    RunReviewExpectedFileUpdateRequest,
    RunReviewRequest,
)
from eigenpal_api.types import File, Response

from . import corpus
from .bodies import UNKNOWN_FIELD, UNKNOWN_FIELD_VALUE, UNKNOWN_STATUS, Json, Location, same
from .corpus import Answer, Case

Drift = Callable[[], list[str]]

BASE_URL = "https://api.eigenpal.com"
LEGAL = [case for case in corpus.corpus() if case.kind == "legal"]
TOLERATED = [case for case in corpus.corpus() if case.kind == "tolerated"]

# The request bodies of the operations that need one; the mock transport does not read them.
REQUEST_BODIES: dict[Any, Callable[[], Any]] = {
    CreateFileMultipartRequest: lambda: CreateFileMultipartRequest(file=File(payload=io.BytesIO(b"%PDF-1.7"))),
    CreateFileUploadSessionRequest: lambda: CreateFileUploadSessionRequest(
        filename="invoice.pdf", content_type="application/pdf", size=8
    ),
    File: lambda: File(payload=io.BytesIO(b"a chunk")),
    PresignFileUploadPartRequest: lambda: PresignFileUploadPartRequest(part_number=1),
    PromoteRunRequest: PromoteRunRequest,
    RunReviewRequest: RunReviewRequest,
    RunReviewExpectedFileUpdateRequest: lambda: RunReviewExpectedFileUpdateRequest(name="expected.json"),
}


def answered(answer: Answer, body: Json) -> Response[Any]:
    """What the operation's `sync_detailed` returns when the server answers `body` with the answer's status."""
    module = importlib.import_module(f"eigenpal_api.api.{answer.tag.lower()}.{answer.operation_id.replace('.', '_')}")
    operation = module.sync_detailed
    # The request must be the answer's operation: its method, and its path under the official SDKs' /v1 prefix.
    route = "/".join(
        "[^/]+" if segment.startswith("{") else re.escape(segment)
        for segment in answer.path.replace("/api/v1", "/v1", 1).split("/")
    )

    def server(request: httpx.Request) -> httpx.Response:
        assert request.method == answer.method.upper()
        assert re.fullmatch(route, request.url.path), (request.url.path, answer.path)
        return httpx.Response(answer.status, json=body)

    arguments: dict[str, Any] = {}
    hints = typing.get_type_hints(operation)
    for name, parameter in inspect.signature(operation).parameters.items():
        if name == "client" or parameter.default is not parameter.empty:
            continue
        if name == "body":
            arguments[name] = REQUEST_BODIES[hints[name]]()
        else:  # a path parameter: `run_1` for a run id, `upload_id_1` for the others
            arguments[name] = "run_1" if name == "id" else f"{name}_1"
    client = AuthenticatedClient(base_url=BASE_URL, token="t", httpx_args={"transport": httpx.MockTransport(server)})
    with client:
        return typing.cast(Response[Any], operation(client=client, **arguments))


def parsed_as_its_model(case: Case) -> Any:
    """The body parsed through the generated operation; checks it is the model the case names."""
    parsed = answered(case.answer, case.body).parsed
    assert parsed is not None, "the operation did not parse the answer"
    if case.model is None:  # the document allows any JSON: the body as it came
        assert same(parsed, case.body)
    else:
        model = getattr(eigenpal_api.models, case.model)
        assert type(parsed) is model, f"parsed as {type(parsed).__name__}, not {case.model}: {parsed!r}"
    return parsed


def attribute(model: type[Any], key: str) -> str | None:
    """The attrs field of a generated model that holds the JSON key (`type` -> `type_`), or None if none does."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower()
    names = {field.name for field in attrs.fields(model)} - {"additional_properties"}
    return next((name for name in (snake, snake + "_") if name in names), None)


def locate(parsed: Any, path: Location) -> Any:
    """The value at a JSON path (`execution`, `status`) of a parsed model."""
    for part in path:
        if attrs.has(type(parsed)) and isinstance(part, str):
            name = attribute(type(parsed), part)
            assert name is not None, f"{type(parsed).__name__} has no field for {part!r}"
            parsed = getattr(parsed, name)
        else:
            parsed = parsed[part]
    return parsed


def reported_as(parsed: Any, path: Location) -> str:
    """How the drift logger names the field at `path`: the model holding the last key on it, and that key."""
    last = max(index for index, part in enumerate(path) if isinstance(part, str))
    return f"{type(locate(parsed, path[:last])).__name__}.{path[last]}"


RFC_3339 = re.compile(r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:([Zz])|([+-])(\d\d):(\d\d))")


def isoformat(text: str) -> str:
    """An RFC 3339 date-time as `datetime.isoformat()` writes it, read without `datetime.fromisoformat`."""
    match = RFC_3339.fullmatch(text)
    assert match is not None, f"not an RFC 3339 date-time: {text!r}"
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    fraction, utc, sign, offset_hours, offset_minutes = match.groups()[6:]
    offset = datetime.timedelta(0)
    if not utc:
        offset = (1 if sign == "+" else -1) * datetime.timedelta(hours=int(offset_hours), minutes=int(offset_minutes))
    microsecond = int((fraction or "0").ljust(6, "0")[:6])  # datetime keeps microseconds: the rest is dropped
    return datetime.datetime(
        year, month, day, hour, minute, second, microsecond, tzinfo=datetime.timezone(offset)
    ).isoformat()


def written_back(parsed: Any, body: Json) -> Json:
    """What `parsed.to_dict()` must be (the module docstring's rule): the body without nulls on optional fields."""
    if attrs.has(type(parsed)) and isinstance(body, dict):
        optional = {field.name for field in attrs.fields(type(parsed)) if field.default is not attrs.NOTHING}
        expected = {}
        for key, value in body.items():
            name = attribute(type(parsed), key)
            if name is None:
                expected[key] = value  # an unknown field: kept, and written back as it came
            elif value is not None or name not in optional:
                expected[key] = written_back(getattr(parsed, name), value)
        return expected
    if isinstance(parsed, list) and isinstance(body, list) and len(parsed) == len(body):
        return [written_back(item, value) for item, value in zip(parsed, body, strict=True)]
    if isinstance(parsed, datetime.datetime) and isinstance(body, str):
        return isoformat(body)
    return body


def comparable(value: Json) -> Json:
    """JSON with every number a float and marked as one, so that 1 == 1.0 but true != 1."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return ("number", float(value))
    if isinstance(value, list):
        return [comparable(item) for item in value]
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    return value  # not JSON: left as it is, so that the comparison shows it


def assert_written_back(parsed: Any, body: Json) -> None:
    if attrs.has(type(parsed)):
        assert comparable(parsed.to_dict()) == comparable(written_back(parsed, body))


@pytest.mark.parametrize("case", LEGAL, ids=lambda case: case.id)
def test_a_legal_body_parses_without_drift(case: Case, drift: Drift) -> None:
    errors = [
        error.message for error in corpus.validator(case.answer.source, case.answer.pointer).iter_errors(case.body)
    ]
    assert not errors, f"generator bug: the source does not allow this body: {errors[:3]}"
    parsed = parsed_as_its_model(case)
    assert drift() == []
    assert_written_back(parsed, case.body)


@pytest.mark.parametrize("case", TOLERATED, ids=lambda case: case.id)
def test_a_tolerated_body_parses_and_keeps_what_came(case: Case, drift: Drift) -> None:
    assert not corpus.validator(case.answer.source, case.answer.pointer).is_valid(case.body), (
        "generator bug: the source allows this body, so it tests no tolerance"
    )
    assert case.change is not None
    path = case.change.path
    parsed = parsed_as_its_model(case)
    if case.change.kind == "unknown-field":
        assert drift() == []
        assert locate(parsed, path[:-1]).additional_properties == {UNKNOWN_FIELD: UNKNOWN_FIELD_VALUE}
    elif case.change.kind == "unknown-status":
        assert drift() == []  # the status enum is open: an unknown status is no drift
        status = locate(parsed, path)
        assert type(status) is str
        assert status == UNKNOWN_STATUS
    else:  # unknown-enum, wrong-type: kept as it came, and reported once
        assert drift() == [reported_as(parsed, path)]
        kept = locate(parsed, path)
        sent: Json = case.body
        for part in path:
            sent = sent[part]
        assert same(kept, sent)
    assert_written_back(parsed, case.body)


START_ANSWERS = [
    (operation_id, status, model)
    for operation_id in ("runs.start", "runs.rerun")
    for status in (200, 201, 202)
    for model in ("Run", "RunAccepted")
]


@pytest.mark.parametrize(
    ("operation_id", "status", "model"),
    START_ANSWERS,
    ids=[f"{operation_id}-{status}-{model}" for operation_id, status, model in START_ANSWERS],
)
def test_every_start_answer_r1_allows_parses(operation_id: str, status: int, model: str, drift: Drift) -> None:
    # R1 answers a start or a rerun with a Run or a RunAccepted on any of 200, 201 and 202 (RunStartResponse); R3
    # narrows 200 to Run and 201/202 to RunAccepted. A client reads servers of both ages.
    cases = [
        case
        for case in LEGAL
        if (case.answer.source, case.answer.operation_id, case.answer.status, case.model)
        == ("R1", operation_id, status, model)
        and case.label in ("full", "minimal")
    ]
    assert len(cases) == 2
    for case in cases:
        assert type(parsed_as_its_model(case)).__name__ == model
    assert drift() == []


def documented_counts() -> dict[tuple[str, str], int]:
    found = re.findall(r"(R\d): (\d+) legal, (\d+) tolerated", corpus.__doc__ or "")
    counts = {}
    for name, legal, tolerated in found:
        counts[(name, "legal")] = int(legal)
        counts[(name, "tolerated")] = int(tolerated)
    return counts


def test_the_corpus_is_at_least_as_big_as_its_docstring_says() -> None:
    # The docstring line comes from `python -m tests.contract.corpus`; a corpus that shrinks below it (a generator
    # that stops descending, a source that loses operations) fails here instead of passing with fewer bodies.
    documented = documented_counts()
    assert set(documented) == {(name, kind) for name in corpus.SOURCES for kind in ("legal", "tolerated")}
    actual = corpus.counts()
    for key, floor in documented.items():
        assert floor > 0
        assert actual.get(key, 0) >= floor, f"{key}: {actual.get(key, 0)} bodies, the docstring says {floor}"


def test_every_runs_and_files_answer_of_both_sources_has_bodies() -> None:
    every = {
        (answer.source, answer.operation_id, answer.status)
        for name in corpus.SOURCES
        for answer in corpus.answers(name)
    }
    covered = {(case.answer.source, case.answer.operation_id, case.answer.status) for case in LEGAL}
    assert covered == every
    # R1: 25 operations under /api/v1/runs and /api/v1/files; R3 adds the step read and seven upload-session ones.
    assert len({operation for name, operation, _ in every if name == "R1"}) == 25
    assert len({operation for name, operation, _ in every if name == "R3"}) == 33
