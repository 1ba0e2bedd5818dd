"""What a reader of a response gets: plain values. A response model's optional field is `X | None = None`, never
UNSET; the free-form JsonObject behaves like the JSON object it came from; and the request-side models, where "send
null" and "send nothing" differ, keep the stock `X | Unset = UNSET` and send only what the caller set."""

from __future__ import annotations

import copy
import importlib
import inspect
import json
import pickle
import pkgutil
import re
import sys
import typing
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import eigenpal_api.api
import eigenpal_api.models
import pytest
from eigenpal_api.models import (
    JsonObject,
    Run,
    RunArtifact,
    RunStartBody,
    RunStartMultipartRequest,
)
from eigenpal_api.types import UNSET, Unset

OUTPUT = {"invoiceNumber": "INV-1", "totalAmount": 12.5, "vendor": {"name": "Umbrella"}, "lineItems": [{"n": 1}]}

MODELS: dict[str, type[Any]] = {
    name: model for name in eigenpal_api.models.__all__ if attrs.has(model := getattr(eigenpal_api.models, name))
}


def operations() -> Iterator[Any]:
    """The `sync_detailed` of every generated operation."""
    for package in pkgutil.iter_modules(eigenpal_api.api.__path__):
        tag = importlib.import_module(f"eigenpal_api.api.{package.name}")
        for module in pkgutil.iter_modules(tag.__path__):
            yield importlib.import_module(f"{tag.__name__}.{module.name}").sync_detailed


def referred(model: type[Any], annotation: str) -> set[str]:
    """The generated models an annotation's text in `model` names (`RunStartBodyFiles | Unset` -> RunStartBodyFiles):
    not `File` where the name is the multipart `eigenpal_api.types.File`."""
    namespace = vars(sys.modules[model.__module__])  # models imported only for type checking are not in it
    return {
        name
        for name in re.findall(r"\b[A-Z]\w*", annotation)
        if name in MODELS and namespace.get(name, MODELS[name]) is MODELS[name]
    }


def request_side_models() -> set[str]:
    """The models of request bodies, and every model they refer to, at any depth."""
    found: set[str] = set()
    for operation in operations():
        body = inspect.signature(operation).parameters.get("body")
        if body is not None:
            for alternative in typing.get_args(body.annotation) or (body.annotation,):
                name = getattr(alternative, "__name__", "")
                if MODELS.get(name) is alternative:
                    found.add(name)
    todo = set(found)
    while todo:
        model = MODELS[todo.pop()]
        for field in attrs.fields(model):
            new = referred(model, str(field.type)) - found
            found |= new
            todo |= new
    return found


REQUEST_SIDE = request_side_models()
RESPONSE_SIDE = sorted(set(MODELS) - REQUEST_SIDE)


def unset_fields(model: type[Any]) -> list[str]:
    """The fields of a model that are annotated with Unset or default to UNSET."""
    return [
        field.name
        for field in attrs.fields(model)
        # The source text: the models use `from __future__ import annotations`.
        if "Unset" in str(field.type) or isinstance(field.default, Unset)
    ]


def test_the_two_sides_are_told_apart() -> None:
    assert {"RunStartBody", "RunStartMultipartRequest", "RunStartBodyFiles", "CreateFileUploadSessionRequest"} <= (
        REQUEST_SIDE
    )
    assert {"Run", "RunListItem", "RunsListResponse", "RunAccepted", "ApiErrorEnvelope", "File"} <= set(RESPONSE_SIDE)
    # The request side keeps the stock form: this is what the response-side test below would find.
    assert unset_fields(RunStartBody) == ["files", "overrides", "tags", "input_", "metadata"]
    assert unset_fields(RunStartMultipartRequest) == ["input_", "overrides", "metadata", "tags"]


@pytest.mark.parametrize("name", RESPONSE_SIDE)
def test_no_response_model_has_an_unset_field(name: str) -> None:
    model = MODELS[name]
    assert unset_fields(model) == []
    for field in attrs.fields(model):
        if field.default is not attrs.NOTHING and field.name != "additional_properties":
            assert field.default is None, f"{name}.{field.name}: {field.default!r}"
            assert str(field.type) == "Any" or "None" in str(field.type).split(" | "), (
                f"{name}.{field.name}: {field.type}"
            )


