"""The generated models check the JSON they read: a body that does not fit the document raises, naming the model and
the field, instead of becoming a model with wrong values. An absent optional field, and an explicit null on one, read as
None (never UNSET); unknown status strings and unknown fields still survive."""

from __future__ import annotations

import copy
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import attrs
import eigenpal_api.models
import httpx
import pytest
from eigenpal_api.models import (
    ArtifactList,
    ArtifactRole,
    CancelResult,
    ErrorResponse,
    EventList,
    JsonObject,
    Run,
    RunAccepted,
    RunList,
    RunListItem,
    RunStatus,
    StepList,
    TagList,
    Usage,
)

import eigenpal_ext

Body = dict[str, Any]

# Timestamps as datetime.isoformat() writes them, so that from_dict(body).to_dict() == body holds exactly.
CREATED = "2026-11-21T05:00:00+00:00"
STARTED = "2026-11-21T05:00:01+00:00"
COMPLETED = "2026-11-21T05:00:09+00:00"


def timing_json() -> Body:
    return {
        "createdAt": CREATED,
        "startedAt": STARTED,
        "completedAt": COMPLETED,
        "durationMs": 8000,
        "cancelRequestedAt": None,
    }


def artifact_json() -> Body:
    return {
        "name": "invoice.json",
        "role": "output",
        "path": "output/invoice.json",
        "stepName": "extract",
        "contentType": "application/json",
        "size": 512,
    }


def step_json() -> Body:
    return {
        "id": "step_1",
        "name": "extract",
        "type": "llm",
        "status": "completed",
        "order": 0,
        "startedAt": STARTED,
        "completedAt": COMPLETED,
    }


def usage_json() -> Body:
    return {
        "tokens": {"input": 1200, "output": 300, "cacheRead": 0, "cacheWrite": 0},
        "creditsCharged": 1.5,
        "durationMs": 8000,
        "llmCallCount": 2,
        "ocrPagesProcessed": 1,
    }


def run_json(status: str = "completed", **extra: Any) -> Body:
    """A run as the server sends it, with every section filled in."""
    body: Body = {
        "id": "run_1",
        "type": "workflow",
        "finished": status == "completed",
        "tags": ["invoice", "batch-7"],
        "timing": timing_json(),
        "source": {"id": "wf_1", "name": "Extract invoice", "version": "3", "slug": "extract-invoice"},
        "trigger": {"type": "api", "by": "ci"},
        "execution": {
            "status": status,
            "schemaValid": True,
            "batchId": None,
            "retry": {"number": 0, "previousRunId": None, "nextRun": None},
            "steps": [step_json()],
        },
        "input": {"document": "invoice.pdf"},
        "usage": usage_json(),
        "debug": {"worker": "w1"},
    }
    if status == "completed":
        body["output"] = {"invoiceNumber": "INV-1", "totalAmount": 12.5}
        body["files"] = [artifact_json()]
    body.update(extra)
    return body


def list_item_json(run_id: str = "run_1") -> Body:
    item = run_json()
    for section in ("output", "files", "input", "usage", "debug"):
        del item[section]
    item["id"] = run_id
    item["execution"] = {"status": "failed", "schemaValid": None, "batchId": "batch_1", "retry": None}
    item["error"] = "it broke"
    return item


VALID: dict[type[Any], Callable[[], Body]] = {
    Run: run_json,
    RunListItem: list_item_json,
    RunList: lambda: {"runs": [list_item_json("run_1"), list_item_json("run_2")], "nextCursor": "c_2"},
    RunAccepted: lambda: {"id": "run_1", "type": "agent", "finished": False, "source": run_json()["source"]},
    CancelResult: lambda: {
        "id": "run_1",
        "type": "workflow",
        "finished": False,
        "execution": {"status": "running"},
        "cancellation": {"state": "requested", "wasStatus": "running"},
    },
    TagList: lambda: {"tags": ["invoice", "urgent"]},
    ArtifactList: lambda: {"artifacts": [artifact_json(), {"name": "in.pdf", "role": "input", "path": "in.pdf"}]},
    StepList: lambda: {"steps": [step_json(), {**step_json(), "startedAt": None, "completedAt": None}], "total": 2},
    EventList: lambda: {
        "events": [
            {"type": "run.created", "timestamp": CREATED},
            {"type": "step.completed", "timestamp": COMPLETED, "status": "completed", "message": "ok", "metadata": {}},
        ]
    },
    Usage: usage_json,
    ErrorResponse: lambda: {
        "issues": [{"field": "input.seconds", "message": "too long", "code": "too_big", "severity": "error"}],
        "requestId": "req_1",
        "hint": "use fewer seconds",
        "docsUrl": "https://docs.example.test/errors",
    },
}


