"""Runs waiting on people, against an in-process local server: a `workflows.review` run stops in `waiting` on a
human review task (its execution carries `humanReview`) until `LocalServer.confirm_review` (a control of the local
server, not an API operation) has confirmed it `required` times, then completes.

- the waiting run is seen with its counts, on the run, with `expand=execution`, and in the list;
- `runs.poll` shows each confirmation as a new state;
- `stop_on_human_review=True` returns the waiting run at once from every wait (`runs.wait`, `handle.wait`,
  `run_and_wait`, `wait_all`, `as_completed`), while by default a wait goes on until the review lets the run complete,
  or the deadline ends it;
- the command line shows `waiting for review 1/2` and exits 6 with `--stop-on-human-review`.
"""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import AsyncIterator, Iterator

import pytest
import pytest_asyncio
from eigenpal_api.models import Run, WorkflowRunExecution
from rich.console import Console

from eigenpal_ext import (
    AsyncEigenpalClient,
    EigenpalClient,
    EigenpalTimeoutError,
    RunStatus,
    human_review_of,
    is_success,
)
from eigenpal_local import LocalServer

API_KEY = "ep_human_review_0001"
REVIEW = "workflows.review"
QUICK = 5.0
"""A bound on what must end at once (a wait told to stop on a person, which needs one or two reads): generous."""


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=API_KEY, workers=8) as running:
        yield running


@pytest.fixture
def client(server: LocalServer) -> Iterator[EigenpalClient]:
    with EigenpalClient(api_key=API_KEY, base_url=server.base_url) as sync_client:
        yield sync_client


@pytest_asyncio.fixture
async def aclient(server: LocalServer) -> AsyncIterator[AsyncEigenpalClient]:
    async with AsyncEigenpalClient(api_key=API_KEY, base_url=server.base_url) as async_client:
        yield async_client


def counts(run: Run) -> tuple[str, int, int] | tuple[str]:
    """A run's status, with its review's confirmed and required counts while it waits on a person."""
    review = human_review_of(run)
    status = str(run.execution.status)
    return (status,) if review is None else (status, review.confirmed_count, review.required_count)


# -- what a waiting run looks like --------------------------------------------------------------------------------


def test_a_run_waiting_for_review_is_seen_with_its_counts(client: EigenpalClient, server: LocalServer) -> None:
    started = client.run(REVIEW, input={"required": 2, "label": "Check the totals"})
    run = client.runs.wait(started.id, stop_on_human_review=True, timeout_seconds=QUICK)

    assert run.execution.status == RunStatus.WAITING
    review = human_review_of(run)
    assert review is not None
    assert (review.confirmed_count, review.required_count, review.version) == (0, 2, 1)
    assert (review.source_label, review.status, str(review.source_kind)) == (
        "Check the totals",
        "pending",
        "workflow_step",
    )
    assert review.task_id.startswith("hrt_")

    full = client.runs.get(started.id, expand=["execution"])
    assert isinstance(full.execution, WorkflowRunExecution)
    assert full.execution.human_review == review
    (item,) = client.runs.list(ids=[started.id]).runs
    assert item.execution.human_review == review

    assert server.confirm_review(started.id)["confirmedCount"] == 1
    assert server.confirm_review(started.id)["confirmedCount"] == 2
    final = client.runs.wait(started.id, timeout_seconds=QUICK)
    assert is_success(final)
    assert final.execution.human_review is None
    assert final.output == {"reviewed": True, "confirmedCount": 2, "requiredCount": 2}
    with pytest.raises(LookupError):
        server.confirm_review(started.id)  # nothing waits on a review any more


@pytest.mark.asyncio
async def test_a_run_waiting_for_review_is_seen_with_its_counts_async(
    aclient: AsyncEigenpalClient, server: LocalServer
) -> None:
    started = await aclient.run(REVIEW, input={"required": 3})
    run = await aclient.runs.wait(started.id, stop_on_human_review=True, timeout_seconds=QUICK)

    assert counts(run) == ("waiting", 0, 3)
    await asyncio.to_thread(server.confirm_review, started.id)
    again = await aclient.runs.get(started.id)
    assert counts(again) == ("waiting", 1, 3)
    review = human_review_of(again)
    assert review is not None
    assert review.version == 2
    await aclient.runs.cancel(started.id)  # a cancel ends the wait on the reviewers
    assert (await aclient.runs.wait(started.id, timeout_seconds=QUICK)).execution.status == RunStatus.CANCELLED