def run_body(**extra: object) -> dict[str, object]:
    return {
        "id": "run_1",
        "type": "workflow",
        "finished": True,
        "timing": {
            "createdAt": "2026-11-21T05:00:00.000Z",
            "startedAt": None,
            "completedAt": None,
            "durationMs": None,
            "cancelRequestedAt": None,
        },
        "source": {"id": "wf_1", "name": "Extract invoice", "version": None},
        "trigger": {"type": "api", "by": None},
        "execution": {
            "status": "completed",
            "schemaValid": None,
            "batchId": None,
            "retry": {"number": 0, "previousRunId": None, "nextRun": None},
        },
        **extra,
    }


def test_a_finished_run_prints_plain_values() -> None:
    run = Run.from_dict(run_body(output=OUTPUT, error="nothing"))
    assert run.output == OUTPUT
    assert run.files is None
    assert run.usage is None
    assert run.tags is None
    shown = repr(run)
    assert "output={'invoiceNumber': 'INV-1', 'totalAmount': 12.5," in shown
    assert "files=None" in shown
    assert "error='nothing'" in shown
    assert "UNSET" not in shown
    assert "JsonObject(" not in shown
    assert "additional_properties={}" in shown


def test_json_object_reads_like_the_json_object_it_came_from() -> None:
    output = Run.from_dict(run_body(output=OUTPUT)).output
    assert isinstance(output, JsonObject)
    assert isinstance(output, dict)
    assert isinstance(output, Mapping)
    assert output["totalAmount"] == 12.5
    assert output["vendor"] == {"name": "Umbrella"}
    assert list(output) == ["invoiceNumber", "totalAmount", "vendor", "lineItems"]
    assert output.get("missing") is None
    assert output == OUTPUT
    assert OUTPUT == output  # noqa: SIM300 - the comparison from the plain dict's side
    assert dict(output) == OUTPUT
    assert type(dict(output)) is dict
    assert repr(output) == repr(OUTPUT)
    assert json.loads(json.dumps(output)) == OUTPUT
    with pytest.raises(KeyError):
        output["missing"]


def test_json_object_keeps_the_generated_models_api() -> None:
    output = JsonObject.from_dict(OUTPUT)
    exported = output.to_dict()
    assert exported == OUTPUT
    assert type(exported) is dict
    exported["invoiceNumber"] = "changed"
    assert output["invoiceNumber"] == "INV-1"  # to_dict is a copy
    assert output.additional_properties is output
    assert output.additional_keys == list(OUTPUT)
    assert JsonObject() == {}
    with pytest.raises(TypeError, match=r"^JsonObject: expected an object, got list"):
        JsonObject.from_dict([1, 2])  # type: ignore[arg-type]


def test_a_run_copies_pickles_and_round_trips() -> None:
    body = run_body(output=OUTPUT, reviewQueue="legal")
    run = Run.from_dict(body)
    for copied in (copy.copy(run), copy.deepcopy(run), pickle.loads(pickle.dumps(run))):  # noqa: S301
        assert copied == run
        assert type(copied.output) is JsonObject
    assert run.additional_properties == {"reviewQueue": "legal"}
    assert run.to_dict() == body
    assert Run.from_dict(run.to_dict()) == run


def test_optional_fields_of_nested_models_are_none_too() -> None:
    artifact = RunArtifact.from_dict({"name": "a.json", "role": "output", "path": "a.json"})
    assert (artifact.step_name, artifact.content_type, artifact.size) == (None, None, None)
    assert artifact.to_dict() == {"name": "a.json", "role": "output", "path": "a.json"}


def test_a_request_body_sends_only_what_the_caller_set() -> None:
    assert RunStartBody(target="workflows.sleep").to_dict() == {"target": "workflows.sleep"}
    body = RunStartBody(target="workflows.sleep", input_=JsonObject({"seconds": 1}), tags=[])
    assert body.to_dict() == {"target": "workflows.sleep", "input": {"seconds": 1}, "tags": []}
    assert RunStartBody(target="workflows.sleep", tags="urgent").to_dict()["tags"] == "urgent"
    assert RunStartBody.from_dict({"target": "workflows.sleep"}).tags is UNSET

    multipart = RunStartMultipartRequest(target="workflows.sleep", tags='["a"]')
    assert [name for name, _ in multipart.to_multipart()] == ["target", "tags"]
    assert multipart.to_dict() == {"target": "workflows.sleep", "tags": '["a"]'}