def changed(body: Body, path: str, value: Any) -> Body:
    """A deep copy of ``body`` with the value at ``path`` (``execution.status``, ``runs.0.finished``) replaced."""
    result = copy.deepcopy(body)
    *parents, last = path.split(".")
    target: Any = result
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[int(last) if isinstance(target, list) else last] = value
    return result


Parse = Callable[[type[Any], Any], Any]


@pytest.fixture(params=["from_dict", "_from_json"])
def parse(request: pytest.FixtureRequest) -> Parse:
    """Each test runs through both ways the models read a body: `from_dict`, which builds every nested object at
    once, and `_from_json`, the client's parse, which checks the whole body first and builds nested objects when
    they are first read (openapi/templates/model.py.jinja). Both must accept, refuse and read alike."""
    return lambda model, body: getattr(model, request.param)(body)


@pytest.mark.parametrize("model", VALID, ids=lambda model: model.__name__)
def test_a_valid_body_parses_and_round_trips_unchanged(parse: Parse, model: type[Any]) -> None:
    body = VALID[model]()
    parsed = parse(model, body)
    assert isinstance(parsed, model)
    assert parsed.to_dict() == body


ATTRS_MODELS = [model for name in eigenpal_api.models.__all__ if attrs.has(model := getattr(eigenpal_api.models, name))]


@pytest.mark.parametrize("model", ATTRS_MODELS, ids=lambda model: model.__name__)
def test_the_attrs_init_only_stores_its_arguments_so_from_dict_may_build_without_it(model: type[Any]) -> None:
    # from_dict makes the object with object.__new__ and stores every field itself (openapi/templates/model.py.jinja,
    # change 6): that is the same object only while the class's __init__ does nothing but store.
    assert model.__new__ is object.__new__
    assert model.__setattr__ is object.__setattr__  # no setattr hook (validators, converters, frozen)
    for hook in ("__attrs_pre_init__", "__attrs_post_init__"):
        assert not hasattr(model, hook)
    for field in attrs.fields(model):
        assert (field.validator, field.converter, field.on_setattr) == (None, None, None), field.name
        if field.name == "additional_properties":
            assert (field.init, field.default) == (False, attrs.Factory(dict))
        else:
            assert field.init and not field.kw_only and field.alias == field.name, field.name


@pytest.mark.parametrize("model", VALID, ids=lambda model: model.__name__)
def test_from_dict_builds_the_object_that_calling_the_class_builds(parse: Parse, model: type[Any]) -> None:
    for body in (VALID[model](), {**VALID[model](), "unknownField": [1]}):
        parsed = parse(model, body)
        called = model(**{field.name: getattr(parsed, field.name) for field in attrs.fields(model) if field.init})
        called.additional_properties = dict(parsed.additional_properties)
        assert parsed == called
        assert repr(parsed) == repr(called)
    assert parse(model, VALID[model]()).additional_properties == {}
    assert parse(model, VALID[model]()).additional_properties is not parse(model, VALID[model]()).additional_properties


@pytest.mark.parametrize("model", VALID, ids=lambda model: model.__name__)
def test_a_top_level_list_is_a_type_error_naming_the_model(parse: Parse, model: type[Any]) -> None:
    with pytest.raises(TypeError, match=rf"^{model.__name__}: expected an object, got list \["):
        parse(model, [VALID[model]()])


