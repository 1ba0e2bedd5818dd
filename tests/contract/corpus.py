"""The contract corpus: answer bodies for every runs and files operation of the two sources of truth.

R1 is the published document (`openapi/upstream/eigenpal-openapi-1.0.0.json`) as it is; R3 is R1 with only the R3
overlay (`openapi/upstream/overlays/r3-eigenpal-0.20.93.yaml`) applied. Never this project's tolerance overlay, derived
document or local server: the corpus says what the real API may send, and the client must read it.

Size (`python -m tests.contract.corpus` prints this line; test_contract.py holds the corpus to at least these):
R1: 907 legal, 438 tolerated; R3: 1204 legal, 562 tolerated.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from oas_patch.overlay import apply_overlay  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .bodies import BodyMaker, Change, Json

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = ROOT / "openapi" / "upstream"
PUBLISHED = UPSTREAM / "eigenpal-openapi-1.0.0.json"
R3_OVERLAY = UPSTREAM / "overlays" / "r3-eigenpal-0.20.93.yaml"
OPERATIONS = re.compile(r"^/api/v1/(runs|files)(/|$)")
METHODS = ("get", "put", "post", "delete", "patch")
ERROR_SCHEMA = "ApiErrorEnvelope"


@functools.cache
def source(name: str) -> Mapping[str, Json]:
    """The source document `R1` or `R3` (a fresh parse, never shared with the derivation)."""
    published = json.loads(PUBLISHED.read_text())
    if name == "R1":
        return published  # type: ignore[no-any-return]
    if name == "R3":
        return apply_overlay(published, yaml.safe_load(R3_OVERLAY.read_text()))  # type: ignore[no-any-return]
    raise ValueError(f"no source {name!r}: R1 or R3")


SOURCES = ("R1", "R3")


@dataclass(frozen=True)
class Answer:
    """One JSON answer of one operation in one source."""

    source: str
    operation_id: str  # `runs.get`
    tag: str  # `Runs`: the generated package `eigenpal_api.api.runs`
    method: str
    path: str
    status: int
    pointer: str  # the JSON pointer of the answer's schema in the source document
    schema: Mapping[str, Json]


@dataclass(frozen=True)
class Case:
    """One body, and what parsing it must give."""

    answer: Answer
    model: str | None  # the generated model's name; None where the document allows any JSON
    kind: str  # `legal` or `tolerated`
    label: str  # `full`, `minimal`, `nulls`, or the change (bodies.Change.label)
    body: Json = field(compare=False)
    change: Change | None = field(default=None, compare=False)  # for a tolerated body: what was changed
    one_of_several: bool = False  # the answer allows several models: the id names this one

    @property
    def id(self) -> str:
        """`runs.get-200-R3-minimal`, `runs.start-201-R1-RunAccepted-full`."""
        parts = [self.answer.operation_id, str(self.answer.status), self.answer.source]
        if self.one_of_several and self.model is not None:
            parts.append(self.model)
        return "-".join([*parts, self.label])


def answers(name: str) -> Iterator[Answer]:
    """Every JSON answer of every operation under /api/v1/runs and /api/v1/files in the source."""
    document = source(name)
    for path, item in document["paths"].items():
        if not OPERATIONS.match(path):
            continue
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            (tag,) = operation["tags"]
            for status, response in operation["responses"].items():
                if "$ref" in response:
                    raise ValueError(f"{method} {path} {status}: shared responses are not read yet")
                if "application/json" not in response.get("content", {}):
                    continue
                escaped = path.replace("~", "~0").replace("/", "~1")
                yield Answer(
                    source=name,
                    operation_id=operation["operationId"],
                    tag=tag,
                    method=method,
                    path=path,
                    status=int(status),
                    pointer=f"#/paths/{escaped}/{method}/responses/{status}/content/application~1json/schema",
                    schema=response["content"]["application/json"]["schema"],
                )


def alternatives(answer: Answer) -> list[tuple[str | None, Mapping[str, Json]]]:
    """The generated model each body of an answer must parse as, with the schema it is made from.

    An answer that is one of several schemas (`anyOf`, as R1's start answer RunAccepted or Run) gives one entry per
    alternative; a `$ref` to another name (RunRerunResponse is RunStartResponse) is followed until an anyOf or a
    schema the generated package has a model of; an answer of any JSON gives (None, schema).
    """
    maker = BodyMaker(source(answer.source))
    branches, _ = maker.branches(answer.schema)
    if len(branches) > 1:
        return [(maker.name(branch), branch) for branch in branches]
    names = maker.names(answer.schema)
    return [(names[0] if names else None, answer.schema)]


def answer_cases(answer: Answer, changed_here: set[str | None]) -> Iterator[Case]:
    """The bodies of one answer: full, minimal and nulls; and every legal and tolerated change of the models in
    `changed_here`."""
    maker = BodyMaker(source(answer.source))
    models = alternatives(answer)
    for model, schema in models:
        full = maker.full(schema)
        every_change = model in changed_here

        def case(kind: str, label: str, body: Json, change: Change | None = None, model: str | None = model) -> Case:
            return Case(answer, model, kind, label, body, change, one_of_several=len(models) > 1)

        bodies = [("full", full), ("minimal", maker.minimal(schema)), ("nulls", maker.nulls(schema))]
        legal = [case("legal", label, body) for label, body in bodies]
        if every_change:
            legal += [case("legal", change.label, change.body) for change in maker.legal_changes(schema, full)]
        seen: set[str] = set()
        for item in legal:
            text = json.dumps(item.body, sort_keys=True)
            if text in seen or (model is None and item.body is None):
                continue  # the same body twice; or null where any JSON is allowed, which no model can tell apart
            seen.add(text)
            yield item
        if every_change and model is not None:
            for change in maker.tolerated_changes(schema, full):
                if change.path == () and change.kind == "wrong-type":
                    continue  # a body that is no object at all raises (tests/generated): not tolerated
                text = json.dumps(change.body, sort_keys=True)
                if text not in seen:  # a union's own place, changed once per alternative, is one body
                    seen.add(text)
                    yield case("tolerated", change.label, change.body, change)


@functools.cache
def corpus() -> tuple[Case, ...]:
    """Every case of both sources, in document order.

    Every answer (each success status, each error status) gets its full, minimal and nulls bodies, which take each
    generated code path (`runs_start` parses a 201 apart from a 200). Every change, legal and tolerated, is made once
    per model and source, in the first answer that has only that model, a GET's first (else the first that has it),
    so that the Run bodies go through `runs.get` and the RunAccepted ones through `runs.start`: a model parses
    alike wherever it appears, and repeating some 500 Run bodies in all seven answers that carry a Run would only
    multiply the run time.
    """
    cases: list[Case] = []
    for name in SOURCES:
        found = list(answers(name))
        for answer in found:
            if answer.status >= 400 and BodyMaker(source(name)).names(answer.schema) != [ERROR_SCHEMA]:
                raise ValueError(f"{answer.operation_id} {answer.status}: not the error envelope")
        changes_in: dict[str | None, Answer] = {}
        # sorted() is stable: within each rank, document order.
        preferred = sorted(found, key=lambda answer: (len(alternatives(answer)) > 1, answer.method != "get"))
        for answer in preferred:
            for model, _ in alternatives(answer):
                changes_in.setdefault(model, answer)
        for answer in found:
            here = {model for model, chosen in changes_in.items() if chosen is answer}
            cases.extend(answer_cases(answer, here))
    ids = Counter(case.id for case in cases)
    twice = [case_id for case_id, count in ids.items() if count > 1]
    if twice:
        raise ValueError(f"test ids that are not unique: {twice[:5]}")
    return tuple(cases)


@functools.cache
def validator(name: str, pointer: str) -> Draft202012Validator:
    """A Draft 2020-12 validator of the schema at `pointer` in the source, its `$ref`s resolved in that document."""
    uri = f"urn:eigenpal:{name}"
    resource = Resource.from_contents(copy.deepcopy(source(name)), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(uri, resource)
    return Draft202012Validator(
        {"$ref": uri + pointer}, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def counts() -> dict[tuple[str, str], int]:
    """How many bodies of each (source, kind)."""
    return dict(Counter((case.answer.source, case.kind) for case in corpus()))


def counts_line() -> str:
    found = counts()
    return "; ".join(
        f"{name}: {found.get((name, 'legal'), 0)} legal, {found.get((name, 'tolerated'), 0)} tolerated"
        for name in SOURCES
    )


if __name__ == "__main__":
    print(counts_line() + ".")  # the docstring line, for a human to paste
