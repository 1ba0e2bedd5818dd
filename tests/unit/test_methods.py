"""The calls of the clients are methods, typed where they are declared: what IDEs, ``help()`` and type checkers see.

``pyright --verifytypes`` (scripts/test's "public types" gate) checks the types; these check the shape at run time,
on both clients.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator

import pytest

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient

Client = EigenpalClient | AsyncEigenpalClient


@pytest.fixture(params=["sync", "async"])
def client(request: pytest.FixtureRequest) -> Iterator[Client]:
    """A client of each kind (nothing is sent when a client is made)."""
    if request.param == "sync":
        made: Client = EigenpalClient(api_key="k", base_url="http://127.0.0.1:9")
        yield made
        made.close()
    else:
        made = AsyncEigenpalClient(api_key="k", base_url="http://127.0.0.1:9")
        yield made
        asyncio.run(made.close())


def _reached(client: Client) -> Iterator[object]:
    """The client and every object users reach from it by attribute."""
    yield client
    yield client.runs
    yield client.runs.artifacts
    yield client.runs.reviews
    yield client.runs.reviews.expected
    yield client.runs.reviews.expected.file
    yield client.workflows
    yield client.workflows.executions
    yield client.files
    yield client.runs.handle("run_1")


@pytest.mark.parametrize(
    ("path", "name"), [("", "run"), ("", "run_and_wait"), ("workflows.executions", "run_and_wait")]
)
def test_the_calls_that_start_runs_are_methods_of_their_class(client: Client, path: str, name: str) -> None:
    owner: object = client
    for part in filter(None, path.split(".")):
        owner = getattr(owner, part)
    assert inspect.isfunction(inspect.getattr_static(type(owner), name))
    assert name not in vars(owner)


def test_no_object_users_reach_keeps_a_call_in_an_instance_attribute(client: Client) -> None:
    # A callable in an instance attribute is a variable to an IDE, and has no signature in the reference.
    held = [
        f"{type(obj).__name__}.{name}"
        for obj in _reached(client)
        for name, value in vars(obj).items()
        if not name.startswith("_") and callable(value)
    ]
    assert held == []


def test_every_public_instance_attribute_is_declared_in_its_class(client: Client) -> None:
    undeclared = [
        f"{type(obj).__name__}.{name}"
        for obj in _reached(client)
        for name in vars(obj)
        if not name.startswith("_")
        and not any(name in getattr(cls, "__annotations__", {}) for cls in type(obj).__mro__)
    ]
    assert undeclared == []


def test_run_takes_exactly_the_arguments_of_runs_start(client: Client) -> None:
    assert inspect.signature(client.run) == inspect.signature(client.runs.start)