BAD_BODIES = [
    # (model, path, value, exception, start of the message)
    (Run, "finished", "yes", TypeError, "Run.finished: expected a boolean, got str 'yes'"),
    (Run, "finished", 1, TypeError, "Run.finished: expected a boolean, got int 1"),
    (RunListItem, "finished", "yes", TypeError, "RunListItem.finished: expected a boolean, got str 'yes'"),
    (RunAccepted, "finished", "yes", TypeError, "RunAccepted.finished: expected a boolean, got str 'yes'"),
    (CancelResult, "finished", "yes", TypeError, "CancelResult.finished: expected a boolean, got str 'yes'"),
    (Run, "tags", "notalist", TypeError, "Run.tags: expected an array, got str 'notalist'"),
    (Run, "tags", [1], TypeError, "Run.tags[0]: expected a string, got int 1"),
    (RunListItem, "tags", "notalist", TypeError, "RunListItem.tags: expected an array, got str 'notalist'"),
    (RunListItem, "tags", [1], TypeError, "RunListItem.tags[0]: expected a string, got int 1"),
    (TagList, "tags", "notalist", TypeError, "TagList.tags: expected an array, got str 'notalist'"),
    (TagList, "tags", ["ok", 1], TypeError, "TagList.tags[1]: expected a string, got int 1"),
    (Run, "execution.status", 5, TypeError, "RunExecution.status: expected a string, got int 5"),
    (RunListItem, "execution.status", 5, TypeError, "RunListExecution.status: expected a string, got int 5"),
    (CancelResult, "execution.status", 5, TypeError, "CancelExecution.status: expected a string, got int 5"),
    (CancelResult, "cancellation.wasStatus", 5, TypeError, "Cancellation.wasStatus: expected a string, got int 5"),
    (RunList, "runs.1.execution.status", 5, TypeError, "RunListExecution.status: expected a string, got int 5"),
    (RunList, "runs.0.finished", "yes", TypeError, "RunListItem.finished: expected a boolean, got str 'yes'"),
    (RunList, "runs.1", "run_2", TypeError, "RunList.runs[1]: expected an object, got str 'run_2'"),
    (RunList, "nextCursor", 2, TypeError, "RunList.nextCursor: expected a string or null, got int 2"),
    (
        Run,
        "timing.createdAt",
        "not a date",
        ValueError,
        "RunTiming.createdAt: expected an ISO 8601 date-time with a UTC offset, got str 'not a date'",
    ),
    (
        RunListItem,
        "timing.completedAt",
        "not a date",
        ValueError,
        "RunTiming.completedAt: expected an ISO 8601 date-time with a UTC offset, got str 'not a date'",
    ),
    (Run, "timing", [], TypeError, "Run.timing: expected an object, got list []"),
    (RunListItem, "timing", [], TypeError, "RunListItem.timing: expected an object, got list []"),
    (Run, "timing.durationMs", "8000", TypeError, "RunTiming.durationMs: expected an integer or null, got str '8000'"),
    (Run, "output", [], TypeError, "Run.output: expected an object, got list []"),
    (Run, "files", {}, TypeError, "Run.files: expected an array, got dict {}"),
    (Run, "files.0.size", "512", TypeError, "Artifact.size: expected an integer, got str '512'"),
    (Run, "id", None, TypeError, "Run.id: expected a string, got null"),
    (Run, "type", 1, TypeError, "Run.type: expected a string, got int 1"),
    (Run, "execution.retry", "none", TypeError, "RunExecution.retry: expected an object or null, got str 'none'"),
    (Run, "execution.schemaValid", "true", TypeError, "RunExecution.schemaValid: expected a boolean or null"),
    (Run, "usage.creditsCharged", "1.5", TypeError, "Usage.creditsCharged: expected a number, got str '1.5'"),
    (Usage, "creditsCharged", True, TypeError, "Usage.creditsCharged: expected a number, got bool True"),
    (Usage, "tokens.input", 1.5, TypeError, "TokenUsage.input: expected an integer, got float 1.5"),
    (Usage, "durationMs", False, TypeError, "Usage.durationMs: expected an integer, got bool False"),
    (ArtifactList, "artifacts.0.role", 2, TypeError, "Artifact.role: expected a string, got int 2"),
    (StepList, "total", True, TypeError, "StepList.total: expected an integer, got bool True"),
    (StepList, "steps.0.status", None, TypeError, "Step.status: expected a string, got null"),
    (EventList, "events.0.timestamp", "yesterday", ValueError, "Event.timestamp: expected an ISO 8601 date-time with"),
    (EventList, "events.1.metadata", "x", TypeError, "Event.metadata: expected an object, got str 'x'"),
    (ErrorResponse, "issues.0.severity", 3, TypeError, "ErrorIssue.severity: expected a string, got int 3"),
    (ErrorResponse, "issues", {}, TypeError, "ErrorResponse.issues: expected an array, got dict {}"),
    (ErrorResponse, "requestId", 7, TypeError, "ErrorResponse.requestId: expected a string, got int 7"),
]