# -- poll --------------------------------------------------------------------------------------------------------


def test_poll_yields_the_count_change_after_a_confirmation(client: EigenpalClient, server: LocalServer) -> None:
    started = client.run(REVIEW, input={"required": 2})
    seen: list[tuple[str, int, int] | tuple[str]] = []
    for state in client.runs.poll(started.id, timeout_seconds=30, poll_interval_seconds=0.3):
        seen.append(counts(state))
        review = human_review_of(state)
        if review is not None:
            server.confirm_review(started.id)  # one reviewer per state seen: each count is seen once

    waits = [state for state in seen if state[0] == "waiting"]
    assert waits == [("waiting", 0, 2), ("waiting", 1, 2)]
    assert seen[-1] == ("completed",)


@pytest.mark.asyncio
async def test_poll_yields_the_count_change_after_a_confirmation_async(
    aclient: AsyncEigenpalClient, server: LocalServer
) -> None:
    started = await aclient.run(REVIEW, input={"required": 2})
    seen: list[tuple[str, int, int] | tuple[str]] = []
    async for state in aclient.runs.poll(started.id, timeout_seconds=30, poll_interval_seconds=0.3):
        seen.append(counts(state))
        if human_review_of(state) is not None:
            await asyncio.to_thread(server.confirm_review, started.id)

    assert [state for state in seen if state[0] == "waiting"] == [("waiting", 0, 2), ("waiting", 1, 2)]
    assert seen[-1] == ("completed",)


# -- stop_on_human_review, and the default ------------------------------------------------------------------------


def test_every_wait_told_to_stop_returns_the_waiting_run_at_once(client: EigenpalClient) -> None:
    began = time.monotonic()
    run = client.run_and_wait(REVIEW, input={"required": 1}, stop_on_human_review=True, timeout_seconds=60)
    assert counts(run) == ("waiting", 0, 1)  # the start was not held until the run ends

    handle = client.runs.handle(run.id)
    assert counts(handle.wait(stop_on_human_review=True, timeout_seconds=60)) == ("waiting", 0, 1)
    assert handle.run is not None

    others = [client.run(REVIEW, input={"required": 1}).id for _ in range(2)]
    done = client.run("workflows.sleep", input={"seconds": 0.1, "steps": 1}).id
    finals = client.runs.wait_all([*others, done], stop_on_human_review=True, timeout_seconds=60)
    assert [counts(final) for final in finals] == [("waiting", 0, 1), ("waiting", 0, 1), ("completed",)]
    ended = list(client.runs.as_completed(others, stop_on_human_review=True, timeout_seconds=60))
    assert sorted(final.id for final in ended) == sorted(others)
    assert time.monotonic() - began < 4 * QUICK  # none of them spent its 60 s on the reviewers
    for run_id in [run.id, *others]:
        client.runs.cancel(run_id)


@pytest.mark.asyncio
async def test_every_wait_told_to_stop_returns_the_waiting_run_at_once_async(aclient: AsyncEigenpalClient) -> None:
    began = time.monotonic()
    run = await aclient.run_and_wait(REVIEW, input={"required": 1}, stop_on_human_review=True, timeout_seconds=60)
    assert counts(run) == ("waiting", 0, 1)
    handle = aclient.runs.handle(run.id)
    assert counts(await handle.wait(stop_on_human_review=True, timeout_seconds=60)) == ("waiting", 0, 1)
    other = (await aclient.run(REVIEW, input={"required": 2})).id
    finals = await aclient.runs.wait_all([run.id, other], stop_on_human_review=True, timeout_seconds=60)
    assert [counts(final) for final in finals] == [("waiting", 0, 1), ("waiting", 0, 2)]
    ended = [final async for final in aclient.runs.as_completed([other], stop_on_human_review=True, timeout_seconds=60)]
    assert [counts(final) for final in ended] == [("waiting", 0, 2)]
    assert time.monotonic() - began < 4 * QUICK
    for run_id in (run.id, other):
        await aclient.runs.cancel(run_id)


def test_by_default_a_wait_keeps_waiting_until_the_deadline(client: EigenpalClient) -> None:
    started = client.run(REVIEW, input={"required": 1})
    began = time.monotonic()
    with pytest.raises(EigenpalTimeoutError) as timed_out:
        client.runs.wait(started.id, timeout_seconds=1.5)

    assert 1.4 < time.monotonic() - began < 1.5 + QUICK  # the whole deadline was spent on the reviewer
    assert timed_out.value.last_run is not None
    assert counts(timed_out.value.last_run) == ("waiting", 0, 1)  # the timeout says what held the run
    client.runs.cancel(started.id)


