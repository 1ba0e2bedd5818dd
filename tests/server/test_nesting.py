"""JSON nested deeper than the limit is a 400 in the error envelope naming the field, never a 500 from recursion."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eigenpal_ext import EigenpalClient, InvalidArgumentError
from eigenpal_ext._core._json_input import MAX_JSON_DEPTH as CLIENT_MAX_JSON_DEPTH
from eigenpal_local import LocalServer
from eigenpal_local._nesting import MAX_JSON_DEPTH, deepest_member, nesting_depth

DEEP = 10_000
JSON = {"Content-Type": "application/json"}


def nested_objects(levels: int, leaf: str = "1") -> str:
    """JSON text of ``levels`` objects one inside the other: ``{"a":{"a":1}}`` for 2."""
    return '{"a":' * levels + leaf + "}" * levels


def nested_lists(levels: int) -> str:
    return "[" * levels + "]" * levels


def assert_too_deep(response: httpx.Response, field: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["requestId"] == response.headers["x-request-id"]
    (issue,) = body["issues"]
    assert issue["code"] == "too_deep"
    assert issue["field"] == field
    assert issue["severity"] == "error"
    assert str(MAX_JSON_DEPTH) in issue["message"]


@pytest.mark.parametrize("field", ["input", "overrides", "metadata", "tags"])
@pytest.mark.parametrize("shape", [nested_objects, nested_lists])
def test_a_json_body_field_nested_10000_deep_is_a_400_naming_it(http: httpx.Client, field: str, shape: Any) -> None:
    body = f'{{"target":"agents.echo","{field}":{shape(DEEP)}}}'
    assert_too_deep(http.post("/v1/runs", content=body, headers=JSON), field)


def test_a_json_body_nested_10000_deep_is_a_400_naming_the_body(http: httpx.Client) -> None:
    assert_too_deep(http.post("/v1/runs", content=nested_lists(DEEP), headers=JSON), "body")


@pytest.mark.parametrize("field", ["input", "overrides", "metadata", "tags"])
def test_a_multipart_field_nested_10000_deep_is_a_400_naming_it(http: httpx.Client, field: str) -> None:
    fields = {"target": "agents.echo", field: nested_objects(DEEP)}
    response = http.post("/v1/runs", data=fields, files={"files.doc": ("doc.txt", b"text", "text/plain")})
    assert_too_deep(response, field)


def test_files_nested_10000_deep_is_a_400_naming_them(http: httpx.Client) -> None:
    body = f'{{"target":"agents.echo","files":{{"doc":{nested_lists(DEEP)}}}}}'
    assert_too_deep(http.post("/v1/runs", content=body, headers=JSON), "files")


def test_a_cursor_nested_10000_deep_is_a_400(http: httpx.Client) -> None:
    cursor = base64.urlsafe_b64encode(nested_lists(DEEP).encode()).decode()
    response = http.get("/v1/runs", params={"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["issues"][0]["code"] == "invalid_cursor"


def test_input_exactly_at_the_limit_is_taken_in_both_encodings(http: httpx.Client) -> None:
    # The input object is the first of its MAX_JSON_DEPTH levels.
    at_limit = nested_objects(MAX_JSON_DEPTH)
    body = f'{{"target":"agents.echo","input":{at_limit}}}'
    held = {"wait_for_completion": 30}
    answered = http.post("/v1/runs", content=body, headers=JSON, params=held)
    assert answered.status_code == 200, answered.text
    assert answered.json()["output"] == json.loads(at_limit)
    multipart = http.post("/v1/runs", data={"target": "agents.echo", "input": at_limit}, files={"files.f": b"x"})
    assert multipart.status_code == 201, multipart.text
    one_more = nested_objects(MAX_JSON_DEPTH + 1)
    assert_too_deep(
        http.post("/v1/runs", content=f'{{"target":"agents.echo","input":{one_more}}}', headers=JSON), "input"
    )
    response = http.post("/v1/runs", data={"target": "agents.echo", "input": one_more}, files={"files.f": b"x"})
    assert_too_deep(response, "input")


def test_the_client_refuses_exactly_what_the_server_refuses(server: LocalServer) -> None:
    assert CLIENT_MAX_JSON_DEPTH == MAX_JSON_DEPTH
    with EigenpalClient(api_key=server.api_key, base_url=server.base_url) as client:
        at_limit = json.loads(nested_objects(MAX_JSON_DEPTH))
        run = client.run_and_wait("agents.echo", input=at_limit, timeout_seconds=30)
        assert run.execution.status == "completed"
        with pytest.raises(InvalidArgumentError):
            client.run("agents.echo", input=json.loads(nested_objects(MAX_JSON_DEPTH + 1)))


# --- the measure itself ------------------------------------------------------------------------------------------


def _reference_depth(value: object) -> int:
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


_tricky_text = st.text(alphabet='[]{}"\\ab\n\u2028é', max_size=8)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | _tricky_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(_tricky_text, children, max_size=3),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=_json_values, ascii_only=st.booleans())
def test_the_measured_depth_is_the_depth_json_descends(value: object, ascii_only: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only)
    assert nesting_depth(text) == _reference_depth(value)


def test_the_deepest_member_is_named_by_its_key() -> None:
    text = '{"a\\"[":"x[[[","input":' + nested_lists(10) + ',"later":' + nested_lists(20) + "}"
    assert deepest_member(text, 5) == "input"
    assert deepest_member(text, 15) == "later"
    assert deepest_member(text, 30) is None
    assert deepest_member(nested_lists(10), 5) is None  # no object, no member