@pytest.mark.parametrize(
    ("model", "path", "value", "error", "message"),
    BAD_BODIES,
    ids=[f"{model.__name__}.{path}={value!r}" for model, path, value, _, _ in BAD_BODIES],
)
def test_a_body_that_does_not_fit_raises_naming_the_field(
    parse: Parse, model: type[Any], path: str, value: Any, error: type[Exception], message: str
) -> None:
    body = changed(VALID[model](), path, value)
    with pytest.raises(error) as raised:
        parse(model, body)
    assert type(raised.value) is error
    assert str(raised.value).startswith(message)


def test_a_missing_required_field_is_a_key_error_naming_the_model_and_field(parse: Parse) -> None:
    body = run_json()
    del body["finished"]
    with pytest.raises(KeyError, match=r"Run\.finished: required, but missing"):
        parse(Run, body)


def test_a_missing_required_field_of_a_nested_model_names_that_model(parse: Parse) -> None:
    body = list_item_json()
    del body["timing"]["durationMs"]
    with pytest.raises(KeyError, match=r"RunTiming\.durationMs: required, but missing"):
        parse(RunList, {"runs": [body], "nextCursor": None})


# Every form of an RFC 3339 date-time that the wire may carry: the local server's `Z` with milliseconds, the
# `+00:00` that datetime.isoformat() writes, another offset, no fraction, and RFC 3339's lowercase `t` and `z`.
AWARE_TIMESTAMPS = [
    ("2026-12-02T03:07:31.390Z", "2026-12-02T03:07:31.390000+00:00"),
    ("2026-12-02T03:07:31+00:00", "2026-12-02T03:07:31+00:00"),
    ("2026-12-02T08:37:31.5+05:30", "2026-12-02T08:37:31.500000+05:30"),
    ("2026-12-02T03:07:31Z", "2026-12-02T03:07:31+00:00"),
    ("2026-12-02t03:07:31.390z", "2026-12-02T03:07:31.390000+00:00"),
]


@pytest.mark.parametrize(("sent", "read"), AWARE_TIMESTAMPS, ids=[sent for sent, _ in AWARE_TIMESTAMPS])
def test_an_rfc_3339_timestamp_reads_as_an_aware_datetime(parse: Parse, sent: str, read: str) -> None:
    body = changed(run_json(), "timing.startedAt", sent)
    started = parse(Run, body).timing.started_at
    assert started is not None
    assert started.isoformat() == read
    assert started.utcoffset() is not None


# Text that datetime.fromisoformat reads, but as a naive datetime (no UTC offset), which would raise later when
# compared with an aware one; and text that is no date-time at all. All are the same ValueError naming the field.
NOT_AWARE_TIMESTAMPS = ["2026-12-02T03:07:31", "2026-12-02T03:07:31.390", "2026-12-02", "2026-12-02 03:07", "", "Z"]


@pytest.mark.parametrize("sent", NOT_AWARE_TIMESTAMPS)
@pytest.mark.parametrize("path", ["timing.createdAt", "timing.completedAt", "execution.steps.0.startedAt"])
def test_a_timestamp_without_a_utc_offset_is_a_value_error_naming_the_field(parse: Parse, path: str, sent: str) -> None:
    where = {"timing.createdAt": "RunTiming.createdAt", "timing.completedAt": "RunTiming.completedAt"}
    with pytest.raises(
        ValueError, match=r"^(\w+\.\w+): expected an ISO 8601 date-time with a UTC offset, got str"
    ) as raised:
        parse(Run, changed(run_json(), path, sent))
    assert type(raised.value) is ValueError
    assert str(raised.value).startswith(where.get(path, "Step.startedAt") + ":")


def test_unknown_fields_are_found_beside_absent_and_null_optional_fields(parse: Parse) -> None:
    # An object whose key count alone cannot tell: an optional field absent, another null, an unknown one there.
    body = run_json("running", output=None)
    for section in ("files", "error", "input", "usage", "debug"):
        body.pop(section, None)
    body["source"] = {"id": "wf_1", "name": "Extract invoice", "version": None, "owner": "team-a"}
    body["execution"] = {"status": "running", "schemaValid": None, "batchId": None, "retry": None, "queue": "fast"}
    run = parse(Run, body)
    assert run.additional_properties == {}
    assert run.source.slug is None
    assert run.source.additional_properties == {"owner": "team-a"}
    assert run.execution.steps is None
    assert run.execution.additional_properties == {"queue": "fast"}
    item = parse(RunListItem, {**list_item_json(), "execution": {"status": "running", "retry": None, "lane": 2}})
    assert item.execution.additional_properties == {"lane": 2}
    known = run_json()
    assert parse(Run, known).source.additional_properties == {}
    assert parse(Run, known).execution.additional_properties == {}