def test_by_default_a_wait_goes_on_until_the_review_completes_the_run(client: EigenpalClient) -> None:
    # The run confirms itself every 0.3 s (an input of the local workflow, standing in for two reviewers).
    seen: list[Run] = []
    final = client.run_and_wait(
        REVIEW, input={"required": 2, "confirm_every_seconds": 0.3}, timeout_seconds=30, on_update=seen.append
    )

    assert is_success(final)
    assert final.output == {"reviewed": True, "confirmedCount": 2, "requiredCount": 2}


@pytest.mark.asyncio
async def test_by_default_a_wait_goes_on_until_the_review_completes_the_run_async(
    aclient: AsyncEigenpalClient, server: LocalServer
) -> None:
    started = await aclient.run(REVIEW, input={"required": 1})
    waiting = asyncio.ensure_future(aclient.runs.wait(started.id, timeout_seconds=30))
    await aclient.runs.wait(started.id, stop_on_human_review=True, timeout_seconds=QUICK)
    await asyncio.sleep(0.5)
    assert not waiting.done()  # the run waits on a person, and so does the wait
    await asyncio.to_thread(server.confirm_review, started.id)
    assert is_success(await asyncio.wait_for(waiting, 30))


def test_a_waiting_run_without_a_review_is_waited_on_even_when_told_to_stop(client: EigenpalClient) -> None:
    # workflows.sleep with wait=true reports `waiting` while it sleeps, with no human review: not a person.
    final = client.run_and_wait(
        "workflows.sleep",
        input={"seconds": 0.6, "steps": 2, "wait": True},
        stop_on_human_review=True,
        timeout_seconds=30,
    )
    assert is_success(final)


# -- the command line ---------------------------------------------------------------------------------------------


def _cli(server: LocalServer, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    from eigenpal_ext.cli import main

    code = main([*args, "--base-url", server.base_url, "--api-key", API_KEY])
    return code, capsys.readouterr().out


def test_the_command_line_shows_waiting_for_review_and_exits_6(
    server: LocalServer, client: EigenpalClient, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _cli(server, capsys, "run", REVIEW, "--input", "required=2", "--stop-on-human-review")
    assert code == 6
    status_line = next(line for line in out.splitlines() if line.strip().startswith("status"))
    assert status_line.split() == ["status", "waiting", "for", "review", "0/2"]
    run_id = next(line.split()[1] for line in out.splitlines() if line.split()[:1] == ["run"])

    server.confirm_review(run_id)
    code, out = _cli(server, capsys, "runs", "wait", run_id, "--stop-on-human-review")
    assert code == 6
    assert "waiting for review 1/2" in out
    code, out = _cli(server, capsys, "runs", "list", "--ids", run_id)
    assert "waiting for review 1/2" in out

    server.confirm_review(run_id)
    code, out = _cli(server, capsys, "runs", "wait", run_id, "--stop-on-human-review")
    assert code == 0
    assert "completed" in out


def test_the_progress_display_shows_waiting_for_review(client: EigenpalClient, server: LocalServer) -> None:
    from eigenpal_ext.cli._progress import follow_run

    started = client.run(REVIEW, input={"required": 2})
    client.runs.wait(started.id, stop_on_human_review=True, timeout_seconds=QUICK)
    server.confirm_review(started.id)

    plain = Console(file=io.StringIO(), force_terminal=False, width=200)
    states = client.runs.poll(started.id, stop_on_human_review=True, expand=["execution"], timeout_seconds=QUICK)
    last = follow_run(states, plain, started.id)
    assert last is not None
    assert plain.file.getvalue() == f"  {started.id}: waiting for review 1/2, steps 1/3 (review)\n"  # type: ignore[attr-defined]

    live = Console(file=io.StringIO(), force_terminal=True, width=200, color_system=None)
    states = client.runs.poll(started.id, stop_on_human_review=True, expand=["execution"], timeout_seconds=QUICK)
    follow_run(states, live, started.id)
    assert "waiting for review 1/2 · review" in live.file.getvalue()  # type: ignore[attr-defined]
    client.runs.cancel(started.id)
