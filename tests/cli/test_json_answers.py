"""``--json`` prints the API's JSON as the server sent it: byte for byte, not re-serialised through the models.

Against a scripted server the answers are known bytes (an odd layout, a timestamp with microseconds, a field this
client's models do not know); against the local server, stdout is what a plain GET of the same run answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hostile.server import HostileServer, RecordedRequest, Scripted, run_json

from .conftest import Cli, run_cli

RUN_ID = "run_json_as_sent"
CREATED_AT = "2026-11-21T05:00:00.123456Z"
"""A timestamp as a server may spell it; the models would write it back as ``2026-11-21T05:00:00.123456+00:00``."""


def _body(document: Any) -> bytes:
    # A layout of its own (indent 1, keys in the server's order) that no re-serialisation would reproduce.
    return json.dumps(document, indent=1).encode()


def _run() -> dict[str, Any]:
    run = run_json(RUN_ID, "completed", futureField={"addedIn": "2027-01", "kept": True})
    run["timing"]["createdAt"] = CREATED_AT
    return run


_RUN_BODY = _body(_run())
_LIST_BODY = _body({"runs": [{k: v for k, v in _run().items() if k not in ("output", "files")}],
                    "nextCursor": None, "pageInfo": {"unknownToTheModels": 1}})  # fmt: skip


def _script(request: RecordedRequest, _number: int) -> Scripted:
    headers = {"Content-Type": "application/json"}
    if request.method == "GET" and request.path == "/v1/runs":
        return Scripted(200, headers, _LIST_BODY)
    return Scripted(200, headers, _RUN_BODY)


@pytest.fixture
def scripted() -> Iterator[HostileServer]:
    server = HostileServer("scripted", script=_script).start()
    yield server
    server.stop()


@pytest.mark.parametrize(
    ("args", "sent"),
    [
        (["runs", "get", RUN_ID], _RUN_BODY),
        (["runs", "list"], _LIST_BODY),
        (["runs", "wait", RUN_ID], _RUN_BODY),
        (["run", "workflows.extract-invoice", "--input", "x=1", "--wait"], _RUN_BODY),
    ],
    ids=["runs get", "runs list", "runs wait", "run --wait"],
)
def test_json_is_the_body_the_server_sent(scripted: HostileServer, args: list[str], sent: bytes) -> None:
    result = run_cli(*args, "--json", "--base-url", scripted.base_url, "--api-key", "sk_test_json")

    assert result.code == 0, result.stderr
    assert result.stdout == sent.decode() + "\n"
    assert CREATED_AT in result.stdout  # not re-spelled by the models
    assert ("futureField" in result.stdout) or ("unknownToTheModels" in result.stdout)  # not dropped


def test_json_of_the_local_server_is_what_a_plain_get_answers(cli: Cli, tag: str) -> None:
    waited = cli("run", "workflows.sleep", "--input", "seconds=0.1", "--tag", tag, "--wait", "--json")
    assert waited.code == 0, waited.stderr
    run_id = json.loads(waited.stdout)["id"]
    got = cli("runs", "get", run_id, "--json")
    listed = cli("runs", "list", "--tag", tag, "--json")

    headers = {"Authorization": f"Bearer {cli.api_key}"}
    with httpx.Client(base_url=cli.base_url, headers=headers) as http:
        direct = http.get(f"/v1/runs/{run_id}", params={"expand": "execution"}).text
        page = http.get("/v1/runs", params={"tag": tag}).text

    assert got.stdout == direct + "\n"
    assert waited.stdout == direct + "\n"  # the wait's final read: the finished run, as the API sends it
    assert listed.stdout == page + "\n"
    created_at = json.loads(direct)["timing"]["createdAt"]
    assert created_at.endswith("Z") and f'"{created_at}"' in got.stdout  # the server's spelling, kept
