"""The list filters really filter, against an in-process local server, from the sync and the async client; and runs
started by the command line (in-process) say so in ``X-Eigenpal-Trigger``, which the ``trigger`` filter finds.

The module's server holds four finished runs of one tag, made one after the other: ``completed`` (api),
``failed`` (api), ``completed`` (the command line) and ``rejected`` (api), newest last.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta

import attrs
import pytest
import pytest_asyncio

from eigenpal_ext import AsyncEigenpalClient, EigenpalClient, InvalidArgumentError
from eigenpal_ext.cli import main
from eigenpal_local import LocalServer

API_KEY = "ep_list_filters_0001"


@attrs.frozen
class Made:
    """The module's runs, oldest first, and the moment between the second and the third."""

    tag: str
    ids: list[str]
    middle: datetime


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, workers=8) as running:
        yield running


@pytest.fixture(scope="module")
def made(server: LocalServer) -> Made:
    tag = f"filters-{uuid.uuid4().hex[:8]}"
    ids: list[str] = []
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as client:
        for outcome in ("completed", "failed"):
            ids.append(client.run_and_wait("workflows.sleep", {"seconds": 0, "outcome": outcome}, tags=[tag]).id)
        time.sleep(0.05)  # createdAt has milliseconds: keep the middle moment strictly between two runs
        middle = datetime.now(UTC)
        time.sleep(0.05)
        ids.append(_start_with_the_command_line(server, tag))
        client.runs.wait(ids[-1])
        ids.append(client.run_and_wait("workflows.sleep", {"seconds": 0, "outcome": "rejected"}, tags=[tag]).id)
    return Made(tag, ids, middle)


def _start_with_the_command_line(server: LocalServer, tag: str) -> str:
    """``eigenpal run workflows.sleep ... --json`` in this process; the run's id."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(
            ["run", "workflows.sleep", "-i", "seconds=0", "--tag", tag, "--json",
             "--base-url", server.base_url, "--api-key", API_KEY]
        )  # fmt: skip
    assert code == 0, out.getvalue()
    run_id: str = json.loads(out.getvalue())["id"]
    return run_id


@pytest.fixture
def client(server: LocalServer) -> Iterator[EigenpalClient]:
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as sync_client:
        yield sync_client


@pytest_asyncio.fixture
async def aclient(server: LocalServer) -> AsyncIterator[AsyncEigenpalClient]:
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url) as async_client:
        yield async_client


def test_status_tag_and_trigger(client: EigenpalClient, made: Made) -> None:
    first, failed, by_cli, rejected = made.ids

    newest_first = [item.id for item in client.runs.list(tag=made.tag).runs]
    unfinished = client.runs.list(tag=made.tag, status=["failed", "rejected"]).runs
    from_the_cli = client.runs.list(tag=made.tag, trigger="cli").runs
    from_the_library = client.runs.list(tag=made.tag, trigger="api").runs

    assert newest_first == [rejected, by_cli, failed, first]
    assert [item.id for item in unfinished] == [rejected, failed]
    assert [item.id for item in from_the_cli] == [by_cli]
    assert from_the_cli[0].trigger.type_ == "cli"
    assert [item.id for item in from_the_library] == [rejected, failed, first]


def test_created_after_and_before_in_every_form(client: EigenpalClient, made: Made) -> None:
    first, failed, by_cli, rejected = made.ids

    after_aware = client.runs.list(tag=made.tag, created_after=made.middle).runs
    before_text = client.runs.list(tag=made.tag, created_before=made.middle.isoformat()).runs
    last_hour = client.runs.list(tag=made.tag, created_after="now()-1h", created_before="now()").runs
    future = client.runs.list(tag=made.tag, created_after="now()+1h").runs
    completed_lately = client.runs.list(tag=made.tag, completed_after=made.middle, status="completed").runs

    assert [item.id for item in after_aware] == [rejected, by_cli]
    assert [item.id for item in before_text] == [failed, first]
    assert len(last_hour) == 4
    assert future == []
    assert [item.id for item in completed_lately] == [by_cli]


def test_sort_order_and_offset(client: EigenpalClient, made: Made) -> None:
    oldest_first = client.runs.list(tag=made.tag, sort="createdAt", order="asc").runs
    skipped = client.runs.list(tag=made.tag, offset=1).runs
    walked = [item.id for item in client.runs.iter(tag=made.tag, order="asc", offset=1, limit=1)]

    assert [item.id for item in oldest_first] == made.ids
    assert [item.id for item in skipped] == made.ids[::-1][1:]
    assert walked == made.ids[1:]  # the offset skips once, not on every page


def test_a_filter_on_what_no_local_run_has_matches_nothing(client: EigenpalClient, made: Made) -> None:
    assert client.runs.list(tag=made.tag, batch_id="batch_1").runs == []
    assert client.runs.list(tag=made.tag, has_example=True).runs == []
    assert len(client.runs.list(tag=made.tag, no_review=True, sample_rate=1).runs) == 4


def test_handles_and_cancel_many_take_the_same_filters(client: EigenpalClient, made: Made) -> None:
    handles = list(client.runs.handles(tag=made.tag, trigger="cli"))
    other = f"{made.tag}-slow"  # the module's tag keeps its four runs for the other tests
    slow = [client.run("workflows.sleep", {"seconds": 30}, tags=[other]).id for _ in range(2)]

    result = client.runs.cancel_many(tag=other, created_after="now()-1m", trigger="api")

    assert [handle.id for handle in handles] == [made.ids[2]]
    assert result.matched == 2
    assert {client.runs.wait(run_id, timeout_seconds=20).execution.status for run_id in slow} == {"cancelled"}


def test_a_bad_filter_is_refused_before_the_server_sees_it(client: EigenpalClient) -> None:
    with pytest.raises(InvalidArgumentError, match="created_after"):
        client.runs.list(created_after=datetime(2026, 1, 1))


@pytest.mark.asyncio
async def test_the_async_client_filters_alike(aclient: AsyncEigenpalClient, made: Made) -> None:
    first, failed, by_cli, rejected = made.ids

    failed_page = await aclient.runs.list(tag=made.tag, status="failed", trigger="api")
    recent = [item.id async for item in aclient.runs.iter(tag=made.tag, created_after=made.middle, order="asc")]
    cli_handles = [handle.id async for handle in aclient.runs.handles(tag=made.tag, trigger="cli")]
    window = await aclient.runs.list(
        tag=made.tag, created_after=made.middle - timedelta(hours=1), created_before="now()", offset=2
    )

    assert [item.id for item in failed_page.runs] == [failed]
    assert recent == [by_cli, rejected]
    assert cli_handles == [by_cli]
    assert [item.id for item in window.runs] == [failed, first]
