"""Input nested too deep, or holding itself, is refused before any request with an InvalidArgumentError naming it.

Never a RecursionError: the check keeps its own stack, and the limit (``MAX_JSON_DEPTH``, the local server's too)
stops input before json.dumps would recurse on it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import pytest
from clientkit import Client, MakeHarness, Script, body_of, refuse, reply

from eigenpal_ext import InvalidArgumentError
from eigenpal_ext._core._json_input import MAX_JSON_DEPTH

ACCEPTED = {"id": "run_1", "type": "workflow", "finished": False}
DEEP = 10_000


def nested(levels: int, shape: str) -> Any:
    """``levels`` dicts (``{"a": {"a": ...}}``) or lists (``[[...]]``) one inside the other, built without recursion."""
    value: Any = 0
    for _ in range(levels):
        value = {"a": value} if shape == "dict" else [value]
    return value


def start(where: str, value: Any) -> Callable[[Client], object]:
    """A start call with ``value`` as a member of input, or as the whole of overrides or metadata."""
    if where == "input":
        return lambda client: client.run("workflows.x", input={"deep": value})
    return lambda client: client.run("workflows.x", input={}, **{where: value})


@pytest.mark.parametrize("shape", ["dict", "list"])
@pytest.mark.parametrize(
    ("where", "named"), [("input", "input.deep"), ("overrides", "overrides"), ("metadata", "metadata")]
)
def test_a_value_nested_10000_deep_is_refused_before_any_request(
    make_harness: MakeHarness, where: str, named: str, shape: str
) -> None:
    value = nested(DEEP, shape) if where == "input" or shape == "dict" else {"list": nested(DEEP, shape)}
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(start(where, value))
    assert caught.value.argument.startswith(named)
    assert f"deeper than {MAX_JSON_DEPTH} levels" in str(caught.value)
    assert len(caught.value.argument) <= 121  # a deep value's name is shown cut short


def test_a_deep_value_beside_a_file_is_refused_too(make_harness: MakeHarness) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.run("workflows.x", input={"doc": b"%PDF", "deep": nested(DEEP, "dict")}))
    assert caught.value.argument.startswith("input.deep")


def test_the_name_says_where_the_value_is_too_deep(make_harness: MakeHarness) -> None:
    harness = make_harness(refuse)
    value = {"b": [0, 0, 0, nested(MAX_JSON_DEPTH, "list")]}  # input, a, b, the list: 3 levels before it
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.run("workflows.x", input={"a": value}))
    name = "input.a.b[3]" + "[0]" * (MAX_JSON_DEPTH - 3)  # the first list past the limit
    assert caught.value.argument == f"{name[:60]}…{name[-60:]}"  # cut short in the middle


@pytest.mark.parametrize("where", ["input", "overrides", "metadata"])
def test_a_value_exactly_at_the_limit_is_sent(make_harness: MakeHarness, where: str) -> None:
    # The field's own object is the first level: a member of input starts one level down.
    value = nested(MAX_JSON_DEPTH - 1, "dict") if where == "input" else nested(MAX_JSON_DEPTH, "dict")
    server = Script(reply(202, ACCEPTED))
    harness = make_harness(server)
    harness.call(start(where, value))
    sent = body_of(server.requests[0])
    assert (sent["input"]["deep"] if where == "input" else sent[where]) == value
    one_more = {"a": value}
    with pytest.raises(InvalidArgumentError):
        make_harness(refuse).call(start(where, one_more))


def _dict_holding_itself() -> dict[str, Any]:
    looped: dict[str, Any] = {"name": "loop"}
    looped["self"] = looped
    return looped


def _list_holding_itself() -> list[Any]:
    looped: list[Any] = [1]
    looped.append(looped)
    return looped


def _two_holding_each_other() -> dict[str, Any]:
    first: dict[str, Any] = {}
    second: dict[str, Any] = {"back": first}
    first["next"] = [second]
    return first


@pytest.mark.parametrize(
    ("make", "named", "holder"),
    [
        (_dict_holding_itself, "input.deep.self", "input.deep"),
        (_list_holding_itself, "input.deep[1]", "input.deep"),
        (_two_holding_each_other, "input.deep.next[0].back", "input.deep"),
    ],
)
def test_a_value_holding_itself_is_refused_as_a_cycle(
    make_harness: MakeHarness, make: Callable[[], Any], named: str, holder: str
) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(start("input", make()))
    assert caught.value.argument == named
    assert "cycle" in str(caught.value)
    assert holder in str(caught.value)


@pytest.mark.parametrize("where", ["input", "overrides", "metadata"])
def test_a_field_holding_itself_is_refused_as_a_cycle(make_harness: MakeHarness, where: str) -> None:
    field = _dict_holding_itself()
    harness = make_harness(refuse)
    call = (lambda client: client.run("workflows.x", input=field)) if where == "input" else start(where, field)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(call)
    assert caught.value.argument == f"{where}.self"
    assert f"({where})" in str(caught.value)


def test_the_same_value_twice_is_no_cycle(make_harness: MakeHarness) -> None:
    shared = {"x": [1, 2]}
    server = Script(reply(202, ACCEPTED))
    harness = make_harness(server)
    harness.call(lambda client: client.run("workflows.x", input={"a": shared, "b": [shared, shared]}))
    assert body_of(server.requests[0])["input"] == json.loads(json.dumps({"a": shared, "b": [shared, shared]}))


def test_an_integer_too_long_for_json_is_refused_before_any_request(make_harness: MakeHarness) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.run("workflows.x", input={"n": [10**5000]}))
    assert caught.value.argument == "input.n[0]"
    assert "digits" in str(caught.value)


def test_a_mapping_json_cannot_write_is_refused_before_any_request(make_harness: MakeHarness) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.run("workflows.x", input={"a": [MappingProxyType({"b": 1})]}))
    assert caught.value.argument == "input.a[0]"
    assert "mappingproxy" in str(caught.value)
