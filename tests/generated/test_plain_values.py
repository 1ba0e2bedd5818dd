"""What a reader of a response gets: plain values. An absent optional field is None (never UNSET), the free-form
JsonObject behaves like the JSON object it came from, and request bodies still send only what the caller set."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Mapping

import attrs
import eigenpal_api.models
import pytest
from eigenpal_api.models import (
    Artifact,
    CancelManyRequest,
    JsonObject,
    Run,
    RunStatus,
    RunType,
    StartRunMultipartRequest,
    StartRunRequest,
)
from eigenpal_api.types import Unset

OUTPUT = {"invoiceNumber": "INV-1", "totalAmount": 12.5, "vendor": {"name": "Umbrella"}, "lineItems": [{"n": 1}]}


def run_body(**extra: object) -> dict[str, object]:
    return {
        "id": "run_1",
        "type": "workflow",
        "finished": True,
        "tags": [],
        "timing": {
            "createdAt": "2026-11-21T05:00:00+00:00",
            "startedAt": None,
            "completedAt": None,
            "durationMs": None,
            "cancelRequestedAt": None,
        },
        "source": {"id": "wf_1", "name": "Extract invoice", "version": None},
        "trigger": {"type": "api", "by": None},
        "execution": {"status": "completed", "schemaValid": None, "batchId": None, "retry": None},
        **extra,
    }


MODELS = [model for name in eigenpal_api.models.__all__ if attrs.has(model := getattr(eigenpal_api.models, name))]


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_no_model_has_an_unset_field(model: type[object]) -> None:
    # Request bodies included: in this document none of their optional properties is nullable, so None can stand
    # for "not sent" everywhere (openapi/templates/absent_fields.jinja). A nullable optional property on a request
    # body would bring UNSET back there, on purpose, and this test would say where.
    for field in attrs.fields(model):  # type: ignore[arg-type]
        annotation = str(field.type)  # the source text: the models use `from __future__ import annotations`
        assert "Unset" not in annotation, f"{model.__name__}.{field.name}: {annotation}"
        assert not isinstance(field.default, Unset), f"{model.__name__}.{field.name}"


def test_a_finished_run_prints_plain_values() -> None:
    run = Run.from_dict(run_body(output=OUTPUT, error="nothing"))
    assert run.output == OUTPUT
    assert run.files is None
    assert run.usage is None
    shown = repr(run)
    assert "output={'invoiceNumber': 'INV-1', 'totalAmount': 12.5," in shown
    assert "files=None" in shown
    assert "error='nothing'" in shown
    assert "UNSET" not in shown
    assert "JsonObject(" not in shown
    assert "additional_properties={}" in shown  # Run's own unknown fields: none


def test_json_object_reads_like_the_json_object_it_came_from() -> None:
    run = Run.from_dict(run_body(output=OUTPUT))
    output = run.output
    assert output is not None
    assert isinstance(output, JsonObject)
    assert isinstance(output, Mapping)
    assert isinstance(output, dict)
    assert output["totalAmount"] == 12.5
    assert output["vendor"] == {"name": "Umbrella"}
    assert list(output) == ["invoiceNumber", "totalAmount", "vendor", "lineItems"]
    assert len(output) == 4
    assert "invoiceNumber" in output
    assert "missing" not in output
    assert output.get("missing") is None
    assert output == OUTPUT
    assert OUTPUT == output  # noqa: SIM300 - the comparison from the plain dict's side
    assert output != {**OUTPUT, "totalAmount": 13}
    assert dict(output) == OUTPUT
    assert type(dict(output)) is dict
    assert repr(output) == repr(OUTPUT)
    assert str(output) == str(OUTPUT)
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
    assert output.additional_properties == OUTPUT
    assert output.additional_keys == list(OUTPUT)
    output["note"] = "added"
    del output["lineItems"]
    assert output.additional_properties is output
    output.additional_properties = {"only": 1}
    assert output == {"only": 1}
    assert JsonObject() == {}
    assert not JsonObject()
    with pytest.raises(TypeError, match="JsonObject: expected an object, got list"):
        JsonObject.from_dict([1, 2])  # type: ignore[arg-type]


def test_json_object_copies_and_pickles_as_itself() -> None:
    output = JsonObject.from_dict(OUTPUT)
    for copied in (copy.copy(output), copy.deepcopy(output), pickle.loads(pickle.dumps(output))):  # noqa: S301
        assert type(copied) is JsonObject
        assert copied == OUTPUT
    run = Run.from_dict(run_body(output=OUTPUT))
    assert pickle.loads(pickle.dumps(run)) == run  # noqa: S301


def test_a_run_round_trips_with_a_json_object_and_unknown_fields() -> None:
    body = run_body(output=OUTPUT, reviewQueue="legal")
    run = Run.from_dict(body)
    assert run.additional_properties == {"reviewQueue": "legal"}
    assert run.to_dict() == body
    assert Run.from_dict(run.to_dict()) == run


def test_a_request_body_sends_only_what_the_caller_set() -> None:
    assert StartRunRequest(target="workflows.sleep").to_dict() == {"target": "workflows.sleep"}
    assert StartRunRequest(target="workflows.sleep", input_=None, tags=None).to_dict() == {"target": "workflows.sleep"}
    body = StartRunRequest(target="workflows.sleep", input_=JsonObject.from_dict({"seconds": 1}), tags=[])
    assert body.to_dict() == {"target": "workflows.sleep", "input": {"seconds": 1}, "tags": []}

    assert CancelManyRequest(status=[RunStatus.PENDING]).to_dict() == {"status": ["pending"]}
    assert CancelManyRequest(type_=RunType.AGENT, from_="now()-1d").to_dict() == {"type": "agent", "from": "now()-1d"}

    multipart = StartRunMultipartRequest(target="workflows.sleep", tags='["a"]')
    parts = [name for name, _ in multipart.to_multipart()]
    assert parts == ["target", "tags"]
    assert multipart.to_dict() == {"target": "workflows.sleep", "tags": '["a"]'}


def test_optional_fields_of_nested_models_are_none_too() -> None:
    artifact = Artifact.from_dict({"name": "a.json", "role": "output", "path": "a.json"})
    assert (artifact.step_name, artifact.content_type, artifact.size) == (None, None, None)
    assert artifact.to_dict() == {"name": "a.json", "role": "output", "path": "a.json"}