def test_unknown_fields_keep_their_order_and_do_not_share_the_body(parse: Parse) -> None:
    body = run_json(zeta=1, alpha={"deep": [1]}, mid=None)
    run = parse(Run, body)
    assert list(run.additional_properties) == ["zeta", "alpha", "mid"]
    run.additional_properties["added"] = True
    assert "added" not in body
    assert run.additional_properties["alpha"] is body["alpha"]  # values are the JSON values, as before, not copies


def test_a_read_only_mapping_parses_like_a_dict(parse: Parse) -> None:
    body = run_json(reviewQueue="legal")
    proxied = MappingProxyType({**body, "timing": MappingProxyType(body["timing"])})
    run = parse(Run, proxied)
    assert run == parse(Run, body)
    assert run.additional_properties == {"reviewQueue": "legal"}
    with pytest.raises(KeyError, match=r"Run\.finished: required, but missing"):
        parse(Run, MappingProxyType({key: value for key, value in body.items() if key != "finished"}))


def test_a_huge_wrong_value_is_shown_short(parse: Parse) -> None:
    body = changed(run_json(), "finished", ["x" * 10_000] * 10_000)
    with pytest.raises(TypeError) as raised:
        parse(Run, body)
    message = str(raised.value)
    assert message.startswith("Run.finished: expected a boolean, got list ['xxx")
    assert len(message) < 200


def test_null_on_optional_fields_that_are_not_nullable_reads_as_absent(parse: Parse) -> None:
    body = run_json("running", output=None, files=None, error=None, input=None, usage=None, debug=None)
    body["source"]["slug"] = None
    body["execution"]["steps"] = None
    run = parse(Run, body)
    assert run.output is None
    assert run.files is None
    assert run.error is None
    assert run.input_ is None
    assert run.usage is None
    assert run.debug is None
    assert run.source.slug is None
    assert run.execution.steps is None
    assert run.additional_properties == {}
    for absent in ("output", "files", "error", "input", "usage", "debug"):
        assert absent not in run.to_dict()


def test_null_and_absent_on_nullable_fields_both_read_as_none(parse: Parse) -> None:
    item = parse(RunListItem, list_item_json())
    assert item.execution.schema_valid is None
    assert item.execution.retry is None
    assert item.timing.cancel_requested_at is None
    del_optional = list_item_json()
    del_optional["execution"] = {"status": "running"}
    del del_optional["error"]
    bare = parse(RunListItem, del_optional)
    assert bare.execution.schema_valid is None
    assert bare.execution.batch_id is None
    assert bare.execution.retry is None
    # A nullable field written back is null, the document's "not known yet"; a non-nullable one is left out.
    assert bare.to_dict()["execution"] == {"status": "running", "schemaValid": None, "batchId": None, "retry": None}
    assert "error" not in bare.to_dict()


def test_unknown_status_strings_and_unknown_fields_survive(parse: Parse) -> None:
    body = run_json("paused_for_review", reviewQueue="legal", type="robot")
    body["timing"]["queuedAt"] = CREATED
    body["execution"]["steps"][0]["status"] = "retrying"
    run = parse(Run, body)
    assert run.execution.status == "paused_for_review"
    assert not isinstance(run.execution.status, RunStatus)
    assert run.type_ == "robot"
    assert isinstance(run.execution.steps, list)
    assert run.execution.steps[0].status == "retrying"
    assert run.additional_properties == {"reviewQueue": "legal"}
    assert run.timing.additional_properties == {"queuedAt": CREATED}
    assert run.to_dict() == body

    artifacts = parse(ArtifactList, {"artifacts": [{**artifact_json(), "role": "thumbnail"}]})
    assert artifacts.artifacts[0].role == "thumbnail"
    assert not isinstance(artifacts.artifacts[0].role, ArtifactRole)
    cancelled = parse(CancelResult, changed(VALID[CancelResult](), "cancellation.state", "deferred"))
    assert cancelled.cancellation.state == "deferred"
    envelope = parse(ErrorResponse, changed(VALID[ErrorResponse](), "issues.0.severity", "fatal"))
    assert envelope.issues[0].severity == "fatal"


