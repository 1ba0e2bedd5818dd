"""Checks an answer against openapi/eigenpal.yaml: its status is documented for the operation, its content type is
one the operation declares for that status, and its JSON body validates against that response's schema (JSON Schema
2020-12, the dialect of OpenAPI 3.1, with the document's `$ref`s resolved inside the document)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT = Path(__file__).resolve().parents[2] / "openapi" / "eigenpal.yaml"
_URI = "urn:eigenpal-ext:openapi"


@cache
def document() -> dict[str, Any]:
    """The document, read once."""
    loaded: dict[str, Any] = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


@cache
def _registry() -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(document(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(_URI, resource)
    return registry


def _pointer(*parts: str) -> str:
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


def validator(*pointer: str) -> Draft202012Validator:
    """A validator for the schema at this JSON pointer into the document (`"components", "schemas", "Run"`)."""
    return Draft202012Validator({"$ref": f"{_URI}#{quote(_pointer(*pointer), safe='/~')}"}, registry=_registry())


def schema_errors(instance: object, *pointer: str) -> list[str]:
    """What is wrong with `instance` against the schema at `pointer`, one line each (empty when it fits)."""
    errors = sorted(validator(*pointer).iter_errors(instance), key=lambda error: list(error.absolute_path))
    return [f"{'/'.join(map(str, error.absolute_path)) or '<body>'}: {error.message}" for error in errors]


def check_answer(response: httpx.Response, method: str, path: str) -> Any:
    """Asserts that `response` is what the document allows `method path` (its template, `/v1/runs/{id}`) to answer
    with that status; returns the JSON body (None for other content)."""
    operation = document()["paths"][path][method.lower()]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {path} documents no {status}: {response.text[:300]}"
    declared = operation["responses"][status]
    for header in declared.get("headers", {}):
        assert header.lower() in response.headers, f"{method} {path} {status} lacks the {header} header"
    content = declared.get("content")
    if content is None:
        return None
    content_type = response.headers.get("content-type", "").split(";")[0].strip()
    assert content_type in content, f"{method} {path} {status} declares {sorted(content)}, not {content_type!r}"
    if content_type != "application/json":
        return None
    body = response.json()
    errors = schema_errors(body, "paths", path, method.lower(), "responses", status, "content", content_type, "schema")
    assert not errors, f"{method} {path} {status} does not fit the document:\n" + "\n".join(errors)
    if response.status_code >= 400:
        assert body["requestId"] == response.headers["x-request-id"]
    return body
