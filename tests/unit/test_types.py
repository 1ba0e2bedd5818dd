"""The public models: every model a public method returns or takes is in ``eigenpal_ext.types`` (the five met most in
``eigenpal_ext`` too), as the very class the client hands out; and the status predicates take ``client.run``'s answer.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
import typing
from collections.abc import Iterator

import attrs
import eigenpal_api.models
import httpx
import pytest
from clientkit import MakeHarness, reply, run_json

import eigenpal_ext
import eigenpal_ext.testing
import eigenpal_ext.types
from eigenpal_ext import AsyncEigenpalClient, EigenpalClient, human_review_of, is_failure, is_success, is_terminal

MODELS = vars(eigenpal_api.models)


def _typed_imports() -> dict[str, object]:
    """Each name ``eigenpal_ext.types`` imports (or aliases) under ``TYPE_CHECKING``, resolved the ordinary way."""
    tree = ast.parse(inspect.getsource(eigenpal_ext.types))
    block = next(node for node in tree.body if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING")
    names: dict[str, object] = {}
    for statement in block.body:
        if isinstance(statement, ast.ImportFrom) and statement.module != "typing":
            module = importlib.import_module("." * statement.level + (statement.module or ""), "eigenpal_ext")
            for alias in statement.names:
                names[alias.asname or alias.name] = getattr(module, alias.name)
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names[statement.target.id] = names[ast.unparse(statement.value or statement.target)]
    return names


def test_every_name_is_the_class_the_type_checker_was_told() -> None:
    typed = _typed_imports()
    assert sorted(typed) == sorted(eigenpal_ext.types.__all__)
    for name, expected in typed.items():
        assert getattr(eigenpal_ext.types, name) is expected, name


def test_the_models_met_most_are_in_the_package_itself_as_the_same_classes() -> None:
    from eigenpal_ext import Run, RunAccepted, RunArtifact, RunListItem, RunsListResponse
    from eigenpal_ext.types import Artifact, RunList

    assert Run is MODELS["Run"] and RunAccepted is MODELS["RunAccepted"] and RunListItem is MODELS["RunListItem"]
    assert RunsListResponse is RunList is MODELS["RunsListResponse"]
    assert RunArtifact is Artifact is MODELS["RunArtifact"]
    assert eigenpal_ext.types.RunStatus is eigenpal_ext.RunStatus and eigenpal_ext.types.FileRef is eigenpal_ext.FileRef


def test_an_unknown_name_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Runn'"):
        eigenpal_ext.types.Runn  # type: ignore[attr-defined]  # noqa: B018


def _flat(annotation: object) -> Iterator[object]:
    arguments = typing.get_args(annotation)
    yield annotation
    for argument in arguments:
        yield from _flat(argument)


def _fields_models(cls: type) -> Iterator[type]:
    """The generated models and enums the fields of a generated model are typed with."""
    namespace = {**vars(typing), **MODELS, **vars(sys.modules[cls.__module__])}
    for annotation in typing.get_type_hints(cls, globalns=namespace).values():
        for part in _flat(annotation):
            if isinstance(part, type) and part.__module__.startswith("eigenpal_api.models."):
                yield part


def _public_objects() -> Iterator[object]:
    """The public names of the packages, and every object a client reaches (``client.runs.reviews.expected``...)."""
    for module in (eigenpal_ext, eigenpal_ext.testing):
        yield from (getattr(module, name) for name in module.__all__)
    for client_class in (EigenpalClient, AsyncEigenpalClient):
        client = client_class(api_key="k", base_url="http://127.0.0.1:9")
        pending: list[object] = [client]
        visited: set[int] = set()
        while pending:
            found = pending.pop()
            if id(found) in visited:
                continue
            visited.add(id(found))
            yield found
            for name in dir(found):
                value = None if name.startswith("_") else getattr(found, name, None)
                ours = type(value).__module__.startswith("eigenpal_ext._")
                if value is not None and ours and not inspect.ismethod(value):
                    pending.append(value)
        if isinstance(client, EigenpalClient):
            client.close()


def _signature_models() -> set[type]:
    """The generated models named in a signature of a public function, method or property."""
    found: set[type] = set()
    for obj in _public_objects():
        cls = obj if inspect.isclass(obj) else type(obj)
        members = [obj] if inspect.isfunction(obj) else [member for _, member in inspect.getmembers(cls)]
        for member in members:
            function = member.fget if isinstance(member, property) else member
            if not callable(function):
                continue
            try:
                text = str(inspect.signature(function))
            except (TypeError, ValueError):
                continue
            found |= {MODELS[name] for name in re.findall(r"\b[A-Z]\w+", text) if isinstance(MODELS.get(name), type)}
    return found


def test_every_model_a_public_method_returns_or_takes_is_in_types_with_every_model_of_its_fields() -> None:
    seen: set[type] = set()
    pending = list(_signature_models())
    assert {MODELS["Run"], MODELS["RunAccepted"], MODELS["RunsListResponse"]} <= set(pending)  # the scan sees them
    while pending:
        model = pending.pop()
        if model not in seen:
            seen.add(model)
            if attrs.has(model):
                pending.extend(_fields_models(model))
    offered = {getattr(eigenpal_ext.types, name) for name in eigenpal_ext.types.__all__}
    missing = sorted(model.__name__ for model in seen - offered)
    assert not missing, f"not importable from eigenpal_ext.types: {missing}"


def _accepting(status: str | None) -> httpx.Response:
    """A start answered with the run in full (ended inside the hold) or, when ``status`` is None, a RunAccepted."""
    if status is None:
        return reply(202, {"id": "run_1", "type": "workflow", "finished": False})
    return reply(200, run_json("run_1", status))


@pytest.mark.parametrize(
    ("status", "terminal", "success", "failure"),
    [(None, False, False, False), ("completed", True, True, False), ("failed", True, False, True)],
)
def test_the_predicates_take_what_client_run_returns(
    make_harness: MakeHarness, status: str | None, terminal: bool, success: bool, failure: bool
) -> None:
    harness = make_harness(lambda request: _accepting(status))
    started = harness.call(lambda client: client.run("workflows.sleep", input={}, wait_for_completion=5))
    assert isinstance(started, eigenpal_ext.RunAccepted if status is None else eigenpal_ext.Run)
    assert (is_terminal(started), is_success(started), is_failure(started)) == (terminal, success, failure)
    assert human_review_of(started) is None