def test_known_values_still_parse_to_their_types(parse: Parse) -> None:
    run = parse(Run, run_json("running"))
    assert run.execution.status is RunStatus.RUNNING
    assert run.timing.created_at.isoformat() == CREATED
    assert isinstance(run.usage, Usage)
    assert run.usage.credits_charged == 1.5
    whole_credits = parse(Usage, {**usage_json(), "creditsCharged": 2})
    assert whole_credits.credits_charged == 2


class FakeClock:
    """Time that moves only when the client sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


def client_answering(*bodies: Body) -> eigenpal_ext.EigenpalClient:
    """A client whose server answers 200 with ``bodies`` in turn, the last one from then on."""
    answers = list(bodies)

    def handler(request: httpx.Request) -> httpx.Response:
        body = answers.pop(0) if len(answers) > 1 else answers[0]
        return httpx.Response(200, json=body)

    return eigenpal_ext.EigenpalClient(
        api_key="k",
        base_url="https://api.example.test",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        clock=FakeClock(),
    )


def test_the_client_raises_api_response_validation_error_for_a_200_that_does_not_fit() -> None:
    with (
        client_answering(run_json(finished="yes")) as client,
        pytest.raises(eigenpal_ext.APIResponseValidationError, match=r"Run\.finished: expected a boolean"),
    ):
        client.runs.get("r")


def test_the_client_raises_api_response_validation_error_for_a_timestamp_without_an_offset() -> None:
    with (
        client_answering(changed(run_json(), "timing.completedAt", "2026-11-21T05:00:09")) as client,
        pytest.raises(eigenpal_ext.APIResponseValidationError, match=r"RunTiming\.completedAt: expected an ISO 8601"),
    ):
        client.runs.get("r")


def test_the_client_reads_an_explicit_null_output_on_a_running_run_as_absent() -> None:
    with client_answering(run_json("running", output=None, files=None, error=None)) as client:
        run = client.runs.get("r")
    assert run.execution.status is RunStatus.RUNNING
    assert run.output is None
    assert run.files is None


def test_a_wait_goes_on_past_a_running_run_with_null_output() -> None:
    running = run_json("running", output=None, files=None)
    with client_answering(running, running, run_json("completed")) as client:
        run = client.runs.wait("run_1", timeout_seconds=60)
    assert run.finished is True
    assert isinstance(run.output, JsonObject)
    assert run.output["invoiceNumber"] == "INV-1"


def _paths(value: Any, prefix: str = "") -> list[str]:
    """Every path (`execution.retry.number`, `runs.1.tags.0`) to a value in a JSON body, containers included."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, f"{prefix}.{index}" if prefix else str(index))
    return found


WRONG_VALUES = [7, "x", None, True, [], {}, {"unexpected": 1}, 1.5, "2026-11-21T05:00:00"]


def _outcome(parse: Callable[[Any], Any], body: Any) -> tuple[str, str]:
    try:
        parsed = parse(body)
    except (TypeError, ValueError, KeyError) as error:
        return type(error).__name__, str(error)
    return "parsed", repr(parsed)


@pytest.mark.parametrize("model", VALID, ids=lambda model: model.__name__)
def test_the_clients_parse_accepts_and_refuses_exactly_what_from_dict_does(model: type[Any]) -> None:
    # Every value of a valid body, replaced in turn by values of every JSON type: the client's parse (`_check`,
    # which checks nested objects inline, then `_build`) must end exactly as from_dict does, error text included.
    body = VALID[model]()
    compared = 0
    for path in _paths(body):
        for wrong in WRONG_VALUES:
            mutated = changed(body, path, wrong)
            assert _outcome(model._from_json, mutated) == _outcome(model.from_dict, mutated), path
            compared += 1
        parent, _, last = path.rpartition(".")
        if not last.isdigit():
            without = copy.deepcopy(body)
            target = without
            for part in parent.split(".") if parent else []:
                target = target[int(part)] if isinstance(target, list) else target[part]
            del target[last]
            assert _outcome(model._from_json, without) == _outcome(model.from_dict, without), path
    assert compared > 0
